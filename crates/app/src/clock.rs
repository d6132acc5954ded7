//! The application's clock: the real time in Vietnam, or a fixed instant (tests, replays).
//! Every use-case takes "now" from here, so that a test can stand at any instant.

use cchc_calendar::local;
use chrono::{NaiveDate, NaiveDateTime};

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Clock {
    /// The system clock, as local time in Vietnam.
    #[default]
    System,
    /// Always this local time.
    Fixed(NaiveDateTime),
}

impl Clock {
    /// Now, local time in Vietnam, to the millisecond (the precision the store keeps).
    pub fn now(&self) -> NaiveDateTime {
        match self {
            Clock::System => local::truncate_to_ms(local::now()),
            Clock::Fixed(t) => local::truncate_to_ms(*t),
        }
    }

    /// Today's date in Vietnam.
    pub fn today(&self) -> NaiveDate {
        self.now().date()
    }
}
