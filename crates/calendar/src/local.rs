//! Local time in Vietnam (Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving since 1975):
//! the one place where instants become local times and back. Instants are stored as UTC epoch
//! milliseconds; people, deadlines and the law speak local time.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta, Timelike, Utc};

/// The offset of Vietnam from UTC.
pub const OFFSET: TimeDelta = TimeDelta::hours(7);

/// The offset as a chrono time zone.
pub fn zone() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// Now, as local time in Vietnam (to the nanosecond the system gives).
pub fn now() -> NaiveDateTime {
    from_utc(Utc::now())
}

/// Today's date in Vietnam.
pub fn today() -> NaiveDate {
    now().date()
}

/// A UTC instant as local time.
pub fn from_utc(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc() + OFFSET
}

/// A local time as a UTC instant.
pub fn to_utc(t: NaiveDateTime) -> DateTime<Utc> {
    (t - OFFSET).and_utc()
}

/// A local time as UTC epoch milliseconds.
pub fn to_ms(t: NaiveDateTime) -> i64 {
    to_utc(t).timestamp_millis()
}

/// UTC epoch milliseconds as local time (the epoch for a value out of range).
pub fn from_ms(ms: i64) -> NaiveDateTime {
    DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .naive_utc()
        + OFFSET
}

/// `t` without what is below the millisecond: the precision instants are stored with, so
/// that a time taken now is never later than the stored time of an action taken after it.
pub fn truncate_to_ms(t: NaiveDateTime) -> NaiveDateTime {
    t.with_nanosecond(t.nanosecond() / 1_000_000 * 1_000_000)
        .unwrap_or(t)
}

/// A local time in ISO 8601 with its offset: `2026-01-05T08:30:00+07:00`.
pub fn iso(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S+07:00").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").unwrap()
    }

    #[test]
    fn local_times_round_trip_through_utc_milliseconds() {
        let t = at("2026-01-05 08:30:00.000");
        assert_eq!(to_ms(t), 1_767_576_600_000);
        assert_eq!(from_ms(to_ms(t)), t);
        assert_eq!(to_utc(t).format("%H:%M").to_string(), "01:30");
    }

    #[test]
    fn truncation_drops_what_is_below_the_millisecond() {
        let t = at("2026-11-27 16:44:30.592051762");
        assert_eq!(truncate_to_ms(t), at("2026-11-27 16:44:30.592"));
        assert_eq!(truncate_to_ms(truncate_to_ms(t)), truncate_to_ms(t));
    }

    #[test]
    fn iso_times_carry_the_offset() {
        assert_eq!(
            iso(at("2026-02-13 16:00:00.0")),
            "2026-02-13T16:00:00+07:00"
        );
        assert_eq!(zone().local_minus_utc(), 7 * 3600);
    }
}
