//! Pauses: intervals while the dossier waits for the applicant, during which the clock stops.

use chrono::NaiveDateTime;

use crate::CalendarError;
use crate::text::parse_instant;

/// A closed interval `[from, to]` of local time (Asia/Ho_Chi_Minh) during which the clock stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pause {
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
}

impl Pause {
    /// A pause; `to` before `from` is invalid.
    pub fn new(from: NaiveDateTime, to: NaiveDateTime) -> Result<Self, CalendarError> {
        if to < from {
            return Err(CalendarError::Invalid(format!(
                "pause {} / {}: it ends before it starts",
                from.format("%Y-%m-%dT%H:%M"),
                to.format("%Y-%m-%dT%H:%M")
            )));
        }
        Ok(Self { from, to })
    }

    /// Parses `YYYY-MM-DDTHH:MM/YYYY-MM-DDTHH:MM`.
    pub fn parse(s: &str) -> Result<Self, CalendarError> {
        let (a, b) = s.split_once('/').ok_or_else(|| {
            CalendarError::Invalid(format!(
                "pause {s:?}: expected FROM/TO, e.g. 2026-03-02T08:00/2026-03-04T10:00"
            ))
        })?;
        Self::new(parse_instant(a)?, parse_instant(b)?)
    }
}

/// Sorted, with overlapping or touching pauses merged.
#[must_use]
pub fn merge(pauses: &[Pause]) -> Vec<Pause> {
    let mut sorted = pauses.to_vec();
    sorted.sort_unstable();
    let mut out: Vec<Pause> = Vec::with_capacity(sorted.len());
    for p in sorted {
        match out.last_mut() {
            Some(last) if p.from <= last.to => last.to = last.to.max(p.to),
            _ => out.push(p),
        }
    }
    out
}
