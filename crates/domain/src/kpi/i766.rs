//! The QĐ 766/QĐ-TTg service-quality index (docs/QD766.md): indicator definitions as
//! versioned data (`data/kpi/qd766.toml`), and the score of a unit subtree for a window from
//! its [`Counts`] and the hand-entered values of indicators that need national data.
//!
//! A row is **computable** when its ratio is known: counted by the system, or entered. A row
//! that is not is reported `computable: false` with no score, and leaves the maxima: a group's
//! and the total's `max_score` add up the rows that could be scored, so `total ÷ max` reads
//! as the share of the measurable points obtained, never as a silent zero. A group's score is
//! clamped at its declared maximum (payment: 6·A + min(2, 2.5·B) + 2.5·C ≤ 10).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::counts::Counts;
use super::period::Period;
use crate::org::OrgKind;

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
    pub max_score: f64,
}

/// One indicator (a metric row of the national portal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorDef {
    /// The national metric code, else the indicator number.
    pub code: String,
    #[serde(default)]
    pub number: Option<String>,
    pub name: String,
    pub group: String,
    pub max_score: f64,
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
    /// Province level only: not applicable to communes.
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

/// The score of a zero denominator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZeroDenominator {
    #[default]
    Zero,
    Max,
}

/// From ratio to points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Scoring {
    /// `max · r`.
    Linear,
    /// `min(max, max · r ÷ divisor)`: full points from `r = divisor` on.
    Capped { divisor: f64 },
    /// Shown without points.
    Monitor,
}

/// What the system counts for a row ([`Counts`] fields), or `Manual` for national data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// (early + on time + unfinished within) ÷ population (2.1).
    OnTime,
    /// Electronic result ÷ finished with a result (4.1).
    ElectronicResult,
    /// Attachments and electronic result ÷ finished with a result (4.2).
    DigitisedResult,
    /// Reused digitised data ÷ received (4.3).
    ReusedData,
    /// From the personal data store ÷ received (4.4).
    PersonalStore,
    /// Connected to citizen data ÷ received (4.5b).
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
    /// (population − late, overdue, disliked or complained about) ÷ population, when rated
    /// dossiers exist (5.4).
    ReceivingSatisfaction,
    /// Entered by hand.
    Manual,
}

/// A value entered by hand: a ratio, or a numerator and a denominator (for the rows whose
/// denominator comes from the national catalogue, the denominator alone).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ManualValue {
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub ratio: Option<f64>,
}

/// Entered values by row code.
pub type ManualValues = HashMap<String, ManualValue>;

/// The index of a unit, serialised as `{"unit","period","total_score","max_score",
/// "groups":[…],"metrics":[…]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub unit: String,
    pub period: Period,
    pub total_score: f64,
    pub max_score: f64,
    pub groups: Vec<GroupScore>,
    pub metrics: Vec<MetricRow>,
}

/// A group's score; `None` when none of its rows is computable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupScore {
    pub code: String,
    pub name: String,
    pub score: Option<f64>,
    pub max_score: f64,
}

/// A metric row as on the national portal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricRow {
    pub code: String,
    pub name: String,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub ratio: Option<f64>,
    pub score: Option<f64>,
    pub max_score: f64,
    pub computable: bool,
}

/// Why a definitions file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("QĐ 766 definitions: {0}")]
pub struct DefinitionsError(pub String);

