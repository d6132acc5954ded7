//! Pure status rules: target status, task status (national taxonomy) and task reminders.
//!
//! # Target status (met / on track / at risk / missed)
//!
//! Each threshold is judged on its own value; a target takes the worst status of the
//! thresholds that have a value (worst first: missed, at risk, on track, met), and has no
//! status while none has.
//!
//! 1. *Satisfied*: `value <comparator> threshold` (e.g. on-time ratio > 95).
//! 2. *Shortfall*: how far the value is from the threshold, relative to it:
//!    `(threshold − value) / scale` for ≥ and >, `(value − threshold) / scale` for ≤ and <,
//!    `|value − threshold| / scale` for =, never below 0; `scale` is `|threshold|`, or 1
//!    when `|threshold| < 1` (so "> 0" targets count the shortfall in their unit).
//! 3. After the period (as-of later than its last day): **met** if satisfied, else **missed**.
//! 4. Within the period: **met** if satisfied now; else **on track** if the shortfall is at
//!    most `tolerance × remaining`, where `remaining` is the share of the period's days still
//!    to come after the as-of day (1 before the period, 0 on its last day), and **at risk**
//!    otherwise. The allowance shrinks to nothing at the period's end; the default tolerance
//!    is 10 % ([`StatusRule::default`]).
//!
//! # Task status (VPCP task-tracking taxonomy, docs/DOMAIN.md § Task status)
//!
//! A task counts as completed when its completion date is on or before the as-of day. The
//! *effective deadline* is the deadline, or the next working day when the deadline is not a
//! working day (as the calendar does for day deadlines, docs/DOMAIN.md § Deadline units; the plan's
//! year end, Sunday 31/12/2023, becomes Tuesday 02/01/2024). Then: completed on or before the
//! effective deadline → *đã hoàn thành đúng hạn*; completed after it → *đã hoàn thành quá
//! hạn*; open and the as-of day not after it → *chưa hoàn thành trong hạn*; open and the
//! as-of day after it → *chưa hoàn thành quá hạn*.
//!
//! # Reminders (7, 3 and 1 working days before the deadline, and overdue)
//!
//! For an open task, *working days left* is the number of working days after the as-of day
//! up to and including the effective deadline. The reminder "k days before" is reached once
//! at most k working days are left (the first such day is the working day k working days
//! before the deadline); "overdue" is reached once the as-of day is after the effective
//! deadline. [`due_reminders`] returns every reminder reached by the as-of day, so a job that
//! records one reminder per task and kind sends each exactly once even after missing a day;
//! a completed task has none.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use cchc_calendar::{CalendarError, WorkCalendar};

use super::{Comparator, Period, Target, TaskTiming, Threshold};

/// The status of a target, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    Met,
    OnTrack,
    AtRisk,
    Missed,
}

/// The parameters of the target rule.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StatusRule {
    /// The relative shortfall allowed at the start of the period (0.10 = 10 %).
    pub tolerance: f64,
}

impl Default for StatusRule {
    fn default() -> Self {
        Self { tolerance: 0.10 }
    }
}

/// The relative shortfall of `value` against `threshold` (0 when satisfied or exactly on a
/// strict threshold).
pub fn shortfall(value: f64, comparator: Comparator, threshold: f64) -> f64 {
    let scale = if threshold.abs() < 1.0 {
        1.0
    } else {
        threshold.abs()
    };
    let gap = match comparator {
        Comparator::Ge | Comparator::Gt => threshold - value,
        Comparator::Le | Comparator::Lt => value - threshold,
        Comparator::Eq => (value - threshold).abs(),
    };
    gap.max(0.0) / scale
}

/// The share of `period` still to come after `as_of`: 1 before it, 0 on or after its last day.
pub fn remaining_share(period: Period, as_of: NaiveDate) -> f64 {
    let total = (period.end - period.start).num_days() + 1;
    let left = (period.end - as_of).num_days().clamp(0, total);
    left as f64 / total as f64
}

/// The status of one threshold for `value` as of `as_of`.
pub fn threshold_status(
    value: f64,
    threshold: &Threshold,
    as_of: NaiveDate,
    period: Period,
    rule: &StatusRule,
) -> TargetStatus {
    let satisfied = threshold.comparator.holds(value, threshold.value);
    if as_of > period.end {
        return if satisfied {
            TargetStatus::Met
        } else {
            TargetStatus::Missed
        };
    }
    if satisfied {
        return TargetStatus::Met;
    }
    let allowance = rule.tolerance * remaining_share(period, as_of);
    if shortfall(value, threshold.comparator, threshold.value) <= allowance {
        TargetStatus::OnTrack
    } else {
        TargetStatus::AtRisk
    }
}

