//! Vietnamese calendar arithmetic: lunar dates (UTC+7), public holidays as data, working time.
//! Pure: no IO, no async runtime, no database.

pub mod config;
pub mod duration;
pub mod error;
pub mod holidays;
pub mod local;
pub mod lunar;
pub mod office;
pub mod pause;
mod table;
pub mod text;
pub mod trace;
pub mod worktime;

pub use config::{CalendarConfig, LocalClosure};
pub use duration::WorkDuration;
pub use error::CalendarError;
pub use holidays::{DayKind, DayOff, MakeUpDay, OffKind, Source, YearHolidays};
pub use lunar::{LunarDate, lunar_to_solar, solar_to_lunar};
pub use office::{OfficeHours, Shift};
pub use pause::Pause;
pub use trace::{StepKind, TraceStep, Traced};
pub use worktime::{DeadlineRequest, WorkCalendar};
