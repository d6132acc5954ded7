//! The reform plan in SQL: reads and writes only; every rule (which value wins, statuses,
//! roll-up, rollover, reminders, validation) is a pure function of `cchc_domain::plan`.
//!
//! - [`stored`]: plans stored whole (import, appendix, the shipped base plan, look-up);
//! - [`rows`]: the rows of a plan's targets, tasks and section III items;
//! - [`status`]: a plan's status as of a day, from the stored values and tasks;
//! - [`values`] and [`evidence`]: reported values with their review, and evidence files;
//! - [`progress`]: progress updates on tasks;
//! - [`cascade`]: unit plans linked to the provincial plan, and the roll-up;
//! - [`clone`]: the year rollover;
//! - [`remind`] and [`mail`]: the reminder job, in-app notices and their e-mail;
//! - [`auto`]: the automatic indicators over stored dossiers (one-shot commands).

pub mod auto;
pub mod cascade;
pub mod clone;
pub mod evidence;
pub mod mail;
pub mod progress;
pub mod remind;
pub mod rows;
pub mod status;
pub mod stored;
pub mod values;

pub(crate) use stored::iso_date;
pub use stored::{PlanCounts, PlanImportError, PlanRef, StoredPlan};
