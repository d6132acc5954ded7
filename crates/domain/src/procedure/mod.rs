//! The procedure catalogue (danh mục thủ tục hành chính, docs/DOMAIN.md § Procedures): procedures with
//! effective-dated versions, their legal time, fees, components, result, online level, internal
//! steps and the documents that decide them; import from JSON or CSV with all-or-nothing
//! validation; search that folds Vietnamese diacritics.
//!
//! Formats: JSON as shipped in `data/procedures/procedures.json` ([`parse_json`]) and a flat CSV
//! of one version per line ([`parse_csv`], columns in [`csv_import::COLUMNS`]); both are
//! described in `data/procedures/README.md`.

pub mod base;
pub mod code;
pub mod csv_import;
pub mod kinds;
pub mod model;
pub mod problem;
mod raw;
pub mod time;
mod validate;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

pub use code::ProcedureCode;
pub use csv_import::parse_csv;
pub use kinds::{CompetentLevel, FeeKind, OnlineLevel, ResultType, UnitKind};
pub use model::{
    Component, Fee, FeeAmount, LegalDoc, LegalTime, Procedure, ProcedureVersion, Provenance,
    Publication, ResultSpec, Sector, Step,
};
pub use problem::{Location, Problem};
pub use time::{ProcessingTime, TimeUnit};

use raw::{RawFile, RawProcedure};

/// The `format` tag of the JSON file.
pub const FORMAT: &str = "cchc-procedures/1";

/// A document or record the data was read from, cited by `id` in provenance `source` fields.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DataSource {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub note: Option<String>,
}

/// A validated catalogue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    /// The edition of the data file (free text, e.g. a date), when given.
    pub edition: Option<String>,
    /// The sources cited by the records (JSON only).
    pub sources: Vec<DataSource>,
    /// Procedures in file order; codes are unique.
    pub procedures: Vec<Procedure>,
}

impl Catalogue {
    /// The procedure with this code.
    pub fn get(&self, code: &str) -> Option<&Procedure> {
        self.procedures
            .iter()
            .find(|p| p.code.as_str() == code.trim())
    }

    /// Procedures whose folded name, code or sector contain every word of `query`.
    pub fn search(&self, query: &str) -> Vec<&Procedure> {
        self.procedures
            .iter()
            .filter(|p| p.matches(query))
            .collect()
    }

    pub fn len(&self) -> usize {
        self.procedures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.procedures.is_empty()
    }
}

/// The catalogue shipped in the binary (`data/procedures/procedures.json`).
pub fn shipped() -> Result<Catalogue, Vec<Problem>> {
    parse_json(base::PROCEDURES)
}

/// Parses and validates a JSON catalogue: every problem, or the catalogue.
pub fn parse_json(text: &str) -> Result<Catalogue, Vec<Problem>> {
    let file: RawFile = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        vec![Problem {
            location: Location::File,
            field: String::new(),
            message: format!("unreadable catalogue: {e}"),
        }]
    })?;
    let mut problems = Vec::new();
    if file.format != FORMAT {
        problems.push(Problem {
            location: Location::File,
            field: "format".to_owned(),
            message: format!("format is '{}', expected '{FORMAT}'", file.format),
        });
    }
    let sources = sources(&file.sources, &mut problems);
    let mut rows = Vec::new();
    for (i, value) in file.procedures.into_iter().enumerate() {
        let location = Location::Record(i + 1);
        match serde_json::from_value::<RawProcedure>(value) {
            Ok(raw) => {
                if let Some(p) = validate::procedure(&raw, location, &mut problems) {
                    rows.push((location, p));
                }
            }
            Err(e) => problems.push(Problem {
                location,
                field: String::new(),
                message: format!("bad record: {e}"),
            }),
        }
    }
    for (location, p) in &rows {
        check_citations(p, *location, &sources, &mut problems);
    }
    let mut catalogue = finish(file.edition, rows, problems)?;
    catalogue.sources = sources;
    Ok(catalogue)
}

fn sources(raw: &[raw::RawSource], problems: &mut Vec<Problem>) -> Vec<DataSource> {
    let mut out: Vec<DataSource> = Vec::new();
    for (i, s) in raw.iter().enumerate() {
        let id = s.id.trim().to_owned();
        if id.is_empty() || out.iter().any(|o| o.id == id) {
            problems.push(Problem {
                location: Location::File,
                field: format!("sources[{i}].id"),
                message: format!("source id '{id}' is empty or repeated"),
            });
        }
        out.push(DataSource {
            id,
            title: crate::text::nfc(&s.title),
            url: s.url.clone(),
            note: s.note.clone(),
        });
    }
    out
}

/// Every provenance `source` of a JSON record must name a listed source.
fn check_citations(
    p: &Procedure,
    location: Location,
    sources: &[DataSource],
    out: &mut Vec<Problem>,
) {
    let mut cited: Vec<(String, &Provenance)> = vec![
        ("code".to_owned(), &p.code_provenance),
        ("sector".to_owned(), &p.sector.provenance),
    ];
    for (i, v) in p.versions.iter().enumerate() {
        let at = |f: &str| format!("versions[{i}].{f}");
        cited.push((at("processing_time"), &v.legal_time.provenance));
        cited.push((at("publication"), &v.publication.provenance));
        cited.extend(
            v.fees
                .iter()
                .enumerate()
                .map(|(k, f)| (at(&format!("fees[{k}]")), &f.provenance)),
        );
        cited.extend(
            v.legal_basis
                .iter()
                .enumerate()
                .map(|(k, d)| (at(&format!("legal_basis[{k}]")), &d.provenance)),
        );
    }
    for (field, prov) in cited {
        if let Some(src) = &prov.source
            && !sources.iter().any(|s| &s.id == src)
        {
            out.push(Problem {
                location,
                field: format!("{field}.source"),
                message: format!("unknown source '{src}': list it in the file's sources"),
            });
        }
    }
}

/// Checks codes across records and returns the catalogue if nothing was found.
pub(crate) fn finish(
    edition: Option<String>,
    rows: Vec<(Location, Procedure)>,
    mut problems: Vec<Problem>,
) -> Result<Catalogue, Vec<Problem>> {
    let mut seen: HashMap<&ProcedureCode, Location> = HashMap::new();
    for (location, p) in &rows {
        if let Some(first) = seen.insert(&p.code, *location) {
            problems.push(Problem {
                location: *location,
                field: "code".to_owned(),
                message: format!("duplicate code {}: already used at {first}", p.code),
            });
        }
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(Problem {
            location: Location::File,
            field: "procedures".to_owned(),
            message: "the catalogue has no procedures".to_owned(),
        });
    }
    if problems.is_empty() {
        Ok(Catalogue {
            edition,
            sources: Vec::new(),
            procedures: rows.into_iter().map(|(_, p)| p).collect(),
        })
    } else {
        problems.sort_by_key(|a| a.location);
        Err(problems)
    }
}
