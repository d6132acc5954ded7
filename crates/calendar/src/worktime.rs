//! The working calendar of a unit and its fast deadline arithmetic.
//!
//! Time is counted in *positions*: working minutes since the table's first working day opened.
//! An instant maps to the position of the next working minute (a non-working day, the lunch
//! break or the evening map to the next opening), so working time between two instants is a
//! difference of positions and a deadline is a position turned back into an instant, with
//! O(1) table look-ups and no allocation.
//!
//! Choices (docs/DOMAIN.md § Working time):
//! - `h` and `wd` add working minutes from the (normalised) start; a due time that ends a shift
//!   is that shift's end (17:00), not the next opening.
//! - `d` adds calendar days to the start date (the date of the normalised start); a due date on a
//!   non-working day moves to the next working day; the due time is the end of office hours.
//! - A cut-off (e.g. 15:00) moves a receipt strictly after it to the next working day's opening.
//! - Pauses stop the clock: the due time moves by the working time each pause covers after the
//!   start, for pauses that begin before the (extended) due time.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use crate::CalendarError;
use crate::config::CalendarConfig;
use crate::duration::WorkDuration;
use crate::holidays::{DayKind, YearHolidays};
use crate::office::{Clock, OfficeHours};
use crate::pause::Pause;
use crate::table::{self, DayTable};

/// A unit's working calendar: days (shared between units with the same days) and office hours.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    pub(crate) days: Arc<DayTable>,
    pub(crate) clock: Arc<Clock>,
    /// `ceil(2^40 / W)`, to divide positions by W with a multiplication.
    recip: u64,
}

/// A deadline to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeadlineRequest<'a> {
    /// Receipt instant, local time (Asia/Ho_Chi_Minh).
    pub start: NaiveDateTime,
    pub duration: WorkDuration,
    /// A receipt strictly after this time counts from the next working day.
    pub cutoff: Option<NaiveTime>,
    /// Intervals while waiting for the applicant; they may overlap and come in any order.
    pub pauses: &'a [Pause],
}

impl<'a> DeadlineRequest<'a> {
    /// A request without cut-off or pauses.
    #[must_use]
    pub const fn new(start: NaiveDateTime, duration: WorkDuration) -> Self {
        Self {
            start,
            duration,
            cutoff: None,
            pauses: &[],
        }
    }
}

#[cold]
fn out_of_range(what: impl std::fmt::Display) -> CalendarError {
    CalendarError::OutOfRange(format!(
        "{what}: the working calendar covers 1995-01-01 to 2100-12-31"
    ))
}

impl WorkCalendar {
    /// The national calendar with the default office hours.
    pub fn national() -> Result<Self, CalendarError> {
        Self::from_parts(table::national()?, OfficeHours::default())
    }

    /// A calendar for a configuration (office hours, optional entries, local closures).
    pub fn new(cfg: &CalendarConfig) -> Result<Self, CalendarError> {
        Self::from_parts(table::for_config(cfg)?, cfg.office_hours.clone())
    }

    /// The same days with other office hours (another unit of the same province).
    pub fn with_office_hours(&self, hours: OfficeHours) -> Result<Self, CalendarError> {
        Self::from_parts(Arc::clone(&self.days), hours)
    }

    fn from_parts(days: Arc<DayTable>, hours: OfficeHours) -> Result<Self, CalendarError> {
        let clock = Clock::new(hours)?;
        let recip = reciprocal(clock.day);
        Ok(Self {
            days,
            clock: Arc::new(clock),
            recip,
        })
    }

    /// The office hours.
    #[must_use]
    pub fn office_hours(&self) -> &OfficeHours {
        &self.clock.hours
    }

    /// First and last date covered.
    #[must_use]
    pub fn range(&self) -> (NaiveDate, NaiveDate) {
        (self.days.first, self.days.last)
    }

    /// The effective days off and make-up days of `year` (optional entries only when enabled,
    /// local closures included).
    pub fn holidays(&self, year: i32) -> Result<&YearHolidays, CalendarError> {
        self.days.year(year).ok_or_else(|| out_of_range(year))
    }

    /// The kind of `date`.
    pub fn day_kind(&self, date: NaiveDate) -> Result<DayKind, CalendarError> {
        Ok(self.days.kinds[self.index(date)?])
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        Ok(self.days.packed[self.index(date)?] & 1 == 1)
    }

