//! The only crate that speaks SQL: one store over SQLite (default) or PostgreSQL, chosen by
//! the URL scheme, with per-backend migrations, repositories and the audit chain.

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod base;
mod binds;
pub mod demo;
pub mod demo_dossiers;
pub mod demo_plan;
pub mod demo_plan_year;
pub mod dossiers;
pub mod error;
pub mod import_dossiers;
mod import_indexes;
mod import_rows;
pub mod kpi_changes;
pub mod kpi_facts;
pub mod migrate;
pub mod org;
pub mod paging;
pub mod plan;
pub mod plan_auto;
pub mod plan_cascade;
pub mod plan_clone;
pub mod plan_evidence;
pub mod plan_mail;
pub mod plan_progress;
pub mod plan_remind;
pub mod plan_rows;
pub mod plan_status;
pub mod plan_values;
pub mod procedures;
pub mod procedures_import;
pub mod testing;
mod url;

pub use error::StoreError;
pub use url::{Backend, DatabaseUrl};

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
