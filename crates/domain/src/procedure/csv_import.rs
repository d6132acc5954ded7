//! CSV import of the catalogue: one line per procedure version.
//!
//! Columns (header required, any order; extra columns are ignored):
//!
//! | column | content |
//! |---|---|
//! | `code`, `version` | procedure code (`1.001193`, `1.001193.H31`) and version number; lines with the same code are versions of one procedure |
//! | `name`, `sector_code`, `sector_name` | name, lĩnh vực code (may be empty) and name; must agree between the lines of one code (the first line's values are kept) |
//! | `level`, `unit_kind`, `unit_name` | `province` / `district` / `commune`; `ubnd_tinh` / `so_ban_nganh` / `ubnd_huyen` / `ubnd_xa` / `nganh_doc`; optional unit name |
//! | `valid_from`, `valid_to` | `YYYY-MM-DD`; `valid_to` (inclusive) may be empty |
//! | `time_value`, `time_unit` | legal time: a count and `gio` / `ngay` / `ngay_lam_viec` / `thang` / `trong_ngay` |
//! | `same_day_cutoff` | `HH:MM` or empty |
//! | `fees` | `;`-separated `kind:name=amount`, kind `phi` / `le_phi`, amount VND / `mien` / `bieu_phi` (a scale: the `note` column describes it) |
//! | `components` | `;`-separated names; a leading `?` marks a component needed only in some cases |
//! | `result_name`, `result_kind` | result and `paper` / `electronic` / `both` |
//! | `online_level` | `full` / `partial` / `none` |
//! | `steps` | `;`-separated `name=hours` (hours may be decimal, e.g. `0.5`) |
//! | `legal_basis` | `;`-separated `number` or `number|title` |
//! | `publication_no`, `publication_issuer`, `publication_date` | the publication decision |
//! | `unconfirmed`, `note` | `;`-separated fields not confirmed (`code`, `sector`, `processing_time`, `fees`, `legal_basis`, `publication`) and the note saying why (required when `unconfirmed` is not empty) |

use std::collections::HashMap;

use serde_json::Value;

use super::problem::{Location, Problem, Sink};
use super::raw::{
    RawCode, RawComponent, RawFee, RawLegal, RawMarkedCode, RawProcedure, RawPublication,
    RawResult, RawSector, RawStep, RawTime, RawVersion,
};
use super::{Catalogue, finish, validate};

/// The required columns.
pub const COLUMNS: [&str; 25] = [
    "code",
    "version",
    "name",
    "sector_code",
    "sector_name",
    "level",
    "unit_kind",
    "unit_name",
    "valid_from",
    "valid_to",
    "time_value",
    "time_unit",
    "same_day_cutoff",
    "fees",
    "components",
    "result_name",
    "result_kind",
    "online_level",
    "steps",
    "legal_basis",
    "publication_no",
    "publication_issuer",
    "publication_date",
    "unconfirmed",
    "note",
];

/// Fields that the `unconfirmed` column may name.
const MARKABLE: [&str; 6] = [
    "code",
    "sector",
    "processing_time",
    "fees",
    "legal_basis",
    "publication",
];

/// Parses and validates a CSV catalogue: every problem with its line, or the catalogue.
pub fn parse_csv(text: &str) -> Result<Catalogue, Vec<Problem>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = read_header(&mut reader)?;
    let mut problems = Vec::new();
    let mut groups: Vec<(u64, RawProcedure)> = Vec::new();
    let mut by_code: HashMap<String, usize> = HashMap::new();
    for record in reader.records() {
        let rec = match record {
            Ok(rec) => rec,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(problem(line, "", format!("unreadable line: {e}")));
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line());
        let field = |name: &str| header.get(name).and_then(|&i| rec.get(i)).unwrap_or("");
        let Some(raw) = row(&field, line, &mut problems) else {
            continue;
        };
        let key = field("code").to_owned();
        match by_code.get(&key) {
            Some(&g) => merge(&mut groups[g], raw, line, &mut problems),
            None => {
                by_code.insert(key, groups.len());
                groups.push((line, raw));
            }
        }
    }
    let rows = groups
        .iter()
        .filter_map(|(line, raw)| {
            let loc = Location::Line(*line);
            validate::procedure(raw, loc, &mut problems).map(|p| (loc, p))
        })
        .collect();
    finish(None, rows, problems)
}