    /// Working days from `from` to `to`, both included.
    pub fn working_days(&self, from: NaiveDate, to: NaiveDate) -> Result<u32, CalendarError> {
        if to < from {
            return Err(CalendarError::Invalid(format!(
                "working days from {from} to {to}: the end is before the start"
            )));
        }
        let (a, b) = (self.index(from)?, self.index(to)?);
        Ok((self.days.packed[b + 1] >> 1) - (self.days.packed[a] >> 1))
    }

    /// numpy's `busday_offset(date, n, roll="forward")`: the first working day on or after
    /// `date`, moved `n` working days on.
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let ord = (self.days.packed[self.index(date)?] >> 1) as usize + n as usize;
        self.days
            .work_dates
            .get(ord)
            .copied()
            .ok_or_else(|| out_of_range(date))
    }

    /// Working minutes between two instants (negative when `b` is before `a`).
    pub fn working_minutes_between(
        &self,
        a: NaiveDateTime,
        b: NaiveDateTime,
    ) -> Result<i64, CalendarError> {
        Ok(self.position(b)? - self.position(a)?)
    }

    /// Whether `t` lies inside office hours of a working day (shift start included, end not).
    pub fn is_working_time(&self, t: NaiveDateTime) -> Result<bool, CalendarError> {
        Ok(self.is_working_day(t.date())? && self.clock.in_shift(t.time()))
    }

    /// The due instant of `duration` from `start` (fast path: no trace, no allocation).
    #[inline]
    pub fn due(
        &self,
        start: NaiveDateTime,
        duration: WorkDuration,
    ) -> Result<NaiveDateTime, CalendarError> {
        let p = self.start_position(start, None)?;
        let q = self.due_position(p, duration)?;
        self.instant(q, q > p)
    }

    /// The due instant with cut-off and pauses (no trace; allocates only when there are pauses).
    pub fn deadline(&self, req: &DeadlineRequest<'_>) -> Result<NaiveDateTime, CalendarError> {
        let p = self.start_position(req.start, req.cutoff)?;
        let q = self.due_position(p, req.duration)?;
        let q = self.extend_by_pauses(p, q, req.pauses)?.0;
        self.instant(q, q > p)
    }

    #[inline]
    pub(crate) fn index(&self, d: NaiveDate) -> Result<usize, CalendarError> {
        let i = d.num_days_from_ce().wrapping_sub(self.days.first_ce);
        match usize::try_from(i) {
            Ok(i) if i < self.days.kinds.len() => Ok(i),
            _ => Err(out_of_range(d)),
        }
    }

    /// Position of the first working minute at or after `t`.
    #[inline]
    pub(crate) fn position(&self, t: NaiveDateTime) -> Result<i64, CalendarError> {
        let p = self.days.packed[self.index(t.date())?];
        let base = i64::from(p >> 1) * i64::from(self.clock.day);
        Ok(if p & 1 == 1 {
            base + i64::from(self.clock.offset(t.time()))
        } else {
            base
        })
    }

    /// Position where the clock starts for a receipt at `t`.
    #[inline]
    pub(crate) fn start_position(
        &self,
        t: NaiveDateTime,
        cutoff: Option<NaiveTime>,
    ) -> Result<i64, CalendarError> {
        let i = self.index(t.date())?;
        let p = self.days.packed[i];
        let w = i64::from(self.clock.day);
        let ord = i64::from(p >> 1);
        if p & 1 == 0 {
            return Ok(ord * w);
        }
        if cutoff.is_some_and(|c| t.time() > c) {
            return Ok((ord + 1) * w);
        }
        Ok(ord * w + i64::from(self.clock.offset(t.time())))
    }

    /// Position of the due time of `duration` counted from position `p`.
    #[inline]
    pub(crate) fn due_position(
        &self,
        p: i64,
        duration: WorkDuration,
    ) -> Result<i64, CalendarError> {
        Ok(match duration {
            WorkDuration::Hours(n) => p + i64::from(n) * 60,
            WorkDuration::WorkingDays(n) => p + i64::from(n) * i64::from(self.clock.wd),
            WorkDuration::CalendarDays(n) => self.calendar_due(p, n)?.1,
        })
    }

    /// For `n` calendar days from position `p`: the plain target date and the position of the
    /// end of office hours of the working day it moves to.
    pub(crate) fn calendar_due(&self, p: i64, n: u32) -> Result<(NaiveDate, i64), CalendarError> {
        let start_date = self.work_date(self.div_w(p))?;
        let target = start_date
            .checked_add_days(chrono::Days::new(u64::from(n)))
            .ok_or_else(|| out_of_range(start_date))?;
        let ord = i64::from(self.days.packed[self.index(target)?] >> 1);
        self.work_date(ord)?;
        Ok((target, (ord + 1) * i64::from(self.clock.day)))
    }

    /// Extends due position `q` by the pauses (positions clamped to start `p`); also returns the
    /// working minutes added.
    pub(crate) fn extend_by_pauses(
        &self,
        p: i64,
        mut q: i64,
        pauses: &[Pause],
    ) -> Result<(i64, i64), CalendarError> {
        if pauses.is_empty() {
            return Ok((q, 0));
        }
        let mut spans = Vec::with_capacity(pauses.len());
        for x in pauses {
            Pause::new(x.from, x.to)?;
            spans.push((self.position(x.from)?.max(p), self.position(x.to)?.max(p)));
        }
        spans.sort_unstable();
        let (mut covered_to, mut added) = (p, 0);
        for (a, b) in spans {
            let a = a.max(covered_to);
            if b <= a {
                continue;
            }
            if a >= q {
                break;
            }
            q += b - a;
            added += b - a;
            covered_to = b;
        }
        Ok((q, added))
    }

    /// `q / W` by multiplication (exact for positions below 2^40 / W).
    #[inline]
    fn div_w(&self, q: i64) -> i64 {
        divide(q, self.recip)
    }

    #[inline]
    pub(crate) fn work_date(&self, ord: i64) -> Result<NaiveDate, CalendarError> {
        usize::try_from(ord)
            .ok()
            .and_then(|k| self.days.work_dates.get(k).copied())
            .ok_or_else(|| out_of_range("deadline"))
    }

    /// The instant of position `q`: the end of the q-th working minute when `end`, else the start
    /// of the next one.
    #[inline]
    pub(crate) fn instant(&self, q: i64, end: bool) -> Result<NaiveDateTime, CalendarError> {
        let w = i64::from(self.clock.day);
        if q < 0 || q > i64::try_from(self.days.work_dates.len()).unwrap_or(0) * w {
            return Err(out_of_range("deadline"));
        }
        let k = self.div_w(if end { q - 1 } else { q });
        let r = u32::try_from(q - k * w).unwrap_or(0);
        let minute = if end {
            self.clock.end_minute(r)
        } else {
            self.clock.start_minute(r)
        };
        let time = NaiveTime::from_num_seconds_from_midnight_opt(u32::from(minute) * 60, 0)
            .unwrap_or(NaiveTime::MIN);
        Ok(self.work_date(k)?.and_time(time))
    }
}

