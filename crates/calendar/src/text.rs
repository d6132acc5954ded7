//! Parsing of dates, times and instants with clear errors, and their Vietnamese and English
//! wording for traces.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use crate::CalendarError;
use crate::holidays::data::weekday_vi;

fn invalid(m: String) -> CalendarError {
    CalendarError::Invalid(m)
}

fn days_in_month(y: i32, m: u32) -> u32 {
    let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(next.0, next.1, 1)
        .and_then(|d| d.pred_opt())
        .map_or(31, |d| d.day())
}

/// Parses `YYYY-MM-DD`; an impossible date such as 2026-02-30 says why it is impossible.
pub fn parse_date(s: &str) -> Result<NaiveDate, CalendarError> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| {
        p.parse::<u32>()
            .ok()
            .filter(|_| p.bytes().all(|b| b.is_ascii_digit()))
    };
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => (num(y), num(m), num(d)),
        _ => (None, None, None),
    };
    let (Some(y), Some(m), Some(d)) = (y, m, d) else {
        return Err(invalid(format!("{s:?} is not a date: expected YYYY-MM-DD")));
    };
    let y = i32::try_from(y).unwrap_or(0);
    if !(1..=12).contains(&m) {
        return Err(invalid(format!("{s} is not a date: there is no month {m}")));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        invalid(format!(
            "{s} is not a date: {y}-{m:02} has {} days",
            days_in_month(y, m)
        ))
    })
}

/// Parses `HH:MM`.
pub fn parse_time(s: &str) -> Result<NaiveTime, CalendarError> {
    NaiveTime::parse_from_str(s, "%H:%M").map_err(|_| {
        invalid(format!(
            "{s:?} is not a time of day: expected HH:MM, 00:00 to 23:59"
        ))
    })
}

/// Parses `YYYY-MM-DDTHH:MM` (local time, Asia/Ho_Chi_Minh).
pub fn parse_instant(s: &str) -> Result<NaiveDateTime, CalendarError> {
    let (d, t) = s.split_once('T').ok_or_else(|| {
        invalid(format!(
            "{s:?} is not an instant: expected YYYY-MM-DDTHH:MM"
        ))
    })?;
    Ok(parse_date(d)?.and_time(parse_time(t)?))
}

/// `YYYY-MM-DDTHH:MM`.
#[must_use]
pub fn format_instant(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

pub(crate) const fn weekday_en(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// "thứ Hai 16/02/2026".
pub(crate) fn vi_day(d: NaiveDate) -> String {
    format!("{} {}", weekday_vi(d.weekday()), d.format("%d/%m/%Y"))
}

/// "Monday 2026-02-16".
pub(crate) fn en_day(d: NaiveDate) -> String {
    format!("{} {}", weekday_en(d.weekday()), d.format("%Y-%m-%d"))
}

/// "07:00 thứ Hai 16/02/2026".
pub(crate) fn vi_instant(t: NaiveDateTime) -> String {
    format!("{} {}", t.format("%H:%M"), vi_day(t.date()))
}

/// "07:00 Monday 2026-02-16".
pub(crate) fn en_instant(t: NaiveDateTime) -> String {
    format!("{} {}", t.format("%H:%M"), en_day(t.date()))
}

/// "8 giờ 30 phút".
pub(crate) fn vi_minutes(m: i64) -> String {
    match (m / 60, m % 60) {
        (h, 0) => format!("{h} giờ"),
        (0, r) => format!("{r} phút"),
        (h, r) => format!("{h} giờ {r} phút"),
    }
}

/// "8 h 30 min".
pub(crate) fn en_minutes(m: i64) -> String {
    match (m / 60, m % 60) {
        (h, 0) => format!("{h} h"),
        (0, r) => format!("{r} min"),
        (h, r) => format!("{h} h {r} min"),
    }
}