fn problem(line: u64, field: &str, message: impl Into<String>) -> Problem {
    Problem {
        location: Location::Line(line),
        field: field.to_owned(),
        message: message.into(),
    }
}

fn read_header(reader: &mut csv::Reader<&[u8]>) -> Result<HashMap<String, usize>, Vec<Problem>> {
    let header = reader
        .headers()
        .map_err(|e| vec![problem(1, "", format!("unreadable header: {e}"))])?;
    crate::csv_header::index_columns(header, &COLUMNS).map_err(|missing| {
        vec![problem(
            1,
            "",
            format!("header lacks column(s) {}", missing.join(", ")),
        )]
    })
}

/// Adds the version of a later line to the procedure of its code, checking that the
/// procedure-level columns agree; a `code` or `sector` mark on any line applies.
fn merge(group: &mut (u64, RawProcedure), raw: RawProcedure, line: u64, out: &mut Vec<Problem>) {
    let (first, proc_) = group;
    let same = [
        ("name", proc_.name == raw.name),
        ("sector_name", proc_.sector.name == raw.sector.name),
        ("level", proc_.level == raw.level),
        ("unit_kind", proc_.unit_kind == raw.unit_kind),
    ];
    for (field, ok) in same {
        if !ok {
            out.push(problem(
                line,
                field,
                format!("differs from line {first} with the same code"),
            ));
        }
    }
    if matches!(raw.code, RawCode::Marked(_)) {
        proc_.code = raw.code;
    }
    if raw.sector.unconfirmed {
        proc_.sector = raw.sector;
    }
    proc_.versions.extend(raw.versions);
}

type Field<'a> = dyn Fn(&str) -> &'a str + 'a;

/// The `unconfirmed` and `note` columns of a line.
struct Marks {
    fields: Vec<String>,
    note: Option<String>,
}

impl Marks {
    fn has(&self, field: &str) -> bool {
        self.fields.iter().any(|f| f == field)
    }
}

/// The columns of a line that need parsing before validation.
struct Parsed {
    version: u32,
    time_value: u32,
    steps: Vec<RawStep>,
    fees: Vec<RawFee>,
}

fn row<'a>(field: &Field<'a>, line: u64, out: &mut Vec<Problem>) -> Option<RawProcedure> {
    let before = out.len();
    let mut sink = Sink::new(out, Location::Line(line), "");
    let marks = Marks {
        fields: list(field("unconfirmed")).map(str::to_owned).collect(),
        note: Some(field("note").to_owned()).filter(|s| !s.is_empty()),
    };
    for m in &marks.fields {
        if !MARKABLE.contains(&m.as_str()) {
            let expected = MARKABLE.join(", ");
            sink.push(
                "unconfirmed",
                format!("unknown field '{m}'; expected one of {expected}"),
            );
        }
    }
    let mut number = |name: &str| -> u32 {
        let parsed = field(name).parse::<u32>();
        let err = || format!("'{}' is not a whole number", field(name));
        sink.take(name, parsed.map_err(|_| err())).unwrap_or(0)
    };
    let (version, time_value) = (number("version"), number("time_value"));
    let steps = steps(&mut sink, field("steps"));
    let fees = fees(
        &mut sink,
        field("fees"),
        marks.has("fees"),
        marks.note.as_ref(),
    );
    if sink.count() > before {
        return None;
    }
    let parsed = Parsed {
        version,
        time_value,
        steps,
        fees,
    };
    Some(procedure_of(field, line, parsed, &marks))
}

fn procedure_of<'a>(field: &Field<'a>, line: u64, parsed: Parsed, marks: &Marks) -> RawProcedure {
    let opt = |name: &str| Some(field(name).to_owned()).filter(|s| !s.is_empty());
    let code = if marks.has("code") {
        RawCode::Marked(RawMarkedCode {
            value: field("code").to_owned(),
            unconfirmed: true,
            note: marks.note.clone(),
            source: None,
        })
    } else {
        RawCode::Plain(field("code").to_owned())
    };
    RawProcedure {
        code,
        name: field("name").to_owned(),
        sector: RawSector {
            code: opt("sector_code"),
            name: field("sector_name").to_owned(),
            unconfirmed: marks.has("sector"),
            note: marks.note.clone(),
            source: None,
        },
        level: field("level").to_owned(),
        unit_kind: field("unit_kind").to_owned(),
        unit_name: opt("unit_name"),
        versions: vec![version_of(field, line, parsed, marks)],
    }
}

