//! Online, consistent backups.

use crate::{Backend, Store, StoreError};
use std::path::Path;

impl Store {
    /// Writes a consistent copy of a SQLite database to `to` while it stays in use
    /// (`VACUUM INTO`). PostgreSQL backups are made with `pg_dump` (see the CLI).
    pub async fn backup_sqlite(&self, to: &Path) -> Result<(), StoreError> {
        if self.backend() != Backend::Sqlite {
            return Err(StoreError::Invalid(
                "backup_sqlite needs a SQLite database".into(),
            ));
        }
        if to.exists() {
            return Err(StoreError::Invalid(format!(
                "{} already exists; choose a new file",
                to.display()
            )));
        }
        let target = to
            .to_str()
            .ok_or_else(|| StoreError::Invalid("backup path is not UTF-8".into()))?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
