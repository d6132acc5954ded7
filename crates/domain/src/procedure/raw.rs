//! The import shapes as read from JSON (and built from CSV rows) before validation.
//! Enumerations, dates and codes stay strings here so that validation can name the field of
//! every problem instead of stopping at the first serde error.

use serde::Deserialize;
use serde_json::Value;

/// The JSON file: a format tag, an edition and the procedure records.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFile {
    pub format: String,
    #[serde(default)]
    pub edition: Option<String>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    pub procedures: Vec<Value>,
}

/// A source the records cite by `id` in their `source` fields.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A code given plainly or with a mark: `"1.001193"` or
/// `{"value": "2.001035", "unconfirmed": true, "note": "…"}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum RawCode {
    Plain(String),
    Marked(RawMarkedCode),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMarkedCode {
    pub value: String,
    #[serde(default)]
    pub unconfirmed: bool,
    pub note: Option<String>,
    pub source: Option<String>,
}

/// The provenance fields shared by sourced objects.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawProv {
    pub unconfirmed: bool,
    pub note: Option<String>,
    pub source: Option<String>,
}

/// Implements `prov()` for a raw struct that has the three provenance fields.
macro_rules! with_prov {
    ($($t:ty),+) => {$(
        impl $t {
            pub(crate) fn prov(&self) -> RawProv {
                RawProv {
                    unconfirmed: self.unconfirmed,
                    note: self.note.clone(),
                    source: self.source.clone(),
                }
            }
        }
    )+};
}

with_prov!(
    RawMarkedCode,
    RawSector,
    RawTime,
    RawFee,
    RawLegal,
    RawPublication
);

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProcedure {
    pub code: RawCode,
    #[serde(default)]
    pub name: String,
    pub sector: RawSector,
    pub level: String,
    pub unit_kind: String,
    #[serde(default)]
    pub unit_name: Option<String>,
    #[serde(default)]
    pub versions: Vec<RawVersion>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSector {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub unconfirmed: bool,
    pub note: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawVersion {
    pub version: u32,
    pub valid_from: String,
    #[serde(default)]
    pub valid_to: Option<String>,
    pub processing_time: RawTime,
    #[serde(default)]
    pub same_day_cutoff: Option<String>,
    #[serde(default)]
    pub fees: Vec<RawFee>,
    #[serde(default)]
    pub components: Vec<RawComponent>,
    pub result: RawResult,
    pub online_level: String,
    #[serde(default)]
    pub steps: Vec<RawStep>,
    #[serde(default)]
    pub legal_basis: Vec<RawLegal>,
    #[serde(default)]
    pub publication: Option<RawPublication>,
    /// The CSV line this version came from (JSON versions have none).
    #[serde(skip)]
    pub line: Option<u64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTime {
    pub value: u32,
    pub unit: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub unconfirmed: bool,
    pub note: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFee {
    pub kind: String,
    #[serde(default)]
    pub name: String,
    /// A number of VND, `"mien"` (exempt) or `"bieu_phi"` (a scale described in `note`).
    pub amount: Value,
    #[serde(default)]
    pub unconfirmed: bool,
    pub note: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawComponent {
    #[serde(default)]
    pub name: String,
    #[serde(default = "one")]
    pub originals: u8,
    #[serde(default)]
    pub copies: u8,
    #[serde(default = "yes")]
    pub required: bool,
}

fn one() -> u8 {
    1
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawResult {
    #[serde(default)]
    pub name: String,
    pub kind: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStep {
    #[serde(default)]
    pub name: String,
    pub budget_hours: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLegal {
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub unconfirmed: bool,
    pub note: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPublication {
    #[serde(default)]
    pub decision_no: String,
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub unconfirmed: bool,
    pub note: Option<String>,
    pub source: Option<String>,
}
