//! The score of a unit for a window: each row's fraction (counted, or entered), its ratio
//! and points rounded half-up to two decimals, each group the sum of its rounded rows
//! (clamped at its maximum), the total the sum of the groups (docs/QD766.md).

use super::{
    Applies, Definitions, GroupDef, GroupScore, IndicatorDef, ManualValue, ManualValues, Measure,
    MetricRow, NotApplicable, Report, Scoring, Tier, ZeroDenominator,
};
use crate::kpi::counts::Counts;
use crate::kpi::exact::{Dec, Ratio};
use crate::kpi::period::Period;

/// The fraction of a row the system counts (numerator, denominator); `None` for rows entered
/// by hand, and for distinct-procedure rows without the catalogue's denominator.
fn counted(m: Measure, c: &Counts, entered: Option<&ManualValue>) -> Option<(Dec, Dec)> {
    let f = |n: u64, d: u64| Some((Dec::from_u64(n), Dec::from_u64(d)));
    let external = |n: u64| {
        entered
            .and_then(|v| v.denominator)
            .map(|d| (Dec::from_u64(n), d))
    };
    let population = c.population();
    let digitised = &c.in_population;
    match m {
        Measure::OnTime => f(c.on_time(), population),
        Measure::ElectronicResult => f(digitised.electronic_result, population),
        Measure::DigitisedResult => f(digitised.digitised_result, population),
        Measure::ReusedData => f(digitised.reused_data, population),
        Measure::PersonalStore => f(digitised.personal_store, population),
        Measure::CitizenData => f(digitised.citizen_data, population),
        Measure::OnlinePayment => f(c.paid_online, c.fee_obligation),
        Measure::OnlineSubmission => f(c.received[1], c.received_total()),
        Measure::ReceivingSatisfaction => f(c.satisfied(), population),
        Measure::ProceduresCitizenData => external(c.procedures_citizen_data),
        Measure::ProceduresPaidOnline => external(c.procedures_paid_online),
        Measure::ProceduresWithFee => external(c.procedures_with_fee),
        Measure::Manual => None,
    }
}

/// The points of a ratio, rounded half-up to two decimals; `None` for a monitored row.
#[must_use]
pub fn points(scoring: Scoring, max: Dec, ratio: Ratio) -> Option<Dec> {
    match scoring {
        Scoring::Linear => Some(ratio.times(max)),
        Scoring::Capped { divisor } => Some(ratio.times_capped(max, divisor)),
        Scoring::Monitor => None,
    }
}

/// The score of a row whose denominator is 0 (`None` for a monitored or a null row).
#[must_use]
pub fn zero_denominator_score(def: &IndicatorDef) -> Option<Dec> {
    if def.scoring == Scoring::Monitor {
        return None;
    }
    match def.zero_denominator {
        ZeroDenominator::Zero => Some(Dec::ZERO),
        ZeroDenominator::Max => Some(def.max_score),
        ZeroDenominator::Null => None,
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
    let ratio = match counted(def.measure, c, entered) {
        Some((n, d)) => {
            row.numerator = Some(n);
            row.denominator = Some(d);
            Ratio::new(n, d)
        }
        None if def.measure == Measure::Manual => {
            let Some(v) = entered else { return row };
            row.numerator = v.numerator;
            row.denominator = v.denominator;
            match (v.ratio, v.numerator, v.denominator) {
                (Some(r), _, _) => Ratio::new(r, Dec::ONE),
                (None, Some(n), Some(d)) => Ratio::new(n, d),
                _ => return row,
            }
        }
        None => return row,
    };
    row.computable = true;
    row.ratio = ratio.map(Ratio::fraction);
    row.score = match ratio {
        Some(r) => points(def.scoring, def.max_score, r),
        None => zero_denominator_score(def),
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

/// The sum of the group's rounded, computable rows (a row without a score adds nothing but
/// keeps its maximum), clamped at the group's maximum.
fn group_score(g: &GroupDef, defs: &Definitions, metrics: &[MetricRow]) -> GroupScore {
    let rows: Vec<&MetricRow> = defs
        .indicators
        .iter()
        .zip(metrics)
        .filter(|(d, m)| d.group == g.code && m.computable && d.scoring != Scoring::Monitor)
        .map(|(_, m)| m)
        .collect();
    let score: Dec = rows.iter().filter_map(|m| m.score).sum();
    let max: Dec = rows.iter().map(|m| m.max_score).sum();
    GroupScore {
        code: g.code.clone(),
        name: g.name.clone(),
        score: (!rows.is_empty()).then(|| score.min(g.max_score)),
        max_score: max.min(g.max_score),
    }
}
