//! A plan's status as of a day: each target's value (the [`precedence`](super::precedence)
//! rule) and status, each task's status (the rules of [`status`](super::status)), and the
//! VPCP summary of the tasks.

use chrono::NaiveDate;
use serde::Serialize;

use cchc_calendar::{CalendarError, WorkCalendar};

use super::precedence::{Approved, ValueOrigin, evaluation_span, threshold_value};
use super::status::{
    StatusRule, TargetStatus, TaskStatus, effective_deadline, target_status, task_status,
    threshold_status,
};
use super::{Comparator, IndicatorId, MeasureUnit, Period, Plan, Scope, Target, TaskTiming};
use crate::indicator::IndicatorSource;

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

/// What a task's state is made of: the task as stored and its timing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskItem<'a> {
    /// Local id, e.g. `NV/2.l#2`.
    pub id: &'a str,
    pub area: u8,
    pub label: &'a str,
    /// A unit code or a group (`group:districts`).
    pub lead_unit: &'a str,
    pub timing: TaskTiming,
}

impl TaskState {
    /// The state of `task` as of `as_of`, judged against its effective deadline.
    pub fn of(
        task: TaskItem<'_>,
        as_of: NaiveDate,
        cal: &WorkCalendar,
    ) -> Result<TaskState, CalendarError> {
        let effective = effective_deadline(task.timing.deadline, cal)?;
        let status = task_status(effective, task.timing.completed_on, as_of);
        Ok(TaskState {
            id: task.id.to_owned(),
            area: task.area,
            label: task.label.to_owned(),
            lead_unit: task.lead_unit.to_owned(),
            deadline: task.timing.deadline,
            effective_deadline: effective,
            completed_on: task.timing.completed_on,
            status,
            status_vi: status.label_vi(),
        })
    }

    /// Whether the task is completed (on time or late).
    pub fn is_done(&self) -> bool {
        matches!(
            self.status,
            TaskStatus::CompletedOnTime | TaskStatus::CompletedLate
        )
    }
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

/// Where a plan's figures are looked up: the automatic source, then the approved reports (in
/// review order).
pub struct Figures<'a, A> {
    pub automatic: &'a dyn IndicatorSource,
    pub approved: &'a [A],
}

/// What a target is judged with.
struct Judge<'a, A> {
    figures: &'a Figures<'a, A>,
    plan: &'a Plan,
    span: Option<Period>,
    as_of: NaiveDate,
}

impl<A: Approved> Judge<'_, A> {
    fn target(&self, area: Option<u8>, target: &Target) -> TargetState {
        let rule = StatusRule::default();
        let period = self.plan.period();
        let thresholds: Vec<ThresholdState> = target
            .thresholds
            .iter()
            .map(|t| {
                let found = threshold_value(
                    t,
                    &self.plan.issuer,
                    self.span,
                    self.figures.automatic,
                    self.figures.approved,
                );
                let value = found.map(|(v, _)| v);
                ThresholdState {
                    indicator: t.indicator.clone(),
                    tier: t.scope,
                    comparator: t.comparator,
                    threshold: t.value,
                    unit: t.unit,
                    value,
                    origin: found.map(|(_, o)| o),
                    status: value.map(|v| threshold_status(v, t, self.as_of, period, &rule)),
                }
            })
            .collect();
        let values: Vec<Option<f64>> = thresholds.iter().map(|t| t.value).collect();
        TargetState {
            id: target.id.clone(),
            area,
            label: target.label.clone(),
            value: values.first().copied().flatten(),
            status: target_status(target, &values, self.as_of, period, &rule),
            thresholds,
        }
    }
}

/// The state of every target of `plan` (headline goals first, then the areas' in document
/// order) as of `as_of`.
pub fn target_states<A: Approved>(
    plan: &Plan,
    as_of: NaiveDate,
    figures: &Figures<'_, A>,
) -> Vec<TargetState> {
    let judge = Judge {
        figures,
        plan,
        span: evaluation_span(plan.period(), as_of),
        as_of,
    };
    let goals = plan.headline.goals.iter().map(|g| judge.target(None, g));
    let areas = plan
        .areas
        .iter()
        .flat_map(|a| a.targets.iter().map(move |t| (a.code, t)));
    goals
        .chain(areas.map(|(code, t)| judge.target(Some(code), t)))
        .collect()
}

/// The status of the plan stored as `key`, from its targets' figures and its tasks' states.
pub fn plan_status<A: Approved>(
    key: &str,
    plan: &Plan,
    as_of: NaiveDate,
    figures: &Figures<'_, A>,
    tasks: Vec<TaskState>,
) -> PlanStatus {
    PlanStatus {
        plan: key.to_owned(),
        number: plan.number.clone(),
        year: plan.year,
        unit: plan.issuer.to_string(),
        as_of,
        targets: target_states(plan, as_of, figures),
        summary: TaskSummary::of(&tasks),
        tasks,
    }
}

#[cfg(test)]
#[path = "evaluate_tests.rs"]
mod tests;
