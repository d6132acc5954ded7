//! Annual calendar data files (`data/calendar/YYYY.toml`), embedded at build time and validated.
//!
//! Format (one file per year, every date inside that year):
//!
//! ```toml
//! year = 2026
//! version = 1                  # edition of the file, raised whenever an entry changes
//! [[off]]                      # a day off
//! date = 2026-02-17
//! name = "Tết Âm lịch (mùng 1)"
//! kind = "holiday"             # holiday | substitute | swap | local
//! basis = "BLLĐ 2019 Điều 112; TB 9441/TB-BNV"
//! enabled = true               # optional; false ships an entry that configuration may enable
//! [[work]]                     # a make-up working day (a Saturday or Sunday)
//! date = 2026-08-22
//! name = "Làm bù cho thứ Hai 31/08/2026"
//! basis = "TB 9441/TB-BNV"
//! ```

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use toml::value::Datetime;

use super::{DayOff, MakeUpDay, OffKind, Source, YearHolidays, is_weekly_rest};
use crate::CalendarError;

/// The embedded annual files, by year.
const FILES: &[(i32, &str)] = &[
    (2010, include_str!("../../../../data/calendar/2010.toml")),
    (2011, include_str!("../../../../data/calendar/2011.toml")),
    (2012, include_str!("../../../../data/calendar/2012.toml")),
    (2013, include_str!("../../../../data/calendar/2013.toml")),
    (2014, include_str!("../../../../data/calendar/2014.toml")),
    (2015, include_str!("../../../../data/calendar/2015.toml")),
    (2016, include_str!("../../../../data/calendar/2016.toml")),
    (2017, include_str!("../../../../data/calendar/2017.toml")),
    (2018, include_str!("../../../../data/calendar/2018.toml")),
    (2019, include_str!("../../../../data/calendar/2019.toml")),
    (2020, include_str!("../../../../data/calendar/2020.toml")),
    (2021, include_str!("../../../../data/calendar/2021.toml")),
    (2022, include_str!("../../../../data/calendar/2022.toml")),
    (2023, include_str!("../../../../data/calendar/2023.toml")),
    (2024, include_str!("../../../../data/calendar/2024.toml")),
    (2025, include_str!("../../../../data/calendar/2025.toml")),
    (2026, include_str!("../../../../data/calendar/2026.toml")),
];

/// Years that have an embedded data file, ascending.
pub fn years() -> impl Iterator<Item = i32> {
    FILES.iter().map(|(y, _)| *y)
}