/// The status of a target: `values[i]` is the value for `target.thresholds[i]` (`None` when
/// not known yet). `None` when no threshold has a value.
pub fn target_status(
    target: &Target,
    values: &[Option<f64>],
    as_of: NaiveDate,
    period: Period,
    rule: &StatusRule,
) -> Option<TargetStatus> {
    target
        .thresholds
        .iter()
        .zip(values)
        .filter_map(|(t, v)| v.map(|v| threshold_status(v, t, as_of, period, rule)))
        .max()
}

/// The status of a task (VPCP taxonomy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    CompletedOnTime,
    CompletedLate,
    OpenWithinDeadline,
    OpenOverdue,
}

impl TaskStatus {
    /// The Vietnamese name.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::CompletedOnTime => "đã hoàn thành đúng hạn",
            Self::CompletedLate => "đã hoàn thành quá hạn",
            Self::OpenWithinDeadline => "chưa hoàn thành trong hạn",
            Self::OpenOverdue => "chưa hoàn thành quá hạn",
        }
    }
}

/// The status as of `as_of` against an effective `deadline` (see [`effective_deadline`]).
pub fn task_status(
    deadline: NaiveDate,
    completed_on: Option<NaiveDate>,
    as_of: NaiveDate,
) -> TaskStatus {
    match completed_on.filter(|d| *d <= as_of) {
        Some(done) if done <= deadline => TaskStatus::CompletedOnTime,
        Some(_) => TaskStatus::CompletedLate,
        None if as_of <= deadline => TaskStatus::OpenWithinDeadline,
        None => TaskStatus::OpenOverdue,
    }
}

/// The deadline, or the next working day when it is not one.
pub fn effective_deadline(
    deadline: NaiveDate,
    cal: &WorkCalendar,
) -> Result<NaiveDate, CalendarError> {
    cal.add_working_days(deadline, 0)
}

/// The status of a task as of `as_of`, its deadline moved off non-working days.
pub fn task_status_on(
    task: &TaskTiming,
    as_of: NaiveDate,
    cal: &WorkCalendar,
) -> Result<TaskStatus, CalendarError> {
    let deadline = effective_deadline(task.deadline, cal)?;
    Ok(task_status(deadline, task.completed_on, as_of))
}

/// A reminder to the units of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// 7 working days before the deadline
    Before7,
    /// 3 working days before the deadline
    Before3,
    /// 1 working day before the deadline
    Before1,
    /// the deadline has passed
    Overdue,
}

impl ReminderKind {
    /// Every kind, in the order they are reached.
    pub const ALL: [Self; 4] = [Self::Before7, Self::Before3, Self::Before1, Self::Overdue];

    /// The working days before the deadline; `None` for overdue.
    pub fn working_days(self) -> Option<u32> {
        match self {
            Self::Before7 => Some(7),
            Self::Before3 => Some(3),
            Self::Before1 => Some(1),
            Self::Overdue => None,
        }
    }
}

/// Working days after `as_of` up to and including `deadline` (0 when `as_of` is not before it).
pub fn working_days_left(
    as_of: NaiveDate,
    deadline: NaiveDate,
    cal: &WorkCalendar,
) -> Result<u32, CalendarError> {
    match as_of.succ_opt() {
        Some(next) if as_of < deadline => cal.working_days(next, deadline),
        _ => Ok(0),
    }
}

/// The reminders a task has reached by `as_of`, in the order they are reached.
pub fn due_reminders(
    task: &TaskTiming,
    as_of: NaiveDate,
    cal: &WorkCalendar,
) -> Result<Vec<ReminderKind>, CalendarError> {
    if task.completed_on.is_some_and(|d| d <= as_of) {
        return Ok(Vec::new());
    }
    let deadline = effective_deadline(task.deadline, cal)?;
    if as_of > deadline {
        return Ok(ReminderKind::ALL.to_vec());
    }
    let left = working_days_left(as_of, deadline, cal)?;
    Ok(ReminderKind::ALL
        .into_iter()
        .filter(|k| k.working_days().is_some_and(|days| left <= days))
        .collect())
}

#[cfg(test)]
mod tests;
