//! The reminder job: create the reminders reached today (durable, once per task and kind),
//! then e-mail each one not yet sent. A reminder's e-mail is claimed in the database before
//! it is sent and its outcome recorded after: sent, failed (retried later, backing off), or
//! skipped (no address, or reached too long ago).

use std::time::{Duration, SystemTime};

use cchc_app::{Actor, App};
use cchc_store::plan_mail::{MailOutcome, ReminderMail, STALE_DAYS};
use cchc_store::{Store, StoreError, now_ms};
use chrono::{NaiveDate, TimeDelta};
use lettre::Address;
use serde::Serialize;

use super::MailSettings;
use super::message::{Mail, build};
use super::smtp::send;

/// How long a claim holds: longer than any send (each has a 30 s limit).
const LEASE_MS: i64 = 10 * 60 * 1000;

/// What one delivery pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Delivery {
    pub sent: usize,
    pub failed: usize,
    pub skipped: usize,
    /// Due reminders another instance held.
    pub elsewhere: usize,
}

/// The wait before attempt `attempts + 1`: 5 minutes doubling, at most 6 hours.
pub fn backoff(attempts: i64) -> Duration {
    let minutes = 5u64 << attempts.clamp(0, 7);
    Duration::from_secs(60 * minutes.min(360))
}

/// The addresses of the units of a reminder, each once.
fn addresses(settings: &MailSettings, m: &ReminderMail) -> Vec<Address> {
    let mut out: Vec<Address> = Vec::new();
    for unit in &m.units {
        if let Some(a) = settings.recipients.get(unit)
            && !out.contains(a)
        {
            out.push(a.clone());
        }
    }
    out
}

fn subject(m: &ReminderMail) -> String {
    let when = match m.kind.as_str() {
        "before7" => "còn 7 ngày làm việc đến hạn",
        "before3" => "còn 3 ngày làm việc đến hạn",
        "before1" => "còn 1 ngày làm việc đến hạn",
        _ => "đã quá hạn",
    };
    format!("[cchc] Đôn đốc nhiệm vụ {}: {when}", m.task)
}

/// The body: the notice, and where to report.
fn body(m: &ReminderMail) -> String {
    format!(
        "{}\n\nĐơn vị chủ trì và phối hợp báo cáo tiến độ tại mục Kế hoạch CCHC của hệ thống cchc \
         (nhiệm vụ {}).\n\nThư tự động, vui lòng không trả lời.\n",
        m.message, m.task
    )
}

/// Sends one claimed reminder; its outcome.
async fn attempt(
    settings: &MailSettings,
    m: &ReminderMail,
    today: NaiveDate,
    now: i64,
) -> MailOutcome {
    if m.reached_on < today - TimeDelta::days(STALE_DAYS) {
        return MailOutcome::Skipped(format!("reached on {}, too long ago", m.reached_on));
    }
    let to = addresses(settings, m);
    if to.is_empty() {
        return MailOutcome::Skipped(format!("no address for {}", m.units.join(", ")));
    }
    let mail = Mail {
        from: &settings.from,
        to: &to,
        subject: &subject(m),
        body: &body(m),
        message_id: &format!("<plan-reminder-{}@cchc>", m.id),
        date: SystemTime::now(),
    };
    let sent = match build(&mail) {
        Ok(message) => send(&settings.transport, message, settings.relay.timeout)
            .await
            .map_err(|e| e.to_string()),
        Err(e) => Err(format!("message: {e}")),
    };
    match sent {
        Ok(()) => MailOutcome::Sent,
        Err(error) => {
            let wait = i64::try_from(backoff(m.attempts).as_millis()).unwrap_or(i64::MAX);
            MailOutcome::Failed {
                error,
                retry_at_ms: now.saturating_add(wait),
            }
        }
    }
}

/// E-mails every reminder due at `now` (epoch ms); `today` decides which are too old.
pub async fn deliver(
    store: &Store,
    settings: &MailSettings,
    today: NaiveDate,
    now: i64,
) -> Result<Delivery, StoreError> {
    let mut done = Delivery::default();
    for _ in 0..1000 {
        let due = store.due_reminder_mails(now, 100).await?;
        if due.is_empty() {
            break;
        }
        for m in &due {
            if !store.claim_reminder_mail(m.id, now, now + LEASE_MS).await? {
                done.elsewhere += 1;
                continue;
            }
            let outcome = attempt(settings, m, today, now).await;
            match &outcome {
                MailOutcome::Sent => done.sent += 1,
                MailOutcome::Failed { error, .. } => {
                    tracing::warn!(reminder = m.id, %error, "reminder e-mail failed; retried later");
                    done.failed += 1;
                }
                MailOutcome::Skipped(_) => done.skipped += 1,
            }
            store.finish_reminder_mail(m.id, &outcome, now).await?;
        }
    }
    Ok(done)
}

/// One run of the job as of `today`, as `actor` (an operator): create the reminders reached
/// ([`cchc_app::plan::remind::create`], with the configured calendar), then e-mail them when
/// e-mail is configured. Returns the reminders created and what was e-mailed.
pub async fn run(
    app: &App,
    actor: &Actor,
    settings: Option<&MailSettings>,
    today: NaiveDate,
) -> Result<(usize, Option<Delivery>), cchc_app::Error> {
    let created = cchc_app::plan::remind::create(app, actor, Some(today)).await?;
    let delivery = match settings {
        Some(s) => Some(deliver(&app.store, s, today, now_ms()).await?),
        None => None,
    };
    Ok((created, delivery))
}
