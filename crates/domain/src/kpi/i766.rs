//! The QĐ 766/QĐ-TTg index "Chỉ số phục vụ người dân, doanh nghiệp": indicator definitions
//! as versioned data (`data/kpi/qd766.toml`; the rules and their evidence in docs/QD766.md),
//! and the score of a unit subtree for a window from its [`Counts`] and the hand-entered
//! values of indicators that need national data ([`score`]).
//!
//! A row is **computable** when its fraction is known: counted by the system, or entered. A
//! row that is not is reported `computable: false` with no score, and leaves the maxima: a
//! group's and the total's `max_score` add up the rows that could be scored, so `total ÷ max`
//! reads as the share of the measurable points obtained, never as a silent zero. Every
//! figure is exact ([`Dec`]): scores and percentages rounded half-up to two decimals, a
//! group's score the sum of its rounded rows, clamped at its declared maximum.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::exact::Dec;
use super::period::Period;
use crate::org::OrgKind;

mod score;

pub use score::{evaluate, metric, points, zero_denominator_score};

/// The shipped definitions.
pub const QD_766: &str = include_str!("../../../../data/kpi/qd766.toml");

/// The indicator set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Definitions {
    pub version: u32,
    pub legal_basis: String,
    pub not_applicable_policy: NotApplicable,
    pub groups: Vec<GroupDef>,
    pub indicators: Vec<IndicatorDef>,
}

/// A displayed group (CKMB, TDGQ, CLGQ, TTTT, MDSH, MDHL).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupDef {
    pub code: String,
    pub name: String,
    pub max_score: Dec,
}

/// One indicator (a metric row of the national portal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorDef {
    /// The national portal's metric code where one is known (`ORIGINAL_RESULT_AVAILABLE`),
    /// else the indicator number.
    pub code: String,
    /// The indicator number of the decision (`4.1`), when it has one: with `code`, the
    /// mapping between the portal's codes and our rows.
    #[serde(default)]
    pub number: Option<String>,
    pub name: String,
    pub group: String,
    pub max_score: Dec,
    #[serde(default)]
    pub scope: Applies,
    pub measure: Measure,
    pub scoring: Scoring,
    #[serde(default)]
    pub zero_denominator: ZeroDenominator,
    pub legal_basis: String,
}

/// Which units a row applies to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Applies {
    #[default]
    All,
    /// Province level only: not applicable to communes (1.2, 3.x).
    Province,
}

/// What a commune gets for a province-only row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotApplicable {
    /// The row's maximum (the DVCQG behaviour).
    #[default]
    AwardMax,
    /// The row leaves the maximum.
    Exclude,
}

/// The level of the unit evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// The province, its departments and other provincial bodies.
    Province,
    /// A commune, ward or special zone.
    Commune,
}

impl Tier {
    /// The tier of a unit kind: communes, wards, townships and special zones are communes.
    #[must_use]
    pub const fn of(kind: OrgKind) -> Self {
        match kind {
            OrgKind::Commune | OrgKind::Ward | OrgKind::Township | OrgKind::SpecialZone => {
                Tier::Commune
            }
            _ => Tier::Province,
        }
    }
}

/// What a zero denominator (0/0) gives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZeroDenominator {
    /// Score 0 (2.1, 5.4, the payment terms).
    #[default]
    Zero,
    /// The row's maximum (PAKN 5.2, 5.3).
    Max,
    /// No ratio and no score, the row's maximum still in its group's (digitisation).
    Null,
}

/// From ratio to points; every score is rounded half-up to two decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Scoring {
    /// `max · r`.
    Linear,
    /// `min(max, max · r ÷ divisor)`: full points from `r = divisor` on.
    Capped { divisor: Dec },
    /// Shown without points.
    Monitor,
}

/// What the system counts for a row ([`Counts`] fields), or `Manual` for national data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// (early + on time + unfinished within) ÷ population (2.1).
    OnTime,
    /// Ended with a result carrying an electronic file ÷ population (4.1).
    ElectronicResult,
    /// … and with attachments ÷ population (4.2).
    DigitisedResult,
    /// Reused digitised data ÷ population (4.3).
    ReusedData,
    /// From the personal data store ÷ population (4.4).
    PersonalStore,
    /// Connected to citizen data ÷ population (4.5b).
    CitizenData,
    /// Procedures with a citizen-data dossier ÷ entered denominator (4.5a).
    ProceduresCitizenData,
    /// Paid online ÷ with a financial obligation (3.6, A).
    OnlinePayment,
    /// Procedures with a dossier paid online ÷ entered denominator (3.5, B).
    ProceduresPaidOnline,
    /// Procedures with a dossier carrying fee data ÷ entered denominator (3.5, C).
    ProceduresWithFee,
    /// Online ÷ received (3.3).
    OnlineSubmission,
    /// (on time − those of them disliked or complained about) ÷ population (5.4), rated or
    /// not.
    ReceivingSatisfaction,
    /// Entered by hand.
    Manual,
}

