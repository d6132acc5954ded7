//! The procedure record (docs/DOMAIN.md § Procedures): a procedure with its effective-dated versions.
//!
//! A dossier keeps the version in force on its receipt date ([`Procedure::version_at`]).
//! Every sourced field carries a [`Provenance`]: facts that could not be checked against a
//! published source are kept but marked `unconfirmed`, always with a note saying why.

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use super::code::ProcedureCode;
use super::kinds::{CompetentLevel, FeeKind, OnlineLevel, ResultType, UnitKind};
use super::time::ProcessingTime;
use crate::text::fold;

/// Whether a fact was confirmed against a source, and where it comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// True when the figure could not be confirmed; `note` then says what is missing.
    pub unconfirmed: bool,
    pub note: Option<String>,
    /// Where the fact was read (a decision, a portal record…).
    pub source: Option<String>,
}

/// Lĩnh vực: the register (sổ theo dõi) is kept per sector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sector {
    /// `MaLinhVuc` as published (e.g. `G15-TP07`), when known.
    pub code: Option<String>,
    pub name: String,
    pub provenance: Provenance,
}

/// The legal time with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegalTime {
    pub time: ProcessingTime,
    /// The wording of the published text, when it says more than the figure.
    pub text: Option<String>,
    pub provenance: Provenance,
}

/// How much a fee costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeAmount {
    /// A fixed amount in VND.
    Vnd(u64),
    /// Miễn (exempt).
    Exempt,
    /// A scale (per page, per value…) described in the fee's note.
    Scale,
}

/// A phí or lệ phí.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fee {
    pub kind: FeeKind,
    pub name: String,
    pub amount: FeeAmount,
    pub note: Option<String>,
    pub provenance: Provenance,
}

/// A required component of the dossier (thành phần hồ sơ), by short name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Component {
    pub name: String,
    pub originals: u8,
    pub copies: u8,
    /// False when the component is needed only in some cases.
    pub required: bool,
}

/// The result handed to the applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResultSpec {
    pub name: String,
    pub kind: ResultType,
}

/// An internal step (quy trình nội bộ) with its time budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub name: String,
    /// Budget in working minutes (the data gives hours, e.g. `0.5`).
    pub budget_minutes: u32,
}

impl Step {
    /// The budget in working hours.
    pub fn budget_hours(&self) -> f64 {
        f64::from(self.budget_minutes) / 60.0
    }
}

/// A legal basis (luật, nghị định, thông tư…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegalDoc {
    /// Number and symbol, e.g. `123/2015/NĐ-CP`.
    pub number: String,
    pub title: Option<String>,
    pub provenance: Provenance,
}

/// The decision that published the procedure (quyết định công bố).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Publication {
    /// E.g. `163/QĐ-BTP`; empty only when unconfirmed.
    pub decision_no: String,
    pub issuer: String,
    pub date: Option<NaiveDate>,
    pub provenance: Provenance,
}

/// One version of a procedure, in force from `valid_from` to `valid_to` (inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProcedureVersion {
    pub version: u32,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub legal_time: LegalTime,
    /// A later receipt counts from the next working day (e.g. 15:00; docs/DOMAIN.md § Cut-offs and pauses).
    pub same_day_cutoff: Option<NaiveTime>,
    pub fees: Vec<Fee>,
    pub components: Vec<Component>,
    pub result: ResultSpec,
    pub online_level: OnlineLevel,
    pub steps: Vec<Step>,
    pub legal_basis: Vec<LegalDoc>,
    pub publication: Publication,
}

impl ProcedureVersion {
    /// Whether this version is in force on `date`.
    pub fn valid_at(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|to| date <= to)
    }

    /// Whether the validity of two versions overlaps.
    pub fn overlaps(&self, other: &ProcedureVersion) -> bool {
        let ends_before = |end: Option<NaiveDate>, start: NaiveDate| end.is_some_and(|e| e < start);
        !(ends_before(self.valid_to, other.valid_from)
            || ends_before(other.valid_to, self.valid_from))
    }

    /// Sum of the step budgets in working minutes.
    pub fn budget_minutes(&self) -> u64 {
        self.steps.iter().map(|s| u64::from(s.budget_minutes)).sum()
    }

    /// Names of this version's fields that carry an unconfirmed mark.
    pub fn unconfirmed_fields(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.legal_time.provenance.unconfirmed {
            out.push("processing_time".to_owned());
        }
        for (i, fee) in self.fees.iter().enumerate() {
            if fee.provenance.unconfirmed {
                out.push(format!("fees[{i}]"));
            }
        }
        for (i, doc) in self.legal_basis.iter().enumerate() {
            if doc.provenance.unconfirmed {
                out.push(format!("legal_basis[{i}]"));
            }
        }
        if self.publication.provenance.unconfirmed {
            out.push("publication".to_owned());
        }
        out
    }
}

/// A procedure (thủ tục hành chính) of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Procedure {
    pub code: ProcedureCode,
    pub code_provenance: Provenance,
    pub name: String,
    pub sector: Sector,
    pub level: CompetentLevel,
    pub unit_kind: UnitKind,
    /// The deciding body by name, when the kind is not enough (e.g. "Sở Tài chính").
    pub unit_name: Option<String>,
    /// Versions ordered by `valid_from`; their validity never overlaps.
    pub versions: Vec<ProcedureVersion>,
}

impl Procedure {
    /// The version in force on `date` (a dossier keeps the one in force at receipt).
    pub fn version_at(&self, date: NaiveDate) -> Option<&ProcedureVersion> {
        self.versions.iter().find(|v| v.valid_at(date))
    }

    /// The latest version (by start date).
    pub fn latest(&self) -> Option<&ProcedureVersion> {
        self.versions.last()
    }

    /// Whether the folded query (diacritics, case and đ/d ignored, runs of spaces collapsed)
    /// occurs in the folded code, name or sector: "dang ky khai sinh" finds "Đăng ký khai
    /// sinh" but "khai tu" does not. An empty query matches everything.
    pub fn matches(&self, query: &str) -> bool {
        let words = |s: &str| fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
        let query = words(query);
        [
            self.code.as_str(),
            self.name.as_str(),
            self.sector.name.as_str(),
            self.sector.code.as_deref().unwrap_or(""),
        ]
        .iter()
        .any(|field| words(field).contains(&query))
    }

    /// Names of the fields marked unconfirmed, version fields prefixed by `versions[i].`.
    pub fn unconfirmed_fields(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.code_provenance.unconfirmed {
            out.push("code".to_owned());
        }
        if self.sector.provenance.unconfirmed {
            out.push("sector".to_owned());
        }
        for (i, v) in self.versions.iter().enumerate() {
            out.extend(
                v.unconfirmed_fields()
                    .into_iter()
                    .map(|f| format!("versions[{i}].{f}")),
            );
        }
        out
    }
}
