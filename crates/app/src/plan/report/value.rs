//! A target's value for a period, reported by a unit responsible for it (or the PAR admin,
//! or an operator transcribing a unit's report); it counts once the PAR admin approves it.

use super::{Entry, Upload, check_note, check_references, evidence_files, refused};
use crate::plan::access::{ensure_may_report, reporting_unit};
use crate::plan::{unknown_plan, unknown_target};
use crate::{Actor, App, Error, FieldError};
use cchc_domain::UnitCode;
use cchc_domain::plan::{MeasureUnit, Period, Plan, Target, Threshold, UnitRef};
use cchc_store::plan::{PlanRef, StoredPlan};
use cchc_store::plan_values::{NewValue, ReportedValue};
use chrono::NaiveDate;

/// A value as a door read it.
#[derive(Debug, Clone, Default)]
pub struct ValueReport {
    /// The plan's id (`KH204-2023`).
    pub plan: String,
    /// The target: label (`2.a`, `G.1`) or local id (`MT/6.b`).
    pub target: String,
    /// Which figure of the target, by position.
    pub threshold: Entry<usize>,
    pub period_start: Entry<NaiveDate>,
    pub period_end: Entry<NaiveDate>,
    pub value: Entry<f64>,
    pub note: String,
    /// References to documents, one per line.
    pub references: Vec<String>,
    pub files: Vec<Upload>,
    /// The reporting unit; by default the actor's own.
    pub unit: Option<UnitCode>,
}

/// A target someone may report a value for.
#[derive(Debug, Clone)]
pub struct ValueForm {
    pub stored: StoredPlan,
    /// The target's area (`None` for a headline goal).
    pub area: Option<u8>,
    pub target: Target,
    /// Its responsible units: the area's lead (none for a headline goal: the PAR admin
    /// enters those).
    pub responsible: Vec<UnitRef>,
}

/// The units responsible for a target of `area`.
pub fn responsible(plan: &Plan, area: Option<u8>) -> Vec<UnitRef> {
    area.and_then(|a| plan.area(a))
        .map(|a| vec![a.lead_unit.clone()])
        .unwrap_or_default()
}

/// The target `target` of the plan `plan` (its id), with its responsible units.
pub async fn target(app: &App, plan: &str, target: &str) -> Result<ValueForm, Error> {
    let stored = app
        .store
        .plan(&PlanRef::Key(plan.trim().to_owned()))
        .await?
        .ok_or_else(unknown_plan)?;
    let (area, found) = stored.plan.find_target(target).ok_or_else(unknown_target)?;
    let found = found.clone();
    Ok(ValueForm {
        responsible: responsible(&stored.plan, area),
        area,
        target: found,
        stored,
    })
}

/// The target a value is reported for, once `actor` may report for it (404, else 403).
pub async fn value_form(
    app: &App,
    actor: &Actor,
    plan: &str,
    target_name: &str,
) -> Result<ValueForm, Error> {
    let form = target(app, plan, target_name).await?;
    let units = app.org_units().await?;
    let on = app.clock.today().min(form.stored.plan.period().end);
    ensure_may_report(actor, &units, &form.responsible, on)?;
    Ok(form)
}

/// Reports a value as `actor`: who may, then every field; written with its files in one
/// transaction, awaiting review.
pub async fn value(app: &App, actor: &Actor, report: ValueReport) -> Result<ReportedValue, Error> {
    let form = value_form(app, actor, &report.plan, &report.target).await?;
    let units = app.org_units().await?;
    let today = app.clock.today();
    let on = today.min(form.stored.plan.period().end);
    let unit = reporting_unit(actor, report.unit.as_ref(), &units, on)?;
    let mut problems = Vec::new();
    let new = checked(
        &form.stored.plan,
        &form.target,
        &report,
        today,
        &mut problems,
    );
    let files = evidence_files(report.files, &mut problems);
    let new = match new {
        Some(parts) if problems.is_empty() => parts.into_value(&form.stored.plan, unit),
        _ => return Err(refused(problems)),
    };
    let id = app
        .store
        .report_value_with_files(&new, &files, &actor.username)
        .await?;
    app.store
        .indicator_value(id)
        .await?
        .ok_or_else(|| Error::internal(format!("reported value {id} not read back")))
}

/// The checked fields of a value.
struct Checked<'a> {
    threshold: &'a Threshold,
    period: Period,
    value: f64,
    note: String,
    references: Vec<String>,
}

impl Checked<'_> {
    fn into_value(self, plan: &Plan, reporting_unit: UnitCode) -> NewValue {
        NewValue {
            indicator: self.threshold.indicator.clone(),
            scope_unit: plan.issuer.clone(),
            tier: self.threshold.scope,
            period: self.period,
            value: self.value,
            note: self.note,
            evidence: self.references,
            reporting_unit,
        }
    }
}

/// The fields of `r` checked against `target` of `plan` as of `today`; each problem into
/// `problems`.
fn checked<'a>(
    plan: &Plan,
    target: &'a Target,
    r: &ValueReport,
    today: NaiveDate,
    problems: &mut Vec<FieldError>,
) -> Option<Checked<'a>> {
    let threshold = r.threshold.value().and_then(|i| target.thresholds.get(i));
    if threshold.is_none() {
        problems.push(FieldError::new("threshold", "Chọn chỉ tiêu được báo cáo."));
    }
    let period = period(plan, r, today, problems);
    let value = r.value.value().filter(|v| v.is_finite());
    match (value, threshold) {
        (None, _) => problems.push(FieldError::new("value", "Giá trị phải là một số.")),
        (Some(v), Some(t)) if t.unit == MeasureUnit::Percent && !(0.0..=100.0).contains(&v) => {
            problems.push(FieldError::new("value", "Tỷ lệ phải từ 0 đến 100 %."));
        }
        _ => {}
    }
    let note = check_note(&r.note, false, problems);
    let references = check_references(&r.references, problems);
    Some(Checked {
        threshold: threshold?,
        period: period?,
        value: value?,
        note,
        references,
    })
}

/// The period: both days read, in order, within the plan's year, ended by `today`.
fn period(
    plan: &Plan,
    r: &ValueReport,
    today: NaiveDate,
    problems: &mut Vec<FieldError>,
) -> Option<Period> {
    let day = |entry: Entry<NaiveDate>, field: &str, what: &str, problems: &mut Vec<_>| {
        let day = entry.value();
        if day.is_none() {
            let message = format!("{what} không hợp lệ (định dạng YYYY-MM-DD).");
            problems.push(FieldError::new(field, message));
        }
        day
    };
    let start = day(r.period_start, "period_start", "Ngày đầu kỳ", problems);
    let end = day(r.period_end, "period_end", "Ngày cuối kỳ", problems);
    let (start, end) = (start?, end?);
    let year = plan.period();
    let problem = if start > end {
        "Ngày đầu kỳ sau ngày cuối kỳ.".to_owned()
    } else if start < year.start || end > year.end {
        format!("Kỳ báo cáo phải nằm trong năm {}.", plan.year)
    } else if end > today {
        "Kỳ báo cáo chưa kết thúc.".to_owned()
    } else {
        return Some(Period { start, end });
    };
    problems.push(FieldError::new("period", problem));
    None
}
