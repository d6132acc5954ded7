//! Bulk import of dossiers from the national portal.
//!
//! - [`dossiers`]: the import itself, chunk by chunk in one transaction with one audit entry;
//! - `rows`: the two statements of a chunk (its change-log rows and its upsert);
//! - `indexes`: the secondary indexes set aside during a large SQLite import.

pub mod dossiers;
mod indexes;
mod rows;
