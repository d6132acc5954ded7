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

/// Now, truncated to the millisecond: the precision the store gives an action's time, so
/// that a time taken from it (such as a return's default time) is never later than the time
/// of the action applied after it.
pub fn now_to_ms() -> chrono::NaiveDateTime {
    to_ms(now())
}

fn to_ms(t: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
    use chrono::Timelike;
    t.with_nanosecond(t.nanosecond() / 1_000_000 * 1_000_000)
        .unwrap_or(t)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_to_ms_drops_what_is_below_the_millisecond() {
        let t = NaiveDate::from_ymd_opt(2026, 11, 27)
            .and_then(|d| d.and_hms_nano_opt(16, 44, 30, 592_051_762))
            .unwrap();
        let ms = NaiveDate::from_ymd_opt(2026, 11, 27)
            .and_then(|d| d.and_hms_milli_opt(16, 44, 30, 592))
            .unwrap();
        assert_eq!(to_ms(t), ms);
        assert_eq!(to_ms(ms), ms);
        assert!(now_to_ms() <= now());
    }
}
