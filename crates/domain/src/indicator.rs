//! Where the values of plan indicators come from: a pure interface between the plan and the
//! figures cchc computes (dossier ratios, satisfaction, catalogue shares).
//!
//! A plan target names its indicators by stable ids ([`IndicatorId`]). Ids in the `manual.*`
//! and `external.*` namespaces are reported by units and approved by the PAR admin; the
//! others are computed by cchc. Whoever computes them implements [`IndicatorSource`]; the
//! plan's status asks it first for computed indicators and falls back to approved reports.
//! Implementations hold their figures already loaded: the trait does no IO.

use crate::org::UnitCode;
use crate::plan::{IndicatorId, Period};

/// Gives the value of an indicator for a unit over a period.
pub trait IndicatorSource: Sync {
    /// The value of `indicator` for `scope_unit` (the province, a department, a commune …)
    /// over `period` (both ends included), or `None` when there is none.
    fn value(&self, indicator: &IndicatorId, scope_unit: &UnitCode, period: Period) -> Option<f64>;
}

/// The source that computes nothing: every computed indicator is unknown (until the
/// statistics land, and in tests).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoAutomaticValues;

impl IndicatorSource for NoAutomaticValues {
    fn value(&self, _: &IndicatorId, _: &UnitCode, _: Period) -> Option<f64> {
        None
    }
}

/// A fixed table of values, each for an indicator and a unit over any period: for tests and
/// demonstrations.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FixedValues(pub Vec<(IndicatorId, UnitCode, f64)>);

impl IndicatorSource for FixedValues {
    fn value(&self, indicator: &IndicatorId, scope_unit: &UnitCode, _: Period) -> Option<f64> {
        self.0
            .iter()
            .find(|(i, u, _)| i == indicator && u == scope_unit)
            .map(|(_, _, v)| *v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_automatic_values_knows_nothing_and_fixed_values_match_exactly() {
        let on_time = IndicatorId::parse("dossier.on_time_ratio").unwrap();
        let h31 = UnitCode::parse("H31").unwrap();
        let year = Period::year(2023).unwrap();
        assert_eq!(NoAutomaticValues.value(&on_time, &h31, year), None);
        let fixed = FixedValues(vec![(on_time.clone(), h31.clone(), 96.5)]);
        assert_eq!(fixed.value(&on_time, &h31, year), Some(96.5));
        let snv = UnitCode::parse("H31.SNV").unwrap();
        assert_eq!(fixed.value(&on_time, &snv, year), None);
    }
}
