//! The roll-up of a unit's subtree for one regime and period: per indicator, the aggregate of
//! the values of the reporting units below it (sum, average, minimum, maximum, the ratio of two
//! sums, the texts), how many reported and which did not.

use super::regime::{Aggregation, Indicator, Regime, ValueType};
use super::value::Value;
use crate::org::UnitCode;
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Decimal places of averages and ratios.
pub const DECIMALS: u32 = 2;

/// One counted value: a unit's value of an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredValue {
    pub unit: UnitCode,
    pub indicator: String,
    pub value: Value,
}

/// The roll-up of one indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorRollup {
    pub code: String,
    pub label: String,
    /// A number, a text, or `null` when nothing was reported (or a ratio over zero).
    pub value: serde_json::Value,
    pub units_reported: usize,
    pub units_expected: usize,
    pub missing: Vec<String>,
}

/// The roll-up as `cchc report rollup` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rollup {
    pub regime: String,
    pub period: String,
    pub unit: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub indicators: Vec<IndicatorRollup>,
}

/// Rolls up `values` over the `expected` reporting units (those of the subtree); values of any
/// other unit are ignored.
pub fn rollup(
    regime: &Regime,
    expected: &BTreeSet<UnitCode>,
    values: &[StoredValue],
) -> Vec<IndicatorRollup> {
    let mut by_indicator: BTreeMap<&str, BTreeMap<&UnitCode, &Value>> = BTreeMap::new();
    for v in values.iter().filter(|v| expected.contains(&v.unit)) {
        by_indicator
            .entry(&v.indicator)
            .or_default()
            .insert(&v.unit, &v.value);
    }
    let empty = BTreeMap::new();
    let of = |code: &str| by_indicator.get(code).unwrap_or(&empty);
    regime
        .content
        .indicators
        .iter()
        .map(|i| match &i.ratio {
            Some([a, b]) => ratio(i, expected, of(a), of(b)),
            None => plain(i, expected, of(&i.code)),
        })
        .collect()
}

fn plain(
    i: &Indicator,
    expected: &BTreeSet<UnitCode>,
    values: &BTreeMap<&UnitCode, &Value>,
) -> IndicatorRollup {
    let numbers: Vec<Decimal> = values.values().filter_map(|v| v.number()).collect();
    let value = match i.aggregation {
        Aggregation::Sum if !numbers.is_empty() => number(numbers.iter().sum()),
        Aggregation::Avg if !numbers.is_empty() => {
            let avg = numbers.iter().sum::<Decimal>() / Decimal::from(numbers.len());
            number(round(avg))
        }
        Aggregation::Min => numbers
            .iter()
            .min()
            .map_or(serde_json::Value::Null, |d| number(*d)),
        Aggregation::Max => numbers
            .iter()
            .max()
            .map_or(serde_json::Value::Null, |d| number(*d)),
        Aggregation::Text if !values.is_empty() => serde_json::Value::String(texts(values)),
        _ => serde_json::Value::Null,
    };
    let reported: BTreeSet<&UnitCode> = values.keys().copied().collect();
    summary(i, expected, &reported, value)
}

fn ratio(
    i: &Indicator,
    expected: &BTreeSet<UnitCode>,
    num: &BTreeMap<&UnitCode, &Value>,
    den: &BTreeMap<&UnitCode, &Value>,
) -> IndicatorRollup {
    let both: BTreeSet<&UnitCode> = num
        .keys()
        .filter(|u| den.contains_key(*u))
        .copied()
        .collect();
    let sum = |m: &BTreeMap<&UnitCode, &Value>| -> Decimal {
        both.iter()
            .filter_map(|u| m.get(u).and_then(|v| v.number()))
            .sum()
    };
    let (n, d) = (sum(num), sum(den));
    let scale = if i.value_type == ValueType::Percent {
        Decimal::ONE_HUNDRED
    } else {
        Decimal::ONE
    };
    let value = if both.is_empty() || d.is_zero() {
        serde_json::Value::Null
    } else {
        number(round(n * scale / d))
    };
    summary(i, expected, &both, value)
}

fn summary(
    i: &Indicator,
    expected: &BTreeSet<UnitCode>,
    reported: &BTreeSet<&UnitCode>,
    value: serde_json::Value,
) -> IndicatorRollup {
    IndicatorRollup {
        code: i.code.clone(),
        label: i.label.clone(),
        value,
        units_reported: reported.len(),
        units_expected: expected.len(),
        missing: expected
            .iter()
            .filter(|u| !reported.contains(u))
            .map(ToString::to_string)
            .collect(),
    }
}

fn texts(values: &BTreeMap<&UnitCode, &Value>) -> String {
    let lines: Vec<String> = values
        .iter()
        .filter_map(|(u, v)| match v {
            Value::Text(t) => Some(format!("{u}: {t}")),
            _ => None,
        })
        .collect();
    lines.join("\n")
}

/// Rounds half away from zero to [`DECIMALS`] places.
pub fn round(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(DECIMALS, RoundingStrategy::MidpointAwayFromZero)
}

/// A decimal as a JSON number (exact for the figures a report holds).
fn number(d: Decimal) -> serde_json::Value {
    serde_json::from_str(&d.normalize().to_string()).unwrap_or(serde_json::Value::Null)
}
