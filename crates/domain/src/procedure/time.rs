//! Legal processing times (thời hạn giải quyết) and their mapping to working-time durations.
//!
//! Units (`DonViTinh`, docs/DOMAIN.md § Deadline units) and how each maps to [`WorkDuration`]:
//!
//! | unit | JSON / CSV id | meaning | `WorkDuration` |
//! |---|---|---|---|
//! | giờ | `gio` | working hours | `Hours(n)` |
//! | ngày làm việc | `ngay_lam_viec` | working days of 8 working hours | `WorkingDays(n)` |
//! | ngày | `ngay` | calendar days | `CalendarDays(n)`: the due date is `n` calendar days after the receipt date and moves to the next working day when it is not one; the due time is the end of office hours |
//! | tháng | `thang` | calendar months | `CalendarDays(d)` where `d` is the number of days from the receipt date to the same day `n` months later (the 31st clamps to the month's last day), so it depends on the receipt date — see [`ProcessingTime::work_duration`] |
//! | trong ngày | `trong_ngay` | the day of receipt ("giải quyết trong ngày"), value 1 | `CalendarDays(0)`: due at the end of office hours of the receipt day; with a same-day cut-off a receipt after it counts from the next working day (docs/DOMAIN.md § Cut-offs and pauses) |
//!
//! For the check that internal step budgets fit in the legal time ([`ProcessingTime::legal_minutes`]),
//! every day counts as one working day of 8 hours and a month as 30 such days. For `ngay` and
//! `thang` this is an upper bound (weekends and holidays are ignored), so the check only catches
//! budgets that could never fit.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

use cchc_calendar::WorkDuration;

use crate::text::fold;

/// Working minutes in one working day for the budget check (8 hours, docs/DOMAIN.md § Office hours).
pub const DAY_MINUTES: u64 = 8 * 60;

/// The unit of a legal processing time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// giờ (working hours).
    Gio,
    /// ngày (calendar days).
    Ngay,
    /// ngày làm việc (working days).
    NgayLamViec,
    /// tháng (calendar months).
    Thang,
    /// trong ngày (the day of receipt).
    TrongNgay,
}

impl TimeUnit {
    /// Every unit.
    pub const ALL: [TimeUnit; 5] = [
        TimeUnit::Gio,
        TimeUnit::Ngay,
        TimeUnit::NgayLamViec,
        TimeUnit::Thang,
        TimeUnit::TrongNgay,
    ];

    /// The stable identifier used in the data files.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeUnit::Gio => "gio",
            TimeUnit::Ngay => "ngay",
            TimeUnit::NgayLamViec => "ngay_lam_viec",
            TimeUnit::Thang => "thang",
            TimeUnit::TrongNgay => "trong_ngay",
        }
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            TimeUnit::Gio => "giờ",
            TimeUnit::Ngay => "ngày",
            TimeUnit::NgayLamViec => "ngày làm việc",
            TimeUnit::Thang => "tháng",
            TimeUnit::TrongNgay => "trong ngày",
        }
    }

    /// Parses an identifier or a Vietnamese label, with or without diacritics
    /// (`ngay_lam_viec`, `ngày làm việc`, `Ngay lam viec`).
    pub fn parse(s: &str) -> Result<Self, String> {
        let key = id_key(s);
        Self::ALL
            .into_iter()
            .find(|u| u.as_str() == key)
            .ok_or_else(|| {
                let ids: Vec<&str> = Self::ALL.iter().map(|u| u.as_str()).collect();
                format!(
                    "unknown unit kind '{s}'; expected one of {}",
                    ids.join(", ")
                )
            })
    }
}

/// Folds a label to an identifier: no diacritics, lower case, words joined by `_`.
pub(crate) fn id_key(s: &str) -> String {
    fold(s)
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// A legal processing time: a count and its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ProcessingTime {
    pub value: u32,
    pub unit: TimeUnit,
}

impl ProcessingTime {
    /// A processing time; `trong_ngay` takes the value 1, every other unit a value of at least 1.
    pub fn new(value: u32, unit: TimeUnit) -> Result<Self, String> {
        match unit {
            TimeUnit::TrongNgay if value != 1 => Err(format!(
                "'trong_ngay' (same day) takes the value 1, not {value}"
            )),
            _ if value == 0 => Err(format!(
                "a processing time of 0 {} is not allowed",
                unit.as_str()
            )),
            _ if value > cchc_calendar::duration::MAX_COUNT / 31 => {
                Err(format!("processing time {value} is too large"))
            }
            _ => Ok(Self { value, unit }),
        }
    }

    /// The duration for the deadline engine when it does not depend on the receipt date
    /// (every unit but `thang`).
    pub fn fixed_work_duration(self) -> Option<WorkDuration> {
        match self.unit {
            TimeUnit::Gio => Some(WorkDuration::Hours(self.value)),
            TimeUnit::NgayLamViec => Some(WorkDuration::WorkingDays(self.value)),
            TimeUnit::Ngay => Some(WorkDuration::CalendarDays(self.value)),
            TimeUnit::TrongNgay => Some(WorkDuration::CalendarDays(0)),
            TimeUnit::Thang => None,
        }
    }

    /// The duration for a dossier received on `receipt_date` (see the module table).
    pub fn work_duration(self, receipt_date: NaiveDate) -> Result<WorkDuration, String> {
        if let Some(d) = self.fixed_work_duration() {
            return Ok(d);
        }
        let end = receipt_date
            .checked_add_months(Months::new(self.value))
            .ok_or_else(|| format!("{self} from {receipt_date} is out of range"))?;
        let days = u32::try_from((end - receipt_date).num_days())
            .map_err(|_| format!("{self} from {receipt_date} is out of range"))?;
        Ok(WorkDuration::CalendarDays(days))
    }

    /// The legal time in working minutes for the step-budget check (see the module docs).
    pub fn legal_minutes(self) -> u64 {
        let n = u64::from(self.value);
        match self.unit {
            TimeUnit::Gio => n * 60,
            TimeUnit::NgayLamViec | TimeUnit::Ngay | TimeUnit::TrongNgay => n * DAY_MINUTES,
            TimeUnit::Thang => n * 30 * DAY_MINUTES,
        }
    }
}

impl fmt::Display for ProcessingTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.unit {
            TimeUnit::TrongNgay => f.write_str("trong ngày"),
            unit => write!(f, "{:02} {}", self.value, unit.label_vi()),
        }
    }
}
