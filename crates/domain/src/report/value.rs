//! Typed report values: reading a cell of an import as the indicator's type and checking its
//! rules (required, whole number, range, one indicator not above another).

use super::regime::{Indicator, Regime, ValueType};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

/// One value of an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Number(Decimal),
    Text(String),
    YesNo(bool),
}

impl Value {
    /// The stored text: a plain decimal, the text, or `1` / `0`.
    pub fn to_stored(&self) -> String {
        match self {
            Value::Number(d) => d.normalize().to_string(),
            Value::Text(t) => t.clone(),
            Value::YesNo(b) => if *b { "1" } else { "0" }.to_owned(),
        }
    }

    /// Reads a stored value back (the text written by [`Value::to_stored`]).
    pub fn from_stored(indicator: &Indicator, text: &str) -> Result<Value, String> {
        parse_value(indicator, text)?
            .ok_or_else(|| format!("{}: empty stored value", indicator.code))
    }

    /// The number, when the value is one.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Value::Number(d) => Some(*d),
            _ => None,
        }
    }
}

/// Reads `raw` as a value of `indicator`: `None` for an empty cell of an indicator that is not
/// required. Decimals use a dot; yes/no accepts `có`/`không`, `yes`/`no`, `1`/`0`.
pub fn parse_value(indicator: &Indicator, raw: &str) -> Result<Option<Value>, String> {
    let raw = raw.trim();
    let code = &indicator.code;
    if indicator.is_computed() {
        return Err(format!(
            "chỉ tiêu {code} được tính từ các chỉ tiêu khác, không nhập"
        ));
    }
    if raw.is_empty() {
        return if indicator.required {
            Err(format!("chỉ tiêu {code} bắt buộc có giá trị"))
        } else {
            Ok(None)
        };
    }
    let value = match indicator.value_type {
        ValueType::Text => Value::Text(raw.to_owned()),
        ValueType::YesNo => Value::YesNo(
            yes_no(raw).ok_or_else(|| format!("chỉ tiêu {code}: “{raw}” không phải có/không"))?,
        ),
        ValueType::Integer | ValueType::Decimal | ValueType::Percent => {
            Value::Number(number(indicator, raw)?)
        }
    };
    Ok(Some(value))
}

fn yes_no(raw: &str) -> Option<bool> {
    match raw.to_lowercase().as_str() {
        "có" | "co" | "yes" | "1" | "true" => Some(true),
        "không" | "khong" | "no" | "0" | "false" => Some(false),
        _ => None,
    }
}

fn number(indicator: &Indicator, raw: &str) -> Result<Decimal, String> {
    let code = &indicator.code;
    let d =
        Decimal::from_str(raw).map_err(|_| format!("chỉ tiêu {code}: “{raw}” không phải số"))?;
    let whole = indicator.integer || indicator.value_type == ValueType::Integer;
    if whole && !d.fract().is_zero() {
        return Err(format!("chỉ tiêu {code}: “{raw}” phải là số nguyên"));
    }
    let (min, max) = bounds(indicator);
    if min.is_some_and(|m| d < m) || max.is_some_and(|m| d > m) {
        let show = |b: Option<Decimal>| b.map_or_else(|| "…".to_owned(), |v| v.to_string());
        return Err(format!(
            "chỉ tiêu {code}: {raw} ngoài khoảng cho phép [{}, {}]",
            show(min),
            show(max)
        ));
    }
    Ok(d)
}

/// The range of an indicator: its own, else 0–100 for a percentage.
fn bounds(indicator: &Indicator) -> (Option<Decimal>, Option<Decimal>) {
    let percent = indicator.value_type == ValueType::Percent;
    let default = |v: i64| percent.then(|| Decimal::from(v));
    (
        indicator.min.or_else(|| default(0)),
        indicator.max.or_else(|| default(100)),
    )
}

/// The relations between the values of one unit and period (`a ≤ b`): one sentence per
/// indicator above the one it may not exceed.
pub fn check_relations(regime: &Regime, values: &BTreeMap<String, Value>) -> Vec<String> {
    let mut problems = Vec::new();
    for i in &regime.content.indicators {
        let Some(other) = &i.not_above else { continue };
        let a = values.get(&i.code).and_then(Value::number);
        let b = values.get(other).and_then(Value::number);
        if let (Some(a), Some(b)) = (a, b)
            && a > b
        {
            problems.push(format!(
                "chỉ tiêu {} ({a}) không được lớn hơn chỉ tiêu {other} ({b})",
                i.code
            ));
        }
    }
    problems
}
