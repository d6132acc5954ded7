//! The per-day table, built once per configuration: each day's kind, the count of working days
//! before it, and the date of every working day by ordinal. It makes working-day and
//! working-hour arithmetic O(1).
//!
//! Range: 01/01/1995 (the 1994 Labour Code) to 31/12/2100 (the end of the lunar calendar).

use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};

use crate::CalendarError;
use crate::config::CalendarConfig;
use crate::holidays::{
    self, DayKind, DayOff, FIRST_YEAR, LAST_YEAR, MakeUpDay, OffKind, YearHolidays, data,
};

/// Days, their kinds and working-day ordinals.
#[derive(Debug)]
pub(crate) struct DayTable {
    pub(crate) first: NaiveDate,
    pub(crate) last: NaiveDate,
    /// `num_days_from_ce` of `first`.
    pub(crate) first_ce: i32,
    /// Per day: (working days before it) << 1 | (1 if it is a working day).
    pub(crate) packed: Box<[u32]>,
    pub(crate) kinds: Box<[DayKind]>,
    /// The date of each working day, by ordinal.
    pub(crate) work_dates: Box<[NaiveDate]>,
    /// The effective calendar of each year, from `FIRST_YEAR`.
    pub(crate) years: Box<[YearHolidays]>,
}

static NATIONAL: OnceLock<Result<Arc<DayTable>, CalendarError>> = OnceLock::new();

/// The national table (no local closure, no optional entry), built on first use.
pub(crate) fn national() -> Result<Arc<DayTable>, CalendarError> {
    NATIONAL
        .get_or_init(|| DayTable::build(&CalendarConfig::default()).map(Arc::new))
        .clone()
}

/// Whether a configuration changes nothing in the national table.
fn is_national(cfg: &CalendarConfig) -> bool {
    cfg.enable.is_empty() && cfg.local_closures.is_empty() && cfg.year_data.is_empty()
}

/// The table for a configuration; the shared national one when it changes no day.
pub(crate) fn for_config(cfg: &CalendarConfig) -> Result<Arc<DayTable>, CalendarError> {
    if is_national(cfg) {
        national()
    } else {
        DayTable::build(cfg).map(Arc::new)
    }
}

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, CalendarError> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| CalendarError::OutOfRange(format!("{y}-{m}-{d}")))
}

impl DayTable {
    fn build(cfg: &CalendarConfig) -> Result<Self, CalendarError> {
        let years = (FIRST_YEAR..=LAST_YEAR)
            .map(|y| effective_year(cfg, y))
            .collect::<Result<Vec<_>, _>>()?;
        check_enabled(cfg, &years)?;
        let first = date(FIRST_YEAR, 1, 1)?;
        let last = date(LAST_YEAR, 12, 31)?;
        let len = usize::try_from((last - first).num_days() + 1).unwrap_or(0);
        let mut kinds: Vec<DayKind> = first
            .iter_days()
            .take(len)
            .map(|d| {
                if holidays::is_weekly_rest(d) {
                    DayKind::Weekend
                } else {
                    DayKind::Working
                }
            })
            .collect();
        for y in &years {
            apply_year(&mut kinds, first, y);
        }
        let (packed, work_dates) = ordinals(&kinds, first);
        Ok(Self {
            first,
            last,
            first_ce: first.num_days_from_ce(),
            packed,
            kinds: kinds.into(),
            work_dates,
            years: years.into(),
        })
    }

    /// The effective calendar of `year`.
    pub(crate) fn year(&self, year: i32) -> Option<&YearHolidays> {
        let i = usize::try_from(year - FIRST_YEAR).ok()?;
        self.years.get(i)
    }

    /// The day-off entries of `date` (most significant first) and its make-up entry, if any.
    pub(crate) fn entries(&self, date: NaiveDate) -> (Vec<&DayOff>, Option<&MakeUpDay>) {
        let Some(y) = self.year(date.year()) else {
            return (Vec::new(), None);
        };
        let mut off: Vec<&DayOff> = y.days_off.iter().filter(|o| o.date == date).collect();
        off.sort_by_key(|o| std::cmp::Reverse(rank(o.kind.day_kind())));
        (off, y.working_saturdays.iter().find(|w| w.date == date))
    }
}

/// Precedence when a day has several entries: the strongest reason names the day.
const fn rank(k: DayKind) -> u8 {
    match k {
        DayKind::Working => 0,
        DayKind::Weekend => 1,
        DayKind::MakeUpWorking => 2,
        DayKind::LocalClosure => 3,
        DayKind::SwapOff => 4,
        DayKind::Substitute => 5,
        DayKind::Holiday => 6,
    }
}

fn apply_year(kinds: &mut [DayKind], first: NaiveDate, y: &YearHolidays) {
    let mut set = |d: NaiveDate, k: DayKind| {
        let slot = usize::try_from((d - first).num_days())
            .ok()
            .and_then(|i| kinds.get_mut(i));
        if let Some(slot) = slot.filter(|s| rank(k) > rank(**s)) {
            *slot = k;
        }
    };
    for w in &y.working_saturdays {
        set(w.date, DayKind::MakeUpWorking);
    }
    for o in y.days_off.iter().filter(|o| o.enabled) {
        set(o.date, o.kind.day_kind());
    }
}

fn ordinals(kinds: &[DayKind], first: NaiveDate) -> (Box<[u32]>, Box<[NaiveDate]>) {
    let mut packed = Vec::with_capacity(kinds.len() + 1);
    let mut work_dates = Vec::with_capacity(kinds.len());
    for (d, k) in first.iter_days().zip(kinds) {
        let before = u32::try_from(work_dates.len()).unwrap_or(u32::MAX);
        packed.push(before << 1 | u32::from(k.is_working()));
        if k.is_working() {
            work_dates.push(d);
        }
    }
    packed.push(u32::try_from(work_dates.len()).unwrap_or(u32::MAX) << 1);
    (packed.into(), work_dates.into())
}

/// The year's data or rules, with configured replacements, optional entries and local closures.
fn effective_year(cfg: &CalendarConfig, year: i32) -> Result<YearHolidays, CalendarError> {
    let replaced = cfg.year_data.iter().rev().find(|y| y.year == year);
    let mut y = match replaced {
        Some(y) => y.clone(),
        None => holidays::national(year)?,
    };
    for o in &mut y.days_off {
        if cfg.enable.contains(&o.date) {
            o.enabled = true;
        }
    }
    y.days_off.retain(|o| o.enabled);
    for c in cfg.local_closures.iter().filter(|c| c.date.year() == year) {
        y.days_off.push(DayOff {
            date: c.date,
            name: c.name.clone(),
            kind: OffKind::Local,
            basis: c.basis.clone(),
            enabled: true,
        });
    }
    y.days_off
        .sort_by(|a, b| (a.date, a.kind.as_str()).cmp(&(b.date, b.kind.as_str())));
    data::check_consistency(&y)?;
    Ok(y)
}

/// Every date to enable must name an entry (catches typos in configuration).
fn check_enabled(cfg: &CalendarConfig, years: &[YearHolidays]) -> Result<(), CalendarError> {
    for d in &cfg.enable {
        let found = years.iter().filter(|y| y.year == d.year()).any(|y| {
            y.days_off
                .iter()
                .any(|o| o.date == *d && o.kind != OffKind::Local)
        });
        if !found {
            return Err(CalendarError::Invalid(format!(
                "no calendar entry on {d} to enable"
            )));
        }
    }
    Ok(())
}
