//! The reminder job (đôn đốc) and in-app notices in SQL.
//!
//! The job reads the open tasks and the reminders already created; the rules
//! (`cchc_domain::plan::remind`) say which reminders (7, 3, 1 working days before the
//! deadline, overdue) are due, to whom and in which words. Each is inserted into
//! `plan_reminders` — unique per task and kind, `ON CONFLICT DO NOTHING` — together with the
//! notices to the task's lead and co-operating units, in one transaction. Running it again,
//! after a missed day, or from two instances at once creates every reminder exactly once.

use std::collections::HashSet;

use cchc_calendar::WorkCalendar;
use cchc_domain::plan::TaskTiming;
use cchc_domain::plan::remind::{RemindedTask, recipients, reminder_message, reminders_to_create};
use cchc_domain::plan::status::ReminderKind;
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use crate::plan::iso_date;
use crate::plan::rows::TaskRow;
use crate::{Store, StoreError, audit, now_ms};

/// A reminder sent for a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    /// The task's full id.
    pub task: String,
    pub kind: ReminderKind,
    /// The as-of day of the run that reached it.
    pub reached_on: NaiveDate,
}

/// An in-app notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub id: i64,
    /// The unit (or group, `group:districts`) it is for.
    pub unit_ref: Option<String>,
    pub user_id: Option<i64>,
    pub kind: String,
    pub entity: String,
    pub message: String,
    pub created_at_ms: i64,
    pub read_at_ms: Option<i64>,
}

fn kind_from(s: &str) -> Result<ReminderKind, StoreError> {
    s.parse()
        .map_err(|e| StoreError::Invalid(format!("stored reminder: {e}")))
}

type Due<'a> = (&'a TaskRow, ReminderKind, NaiveDate);

impl Store {
    /// Runs the reminder job once as of `as_of`; returns how many reminders it created.
    pub async fn run_reminders(
        &self,
        as_of: NaiveDate,
        cal: &WorkCalendar,
    ) -> Result<usize, StoreError> {
        let tasks = self.open_tasks(as_of).await?;
        let sent = self.reminder_keys().await?;
        let timings: Vec<TaskTiming> = tasks.iter().map(TaskRow::timing).collect();
        let created = |i: usize, kind: ReminderKind| {
            sent.contains(&(tasks[i].row_id, kind.as_str().to_owned()))
        };
        let mut due: Vec<Due<'_>> = reminders_to_create(&timings, created, as_of, cal)
            .map_err(|e| {
                StoreError::Invalid(format!("task {}: {}", tasks[e.task].full_id(), e.error))
            })?
            .into_iter()
            .map(|r| (&tasks[r.task], r.kind, r.deadline))
            .collect();
        if due.is_empty() {
            return Ok(0);
        }
        // One order for every instance, so that concurrent runs wait instead of deadlocking.
        due.sort_by_key(|(t, k, _)| (t.row_id, *k));
        self.insert_reminders(&due, as_of).await
    }