impl Definitions {
    /// Parses and checks definitions: unique codes, known groups, positive divisors.
    pub fn parse(text: &str) -> Result<Self, DefinitionsError> {
        let d: Self = toml::from_str(text).map_err(|e| DefinitionsError(e.to_string()))?;
        let mut seen = std::collections::HashSet::new();
        for i in &d.indicators {
            let bad = |why: &str| Err(DefinitionsError(format!("indicator {}: {why}", i.code)));
            if !seen.insert(i.code.as_str()) {
                return bad("code used twice");
            }
            if !d.groups.iter().any(|g| g.code == i.group) {
                return bad("unknown group");
            }
            if i.max_score.is_nan() || i.max_score < 0.0 {
                return bad("max_score must be ≥ 0");
            }
            if matches!(i.scoring, Scoring::Capped { divisor } if divisor.is_nan() || divisor <= 0.0)
            {
                return bad("divisor must be > 0");
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
}

/// The fraction of a row: numerator and denominator, `None` when not computable.
#[expect(clippy::cast_precision_loss, reason = "counts stay far below 2^52")]
fn fraction(m: Measure, c: &Counts, entered: Option<&ManualValue>) -> Option<(f64, f64)> {
    let f = |n: u64, d: u64| Some((n as f64, d as f64));
    let external = |n: u64| entered.and_then(|v| v.denominator).map(|d| (n as f64, d));
    match m {
        Measure::OnTime => f(c.on_time(), c.population()),
        Measure::ElectronicResult => f(c.electronic_result, c.with_result),
        Measure::DigitisedResult => f(c.digitised_result, c.with_result),
        Measure::ReusedData => f(c.reused_data, c.received_total()),
        Measure::PersonalStore => f(c.personal_store, c.received_total()),
        Measure::CitizenData => f(c.citizen_data, c.received_total()),
        Measure::OnlinePayment => f(c.paid_online, c.fee_obligation),
        Measure::OnlineSubmission => f(c.received[1], c.received_total()),
        Measure::ReceivingSatisfaction if c.rated > 0 => f(
            c.population() - c.unsatisfied.min(c.population()),
            c.population(),
        ),
        Measure::ReceivingSatisfaction => None,
        Measure::ProceduresCitizenData => external(c.procedures_citizen_data),
        Measure::ProceduresPaidOnline => external(c.procedures_paid_online),
        Measure::ProceduresWithFee => external(c.procedures_with_fee),
        Measure::Manual => None,
    }
}

/// The points of a ratio.
#[must_use]
pub fn points(scoring: Scoring, max: f64, ratio: f64) -> Option<f64> {
    match scoring {
        Scoring::Linear => Some(max * ratio),
        Scoring::Capped { divisor } => Some((max * ratio / divisor).min(max)),
        Scoring::Monitor => None,
    }
}

/// The row of one indicator.
#[must_use]
pub fn metric(def: &IndicatorDef, c: &Counts, entered: Option<&ManualValue>) -> MetricRow {
    let mut row = MetricRow {
        code: def.code.clone(),
        name: def.name.clone(),
        numerator: None,
        denominator: None,
        ratio: None,
        score: None,
        max_score: def.max_score,
        computable: false,
    };
    let ratio = match fraction(def.measure, c, entered) {
        Some((n, d)) => {
            row.numerator = Some(n);
            row.denominator = Some(d);
            (d > 0.0).then(|| (n / d).clamp(0.0, 1.0))
        }
        None if def.measure == Measure::Manual => {
            let Some(v) = entered else { return row };
            row.numerator = v.numerator;
            row.denominator = v.denominator;
            match (v.ratio, v.numerator, v.denominator) {
                (Some(r), _, _) => Some(r.clamp(0.0, 1.0)),
                (None, Some(n), Some(d)) if d > 0.0 => Some((n / d).clamp(0.0, 1.0)),
                (None, Some(_), Some(_)) => None,
                _ => return row,
            }
        }
        None => return row,
    };
    row.computable = true;
    row.ratio = ratio;
    row.score = match ratio {
        Some(r) => points(def.scoring, def.max_score, r),
        None if def.scoring == Scoring::Monitor => None,
        None => Some(match def.zero_denominator {
            ZeroDenominator::Zero => 0.0,
            ZeroDenominator::Max => def.max_score,
        }),
    };
    row
}

/// The index of `unit` over `period` from its counts and the entered values.
#[must_use]
pub fn evaluate(
    defs: &Definitions,
    unit: &str,
    period: Period,
    counts: &Counts,
    entered: &ManualValues,
    tier: Tier,
) -> Report {
    let metrics: Vec<MetricRow> = defs
        .indicators
        .iter()
        .map(|def| match (tier, def.scope, defs.not_applicable_policy) {
            (Tier::Commune, Applies::Province, policy) => not_applicable(def, policy),
            _ => metric(def, counts, entered.get(&def.code)),
        })
        .collect();
    let groups: Vec<GroupScore> = defs
        .groups
        .iter()
        .map(|g| group_score(g, defs, &metrics))
        .collect();
    Report {
        unit: unit.to_owned(),
        period,
        total_score: groups.iter().filter_map(|g| g.score).sum(),
        max_score: groups.iter().map(|g| g.max_score).sum(),
        groups,
        metrics,
    }
}

fn not_applicable(def: &IndicatorDef, policy: NotApplicable) -> MetricRow {
    let award = policy == NotApplicable::AwardMax && def.scoring != Scoring::Monitor;
    MetricRow {
        code: def.code.clone(),
        name: def.name.clone(),
        numerator: None,
        denominator: None,
        ratio: None,
        score: award.then_some(def.max_score),
        max_score: def.max_score,
        computable: award,
    }
}

fn group_score(g: &GroupDef, defs: &Definitions, metrics: &[MetricRow]) -> GroupScore {
    let rows = defs
        .indicators
        .iter()
        .zip(metrics)
        .filter(|(d, m)| d.group == g.code && m.computable && d.scoring != Scoring::Monitor);
    let (mut score, mut max, mut any) = (0.0, 0.0, false);
    for (_, m) in rows {
        score += m.score.unwrap_or(0.0);
        max += m.max_score;
        any = true;
    }
    GroupScore {
        code: g.code.clone(),
        name: g.name.clone(),
        score: any.then(|| score.min(g.max_score)),
        max_score: max.min(g.max_score),
    }
}
