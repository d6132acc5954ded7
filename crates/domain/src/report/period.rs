//! A regime's periods: the label (`2026-Q1`, `2026-H1`, `2026-Q3`, `2026`, `2026-03`), the data
//! window (cut-off 15th → 14th, or calendar months), the due date moved by the working
//! calendar, and the internal due date of each reporting level.

use super::regime::{Frequency, Kind, Regime, Shift, Window};
use cchc_calendar::{CalendarError, WorkCalendar};
use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// One period of a frequency: the year and its number in the year (from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodRef {
    pub frequency: Frequency,
    pub year: i32,
    pub number: u32,
}

impl PeriodRef {
    /// Reads a period label as a period of `frequency`; a label of another frequency is an
    /// error naming the expected form.
    pub fn parse(label: &str, frequency: Frequency) -> Result<PeriodRef, String> {
        let wrong = || {
            format!(
                "kỳ “{label}” không đúng tần suất {} của chế độ báo cáo (dạng {})",
                frequency_vi(frequency),
                example(frequency)
            )
        };
        let (year, rest) = match label.trim().split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (label.trim(), None),
        };
        let year: i32 = year
            .parse()
            .ok()
            .filter(|y| (1900..=9999).contains(y))
            .ok_or_else(wrong)?;
        let number = match (frequency, rest) {
            (Frequency::Year, None) => 1,
            (Frequency::Month, Some(m)) if m.len() == 2 => m.parse().map_err(|_| wrong())?,
            (Frequency::Quarter, Some(q)) => q
                .strip_prefix('Q')
                .ok_or_else(wrong)?
                .parse()
                .map_err(|_| wrong())?,
            (Frequency::Half, Some(h)) => h
                .strip_prefix('H')
                .ok_or_else(wrong)?
                .parse()
                .map_err(|_| wrong())?,
            (Frequency::Q3, Some("Q3")) => 1,
            _ => return Err(wrong()),
        };
        if number == 0 || number > frequency.periods_per_year() {
            return Err(wrong());
        }
        Ok(PeriodRef {
            frequency,
            year,
            number,
        })
    }

    /// The label, in the form [`PeriodRef::parse`] reads.
    pub fn label(&self) -> String {
        let (y, n) = (self.year, self.number);
        match self.frequency {
            Frequency::Month => format!("{y}-{n:02}"),
            Frequency::Quarter => format!("{y}-Q{n}"),
            Frequency::Half => format!("{y}-H{n}"),
            Frequency::Q3 => format!("{y}-Q3"),
            Frequency::Year => format!("{y}"),
        }
    }

    /// The first and the last month of the period (1–12).
    fn months(&self) -> (u32, u32) {
        let n = self.number;
        match self.frequency {
            Frequency::Month => (n, n),
            Frequency::Quarter => (3 * n - 2, 3 * n),
            Frequency::Half => (6 * n - 5, 6 * n),
            Frequency::Q3 => (1, 9),
            Frequency::Year => (1, 12),
        }
    }

    /// The data window, both ends inclusive.
    pub fn window(&self, window: Window) -> (NaiveDate, NaiveDate) {
        let (first, last) = self.months();
        match window {
            Window::Cutoff1514 => {
                let (y, m) = if first == 1 {
                    (self.year - 1, 12)
                } else {
                    (self.year, first - 1)
                };
                (ymd(y, m, 15), ymd(self.year, last, 14))
            }
            Window::Calendar => (ymd(self.year, first, 1), last_day(self.year, last)),
        }
    }
}

fn frequency_vi(f: Frequency) -> &'static str {
    match f {
        Frequency::Month => "tháng",
        Frequency::Quarter => "quý",
        Frequency::Half => "6 tháng",
        Frequency::Q3 => "9 tháng",
        Frequency::Year => "năm",
    }
}

fn example(f: Frequency) -> &'static str {
    match f {
        Frequency::Month => "2026-03",
        Frequency::Quarter => "2026-Q1",
        Frequency::Half => "2026-H1",
        Frequency::Q3 => "2026-Q3",
        Frequency::Year => "2026",
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a day every month has")
}

/// The last day of a month.
pub fn last_day(y: i32, m: u32) -> NaiveDate {
    let next = if m == 12 {
        ymd(y + 1, 1, 1)
    } else {
        ymd(y, m + 1, 1)
    };
    next.pred_opt().expect("a day before the 1st")
}

/// `day` of the month `offset` months after (`y`, `m`); a day the month lacks is its last day
/// (the nearest date).
fn day_in_month(y: i32, m: u32, offset: u32, day: u32) -> NaiveDate {
    let index = y * 12 + (m as i32 - 1) + offset as i32;
    let (y, m) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_else(|| last_day(y, m))
}

/// The working day `n` working days before `date`.
pub fn working_days_before(
    calendar: &WorkCalendar,
    date: NaiveDate,
    n: u32,
) -> Result<NaiveDate, CalendarError> {
    let mut day = date;
    let mut counted = 0;
    while counted < n {
        day = day - Days::new(1);
        if calendar.is_working_day(day)? {
            counted += 1;
        }
    }
    Ok(day)
}

/// The first working day on or after `date`.
pub fn next_working_day(
    calendar: &WorkCalendar,
    date: NaiveDate,
) -> Result<NaiveDate, CalendarError> {
    let mut day = date;
    while !calendar.is_working_day(day)? {
        day = day + Days::new(1);
    }
    Ok(day)
}

/// One period of a regime, as `cchc report period` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportPeriod {
    pub regime: String,
    pub kind: Kind,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub due: NaiveDate,
    pub internal_due: BTreeMap<&'static str, NaiveDate>,
}

/// The window, due date and internal due dates of `period` of `regime`, with the working
/// calendar; a period number the regime does not report is an error.
pub fn period_of(
    regime: &Regime,
    period: PeriodRef,
    calendar: &WorkCalendar,
) -> Result<ReportPeriod, PeriodError> {
    if period.frequency != regime.frequency || !regime.numbers.contains(&period.number) {
        return Err(PeriodError::NotReported(format!(
            "chế độ báo cáo {} không có kỳ {}",
            regime.code,
            period.label()
        )));
    }
    let (start, end) = period.window(regime.window);
    let (_, last) = period.months();
    let nominal = day_in_month(period.year, last, regime.due.month_offset, regime.due.day);
    let due = match regime.due.shift {
        Shift::NextWorkingDay => next_working_day(calendar, nominal)?,
        Shift::None => nominal,
    };
    let mut internal_due = BTreeMap::new();
    for rule in &regime.internal_due {
        let date = working_days_before(calendar, due, rule.working_days_before)?;
        internal_due.insert(rule.level.as_str(), date);
    }
    debug_assert!(start.year() <= end.year());
    Ok(ReportPeriod {
        regime: regime.code.clone(),
        kind: regime.kind,
        start,
        end,
        due,
        internal_due,
    })
}

/// Why a period has no dates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// The regime does not report that period.
    #[error("{0}")]
    NotReported(String),
    /// The working calendar does not cover the dates.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}