    async fn insert_reminders(
        &self,
        due: &[Due<'_>],
        as_of: NaiveDate,
    ) -> Result<usize, StoreError> {
        let mut w = self.begin_write().await?;
        let mut created = 0;
        for (task, kind, deadline) in due {
            let inserted = sqlx::query(
                "INSERT INTO plan_reminders (task_id, kind, reached_on, created_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (task_id, kind) DO NOTHING RETURNING id",
            )
            .bind(task.row_id)
            .bind(kind.as_str())
            .bind(as_of.to_string())
            .bind(now_ms())
            .fetch_optional(&mut *w.tx)
            .await?;
            if inserted.is_some() {
                created += 1;
                insert_notices(&mut w.tx, task, *kind, *deadline).await?;
            }
        }
        if created == 0 {
            // Another instance got there first: end the transaction now, not on drop.
            w.tx.rollback().await?;
            return Ok(0);
        }
        let change = serde_json::json!({ "as_of": as_of, "created": created });
        audit::append(
            &mut w.tx,
            crate::base::SYSTEM_ACTOR,
            "remind",
            "plan_reminders",
            &change,
        )
        .await?;
        w.commit().await?;
        Ok(created)
    }

    async fn reminder_keys(&self) -> Result<HashSet<(i64, String)>, StoreError> {
        let rows = sqlx::query("SELECT task_id, kind FROM plan_reminders")
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("task_id")?, r.try_get("kind")?)))
            .collect()
    }

    /// The reminders sent, by task and kind.
    pub async fn plan_reminders(&self) -> Result<Vec<Reminder>, StoreError> {
        let rows = sqlx::query(
            "SELECT p.plan_key, t.local_id, r.kind, r.reached_on FROM plan_reminders r \
             JOIN plan_tasks t ON t.id = r.task_id JOIN plans p ON p.id = t.plan_id \
             ORDER BY r.task_id, r.id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let plan: String = r.try_get("plan_key")?;
                let local: String = r.try_get("local_id")?;
                Ok(Reminder {
                    task: format!("{plan}/{local}"),
                    kind: kind_from(&r.try_get::<String, _>("kind")?)?,
                    reached_on: iso_date(&r.try_get::<String, _>("reached_on")?)?,
                })
            })
            .collect()
    }

    /// The notices for a unit (a code, or a group such as `group:districts`), newest first.
    pub async fn unit_notices(
        &self,
        unit_ref: &str,
        unread_only: bool,
    ) -> Result<Vec<Notice>, StoreError> {
        let unread = if unread_only {
            " AND read_at IS NULL"
        } else {
            ""
        };
        let sql = format!(
            "SELECT id, unit_ref, user_id, kind, entity, message, created_at, read_at FROM notices \
             WHERE unit_ref = $1{unread} ORDER BY created_at DESC, id DESC"
        );
        let rows = sqlx::query(&sql)
            .bind(unit_ref)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(notice_from_row).collect()
    }

    /// One notice.
    pub async fn notice(&self, id: i64) -> Result<Option<Notice>, StoreError> {
        let row = sqlx::query(
            "SELECT id, unit_ref, user_id, kind, entity, message, created_at, read_at FROM notices \
             WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(notice_from_row).transpose()
    }

    /// Marks a notice read; returns whether it was unread.
    pub async fn mark_notice_read(&self, id: i64, actor: &str) -> Result<bool, StoreError> {
        let mut w = self.begin_write().await?;
        let done = sqlx::query("UPDATE notices SET read_at = $1 WHERE id = $2 AND read_at IS NULL")
            .bind(now_ms())
            .bind(id)
            .execute(&mut *w.tx)
            .await?;
        if done.rows_affected() == 0 {
            w.tx.rollback().await?;
            return Ok(false);
        }
        let change = serde_json::json!({ "read": true });
        audit::append(&mut w.tx, actor, "read", &format!("notice:{id}"), &change).await?;
        w.commit().await?;
        Ok(true)
    }
}

/// One notice to the lead and one to each co-operating unit.
async fn insert_notices(
    tx: &mut Transaction<'static, Any>,
    task: &TaskRow,
    kind: ReminderKind,
    deadline: NaiveDate,
) -> Result<(), sqlx::Error> {
    let reminded = RemindedTask {
        plan: &task.plan,
        id: &task.id,
        label: &task.label,
    };
    let text = reminder_message(reminded, kind, deadline);
    for unit in recipients(&task.lead_unit, &task.cooperating) {
        sqlx::query(
            "INSERT INTO notices (unit_ref, kind, entity, message, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(unit)
        .bind(format!("plan_reminder.{}", kind.as_str()))
        .bind(format!("plan_task:{}", task.full_id()))
        .bind(&text)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

fn notice_from_row(r: &AnyRow) -> Result<Notice, StoreError> {
    Ok(Notice {
        id: r.try_get("id")?,
        unit_ref: r.try_get("unit_ref")?,
        user_id: r.try_get("user_id")?,
        kind: r.try_get("kind")?,
        entity: r.try_get("entity")?,
        message: r.try_get("message")?,
        created_at_ms: r.try_get("created_at")?,
        read_at_ms: r.try_get("read_at")?,
    })
}
