//! Errors of calendar arithmetic: every impossible input is named in words.

use std::fmt;

/// An input that the calendar cannot represent or compute with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarError {
    /// A date, time, duration or interval that does not exist or cannot be parsed.
    Invalid(String),
    /// A date outside the supported range (lunar: 1900–2100).
    OutOfRange(String),
    /// Holiday data that does not parse or contradicts itself.
    Data(String),
}

impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid(m) => write!(f, "invalid input: {m}"),
            Self::OutOfRange(m) => write!(f, "out of range: {m}"),
            Self::Data(m) => write!(f, "calendar data: {m}"),
        }
    }
}

impl std::error::Error for CalendarError {}
