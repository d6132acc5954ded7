//! Which value a target's figure takes: the automatic one or an approved report.
//!
//! A figure is valued for the plan's issuer over the span of the plan's year up to the as-of
//! day ([`evaluation_span`]; none before the year starts). For an indicator cchc computes
//! (neither `manual.*` nor `external.*`) and a figure for no particular tier, the
//! [`IndicatorSource`] answers first; otherwise, or when it has no value, the latest approved
//! report whose period lies within the span ([`latest_approved`]): an approved value counts
//! once its period has ended.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{IndicatorId, IndicatorSource as Origin, Period, Scope, Threshold};
use crate::indicator::IndicatorSource;
use crate::org::UnitCode;

/// Where a value shown for a threshold came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueOrigin {
    /// computed by cchc (the indicator source)
    Automatic,
    /// reported by a unit and approved by the PAR admin
    Reported,
}

/// An approved reported value, as the precedence rule reads it.
pub trait Approved {
    fn indicator(&self) -> &IndicatorId;
    /// What the value is about: the province, a department, a commune …
    fn scope_unit(&self) -> &str;
    fn tier(&self) -> Option<Scope>;
    fn period(&self) -> Period;
    fn value(&self) -> f64;
}

/// What a report is looked up by: indicator, the unit it is about, and tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportKey<'a> {
    pub indicator: &'a IndicatorId,
    pub scope_unit: &'a str,
    pub tier: Option<Scope>,
}

/// The latest approved value for `key` whose period lies within `within`: the latest period
/// end, then the latest start, then the last reviewed (`approved` is in review order).
pub fn latest_approved<'a, A: Approved>(
    approved: &'a [A],
    key: ReportKey<'_>,
    within: Period,
) -> Option<&'a A> {
    approved
        .iter()
        .filter(|v| {
            let p = v.period();
            v.indicator() == key.indicator
                && v.scope_unit() == key.scope_unit
                && v.tier() == key.tier
                && p.start >= within.start
                && p.end <= within.end
        })
        .max_by_key(|v| (v.period().end, v.period().start))
}

/// The span values are taken over: the start of `year` up to `as_of` (at most the year's
/// end); `None` before the year starts.
pub fn evaluation_span(year: Period, as_of: NaiveDate) -> Option<Period> {
    (as_of >= year.start).then(|| Period {
        start: year.start,
        end: as_of.min(year.end),
    })
}

/// The value of `threshold` for `issuer` over `span`, and where it came from.
pub fn threshold_value<A: Approved>(
    threshold: &Threshold,
    issuer: &UnitCode,
    span: Option<Period>,
    automatic: &dyn IndicatorSource,
    approved: &[A],
) -> Option<(f64, ValueOrigin)> {
    let span = span?;
    if threshold.indicator.source() == Origin::Auto
        && threshold.scope.is_none()
        && let Some(v) = automatic.value(&threshold.indicator, issuer, span)
    {
        return Some((v, ValueOrigin::Automatic));
    }
    let key = ReportKey {
        indicator: &threshold.indicator,
        scope_unit: issuer.as_str(),
        tier: threshold.scope,
    };
    latest_approved(approved, key, span).map(|v| (v.value(), ValueOrigin::Reported))
}

#[cfg(test)]
#[path = "precedence_tests.rs"]
mod tests;
