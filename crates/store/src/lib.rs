//! The only crate that speaks SQL: one store over SQLite (default) or PostgreSQL, chosen by
//! the URL scheme, with per-backend migrations, repositories and the audit chain.

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod base;
mod binds;
pub mod demo;
pub mod dossiers;
pub mod error;
pub mod import;
pub mod kpi;
pub mod migrate;
pub mod org;
pub mod paging;
pub mod par;
pub mod plan;
pub mod procedures;
pub mod report;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod url;

// The paths of the former flat layout, which the app, web and CLI crates still use.
pub use demo::dossiers as demo_dossiers;
pub use import::dossiers as import_dossiers;
pub use kpi::changes as kpi_changes;
pub use plan::{
    clone as plan_clone, evidence as plan_evidence, mail as plan_mail, progress as plan_progress,
    remind as plan_remind, status as plan_status, values as plan_values,
};
pub use procedures::import as procedures_import;

pub use error::StoreError;
pub use url::{Backend, DatabaseUrl, replace_db_name};

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{Any, AnyConnection, AnyPool, Connection, Transaction};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, MutexGuard};

/// A write transaction; on SQLite it also holds the process-wide writer lock.
pub struct WriteTx<'a> {
    pub tx: Transaction<'static, Any>,
    _writer: Option<MutexGuard<'a, ()>>,
}

impl WriteTx<'_> {
    /// Commits the transaction: once this returns, the write is on disk.
    pub async fn commit(self) -> Result<(), StoreError> {
        self.tx.commit().await?;
        Ok(())
    }
}

/// Handle to the database. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    writer: Arc<Mutex<()>>,
    /// The group-commit writer of dossier actions (started on first use).
    group: dossiers::WriterSlot,
}

impl Store {
    /// Connects to the database named by `url` (`sqlite:` path or `postgres://`), creating the
    /// SQLite file and its folder if needed. Does not migrate.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        install_default_drivers();
        let parsed = DatabaseUrl::parse(url)?;
        parsed.prepare()?;
        let backend = parsed.backend;
        // One direct attempt first: a refused or unknown database fails at once, not after the
        // pool's acquire timeout.
        let probe = AnyConnection::connect(&parsed.connect_string())
            .await
            .map_err(|e| StoreError::Unreachable(parsed.describe_failure(&e)))?;
        probe.close().await?;
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 8 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        use sqlx::Executor;
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect(&parsed.connect_string())
            .await
            .map_err(|e| StoreError::Unreachable(parsed.describe_failure(&e)))?;
        Ok(Store {
            pool,
            backend,
            writer: Arc::new(Mutex::new(())),
            group: dossiers::WriterSlot::default(),
        })
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The connection pool, for read queries.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Begins a write transaction. SQLite allows one writer at a time, so writes of this
    /// process queue here instead of failing with "database is locked".
    pub async fn begin_write(&self) -> Result<WriteTx<'_>, StoreError> {
        let guard = match self.backend {
            Backend::Sqlite => Some(self.writer.lock().await),
            Backend::Postgres => None,
        };
        let tx = self.pool.begin().await?;
        Ok(WriteTx { tx, _writer: guard })
    }

    /// Checks that the database answers (for `/healthz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Pool figures for `/metrics`: (open connections, idle connections).
    pub fn pool_stats(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    /// Closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Now as epoch milliseconds (UTC).
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
