//! Public holidays, substitute days off, swaps and make-up working days, year by year.
//!
//! A year with an annual data file (`data/calendar/YYYY.toml`, embedded at build time) uses it;
//! any other year in the supported range falls back to the labour-code rules in force that year
//! ([`rules`]). Local closures and optional entries are added by [`crate::CalendarConfig`].

pub mod data;
pub mod rules;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

/// First year the working calendar covers: the 1994 Labour Code took effect on 01/01/1995.
pub const FIRST_YEAR: i32 = 1995;
/// Last year the working calendar covers (the lunar calendar ends with 2100).
pub const LAST_YEAR: i32 = 2100;

/// What kind of day a date is for state agencies (docs/DOMAIN.md § Working time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// An ordinary working day.
    Working,
    /// The weekly rest day (Saturday and Sunday; Sunday only before 01/10/1999).
    Weekend,
    /// A public holiday (Điều 112), also when it falls on a weekly rest day.
    Holiday,
    /// A substitute day off (nghỉ bù) for a holiday that fell on a weekly rest day.
    Substitute,
    /// A weekday given off in exchange for a make-up working day.
    SwapOff,
    /// A weekly rest day worked to make up for a swapped day off.
    MakeUpWorking,
    /// A closure decided by a province or a unit.
    LocalClosure,
}

impl DayKind {
    /// `Working` and `MakeUpWorking` are working days; every other kind is not.
    #[must_use]
    pub const fn is_working(self) -> bool {
        matches!(self, Self::Working | Self::MakeUpWorking)
    }

    /// The kind's name in Vietnamese.
    #[must_use]
    pub const fn vi(self) -> &'static str {
        match self {
            Self::Working => "ngày làm việc",
            Self::Weekend => "nghỉ hằng tuần",
            Self::Holiday => "ngày lễ, Tết",
            Self::Substitute => "nghỉ bù",
            Self::SwapOff => "nghỉ hoán đổi",
            Self::MakeUpWorking => "ngày làm bù",
            Self::LocalClosure => "nghỉ theo quyết định địa phương",
        }
    }

    /// The kind's name in English.
    #[must_use]
    pub const fn en(self) -> &'static str {
        match self {
            Self::Working => "working day",
            Self::Weekend => "weekly rest day",
            Self::Holiday => "public holiday",
            Self::Substitute => "substitute day off",
            Self::SwapOff => "swapped day off",
            Self::MakeUpWorking => "make-up working day",
            Self::LocalClosure => "local closure",
        }
    }
}

/// Why a day is off, as listed in a year's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OffKind {
    /// A public holiday.
    Holiday,
    /// A substitute day off (nghỉ bù).
    Substitute,
    /// A weekday off swapped with a make-up working day.
    Swap,
    /// A province's or unit's own closure.
    Local,
}

impl OffKind {
    /// Parses `holiday`, `substitute`, `swap` or `local`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "holiday" => Some(Self::Holiday),
            "substitute" => Some(Self::Substitute),
            "swap" => Some(Self::Swap),
            "local" => Some(Self::Local),
            _ => None,
        }
    }

    /// The day kind a day off of this kind has.
    #[must_use]
    pub const fn day_kind(self) -> DayKind {
        match self {
            Self::Holiday => DayKind::Holiday,
            Self::Substitute => DayKind::Substitute,
            Self::Swap => DayKind::SwapOff,
            Self::Local => DayKind::LocalClosure,
        }
    }

    /// The lowercase name used in data files and JSON.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Holiday => "holiday",
            Self::Substitute => "substitute",
            Self::Swap => "swap",
            Self::Local => "local",
        }
    }
}

/// One day off in a year's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayOff {
    pub date: NaiveDate,
    /// Vietnamese name, e.g. "Tết Âm lịch (mùng 1)".
    pub name: String,
    pub kind: OffKind,
    /// Legal basis, e.g. "BLLĐ 2019 Điều 112; TB 9441/TB-BNV".
    pub basis: String,
    /// A disabled entry is shipped but not applied unless configuration enables it.
    pub enabled: bool,
}

/// A weekly rest day that is worked (ngày làm bù).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MakeUpDay {
    pub date: NaiveDate,
    pub name: String,
    pub basis: String,
}

/// Where a year's calendar comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// An annual data file with what the government announced.
    Data,
    /// The labour-code rules in force that year (no announcement loaded).
    Rules,
}

/// A year's days off and make-up working days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearHolidays {
    pub year: i32,
    pub source: Source,
    /// Edition of the year's data file (raised whenever an entry changes); 0 for the rules.
    pub version: u32,
    /// Sorted by date; several entries may share a date only if they are of different kinds.
    pub days_off: Vec<DayOff>,
    /// Sorted by date.
    pub working_saturdays: Vec<MakeUpDay>,
}

/// The national calendar of `year`: its data file if one is embedded, otherwise the rules.
pub fn national(year: i32) -> Result<YearHolidays, crate::CalendarError> {
    match data::embedded(year) {
        Some(parsed) => parsed,
        None => rules::by_rules(year),
    }
}

/// Whether `date` is a weekly rest day for state agencies: Sunday, and Saturday from 01/10/1999
/// (QĐ 188/1999/QĐ-TTg Điều 1).
#[must_use]
pub fn is_weekly_rest(date: NaiveDate) -> bool {
    match date.weekday() {
        Weekday::Sun => true,
        Weekday::Sat => date >= SATURDAY_OFF_FROM,
        _ => false,
    }
}

const SATURDAY_OFF_FROM: NaiveDate = match NaiveDate::from_ymd_opt(1999, 10, 1) {
    Some(d) => d,
    None => panic!("valid constant date"),
};
