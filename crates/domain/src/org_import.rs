//! Validation of an org-unit CSV file: all rows valid against each other and the existing
//! units, or a list of problems with their line numbers and nothing to write.

use crate::org::{OrgKind, OrgUnit, UnitCode};
use crate::text::nfc;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::fmt;

/// The required header of the import format, in order.
pub const COLUMNS: [&str; 7] = [
    "code",
    "name",
    "kind",
    "parent_code",
    "valid_from",
    "valid_to",
    "successor_code",
];

/// One problem found in an import file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// 1-based line number in the file (the header is line 1).
    pub line: u64,
    pub message: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Parses and validates `csv_text` against `existing` units. Returns the new units in file
/// order, or every problem found.
pub fn parse_org_units(
    csv_text: &str,
    existing: &[OrgUnit],
) -> Result<Vec<OrgUnit>, Vec<ImportProblem>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let header = read_header(&mut reader)?;
    let mut problems = Vec::new();
    let mut rows: Vec<(u64, OrgUnit)> = Vec::new();
    for record in reader.records() {
        match record {
            Ok(rec) => {
                let line = rec.position().map_or(0, |p| p.line());
                match parse_row(&rec, &header) {
                    Ok(unit) => rows.push((line, unit)),
                    Err(msg) => problems.push(ImportProblem { line, message: msg }),
                }
            }
            Err(e) => problems.push(ImportProblem {
                line: e.position().map_or(0, |p| p.line()),
                message: format!("unreadable row: {e}"),
            }),
        }
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(ImportProblem {
            line: 1,
            message: "the file has no data rows".into(),
        });
    }
    check_consistency(&rows, existing, &mut problems);
    if problems.is_empty() {
        Ok(rows.into_iter().map(|(_, u)| u).collect())
    } else {
        problems.sort_by_key(|p| p.line);
        Err(problems)
    }
}

fn read_header(
    reader: &mut csv::Reader<&[u8]>,
) -> Result<HashMap<String, usize>, Vec<ImportProblem>> {
    let header = reader.headers().map_err(|e| {
        vec![ImportProblem {
            line: 1,
            message: format!("unreadable header: {e}"),
        }]
    })?;
    crate::csv_header::index_columns(header, &COLUMNS).map_err(|missing| {
        vec![ImportProblem {
            line: 1,
            message: format!(
                "header lacks column(s) {}; expected {}",
                missing.join(", "),
                COLUMNS.join(",")
            ),
        }]
    })
}

fn parse_row(rec: &csv::StringRecord, header: &HashMap<String, usize>) -> Result<OrgUnit, String> {
    let field = |name: &str| header.get(name).and_then(|&i| rec.get(i)).unwrap_or("");
    let optional_code = |name: &str| match field(name) {
        "" => Ok(None),
        s => UnitCode::parse(s)
            .map(Some)
            .map_err(|e| format!("{name}: {e}")),
    };
    let code = UnitCode::parse(field("code"))?;
    let name = nfc(field("name"));
    if name.is_empty() {
        return Err(format!("unit {code} has an empty name"));
    }
    let kind: OrgKind = field("kind").parse()?;
    let valid_from = parse_date(field("valid_from"), "valid_from")?;
    let valid_to = match field("valid_to") {
        "" => None,
        s => Some(parse_date(s, "valid_to")?),
    };
    if valid_to.is_some_and(|to| to < valid_from) {
        return Err(format!("unit {code}: valid_to is before valid_from"));
    }
    let provisional = match field("provisional") {
        "" | "0" | "false" => false,
        "1" | "true" => true,
        other => return Err(format!("provisional must be 0 or 1, not '{other}'")),
    };
    let legal_basis = Some(nfc(field("legal_basis"))).filter(|s| !s.is_empty());
    Ok(OrgUnit {
        parent_code: optional_code("parent_code")?,
        successor_code: optional_code("successor_code")?,
        code,
        name,
        kind,
        valid_from,
        valid_to,
        legal_basis,
        provisional,
    })
}

fn parse_date(s: &str, column: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{column} '{s}' is not a date of the form YYYY-MM-DD"))
}

fn check_consistency(
    rows: &[(u64, OrgUnit)],
    existing: &[OrgUnit],
    problems: &mut Vec<ImportProblem>,
) {
    let mut by_code: HashMap<&UnitCode, Vec<&OrgUnit>> = HashMap::new();
    for unit in existing {
        by_code.entry(&unit.code).or_default().push(unit);
    }
    for (line, unit) in rows {
        let clash = by_code.get(&unit.code).and_then(|v| {
            v.iter()
                .find(|u| u.overlaps(unit.valid_from, unit.valid_to))
        });
        if let Some(other) = clash {
            let what = if existing.iter().any(|e| std::ptr::eq(e, *other)) {
                "overlaps the validity of an existing unit with the same code"
            } else {
                "duplicate code: an earlier row has the same code with overlapping validity"
            };
            problems.push(ImportProblem {
                line: *line,
                message: format!("{}: {what}", unit.code),
            });
        }
        by_code.entry(&unit.code).or_default().push(unit);
    }
    for (line, unit) in rows {
        check_references(*line, unit, &by_code, problems);
    }
}

fn check_references(
    line: u64,
    unit: &OrgUnit,
    by_code: &HashMap<&UnitCode, Vec<&OrgUnit>>,
    problems: &mut Vec<ImportProblem>,
) {
    if let Some(parent) = &unit.parent_code {
        let known = by_code
            .get(parent)
            .is_some_and(|v| v.iter().any(|p| p.valid_at(unit.valid_from)));
        if !known {
            problems.push(ImportProblem {
                line,
                message: format!(
                    "unknown parent {parent}: no unit with that code is valid on {}",
                    unit.valid_from
                ),
            });
        }
    }
    if let Some(successor) = &unit.successor_code
        && !by_code.contains_key(successor)
    {
        problems.push(ImportProblem {
            line,
            message: format!("unknown successor {successor}"),
        });
    }
}

#[cfg(test)]
mod tests;
