//! Vietnamese lunar calendar (âm lịch), computed for the UTC+7 meridian, 1900–2100.
//!
//! Months start on the day of the new moon in Vietnam, which is why Tết sometimes falls a
//! day (or, as in 1985, a month) away from the Chinese (UTC+8) date: Tết 2030 is 2 February
//! in Vietnam and 3 February in China. Before 1968 the North followed UTC+8 tables; this
//! module applies UTC+7 throughout, as the working-time rules need only current years.
//!
//! The month starts are computed once, on first use, into a table of about 2,500 months.

mod astro;
mod table;

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::CalendarError;
use table::Month;

/// A date in the Vietnamese lunar calendar.
///
/// `year` is the lunar year, which begins at Tết, so the last days of a Gregorian January
/// or February often carry the previous `year`. `leap` marks an intercalary month, which
/// repeats the number of the month before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct LunarDate {
    pub day: u8,
    pub month: u8,
    pub year: i32,
    pub leap: bool,
}

/// Offset between a Julian Day Number and chrono's days counted from 0001-01-01 (day 1).
const JDN_OF_CE_DAY_ZERO: i32 = 1_721_425;

/// First supported solar date: lunar 1/1/1900 (Tết Canh Tý).
fn first_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 31).expect("a valid date")
}

/// Last supported solar date.
fn last_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2100, 12, 31).expect("a valid date")
}

fn months() -> &'static [Month] {
    static TABLE: OnceLock<Vec<Month>> = OnceLock::new();
    // Lunar year 2101 is built so that the months holding late 2100 are complete.
    TABLE.get_or_init(|| table::build(1900, 2101))
}

fn jdn(date: NaiveDate) -> i32 {
    date.num_days_from_ce() + JDN_OF_CE_DAY_ZERO
}

fn out_of_range(what: &str) -> CalendarError {
    CalendarError::OutOfRange(format!(
        "{what} is outside the supported range of the lunar calendar, {} to {}",
        first_date(),
        last_date()
    ))
}

/// Converts a Gregorian date to the Vietnamese lunar date.
///
/// # Errors
/// [`CalendarError::OutOfRange`] before 1900-01-31 or after 2100-12-31.
pub fn solar_to_lunar(date: NaiveDate) -> Result<LunarDate, CalendarError> {
    if date < first_date() || date > last_date() {
        return Err(out_of_range(&format!("the date {date}")));
    }
    let day = jdn(date);
    let months = months();
    let index = months.partition_point(|m| m.start <= day) - 1;
    let month = months[index];
    Ok(LunarDate {
        day: u8::try_from(day - month.start + 1).expect("a lunar day fits in u8"),
        month: month.month,
        year: month.year,
        leap: month.leap,
    })
}

/// Converts a Vietnamese lunar date to the Gregorian date.
///
/// # Errors
/// [`CalendarError::Invalid`] for a date that does not exist: a month outside 1–12, a day
/// outside 1–30, day 30 of a 29-day month, or a leap month the year does not have.
/// [`CalendarError::OutOfRange`] for a date before lunar 1/1/1900 or after 2100-12-31.
pub fn lunar_to_solar(date: LunarDate) -> Result<NaiveDate, CalendarError> {
    check_shape(date)?;
    if !(1900..=2100).contains(&date.year) {
        return Err(out_of_range(&format!("the lunar year {}", date.year)));
    }
    let month = find_month(date)?;
    if date.day > month.len {
        return Err(CalendarError::Invalid(format!(
            "{} has {} days, so day {} does not exist",
            month_name(date),
            month.len,
            date.day
        )));
    }
    let day = month.start + i32::from(date.day) - 1;
    NaiveDate::from_num_days_from_ce_opt(day - JDN_OF_CE_DAY_ZERO)
        .filter(|d| *d <= last_date())
        .ok_or_else(|| out_of_range(&format!("day {} of {}", date.day, month_name(date))))
}

/// Rejects months and days that no lunar year has.
fn check_shape(date: LunarDate) -> Result<(), CalendarError> {
    if !(1..=12).contains(&date.month) {
        return Err(CalendarError::Invalid(format!(
            "lunar month {} does not exist; months run from 1 to 12",
            date.month
        )));
    }
    if !(1..=30).contains(&date.day) {
        return Err(CalendarError::Invalid(format!(
            "lunar day {} does not exist; days run from 1 to 30",
            date.day
        )));
    }
    Ok(())
}

/// The month of `date` in the table, which is sorted by (year, month, leap).
fn find_month(date: LunarDate) -> Result<Month, CalendarError> {
    let key = (date.year, date.month, date.leap);
    match months().binary_search_by_key(&key, |m| (m.year, m.month, m.leap)) {
        Ok(index) => Ok(months()[index]),
        Err(_) if date.leap => Err(CalendarError::Invalid(format!(
            "lunar year {} has no leap month {}",
            date.year, date.month
        ))),
        Err(_) => Err(out_of_range(&month_name(date))),
    }
}

/// "lunar month 3 of 2025" or "leap lunar month 6 of 2025".
fn month_name(date: LunarDate) -> String {
    let leap = if date.leap { "leap " } else { "" };
    format!("{leap}lunar month {} of {}", date.month, date.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jdn_of_known_dates() {
        assert_eq!(jdn(NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()), 2_451_545);
        assert_eq!(jdn(NaiveDate::from_ymd_opt(1900, 1, 1).unwrap()), 2_415_021);
    }

    #[test]
    fn range_ends_map_to_table_months() {
        let first = solar_to_lunar(first_date()).unwrap();
        assert_eq!(
            (first.day, first.month, first.year, first.leap),
            (1, 1, 1900, false)
        );
        assert!(solar_to_lunar(last_date()).is_ok());
    }
}
