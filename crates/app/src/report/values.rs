//! Importing units' values (every line checked, nothing written on any problem) and rolling
//! them up over a unit's subtree.

use super::{period_error, reaches, regime, regimes, require_staff};
use crate::{Actor, App, Error, FieldError};
use cchc_domain::org::{OrgUnit, UnitCode};
use cchc_domain::org_tree::tree_at;
use cchc_domain::report::import::{ValueLine, read_lines};
use cchc_domain::report::value::check_relations;
use cchc_domain::report::{PeriodRef, Regime, Rollup, StoredValue, Value, parse_value, period_of};
use cchc_store::report::{COUNTED_STATES, NewReportValue};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    pub written: usize,
}

/// One checked line.
struct Checked {
    line: u64,
    row: NewReportValue,
    value: Value,
}

/// `cchc report values import`: every line is checked (regime, period of the regime's
/// frequency, reporting unit in force at the period's end and reached by the actor,
/// indicator, typed value and range, no line twice, `a ≤ b` with the values already stored);
/// on any problem nothing is written and each problem names its line.
pub async fn import_values(
    app: &App,
    actor: &Actor,
    text: &str,
    source: &str,
) -> Result<ImportSummary, Error> {
    require_staff(actor)?;
    let lines = read_lines(text).map_err(problems)?;
    let units = app.org_units().await?;
    let mut checked = Vec::new();
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    for line in &lines {
        match check_line(app, actor, &units, line) {
            Ok(c) if !seen.insert(key(&c.row)) => {
                errors.push(format!("dòng {}: trùng một dòng trước đó", c.line));
            }
            Ok(c) => checked.push(c),
            Err(e) => errors.push(format!("dòng {}: {e}", line.line)),
        }
    }
    if errors.is_empty() {
        errors = relation_problems(app, &checked).await?;
    }
    if !errors.is_empty() {
        return Err(problems(errors));
    }
    let rows: Vec<NewReportValue> = checked.into_iter().map(|c| c.row).collect();
    let written = app
        .store
        .put_report_values(&rows, regimes().version, &actor.username, source)
        .await?;
    Ok(ImportSummary { written })
}

fn key(r: &NewReportValue) -> [String; 4] {
    [
        r.regime.clone(),
        r.period.clone(),
        r.unit.clone(),
        r.indicator.clone(),
    ]
}

fn problems(lines: Vec<String>) -> Error {
    Error::Invalid {
        message: "Tệp số liệu báo cáo có lỗi, không ghi dòng nào.".to_owned(),
        fields: lines.into_iter().map(FieldError::general).collect(),
    }
}

fn check_line(
    app: &App,
    actor: &Actor,
    units: &[OrgUnit],
    l: &ValueLine,
) -> Result<Checked, String> {
    let regime = regime(&l.regime).map_err(|e| e.to_string())?;
    let period = PeriodRef::parse(&l.period, regime.frequency)?;
    let dates = period_of(regime, period, app.calendars.province())
        .map_err(|e| period_error(e).sentence())?;
    let unit =
        UnitCode::parse(&l.unit).map_err(|_| format!("mã đơn vị “{}” không hợp lệ", l.unit))?;
    let Some(org) = units
        .iter()
        .find(|u| u.code == unit && u.valid_at(dates.end))
    else {
        return Err(format!("không có đơn vị {unit} vào ngày {}", dates.end));
    };
    if !regime.reports(org, dates.end) {
        return Err(format!(
            "đơn vị {unit} không thuộc đối tượng báo cáo của chế độ {}",
            regime.code
        ));
    }
    if !reaches(actor, units, &unit, dates.end) {
        return Err(format!(
            "tài khoản không được nhập số liệu của đơn vị {unit}"
        ));
    }
    let indicator = regime
        .indicator(&l.indicator)
        .ok_or_else(|| format!("chế độ {} không có chỉ tiêu “{}”", regime.code, l.indicator))?;
    let value = parse_value(indicator, &l.value)?
        .ok_or_else(|| format!("chỉ tiêu {} để trống", indicator.code))?;
    let row = NewReportValue {
        regime: regime.code.clone(),
        period: period.label(),
        unit: unit.to_string(),
        indicator: indicator.code.clone(),
        value: value.to_stored(),
        note: l.note.clone(),
    };
    Ok(Checked {
        line: l.line,
        row,
        value,
    })
}

