//! Vietnamese calendar arithmetic: lunar dates (UTC+7), public holidays as data, working time.
//! Pure: no IO, no async runtime, no database.

pub mod error;
pub mod lunar;

pub use error::CalendarError;
pub use lunar::{LunarDate, lunar_to_solar, solar_to_lunar};
