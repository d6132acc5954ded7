//! Store errors: "not found" and "refused" kept apart from "failed".

use thiserror::Error;

/// Why a store operation did not succeed.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The database URL names no supported backend or cannot be used.
    #[error("{0}")]
    BadUrl(String),
    /// The database did not answer.
    #[error("{0}")]
    Unreachable(String),
    /// The caller's input was refused; nothing was written. The text describes the input's
    /// problem and may be shown to the caller.
    #[error("{0}")]
    Invalid(String),
    /// Stored data is not what the code expects (a corrupt row, a broken invariant). An
    /// internal fault: log the text, never show it.
    #[error("corrupt stored data: {0}")]
    Corrupt(String),
    /// The input conflicts with stored data (e.g. a duplicate username); nothing was written.
    #[error("{0}")]
    Conflict(String),
    /// A named thing does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The database failed. The text may hold internals: log it, never show it to users.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// Whether the error is the caller's fault (bad input), as opposed to a failure.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            StoreError::BadUrl(_)
                | StoreError::Invalid(_)
                | StoreError::Conflict(_)
                | StoreError::NotFound(_)
        )
    }

    /// Maps a unique-constraint violation to `Conflict` with `message`; other errors pass.
    pub fn on_unique(err: sqlx::Error, message: impl Into<String>) -> StoreError {
        match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(message.into())
            }
            _ => StoreError::Database(err),
        }
    }
}
