//! Vietnamese calendar arithmetic: lunar dates (UTC+7), public holidays as data, working time.
//! Pure: no IO, no async runtime, no database.

pub mod error;

pub use error::CalendarError;
