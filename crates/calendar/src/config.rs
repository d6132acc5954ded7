//! Configuration of a working calendar: office hours, optional entries to enable, local closures
//! and annual calendars loaded at run time.

use chrono::NaiveDate;

use crate::holidays::YearHolidays;
use crate::office::OfficeHours;

/// A province's or a unit's own day off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalClosure {
    pub date: NaiveDate,
    /// Vietnamese name, e.g. "Nghỉ theo Quyết định … của UBND tỉnh".
    pub name: String,
    /// The decision that closes the office.
    pub basis: String,
}

/// Everything that makes one unit's calendar differ from the national default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarConfig {
    pub office_hours: OfficeHours,
    /// Dates of entries shipped disabled that apply, e.g. 2026-11-24 (Ngày Văn hóa Việt Nam).
    pub enable: Vec<NaiveDate>,
    /// Closures added on top of the national calendar.
    pub local_closures: Vec<LocalClosure>,
    /// Annual calendars that replace the embedded file or the rules for their year, e.g. a
    /// notice for a new year parsed with [`crate::holidays::data::parse_year`].
    pub year_data: Vec<YearHolidays>,
}
