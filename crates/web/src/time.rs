//! Dates as people in Vietnam read them (UTC+7).

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// Today's date in Vietnam.
pub fn today() -> NaiveDate {
    now().date()
}

/// Now, as local time in Vietnam (Asia/Ho_Chi_Minh, UTC+7).
pub fn now() -> chrono::NaiveDateTime {
    Utc::now().with_timezone(&vietnam()).naive_local()
}

/// Parses an ISO date `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// Formats epoch milliseconds as `dd/mm/yyyy HH:MM:SS` in Vietnam time.
pub fn format_ms(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms).map_or_else(
        || "—".to_owned(),
        |t| {
            t.with_timezone(&vietnam())
                .format("%d/%m/%Y %H:%M:%S")
                .to_string()
        },
    )
}

/// Formats a date as `dd/mm/yyyy`.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}
