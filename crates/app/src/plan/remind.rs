//! The reminder job (đôn đốc), run by an operator: the reminders the open tasks reached by a
//! day (7, 3 and 1 working days before the deadline by the province's configured calendar,
//! and overdue), each created once with its notices, however many instances run it. E-mailing
//! them is the command line's (`crates/cli/src/mail`).

use crate::{Actor, App, Error};
use chrono::NaiveDate;

/// Creates the reminders reached by `as_of` (default today); returns how many are new.
pub async fn create(app: &App, actor: &Actor, as_of: Option<NaiveDate>) -> Result<usize, Error> {
    if !actor.is_operator() {
        return Err(Error::forbidden(
            "operator_only",
            "Việc nhắc hạn nhiệm vụ do hệ thống chạy.",
        ));
    }
    let as_of = as_of.unwrap_or_else(|| app.clock.today());
    Ok(app
        .store
        .run_reminders(as_of, app.calendars.province())
        .await?)
}
