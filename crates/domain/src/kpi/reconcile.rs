//! Our QĐ 766 figures beside the national portal's: for each metric row of a portal unit,
//! the portal's figures, the score our formula table gives from the portal's own numerator
//! and denominator (does our formula agree with theirs?), our figures for the same unit and
//! period (do our counts agree with theirs?), and the difference of the scores. Ratios are
//! percentages with two decimals, as the portal shows them.

use serde::Serialize;

use super::exact::{Dec, Ratio};
use super::i766::{
    Definitions, IndicatorDef, MetricRow, Report, Scoring, points, zero_denominator_score,
};
use super::period::Period;
use super::portal_eval::{PortalMetric, PortalUnit};

/// One side's figures of a metric row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub numerator: Option<Dec>,
    pub denominator: Option<Dec>,
    /// A percentage (`72.23`), as the portal shows it.
    pub ratio: Option<Dec>,
    pub score: Option<Dec>,
    pub max_score: Option<Dec>,
}

/// A metric row, both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetricCheck {
    /// The portal's code.
    pub code: String,
    /// Our indicator number (`4.1`), when the code maps to a row of ours.
    pub number: Option<String>,
    pub portal: Figures,
    /// Our formula applied to the portal's numerator and denominator (null when it cannot be
    /// applied, or when the formula gives no score, as for a digitisation row at 0/0).
    pub formula_score: Option<Dec>,
    /// Our figures for the same unit and period; null for a code or unit we do not have.
    pub ours: Option<Figures>,
    /// Whether `formula_score` equals the portal's score; null when the formula cannot be
    /// applied (unknown code, numerator or denominator missing).
    pub formula_agrees: Option<bool>,
    /// Our score less the portal's, when both have one.
    pub difference: Option<Dec>,
}

/// The totals, both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub portal_score: Option<Dec>,
    pub portal_max_score: Option<Dec>,
    pub ours_score: Option<Dec>,
    pub ours_max_score: Option<Dec>,
}

/// A unit, both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitCheck {
    /// Our unit code (the portal's, or its mapping).
    pub unit: Option<String>,
    /// The portal's `departmentCode`.
    pub portal_unit: Option<String>,
    pub name: Option<String>,
    /// Whether we have figures of the unit for the period.
    pub known: bool,
    pub total: Totals,
    pub metrics: Vec<MetricCheck>,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reconciliation {
    pub period: Period,
    pub units: Vec<UnitCheck>,
}

/// Our formula applied to the portal's numerator and denominator: `None` when it cannot be
/// (a monitored row, or a figure missing), else the score it gives (`None` for a null row).
#[must_use]
pub fn formula_score(def: &IndicatorDef, m: &PortalMetric) -> Option<Option<Dec>> {
    if def.scoring == Scoring::Monitor {
        return None;
    }
    let (n, d) = (m.numerator?, m.denominator?);
    Some(match Ratio::new(n, d) {
        Some(r) => points(def.scoring, def.max_score, r),
        None => zero_denominator_score(def),
    })
}

fn ours_of(row: &MetricRow) -> Figures {
    Figures {
        numerator: row.numerator,
        denominator: row.denominator,
        ratio: row.percent(),
        score: row.score,
        max_score: Some(row.max_score),
    }
}

fn check(defs: &Definitions, m: &PortalMetric, ours: Option<&Report>) -> MetricCheck {
    let def = defs.by_portal_code(&m.code);
    let formula = def.and_then(|d| formula_score(d, m));
    let ours = def
        .zip(ours)
        .and_then(|(d, r)| r.metrics.iter().find(|row| row.code == d.code))
        .map(ours_of);
    let difference = ours
        .as_ref()
        .and_then(|o| o.score)
        .zip(m.score)
        .map(|(a, b)| a - b);
    MetricCheck {
        code: m.code.clone(),
        number: def.and_then(|d| d.number.clone()),
        portal: Figures {
            numerator: m.numerator,
            denominator: m.denominator,
            ratio: m.ratio,
            score: m.score,
            max_score: m.max_score,
        },
        formula_score: formula.flatten(),
        ours,
        formula_agrees: formula.map(|f| f == m.score),
        difference,
    }
}

/// The comparison of one portal unit with our report of it (`unit`: our code; `ours`: our
/// report for the period, `None` when we do not have the unit).
#[must_use]
pub fn check_unit(
    defs: &Definitions,
    portal: &PortalUnit,
    unit: Option<&str>,
    ours: Option<&Report>,
) -> UnitCheck {
    UnitCheck {
        unit: unit.map(str::to_owned),
        portal_unit: portal.code.clone(),
        name: portal.name.clone(),
        known: ours.is_some(),
        total: Totals {
            portal_score: portal.total_score,
            portal_max_score: portal.total_max_score,
            ours_score: ours.map(|r| r.total_score),
            ours_max_score: ours.map(|r| r.max_score),
        },
        metrics: portal
            .metrics
            .iter()
            .map(|m| check(defs, m, ours))
            .collect(),
    }
}