/// The `a ≤ b` rules over each (regime, period, unit): the imported values over those stored.
async fn relation_problems(app: &App, checked: &[Checked]) -> Result<Vec<String>, Error> {
    let mut groups: BTreeMap<(&str, &str, &str), Vec<&Checked>> = BTreeMap::new();
    for c in checked {
        groups
            .entry((&c.row.regime, &c.row.period, &c.row.unit))
            .or_default()
            .push(c);
    }
    let mut errors = Vec::new();
    for ((code, period, unit), lines) in groups {
        let regime = regime(code)?;
        let mut values = BTreeMap::new();
        for stored in app.store.report_values(code, period).await? {
            if stored.unit == unit
                && let Some(i) = regime.indicator(&stored.indicator)
                && let Ok(v) = Value::from_stored(i, &stored.value)
            {
                values.insert(stored.indicator, v);
            }
        }
        for c in &lines {
            values.insert(c.row.indicator.clone(), c.value.clone());
        }
        let first = lines.iter().map(|c| c.line).min().unwrap_or(0);
        for p in check_relations(regime, &values) {
            errors.push(format!("dòng {first}: đơn vị {unit}, kỳ {period}: {p}"));
        }
    }
    Ok(errors)
}

/// `cchc report rollup`: per indicator, the aggregate of the counted values of the regime's
/// reporting units in `unit`'s subtree (as in force at the period's end), with who is missing.
pub async fn rollup(
    app: &App,
    actor: &Actor,
    code: &str,
    period: &str,
    unit: &str,
) -> Result<Rollup, Error> {
    require_staff(actor)?;
    let regime = regime(code)?;
    let period = PeriodRef::parse(period, regime.frequency)
        .map_err(|m| Error::invalid_field("Kỳ báo cáo không hợp lệ.", "period", m))?;
    let dates = period_of(regime, period, app.calendars.province()).map_err(period_error)?;
    let root = UnitCode::parse(unit)
        .map_err(|m| Error::invalid_field("Mã đơn vị không hợp lệ.", "unit", m))?;
    let units = app.org_units().await?;
    if !reaches(actor, &units, &root, dates.end) {
        return Err(Error::forbidden(
            "outside_subtree",
            "Đơn vị nằm ngoài phạm vi của tài khoản.",
        ));
    }
    let expected = expected_units(regime, &units, &root, dates.end).ok_or_else(|| {
        Error::not_found(format!("Không có đơn vị {root} vào ngày {}.", dates.end))
    })?;
    let mut values = Vec::new();
    for row in app.store.report_values(code, &period.label()).await? {
        let counted = COUNTED_STATES.contains(&row.state.as_str());
        let (Some(indicator), Ok(unit)) =
            (regime.indicator(&row.indicator), UnitCode::parse(&row.unit))
        else {
            continue;
        };
        if counted && expected.contains(&unit) {
            let value = Value::from_stored(indicator, &row.value).map_err(Error::internal)?;
            values.push(StoredValue {
                unit,
                indicator: row.indicator,
                value,
            });
        }
    }
    Ok(Rollup {
        regime: regime.code.clone(),
        period: period.label(),
        unit: root.to_string(),
        start: dates.start,
        end: dates.end,
        indicators: cchc_domain::report::rollup(regime, &expected, &values),
    })
}

/// The regime's reporting units in the subtree of `root` in force on `at`.
fn expected_units(
    regime: &Regime,
    units: &[OrgUnit],
    root: &UnitCode,
    at: NaiveDate,
) -> Option<BTreeSet<UnitCode>> {
    let tree = tree_at(units, root, at)?;
    Some(
        tree.walk()
            .into_iter()
            .filter_map(|n| {
                units
                    .iter()
                    .find(|u| u.code.as_str() == n.code && u.valid_at(at))
            })
            .filter(|u| regime.reports(u, at))
            .map(|u| u.code.clone())
            .collect(),
    )
}