fn version_of<'a>(field: &Field<'a>, line: u64, parsed: Parsed, marks: &Marks) -> RawVersion {
    let opt = |name: &str| Some(field(name).to_owned()).filter(|s| !s.is_empty());
    RawVersion {
        version: parsed.version,
        valid_from: field("valid_from").to_owned(),
        valid_to: opt("valid_to"),
        processing_time: RawTime {
            value: parsed.time_value,
            unit: field("time_unit").to_owned(),
            text: None,
            unconfirmed: marks.has("processing_time"),
            note: marks.note.clone(),
            source: None,
        },
        same_day_cutoff: opt("same_day_cutoff"),
        fees: parsed.fees,
        components: components(field("components")),
        result: RawResult {
            name: field("result_name").to_owned(),
            kind: field("result_kind").to_owned(),
        },
        online_level: field("online_level").to_owned(),
        steps: parsed.steps,
        legal_basis: legal_basis(
            field("legal_basis"),
            marks.has("legal_basis"),
            marks.note.as_ref(),
        ),
        publication: Some(RawPublication {
            decision_no: field("publication_no").to_owned(),
            issuer: field("publication_issuer").to_owned(),
            date: opt("publication_date"),
            unconfirmed: marks.has("publication"),
            note: marks.note.clone(),
            source: None,
        }),
        line: Some(line),
    }
}

/// The non-empty items of a `;`-separated list.
fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split(';').map(str::trim).filter(|x| !x.is_empty())
}

fn steps(sink: &mut Sink<'_>, s: &str) -> Vec<RawStep> {
    let mut out = Vec::new();
    for item in list(s) {
        let parsed = item.rsplit_once('=').and_then(|(name, h)| {
            h.trim().parse::<f64>().ok().map(|budget_hours| RawStep {
                name: name.trim().to_owned(),
                budget_hours,
            })
        });
        match parsed {
            Some(step) => out.push(step),
            None => sink.push("steps", format!("step '{item}': expected name=hours")),
        }
    }
    out
}

fn fees(sink: &mut Sink<'_>, s: &str, unconfirmed: bool, note: Option<&String>) -> Vec<RawFee> {
    let mut out = Vec::new();
    for item in list(s) {
        let parsed = item.split_once(':').and_then(|(kind, rest)| {
            rest.rsplit_once('=')
                .map(|(name, amount)| (kind.trim(), name.trim(), amount.trim()))
        });
        let Some((kind, name, amount)) = parsed else {
            sink.push("fees", format!("fee '{item}': expected kind:name=amount"));
            continue;
        };
        let amount = amount
            .parse::<u64>()
            .map_or_else(|_| Value::from(amount), Value::from);
        out.push(RawFee {
            kind: kind.to_owned(),
            name: name.to_owned(),
            amount,
            unconfirmed,
            note: note.cloned(),
            source: None,
        });
    }
    out
}

fn components(s: &str) -> Vec<RawComponent> {
    list(s)
        .map(|item| {
            let (required, name) = match item.strip_prefix('?') {
                Some(rest) => (false, rest.trim()),
                None => (true, item),
            };
            RawComponent {
                name: name.to_owned(),
                originals: 1,
                copies: 0,
                required,
            }
        })
        .collect()
}

fn legal_basis(s: &str, unconfirmed: bool, note: Option<&String>) -> Vec<RawLegal> {
    list(s)
        .map(|item| {
            let (number, title) = match item.split_once('|') {
                Some((n, t)) => (n.trim(), Some(t.trim().to_owned())),
                None => (item, None),
            };
            RawLegal {
                number: number.to_owned(),
                title,
                unconfirmed,
                note: note.cloned(),
                source: None,
            }
        })
        .collect()
}