/// The parsed embedded file of `year`, if there is one.
pub fn embedded(year: i32) -> Option<Result<YearHolidays, CalendarError>> {
    FILES
        .iter()
        .find(|(y, _)| *y == year)
        .map(|(_, text)| parse_year(text))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    year: i32,
    version: u32,
    #[serde(default)]
    off: Vec<RawOff>,
    #[serde(default)]
    work: Vec<RawWork>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOff {
    date: Datetime,
    name: String,
    kind: String,
    basis: String,
    #[serde(default = "yes")]
    enabled: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWork {
    date: Datetime,
    name: String,
    basis: String,
}

const fn yes() -> bool {
    true
}

/// Parses and validates one year's TOML (the embedded files, or a notice loaded by an admin).
pub fn parse_year(text: &str) -> Result<YearHolidays, CalendarError> {
    let raw: RawYear =
        toml::from_str(text).map_err(|e| CalendarError::Data(format!("calendar file: {e}")))?;
    let year = raw.year;
    let mut days_off = raw
        .off
        .into_iter()
        .map(|o| off_entry(year, o))
        .collect::<Result<Vec<_>, _>>()?;
    let mut working_saturdays = raw
        .work
        .into_iter()
        .map(|w| work_entry(year, w))
        .collect::<Result<Vec<_>, _>>()?;
    days_off.sort_by(|a, b| (a.date, a.kind.as_str()).cmp(&(b.date, b.kind.as_str())));
    working_saturdays.sort_by_key(|w| w.date);
    let parsed = YearHolidays {
        year,
        source: Source::Data,
        version: raw.version,
        days_off,
        working_saturdays,
    };
    check_consistency(&parsed)?;
    Ok(parsed)
}

fn off_entry(year: i32, raw: RawOff) -> Result<DayOff, CalendarError> {
    let date = entry_date(year, &raw.date)?;
    let kind = OffKind::parse(&raw.kind).ok_or_else(|| {
        CalendarError::Data(format!(
            "{date}: unknown kind {:?} (holiday|substitute|swap|local)",
            raw.kind
        ))
    })?;
    non_empty(date, "name", &raw.name)?;
    non_empty(date, "basis", &raw.basis)?;
    let weekday_only = matches!(kind, OffKind::Substitute | OffKind::Swap);
    if weekday_only && is_weekly_rest(date) {
        return Err(CalendarError::Data(format!(
            "{date}: a {} day off cannot fall on a weekly rest day",
            kind.as_str()
        )));
    }
    Ok(DayOff {
        date,
        name: raw.name,
        kind,
        basis: raw.basis,
        enabled: raw.enabled,
    })
}

fn work_entry(year: i32, raw: RawWork) -> Result<MakeUpDay, CalendarError> {
    let date = entry_date(year, &raw.date)?;
    non_empty(date, "name", &raw.name)?;
    non_empty(date, "basis", &raw.basis)?;
    if !is_weekly_rest(date) {
        return Err(CalendarError::Data(format!(
            "{date}: a make-up working day must be a weekly rest day, not a {}",
            date.weekday()
        )));
    }
    Ok(MakeUpDay {
        date,
        name: raw.name,
        basis: raw.basis,
    })
}

fn entry_date(year: i32, raw: &Datetime) -> Result<NaiveDate, CalendarError> {
    let bad = || CalendarError::Data(format!("{raw}: expected a plain date such as {year}-01-01"));
    if raw.time.is_some() || raw.offset.is_some() {
        return Err(bad());
    }
    let d = raw.date.ok_or_else(bad)?;
    let date = NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        .ok_or_else(bad)?;
    if date.year() != year {
        return Err(CalendarError::Data(format!(
            "{date} is listed in the file of {year}"
        )));
    }
    Ok(date)
}

fn non_empty(date: NaiveDate, field: &str, value: &str) -> Result<(), CalendarError> {
    if value.trim().is_empty() {
        return Err(CalendarError::Data(format!("{date}: empty {field}")));
    }
    Ok(())
}

/// No date twice with the same kind, and no day both off and worked.
pub(crate) fn check_consistency(y: &YearHolidays) -> Result<(), CalendarError> {
    let mut seen = BTreeSet::new();
    for o in &y.days_off {
        if !seen.insert((o.date, o.kind.as_str())) {
            return Err(CalendarError::Data(format!(
                "{}: listed twice as {}",
                o.date,
                o.kind.as_str()
            )));
        }
    }
    let mut work = BTreeSet::new();
    for w in &y.working_saturdays {
        if !work.insert(w.date) {
            return Err(CalendarError::Data(format!(
                "{}: make-up day listed twice",
                w.date
            )));
        }
        if y.days_off.iter().any(|o| o.enabled && o.date == w.date) {
            return Err(CalendarError::Data(format!(
                "{}: both a day off and a make-up day",
                w.date
            )));
        }
    }
    Ok(())
}

/// The weekday names used in entry names: "thứ Hai" … "Chủ nhật".
#[must_use]
pub fn weekday_vi(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "thứ Hai",
        Weekday::Tue => "thứ Ba",
        Weekday::Wed => "thứ Tư",
        Weekday::Thu => "thứ Năm",
        Weekday::Fri => "thứ Sáu",
        Weekday::Sat => "thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}
