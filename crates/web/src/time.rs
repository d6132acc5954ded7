//! Dates as people in Vietnam read them (UTC+7), over [`cchc_calendar::local`].

use chrono::NaiveDate;

/// Today's date in Vietnam.
pub fn today() -> NaiveDate {
    cchc_calendar::local::today()
}

/// Now, as local time in Vietnam (Asia/Ho_Chi_Minh, UTC+7).
pub fn now() -> chrono::NaiveDateTime {
    cchc_calendar::local::now()
}

/// Now, truncated to the millisecond: the precision the store gives an action's time, so
/// that a time taken from it (such as a return's default time) is never later than the time
/// of the action applied after it.
pub fn now_to_ms() -> chrono::NaiveDateTime {
    cchc_calendar::local::truncate_to_ms(now())
}

/// Parses an ISO date `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// Formats epoch milliseconds as `dd/mm/yyyy HH:MM:SS` in Vietnam time.
pub fn format_ms(ms: i64) -> String {
    cchc_calendar::local::from_ms(ms)
        .format("%d/%m/%Y %H:%M:%S")
        .to_string()
}

/// Formats a date as `dd/mm/yyyy`.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}
