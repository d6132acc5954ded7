//! The reform plan's use-cases, one function each, for the plan pages and `cchc plan …`
//! alike: who may do it ([`access`]) and every rule are checked here; the pure rules are
//! `cchc_domain::plan` (precedence, evaluate, rollup, rollover, reporting, remind) and the
//! store only reads and writes.
//!
//! - [`status`]: a plan and its status as of a day (the live aggregate for the pages, one
//!   pass over the dossiers for a command);
//! - [`report`]: a unit reports a target's value or a task's progress, with evidence files;
//! - [`review`]: the PAR admin approves or returns a value (never one they reported);
//! - [`read`]: what units reported (values, progress, evidence files) and the reminders;
//! - [`notices`]: the reminder notices of a unit, marked read;
//! - [`remind`]: the reminder job (its e-mail is the command line's);
//! - [`rollover`], [`cascade`], [`import`]: a plan cloned into another year, unit plans
//!   linked and rolled up, plan files imported.

pub mod access;
pub mod cascade;
pub mod import;
pub mod notices;
pub mod read;
pub mod remind;
pub mod report;
pub mod review;
pub mod rollover;
pub mod status;

pub use status::{find, provincial};

use crate::Error;

/// 404 for a plan nobody has.
pub fn unknown_plan() -> Error {
    Error::not_found("Không có kế hoạch này.")
}

/// 404 for a target the plan does not have.
pub fn unknown_target() -> Error {
    Error::not_found("Không có mục tiêu này.")
}

/// 404 for a task no plan has.
pub fn unknown_task() -> Error {
    Error::not_found("Không có nhiệm vụ này.")
}
