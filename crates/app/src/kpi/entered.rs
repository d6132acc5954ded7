//! Figures of the QĐ 766 index entered by hand (`cchc kpi set`, the entry page): a PAR
//! administrator (or a system administrator, or the operator) enters per unit and period
//! what cchc cannot hold ([`cchc_domain::kpi::entered`]); the index reads them back as the
//! [`ManualValues`] of its evaluation. A row without a value stays not computable.

use std::collections::HashMap;

use cchc_domain::kpi::entered::{EntryError, check_entry};
use cchc_domain::kpi::{Dec, ManualValue, ManualValues, Period, parse_period};
use cchc_domain::{Role, UnitCode};
use cchc_store::kpi::entered::EnteredValue;

use super::live::{definitions, unit_scope};
use crate::{Actor, App, Error, FieldError};

/// A figure as typed: unit, period, row code, numerator (absent for a row whose numerator
/// is counted) and denominator.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryInput {
    pub unit: String,
    pub period: String,
    pub metric: String,
    pub numerator: Option<u64>,
    pub denominator: u64,
}

/// Whether `actor` may enter figures: a PAR administrator or a system administrator.
pub fn may_enter(actor: &Actor) -> bool {
    matches!(actor.role, Role::ParAdmin | Role::SystemAdmin)
}

fn invalid(field: &str, problem: impl Into<String>) -> Error {
    let problem = problem.into();
    Error::invalid_field(
        format!("Số liệu nhập không hợp lệ: {problem}."),
        field,
        problem,
    )
}

/// Checks and writes `input` as `actor`'s (audited): 403 for another role; invalid input
/// (unknown unit or row, a row counted whole, a numerator above the denominator, a period
/// that is not a month, quarter or year) writes nothing.
pub async fn set(app: &App, actor: &Actor, input: &EntryInput) -> Result<EnteredValue, Error> {
    if !may_enter(actor) {
        return Err(Error::forbidden(
            "forbidden_role",
            "Chỉ quản trị cải cách hành chính được nhập số liệu chỉ số QĐ 766.",
        ));
    }
    let period = parse_period(&input.period).map_err(|e| invalid("period", e.to_string()))?;
    let unit = UnitCode::parse(input.unit.trim()).map_err(|e| invalid("unit", e))?;
    unit_scope(app, &unit, period).await.map_err(|_| {
        invalid(
            "unit",
            format!(
                "không có đơn vị mã {unit} hoạt động vào ngày {}",
                period.end.format("%d/%m/%Y")
            ),
        )
    })?;
    let metric = input.metric.trim();
    check_entry(
        definitions(),
        metric,
        &period,
        input.numerator,
        input.denominator,
    )
    .map_err(|e: EntryError| invalid(e.field(), e.to_string()))?;
    let value = EnteredValue {
        unit: unit.to_string(),
        period,
        metric: metric.to_owned(),
        numerator: input.numerator,
        denominator: input.denominator,
    };
    app.store.set_entered_value(&value, &actor.username).await?;
    Ok(value)
}

/// The values entered for `unit` and `period` (what the index evaluates with).
pub async fn values(app: &App, unit: &UnitCode, period: &Period) -> Result<ManualValues, Error> {
    Ok(app.store.entered_values(unit.as_str(), period).await?)
}

/// The problems of an input, by field, as a form shows them.
pub fn field_errors(e: &Error) -> Vec<FieldError> {
    match e {
        Error::Invalid { fields, .. } => fields.clone(),
        _ => Vec::new(),
    }
}

/// Every entered value by unit and period, read once for a page that evaluates several units
/// or periods (a ranking, a trend).
#[derive(Debug, Clone, Default)]
pub struct Entered(HashMap<(String, Period), ManualValues>);

impl Entered {
    /// Reads every entered value.
    pub async fn load(app: &App) -> Result<Entered, Error> {
        let mut by_key: HashMap<(String, Period), ManualValues> = HashMap::new();
        for v in app.store.all_entered_values().await? {
            let value = ManualValue {
                numerator: v.numerator.map(Dec::from_u64),
                denominator: Some(Dec::from_u64(v.denominator)),
                ratio: None,
            };
            by_key
                .entry((v.unit, v.period))
                .or_default()
                .insert(v.metric, value);
        }
        Ok(Entered(by_key))
    }

    /// The values of `unit` for exactly `period` (none: its manual rows are not computable).
    pub fn of(&self, unit: &str, period: Period) -> ManualValues {
        self.0
            .get(&(unit.to_owned(), period))
            .cloned()
            .unwrap_or_default()
    }
}