/// `ceil(2^40 / w)`: dividing by `w` becomes a multiplication and a shift.
fn reciprocal(w: u32) -> u64 {
    (1_u64 << 40).div_ceil(u64::from(w.max(1)))
}

/// `q / w` for `0 <= q <= 2^23 w` (positions stay below 28,000 w), given `reciprocal(w)`.
#[inline]
fn divide(q: i64, recip: u64) -> i64 {
    i64::try_from((u64::try_from(q).unwrap_or(0) * recip) >> 40).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::{divide, reciprocal};

    #[test]
    fn multiply_shift_division_is_exact_over_the_table() {
        // 1995–2100 has fewer than 28,000 working days of w minutes: positions up to 28,000 w.
        for w in [1_u32, 7, 270, 450, 480, 510, 1_439, 1_440] {
            let r = reciprocal(w);
            let w64 = i64::from(w);
            let max = 28_000 * w64;
            let boundaries = (0..max / w64)
                .step_by(97)
                .flat_map(|k| [k * w64 - 1, k * w64, k * w64 + 1]);
            for q in (0..max)
                .step_by(7_919)
                .chain(boundaries)
                .filter(|q| *q >= 0)
            {
                assert_eq!(divide(q, r), q / w64, "{q} / {w}");
            }
        }
    }
}
