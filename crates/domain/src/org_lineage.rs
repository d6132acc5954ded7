//! Validation of an org-lineage CSV file (`kind,effective,from_code,to_code,legal_basis`): how
//! units were merged, split, dissolved or renamed. Every row is checked against the known units
//! and the others; the file is accepted whole or rejected with each problem and its line.

use crate::org::{OrgUnit, UnitCode};
use crate::org_import::ImportProblem;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// The required header of the lineage format.
pub const COLUMNS: [&str; 5] = ["kind", "effective", "from_code", "to_code", "legal_basis"];

/// The kinds of lineage a row may record.
pub const KINDS: [&str; 4] = ["merge", "split", "dissolve", "rename"];

/// One validated lineage row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineageRow {
    pub kind: &'static str,
    pub effective: NaiveDate,
    pub from: UnitCode,
    pub to: UnitCode,
    pub legal_basis: String,
}

/// Parses and validates `csv_text` against the `units` it refers to.
pub fn parse_lineage(
    csv_text: &str,
    units: &[OrgUnit],
) -> Result<Vec<LineageRow>, Vec<ImportProblem>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let header = read_header(&mut reader)?;
    let known: HashSet<&str> = units.iter().map(|u| u.code.as_str()).collect();
    let mut seen = HashMap::new();
    let (mut rows, mut problems) = (Vec::new(), Vec::new());
    for record in reader.records() {
        let parsed = record
            .map_err(|e| {
                (
                    e.position().map_or(0, |p| p.line()),
                    format!("unreadable row: {e}"),
                )
            })
            .and_then(|rec| {
                let line = rec.position().map_or(0, |p| p.line());
                let row = parse_row(&rec, &header, &known).map_err(|m| (line, m))?;
                let key = (row.kind, row.effective, row.from.clone(), row.to.clone());
                match seen.insert(key, line) {
                    Some(first) => Err((line, format!("repeats the row of line {first}"))),
                    None => Ok(row),
                }
            });
        match parsed {
            Ok(row) => rows.push(row),
            Err((line, message)) => problems.push(ImportProblem { line, message }),
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

fn read_header(
    reader: &mut csv::Reader<&[u8]>,
) -> Result<HashMap<String, usize>, Vec<ImportProblem>> {
    let problem = |message: String| vec![ImportProblem { line: 1, message }];
    let header = reader
        .headers()
        .map_err(|e| problem(format!("unreadable header: {e}")))?;
    crate::csv_header::index_columns(header, &COLUMNS).map_err(|missing| {
        problem(format!(
            "header lacks column(s) {}; expected {}",
            missing.join(", "),
            COLUMNS.join(",")
        ))
    })
}

fn parse_row(
    rec: &csv::StringRecord,
    header: &HashMap<String, usize>,
    known: &HashSet<&str>,
) -> Result<LineageRow, String> {
    let field = |name: &str| header.get(name).and_then(|&i| rec.get(i)).unwrap_or("");
    let kind = KINDS
        .iter()
        .copied()
        .find(|k| *k == field("kind"))
        .ok_or_else(|| {
            format!(
                "kind '{}' is not one of {}",
                field("kind"),
                KINDS.join(", ")
            )
        })?;
    let effective = NaiveDate::parse_from_str(field("effective"), "%Y-%m-%d").map_err(|_| {
        format!(
            "effective '{}' is not a date YYYY-MM-DD",
            field("effective")
        )
    })?;
    let unit = |name: &str| {
        let code = UnitCode::parse(field(name)).map_err(|e| format!("{name}: {e}"))?;
        if known.contains(code.as_str()) {
            Ok(code)
        } else {
            Err(format!("{name} {code} is not a known unit"))
        }
    };
    let (from, to) = (unit("from_code")?, unit("to_code")?);
    if from == to {
        return Err(format!("from_code and to_code are both {from}"));
    }
    let legal_basis = field("legal_basis").to_owned();
    if legal_basis.is_empty() {
        return Err("legal_basis is empty: each change cites its legal text".into());
    }
    Ok(LineageRow {
        kind,
        effective,
        from,
        to,
        legal_basis,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units() -> Vec<OrgUnit> {
        crate::org_import::parse_org_units(crate::base::ORG_UNITS_CSV, &[]).unwrap()
    }

    #[test]
    fn the_shipped_lineage_is_valid() {
        let text = crate::base::ORG_LINEAGE_CSV.unwrap();
        let rows = parse_lineage(text, &units()).unwrap();
        assert_eq!(rows.len(), text.lines().count() - 1);
    }

    #[test]
    fn each_bad_row_is_reported_with_its_line() {
        let csv = "kind,effective,from_code,to_code,legal_basis\n\
                   merge,2025-07-01,H31.SNV,H31.SNV,x\n\
                   fuse,2025-07-01,H31.SNV,H31,x\n\
                   merge,2025-02-30,H31.SNV,H31,x\n\
                   merge,2025-07-01,H31.NOPE,H31,x\n\
                   merge,2025-07-01,H31.SNV,H31,\n\
                   merge,2025-07-01,H31.SNV,H31,NQ 1\n\
                   merge,2025-07-01,H31.SNV,H31,NQ 2\n";
        let problems = parse_lineage(csv, &units()).unwrap_err();
        let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6, 8]);
        assert!(problems[5].message.contains("line 7"), "{}", problems[5]);
    }

    #[test]
    fn a_missing_column_is_a_header_problem() {
        let problems = parse_lineage("kind,effective\n", &units()).unwrap_err();
        assert_eq!(problems[0].line, 1);
        assert!(problems[0].message.contains("from_code"));
    }
}
