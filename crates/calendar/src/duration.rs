//! Deadline durations: working hours (`24h`), working days (`3wd`) and calendar days (`15d`).

use std::fmt;
use std::str::FromStr;

use crate::CalendarError;

/// Largest count accepted in a duration (far beyond the calendar's range, small enough that
/// minute arithmetic never overflows).
pub const MAX_COUNT: u32 = 1_000_000;

/// A legal duration (docs/DOMAIN.md § Deadline units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkDuration {
    /// `Nh`: working hours, carried across lunch and nights.
    Hours(u32),
    /// `Nwd`: working days; 1 wd = the unit's working-day length (8 working hours by default),
    /// counted as working time from the start instant.
    WorkingDays(u32),
    /// `Nd`: calendar days from the start date; a due date on a non-working day moves to the next
    /// working day, and the due time is the end of that day's office hours.
    CalendarDays(u32),
}

impl WorkDuration {
    /// The count, whatever the unit.
    #[must_use]
    pub const fn count(self) -> u32 {
        match self {
            Self::Hours(n) | Self::WorkingDays(n) | Self::CalendarDays(n) => n,
        }
    }

    /// The unit suffix: `h`, `wd` or `d`.
    #[must_use]
    pub const fn suffix(self) -> &'static str {
        match self {
            Self::Hours(_) => "h",
            Self::WorkingDays(_) => "wd",
            Self::CalendarDays(_) => "d",
        }
    }
}

impl fmt::Display for WorkDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.count(), self.suffix())
    }
}

impl FromStr for WorkDuration {
    type Err = CalendarError;

    /// Parses `24h`, `3wd` or `15d` (a count of 0 to 1,000,000 and a unit).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |why: &str| {
            CalendarError::Invalid(format!(
                "duration {s:?}: {why}; expected a whole number and a unit: 24h, 3wd or 15d"
            ))
        };
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        let (num, unit) = s.split_at(digits);
        if num.is_empty() {
            return Err(bad("no count"));
        }
        let n: u32 = num.parse().map_err(|_| bad("count too large"))?;
        if n > MAX_COUNT {
            return Err(bad("count too large"));
        }
        match unit {
            "h" => Ok(Self::Hours(n)),
            "wd" => Ok(Self::WorkingDays(n)),
            "d" => Ok(Self::CalendarDays(n)),
            "" => Err(bad("no unit")),
            _ => Err(bad("unknown unit")),
        }
    }
}
