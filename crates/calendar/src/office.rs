//! Office hours of a unit: its shifts, and the minute tables that make working-time arithmetic
//! O(1).
//!
//! Time has minute resolution: seconds of an instant are dropped.

use chrono::{NaiveTime, Timelike};

use crate::CalendarError;

/// One working period of the day, e.g. 07:00–11:30.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shift {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Shift {
    /// A shift from `start` to `end` given as (hour, minute).
    pub fn hm(start: (u32, u32), end: (u32, u32)) -> Result<Self, CalendarError> {
        let t = |(h, m): (u32, u32)| {
            NaiveTime::from_hms_opt(h, m, 0).ok_or_else(|| {
                CalendarError::Invalid(format!("{h:02}:{m:02} is not a time of day"))
            })
        };
        Ok(Self {
            start: t(start)?,
            end: t(end)?,
        })
    }
}

/// A unit's office hours: the same shifts on every working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeHours {
    /// Ascending, non-overlapping, whole minutes.
    pub shifts: Vec<Shift>,
    /// Length of one working day (`wd`) in working minutes: 480 (8 hours, docs/DOMAIN.md § Office hours).
    pub working_day_minutes: u32,
}

impl Default for OfficeHours {
    /// 07:00–11:30 and 13:30–17:00, 1 wd = 8 working hours (docs/DOMAIN.md § Office hours).
    fn default() -> Self {
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
        Self {
            shifts: vec![
                Shift {
                    start: at(7, 0),
                    end: at(11, 30),
                },
                Shift {
                    start: at(13, 30),
                    end: at(17, 0),
                },
            ],
            working_day_minutes: 480,
        }
    }
}

/// Office hours compiled into lookup tables.
#[derive(Debug, Clone)]
pub(crate) struct Clock {
    pub(crate) hours: OfficeHours,
    /// Working minutes in a day (W).
    pub(crate) day: u32,
    /// Minutes of one `wd`.
    pub(crate) wd: u32,
    /// For each minute of the day, the working minutes before it.
    offset_of: Box<[u16]>,
    /// For an offset r in 0..W, the minute of day at which r working minutes are done and the
    /// next starts (a shift's start for r at a boundary).
    start_of: Box<[u16]>,
    /// For an offset r in 1..=W, the minute of day at which r working minutes are done (a shift's
    /// end for r at a boundary). Index 0 is unused.
    end_of: Box<[u16]>,
    /// Minute of day of the last shift's end.
    pub(crate) closing: u16,
    /// Minute of day of the first shift's start.
    pub(crate) opening: u16,
}

fn minute(t: NaiveTime) -> u16 {
    // At most 1439: fits.
    u16::try_from(t.hour() * 60 + t.minute()).unwrap_or(u16::MAX)
}

impl Clock {
    pub(crate) fn new(hours: OfficeHours) -> Result<Self, CalendarError> {
        let spans = validate(&hours)?;
        let mut offset_of = vec![0_u16; 1440];
        let mut start_of = Vec::new();
        let mut end_of = vec![0_u16];
        let mut done = 0_u16;
        for (m, slot) in offset_of.iter_mut().enumerate() {
            *slot = done;
            let m = u16::try_from(m).unwrap_or(u16::MAX);
            if spans.iter().any(|&(s, e)| s <= m && m < e) {
                start_of.push(m);
                end_of.push(m + 1);
                done += 1;
            }
        }
        let day = u32::from(done);
        Ok(Self {
            day,
            wd: hours.working_day_minutes,
            offset_of: offset_of.into(),
            start_of: start_of.into(),
            end_of: end_of.into(),
            closing: spans.last().map_or(0, |s| s.1),
            opening: spans.first().map_or(0, |s| s.0),
            hours,
        })
    }

    /// Working minutes done in a working day before `t`.
    #[inline]
    pub(crate) fn offset(&self, t: NaiveTime) -> u32 {
        let m = (t.num_seconds_from_midnight() / 60) as usize;
        u32::from(self.offset_of[m])
    }

    /// Minute of day where `r` (0..W) working minutes are done and the next one starts.
    #[inline]
    pub(crate) fn start_minute(&self, r: u32) -> u16 {
        self.start_of[r as usize]
    }

    /// Minute of day where `r` (1..=W) working minutes are done.
    #[inline]
    pub(crate) fn end_minute(&self, r: u32) -> u16 {
        self.end_of[r as usize]
    }

    /// Whether minute of day `m` lies inside a shift (start inclusive, end exclusive).
    pub(crate) fn in_shift(&self, t: NaiveTime) -> bool {
        let m = minute(t);
        self.spans().any(|(s, e)| s <= m && m < e)
    }

    /// The shifts as minute spans.
    pub(crate) fn spans(&self) -> impl Iterator<Item = (u16, u16)> + '_ {
        self.hours
            .shifts
            .iter()
            .map(|s| (minute(s.start), minute(s.end)))
    }
}

fn validate(hours: &OfficeHours) -> Result<Vec<(u16, u16)>, CalendarError> {
    let bad = |m: String| Err(CalendarError::Invalid(format!("office hours: {m}")));
    if hours.shifts.is_empty() {
        return bad("no shift".into());
    }
    if hours.working_day_minutes == 0 || hours.working_day_minutes > 1440 {
        return bad("a working day must last 1 to 1440 minutes".into());
    }
    let mut spans: Vec<(u16, u16)> = Vec::new();
    for s in &hours.shifts {
        if s.start.second() != 0
            || s.end.second() != 0
            || s.start.nanosecond() != 0
            || s.end.nanosecond() != 0
        {
            return bad(format!("{}–{} is not in whole minutes", s.start, s.end));
        }
        let (a, b) = (minute(s.start), minute(s.end));
        if a >= b {
            return bad(format!("shift {}–{} ends before it starts", s.start, s.end));
        }
        if spans.last().is_some_and(|&(_, e)| a < e) {
            return bad(format!(
                "shift {}–{} overlaps or precedes the previous one",
                s.start, s.end
            ));
        }
        spans.push((a, b));
    }
    Ok(spans)
}
