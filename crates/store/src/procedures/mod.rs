//! The procedure catalogue (thủ tục hành chính) in SQL.
//!
//! - `catalogue`: procedures and their effective-dated versions, searched and read back, and
//!   the terms of the version in force on a day;
//! - [`import`]: a validated catalogue stored all or nothing; the shipped catalogue as base
//!   data.

mod catalogue;
pub mod import;

pub use catalogue::{ProcedureRecord, VersionRecord};
