//! A plan's status as of a day: each target's current value and status, each task's status
//! (the rules are `cchc_domain::plan::status`), and the VPCP summary of the tasks.
//!
//! A threshold's value: for an indicator cchc computes, the [`IndicatorSource`] first, then an
//! approved reported value; for `manual.*` and `external.*` indicators, the approved reported
//! value. Values are for the plan's issuer over the plan's year up to the as-of day: an
//! approved value counts once its period has ended (its period lies within that span).

use cchc_calendar::WorkCalendar;
use cchc_domain::indicator::IndicatorSource;
use cchc_domain::plan::status::{
    StatusRule, TargetStatus, TaskStatus, effective_deadline, target_status, task_status,
    threshold_status,
};
use cchc_domain::plan::{
    Comparator, IndicatorId, IndicatorSource as Origin, MeasureUnit, Period, Scope, Target,
    Threshold,
};
use chrono::NaiveDate;
use serde::Serialize;

use crate::plan::rows::TaskRow;
use crate::plan::values::ApprovedValues;
use crate::plan::{PlanRef, StoredPlan};
use crate::{Store, StoreError};

/// Where a value shown for a threshold came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueOrigin {
    /// computed by cchc (the indicator source)
    Automatic,
    /// reported by a unit and approved by the PAR admin
    Reported,
}

/// One figure of a target with its current value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThresholdState {
    pub indicator: IndicatorId,
    pub tier: Option<Scope>,
    pub comparator: Comparator,
    pub threshold: f64,
    pub unit: MeasureUnit,
    pub value: Option<f64>,
    pub origin: Option<ValueOrigin>,
    pub status: Option<TargetStatus>,
}

/// A target (or headline goal, `area` null) with its value and status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetState {
    /// Local id, e.g. `MT/2.a`.
    pub id: String,
    pub area: Option<u8>,
    pub label: String,
    /// The value of its first figure (the one the target is shown by).
    pub value: Option<f64>,
    /// The worst status of its figures that have a value.
    pub status: Option<TargetStatus>,
    pub thresholds: Vec<ThresholdState>,
}

/// A task with its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskState {
    pub id: String,
    pub area: u8,
    pub label: String,
    pub lead_unit: String,
    pub deadline: NaiveDate,
    /// The deadline moved off a non-working day.
    pub effective_deadline: NaiveDate,
    pub completed_on: Option<NaiveDate>,
    pub status: TaskStatus,
    /// The status in Vietnamese (`chưa hoàn thành quá hạn` …).
    pub status_vi: &'static str,
}

/// The VPCP figures: tasks by status, and the share open past their deadline (percent).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct TaskSummary {
    pub total: usize,
    pub completed_on_time: usize,
    pub completed_late: usize,
    pub open_within_deadline: usize,
    pub open_overdue: usize,
    pub overdue_share: f64,
}

impl TaskSummary {
    /// Counts `tasks` by status.
    pub fn of(tasks: &[TaskState]) -> TaskSummary {
        let count = |s: TaskStatus| tasks.iter().filter(|t| t.status == s).count();
        let open_overdue = count(TaskStatus::OpenOverdue);
        TaskSummary {
            total: tasks.len(),
            completed_on_time: count(TaskStatus::CompletedOnTime),
            completed_late: count(TaskStatus::CompletedLate),
            open_within_deadline: count(TaskStatus::OpenWithinDeadline),
            open_overdue,
            overdue_share: if tasks.is_empty() {
                0.0
            } else {
                100.0 * open_overdue as f64 / tasks.len() as f64
            },
        }
    }
}

/// A plan's status as of a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanStatus {
    pub plan: String,
    pub number: String,
    pub year: i32,
    pub unit: String,
    pub as_of: NaiveDate,
    pub targets: Vec<TargetState>,
    pub tasks: Vec<TaskState>,
    pub summary: TaskSummary,
}

/// What a target's values are looked up in.
struct Lookup<'a> {
    source: &'a dyn IndicatorSource,
    approved: &'a ApprovedValues,
    stored: &'a StoredPlan,
    /// The plan's year up to the as-of day; `None` before the year starts.
    span: Option<Period>,
    period: Period,
    as_of: NaiveDate,
}

