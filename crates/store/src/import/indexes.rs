//! The secondary indexes of the dossier table, set aside during a large SQLite import: rows
//! arriving in file order land all over each index, and maintaining five of them one row at a
//! time costs about as much as writing the rows; building them afterwards sorts each once.
//! Dropped and recreated inside the import's transaction, so a failed import gets them back
//! with its rollback, and readers (WAL) keep their snapshot meanwhile.

use sqlx::{Any, Row, Transaction};

use crate::{Backend, StoreError};

/// Definitions of the indexes dropped for the import (none when they are kept).
pub(crate) struct SetAside(Vec<String>);

impl SetAside {
    /// On SQLite, when `new_rows` is at least half the rows already stored (a first load, a
    /// large batch), drops the secondary indexes of `dossiers` and keeps their definitions.
    pub(crate) async fn begin(
        tx: &mut Transaction<'static, Any>,
        backend: Backend,
        new_rows: usize,
    ) -> Result<Self, StoreError> {
        if backend != Backend::Sqlite {
            return Ok(Self(Vec::new()));
        }
        let stored: i64 = sqlx::query("SELECT COUNT(*) AS n FROM dossiers")
            .fetch_one(&mut **tx)
            .await?
            .try_get("n")?;
        if i64::try_from(new_rows)
            .unwrap_or(i64::MAX)
            .saturating_mul(2)
            < stored
        {
            return Ok(Self(Vec::new()));
        }
        let rows = sqlx::query(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' \
             AND tbl_name = 'dossiers' AND sql IS NOT NULL ORDER BY name",
        )
        .fetch_all(&mut **tx)
        .await?;
        let mut definitions = Vec::with_capacity(rows.len());
        for r in &rows {
            let name: String = r.try_get("name")?;
            definitions.push(r.try_get("sql")?);
            let drop = format!("DROP INDEX \"{name}\"");
            sqlx::query(&drop).execute(&mut **tx).await?;
        }
        Ok(Self(definitions))
    }

    /// Builds the indexes set aside again (SQLite's sorter may use a helper thread).
    pub(crate) async fn restore(
        self,
        tx: &mut Transaction<'static, Any>,
    ) -> Result<(), StoreError> {
        if self.0.is_empty() {
            return Ok(());
        }
        sqlx::query("PRAGMA threads = 2").execute(&mut **tx).await?;
        for definition in &self.0 {
            sqlx::query(definition).execute(&mut **tx).await?;
        }
        sqlx::query("PRAGMA threads = 0").execute(&mut **tx).await?;
        Ok(())
    }
}
