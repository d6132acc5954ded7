//! Versioned migrations, one tree per backend with matching version numbers, each applied
//! in its own transaction and recorded in `schema_migrations`.

use crate::{Backend, Store, StoreError, now_ms};
use sqlx::Row;

/// One migration: version, name and SQL text.
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Declares the migration list of both backends from one table of (version, name, file), so
/// that their versions and names cannot drift apart.
macro_rules! migrations {
    ($(($version:literal, $name:literal, $file:literal)),* $(,)?) => {
        /// SQLite migrations, in order.
        pub const SQLITE: &[Migration] = &[$(Migration {
            version: $version,
            name: $name,
            sql: include_str!(concat!("../migrations/sqlite/", $file)),
        }),*];

        /// PostgreSQL migrations, in order; versions match [`SQLITE`].
        pub const POSTGRES: &[Migration] = &[$(Migration {
            version: $version,
            name: $name,
            sql: include_str!(concat!("../migrations/postgres/", $file)),
        }),*];
    };
}

migrations![
    (1, "foundation", "0001_foundation.sql"),
    (2, "dossiers", "0002_dossiers.sql"),
    (3, "plans", "0003_plans.sql"),
    (4, "dossier_facts", "0004_dossier_facts.sql"),
    (5, "dossier_changes", "0005_dossier_changes.sql"),
    (6, "plan_evidence_email", "0006_plan_evidence_email.sql"),
    (7, "dossier_submitter", "0007_dossier_submitter.sql"),
    (8, "submitter_partial", "0008_submitter_partial.sql"),
    (
        9,
        "procedure_reclassified",
        "0009_procedure_reclassified.sql"
    ),
    (
        10,
        "competent_attribution",
        "0010_competent_attribution.sql"
    ),
    (11, "kpi_entered_values", "0011_kpi_entered_values.sql"),
    (12, "report_values", "0012_report_values.sql"),
    (13, "par_index", "0013_par_index.sql"),
];

/// The migrations of a backend.
pub fn migrations(backend: Backend) -> &'static [Migration] {
    match backend {
        Backend::Sqlite => SQLITE,
        Backend::Postgres => POSTGRES,
    }
}

impl Store {
    /// Applies every migration not yet recorded (in version order); returns the versions applied
    /// now.
    pub async fn migrate(&self) -> Result<Vec<i64>, StoreError> {
        sqlx::raw_sql(
            "CREATE TABLE IF NOT EXISTS schema_migrations (\
             version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
        )
        .execute(self.pool())
        .await?;
        let recorded: Vec<i64> = sqlx::query("SELECT version FROM schema_migrations")
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| r.try_get::<i64, _>("version"))
            .collect::<Result<_, _>>()?;
        let mut applied = Vec::new();
        for m in migrations(self.backend())
            .iter()
            .filter(|m| !recorded.contains(&m.version))
        {
            let mut w = self.begin_write().await?;
            sqlx::raw_sql(m.sql).execute(&mut *w.tx).await?;
            sqlx::query(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            )
            .bind(m.version)
            .bind(m.name)
            .bind(now_ms())
            .execute(&mut *w.tx)
            .await?;
            w.commit().await?;
            applied.push(m.version);
        }
        Ok(applied)
    }

    /// The highest applied migration version (0 when none).
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")
            .fetch_one(self.pool())
            .await?;
        Ok(row.try_get::<i64, _>("v")?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_have_the_same_versions() {
        let versions =
            |ms: &[Migration]| ms.iter().map(|m| (m.version, m.name)).collect::<Vec<_>>();
        assert_eq!(versions(SQLITE), versions(POSTGRES));
        assert!(SQLITE.windows(2).all(|w| w[0].version < w[1].version));
    }
}
