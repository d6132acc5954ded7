//! Organisation units in SQL: the effective-dated units and their lineage (merges, splits,
//! renames).
//!
//! - `units`: look-ups of the stored units, and the CSV imports of units and of lineage,
//!   each all-or-nothing and audited.

mod units;

use cchc_domain::org_import::ImportProblem;

use crate::StoreError;

/// Why an org-unit import was refused.
#[derive(Debug)]
pub enum ImportError {
    /// The file has problems; nothing was written.
    Rejected(Vec<ImportProblem>),
    /// The database failed.
    Store(StoreError),
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError::Store(e)
    }
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        ImportError::Store(e.into())
    }
}
