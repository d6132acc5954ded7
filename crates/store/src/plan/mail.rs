//! E-mail delivery of plan reminders: one e-mail per reminder row (task and kind), sent by
//! whichever instance claims the row first.
//!
//! States (`plan_reminders.email_state`, the rules in `cchc_domain::plan::remind_mail`):
//! `pending` (new) → `sent`; a failed attempt makes it `failed` with the error and the time of
//! the next attempt (backing off), until [`MAX_ATTEMPTS`] failures make it `given_up`;
//! `skipped` when no unit of the task has an address, or when the reminder was reached more
//! than [`STALE_DAYS`] days before the attempt (reminders reached before e-mail was configured
//! are not sent late).
//!
//! Claiming is one conditional `UPDATE` (`email_claimed_until` in the past): of two
//! instances, one claims and sends, the other moves on. An instance that dies between
//! sending and recording leaves the claim to expire, and the e-mail is sent again: delivery
//! is at least once, and every copy carries the same `Message-ID`.

use cchc_domain::plan::remind_mail::after_attempt;
use chrono::NaiveDate;
use sqlx::Row;

use crate::plan::iso_date;
use crate::{Store, StoreError, audit};

pub use cchc_domain::plan::remind_mail::{MAX_ATTEMPTS, MailOutcome, STALE_DAYS};

/// A reminder whose e-mail is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderMail {
    /// The reminder row (stable: the e-mail's Message-ID is made of it).
    pub id: i64,
    /// The task's full id (`KH204-2023/NV/2.a`).
    pub task: String,
    /// `before7`, `before3`, `before1` or `overdue`.
    pub kind: String,
    pub reached_on: NaiveDate,
    /// The lead unit, then the co-operating units (codes or groups).
    pub units: Vec<String>,
    /// The notice text of the reminder.
    pub message: String,
    /// Failed attempts so far.
    pub attempts: i64,
}

impl Store {
    /// Reminders whose e-mail is due at `now_ms` (pending, or failed and due again, and not
    /// claimed by a live instance), oldest first, at most `limit`.
    pub async fn due_reminder_mails(
        &self,
        now_ms: i64,
        limit: i64,
    ) -> Result<Vec<ReminderMail>, StoreError> {
        let rows = sqlx::query(
            "SELECT r.id, p.plan_key, t.local_id, t.lead_unit, t.cooperating, r.kind, \
             r.reached_on, r.email_attempts, \
             (SELECT n.message FROM notices n WHERE n.entity = 'plan_task:' || p.plan_key || '/' || t.local_id \
              AND n.kind = 'plan_reminder.' || r.kind ORDER BY n.id LIMIT 1) AS message \
             FROM plan_reminders r JOIN plan_tasks t ON t.id = r.task_id \
             JOIN plans p ON p.id = t.plan_id \
             WHERE r.email_state IN ('pending', 'failed') \
             AND (r.email_next_at IS NULL OR r.email_next_at <= $1) \
             AND (r.email_claimed_until IS NULL OR r.email_claimed_until < $1) \
             ORDER BY r.id LIMIT $2",
        )
        .bind(now_ms)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let plan: String = r.try_get("plan_key")?;
                let local: String = r.try_get("local_id")?;
                let cooperating: String = r.try_get("cooperating")?;
                let mut units = vec![r.try_get::<String, _>("lead_unit")?];
                units.extend(
                    serde_json::from_str::<Vec<String>>(&cooperating)
                        .map_err(|e| StoreError::Corrupt(format!("stored units: {e}")))?,
                );
                Ok(ReminderMail {
                    id: r.try_get("id")?,
                    task: format!("{plan}/{local}"),
                    kind: r.try_get("kind")?,
                    reached_on: iso_date(&r.try_get::<String, _>("reached_on")?)?,
                    units,
                    message: r
                        .try_get::<Option<String>, _>("message")?
                        .unwrap_or_default(),
                    attempts: r.try_get("email_attempts")?,
                })
            })
            .collect()
    }

    /// Claims a reminder's e-mail until `until_ms`; `false` when another instance holds it
    /// or it is no longer due.
    pub async fn claim_reminder_mail(
        &self,
        id: i64,
        now_ms: i64,
        until_ms: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE plan_reminders SET email_claimed_until = $1 WHERE id = $2 \
             AND email_state IN ('pending', 'failed') \
             AND (email_next_at IS NULL OR email_next_at <= $3) \
             AND (email_claimed_until IS NULL OR email_claimed_until < $3)",
        )
        .bind(until_ms)
        .bind(id)
        .bind(now_ms)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records how a claimed attempt ended (with an audit entry) and releases the claim.
    pub async fn finish_reminder_mail(
        &self,
        id: i64,
        outcome: &MailOutcome,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let (error, next) = match outcome {
            MailOutcome::Sent => (None, None),
            MailOutcome::Skipped(reason) => (Some(reason.clone()), None),
            MailOutcome::Failed { error, retry_at_ms } => (Some(error.clone()), Some(*retry_at_ms)),
        };
        let mut w = self.begin_write().await?;
        // Releasing the claim first makes the transaction a writer from its first statement
        // (SQLite cannot turn a reader into a writer once another connection has written) and
        // locks the row on PostgreSQL.
        let row = sqlx::query(
            "UPDATE plan_reminders SET email_claimed_until = NULL WHERE id = $1 \
             RETURNING email_attempts",
        )
        .bind(id)
        .fetch_optional(&mut *w.tx)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("no reminder {id}")))?;
        let (state, attempts) = after_attempt(outcome, row.try_get("email_attempts")?);
        let sent_at = (*outcome == MailOutcome::Sent).then_some(now_ms);
        sqlx::query(
            "UPDATE plan_reminders SET email_state = $1, email_attempts = $2, email_error = $3, \
             email_next_at = $4, email_sent_at = COALESCE($5, email_sent_at) WHERE id = $6",
        )
        .bind(state.as_str())
        .bind(attempts)
        .bind(error.clone())
        .bind(next)
        .bind(sent_at)
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
        let change =
            serde_json::json!({ "email": state.as_str(), "attempts": attempts, "error": error });
        let entity = format!("plan_reminder:{id}");
        audit::append(
            &mut w.tx,
            crate::base::SYSTEM_ACTOR,
            "email",
            &entity,
            &change,
        )
        .await?;
        w.commit().await?;
        Ok(())
    }

    /// The e-mail state, attempts and error of every reminder, by id: for tests and operators.
    pub async fn reminder_mail_states(
        &self,
    ) -> Result<Vec<(i64, String, i64, Option<String>)>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, email_state, email_attempts, email_error FROM plan_reminders ORDER BY id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("id")?,
                    r.try_get("email_state")?,
                    r.try_get("email_attempts")?,
                    r.try_get("email_error")?,
                ))
            })
            .collect()
    }
}