impl Lookup<'_> {
    fn value(&self, t: &Threshold) -> (Option<f64>, Option<ValueOrigin>) {
        let Some(span) = self.span else {
            return (None, None);
        };
        let unit = &self.stored.plan.issuer;
        if t.indicator.source() == Origin::Auto
            && t.scope.is_none()
            && let Some(v) = self.source.value(&t.indicator, unit, span)
        {
            return (Some(v), Some(ValueOrigin::Automatic));
        }
        let reported = self
            .approved
            .latest(&t.indicator, unit.as_str(), t.scope, span);
        (
            reported.map(|v| v.value),
            reported.map(|_| ValueOrigin::Reported),
        )
    }

    fn target(&self, area: Option<u8>, target: &Target) -> TargetState {
        let rule = StatusRule::default();
        let thresholds: Vec<ThresholdState> = target
            .thresholds
            .iter()
            .map(|t| {
                let (value, origin) = self.value(t);
                ThresholdState {
                    indicator: t.indicator.clone(),
                    tier: t.scope,
                    comparator: t.comparator,
                    threshold: t.value,
                    unit: t.unit,
                    value,
                    origin,
                    status: value.map(|v| threshold_status(v, t, self.as_of, self.period, &rule)),
                }
            })
            .collect();
        let values: Vec<Option<f64>> = thresholds.iter().map(|t| t.value).collect();
        TargetState {
            id: target.id.clone(),
            area,
            label: target.label.clone(),
            value: values.first().copied().flatten(),
            status: target_status(target, &values, self.as_of, self.period, &rule),
            thresholds,
        }
    }
}

/// The status of a stored task as of `as_of`.
pub fn task_state(
    task: &TaskRow,
    as_of: NaiveDate,
    cal: &WorkCalendar,
) -> Result<TaskState, StoreError> {
    let effective = effective_deadline(task.deadline, cal)
        .map_err(|e| StoreError::Invalid(format!("task {}: {e}", task.full_id())))?;
    let status = task_status(effective, task.completed_on, as_of);
    Ok(TaskState {
        id: task.id.clone(),
        area: task.area,
        label: task.label.clone(),
        lead_unit: task.lead_unit.clone(),
        deadline: task.deadline,
        effective_deadline: effective,
        completed_on: task.completed_on,
        status,
        status_vi: status.label_vi(),
    })
}

impl Store {
    /// The status of the plan named by `which` as of `as_of`; `None` when there is no such plan.
    pub async fn plan_status(
        &self,
        which: &PlanRef,
        as_of: NaiveDate,
        source: &dyn IndicatorSource,
        cal: &WorkCalendar,
    ) -> Result<Option<PlanStatus>, StoreError> {
        let Some(stored) = self.plan(which).await? else {
            return Ok(None);
        };
        self.stored_plan_status(&stored, as_of, source, cal)
            .await
            .map(Some)
    }

    /// The status of a plan already read.
    pub async fn stored_plan_status(
        &self,
        stored: &StoredPlan,
        as_of: NaiveDate,
        source: &dyn IndicatorSource,
        cal: &WorkCalendar,
    ) -> Result<PlanStatus, StoreError> {
        let plan = &stored.plan;
        let period = plan.period();
        let approved = self.approved_values(period).await?;
        let span = (as_of >= period.start).then(|| Period {
            start: period.start,
            end: as_of.min(period.end),
        });
        let lookup = Lookup {
            source,
            approved: &approved,
            stored,
            span,
            period,
            as_of,
        };
        let goals = plan.headline.goals.iter().map(|g| lookup.target(None, g));
        let areas = plan
            .areas
            .iter()
            .flat_map(|a| a.targets.iter().map(|t| (a.code, t)));
        let targets = goals
            .chain(areas.map(|(code, t)| lookup.target(Some(code), t)))
            .collect();
        let tasks = self
            .plan_tasks(&stored.key)
            .await?
            .iter()
            .map(|t| task_state(t, as_of, cal))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PlanStatus {
            plan: stored.key.clone(),
            number: plan.number.clone(),
            year: plan.year,
            unit: plan.issuer.to_string(),
            as_of,
            summary: TaskSummary::of(&tasks),
            targets,
            tasks,
        })
    }
}
