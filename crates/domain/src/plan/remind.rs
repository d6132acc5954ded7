//! The reminder job's rules (đôn đốc): which reminders to create for the open tasks, who gets
//! a notice, and its wording.
//!
//! A reminder is created once per task and kind: [`reminders_to_create`] lists, for each task
//! in the order given, every reminder it has reached by the as-of day
//! ([`due_reminders`]) that was not created before, so a run after a missed day catches up.
//! Each reminder notifies the task's lead, then each co-operating unit ([`recipients`]).

use chrono::NaiveDate;

use cchc_calendar::{CalendarError, WorkCalendar};

use super::TaskTiming;
use super::status::{ReminderKind, due_reminders, effective_deadline};

impl ReminderKind {
    /// The name the kind is stored and serialised by (`before7`, `overdue` …).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Before7 => "before7",
            Self::Before3 => "before3",
            Self::Before1 => "before1",
            Self::Overdue => "overdue",
        }
    }
}

crate::from_str_by_name!(ReminderKind, "loại nhắc việc");

/// A reminder to create: the task (its position in the list given), the kind, and the
/// effective deadline the notice names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueReminder {
    pub task: usize,
    pub kind: ReminderKind,
    pub deadline: NaiveDate,
}

/// A task's deadline could not be placed in the working calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskCalendarError {
    /// The task's position in the list given.
    pub task: usize,
    pub error: CalendarError,
}

/// The reminders the `tasks` have reached by `as_of` and not had yet (`created(i, kind)`
/// says whether task `i` had that kind), in task order then in the order they are reached.
pub fn reminders_to_create(
    tasks: &[TaskTiming],
    created: impl Fn(usize, ReminderKind) -> bool,
    as_of: NaiveDate,
    cal: &WorkCalendar,
) -> Result<Vec<DueReminder>, TaskCalendarError> {
    let mut due = Vec::new();
    for (task, timing) in tasks.iter().enumerate() {
        let failed = |error| TaskCalendarError { task, error };
        let deadline = effective_deadline(timing.deadline, cal).map_err(failed)?;
        for kind in due_reminders(timing, as_of, cal).map_err(failed)? {
            if !created(task, kind) {
                due.push(DueReminder {
                    task,
                    kind,
                    deadline,
                });
            }
        }
    }
    Ok(due)
}

/// What a reminder's notice names: the task and its plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RemindedTask<'a> {
    /// The plan's id (`KH204-2023`).
    pub plan: &'a str,
    /// The task's local id (`NV/2.a`).
    pub id: &'a str,
    /// The task's label as printed.
    pub label: &'a str,
}

/// The notice text: which task, which plan, how long until (or since) the deadline.
pub fn reminder_message(task: RemindedTask<'_>, kind: ReminderKind, deadline: NaiveDate) -> String {
    let due = deadline.format("%d/%m/%Y");
    let what = format!(
        "Nhiệm vụ {} ({}) của kế hoạch {}",
        task.label, task.id, task.plan
    );
    match kind.working_days() {
        Some(days) => format!("{what} còn {days} ngày làm việc đến hạn {due}."),
        None => format!("{what} đã quá hạn {due} và chưa báo cáo hoàn thành."),
    }
}

/// Who a reminder goes to: the lead, then each co-operating unit (codes or groups).
pub fn recipients<'a>(lead: &'a str, cooperating: &'a [String]) -> Vec<&'a str> {
    std::iter::once(lead)
        .chain(cooperating.iter().map(String::as_str))
        .collect()
}

#[cfg(test)]
#[path = "remind_tests.rs"]
mod tests;