/// A value entered by hand: a ratio (a fraction of 1), or a numerator and a denominator (for
/// the rows whose denominator comes from the national catalogue, the denominator alone).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualValue {
    pub numerator: Option<Dec>,
    pub denominator: Option<Dec>,
    pub ratio: Option<Dec>,
}

/// Entered values by row code.
pub type ManualValues = HashMap<String, ManualValue>;

/// The index of a unit, serialised as `{"unit","period","total_score","max_score",
/// "groups":[…],"metrics":[…]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub unit: String,
    pub period: Period,
    pub total_score: Dec,
    pub max_score: Dec,
    pub groups: Vec<GroupScore>,
    pub metrics: Vec<MetricRow>,
}

/// A group's score (the sum of its rounded rows, clamped at its maximum); `None` when none
/// of its rows is computable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupScore {
    pub code: String,
    pub name: String,
    pub score: Option<Dec>,
    pub max_score: Dec,
}

/// A metric row as on the national portal. `ratio` is a fraction of 1 with four decimals:
/// the portal's percentage (two decimals, half-up) divided by 100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricRow {
    pub code: String,
    pub name: String,
    pub numerator: Option<Dec>,
    pub denominator: Option<Dec>,
    pub ratio: Option<Dec>,
    pub score: Option<Dec>,
    pub max_score: Dec,
    pub computable: bool,
}

impl MetricRow {
    /// The ratio as the portal shows it: a percentage with two decimals (`80.06`).
    #[must_use]
    pub fn percent(&self) -> Option<Dec> {
        self.ratio.map(|r| r.scaled_by_100())
    }
}

/// Why a definitions file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("QĐ 766 definitions: {0}")]
pub struct DefinitionsError(pub String);

impl Definitions {
    /// Parses and checks definitions: unique codes, known groups, maxima of at most 1,000
    /// with two decimals, divisors in (0, 100] with two decimals.
    pub fn parse(text: &str) -> Result<Self, DefinitionsError> {
        let d: Self = toml::from_str(text).map_err(|e| DefinitionsError(e.to_string()))?;
        let mut seen = std::collections::HashSet::new();
        let points = |v: Dec| v.hundredths().is_some_and(|h| h <= 100_000);
        for g in &d.groups {
            if !points(g.max_score) {
                return Err(DefinitionsError(format!(
                    "group {}: max_score must be in [0, 1000] with two decimals",
                    g.code
                )));
            }
        }
        for i in &d.indicators {
            let bad = |why: &str| Err(DefinitionsError(format!("indicator {}: {why}", i.code)));
            if !seen.insert(i.code.as_str()) {
                return bad("code used twice");
            }
            if !d.groups.iter().any(|g| g.code == i.group) {
                return bad("unknown group");
            }
            if !points(i.max_score) {
                return bad("max_score must be in [0, 1000] with two decimals");
            }
            if matches!(i.scoring, Scoring::Capped { divisor }
                if !divisor.hundredths().is_some_and(|h| (1..=10_000).contains(&h)))
            {
                return bad("divisor must be in (0, 100] with two decimals");
            }
        }
        Ok(d)
    }

    /// The shipped definitions (`data/kpi/qd766.toml`).
    #[must_use]
    pub fn shipped() -> Self {
        Self::parse(QD_766).unwrap_or_else(|e| panic!("shipped data/kpi/qd766.toml: {e}"))
    }

    /// The indicator of a row code.
    #[must_use]
    pub fn indicator(&self, code: &str) -> Option<&IndicatorDef> {
        self.indicators.iter().find(|i| i.code == code)
    }

    /// The indicator of a national portal metric: by its code, else by its number when one
    /// indicator alone has it (`4.1`; 3.5 and 5.1 have two rows each).
    #[must_use]
    pub fn by_portal_code(&self, code: &str) -> Option<&IndicatorDef> {
        self.indicator(code).or_else(|| {
            let mut numbered = self
                .indicators
                .iter()
                .filter(|i| i.number.as_deref() == Some(code));
            let first = numbered.next()?;
            numbered.next().is_none().then_some(first)
        })
    }
}
