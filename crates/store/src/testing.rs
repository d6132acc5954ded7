//! Isolated databases for tests: a fresh SQLite file per test, or a fresh PostgreSQL
//! database per test when `CCHC_TEST_POSTGRES_URL` is set.

pub use crate::url::replace_db_name;
use crate::{Backend, Store, StoreError};
use std::path::PathBuf;

/// A database that lives as long as the value.
pub struct TestDb {
    pub store: Store,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Postgres { admin_url: String, name: String },
}

/// The backends to test on: SQLite always, PostgreSQL when configured.
pub fn backends() -> Vec<Backend> {
    let mut out = vec![Backend::Sqlite];
    if std::env::var("CCHC_TEST_POSTGRES_URL").is_ok_and(|u| !u.is_empty()) {
        out.push(Backend::Postgres);
    }
    out
}

fn unique_name() -> String {
    format!("cchc_test_{}", &cchc_domain::auth::new_secret()[..16])
}

impl TestDb {
    /// A new empty, migrated database on `backend` (no base data).
    pub async fn new(backend: Backend) -> Result<TestDb, StoreError> {
        let db = match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{}.db", unique_name()));
                let store = Store::connect(&format!("sqlite:{}", path.display())).await?;
                TestDb {
                    store,
                    cleanup: Cleanup::File(path),
                }
            }
            Backend::Postgres => Self::new_postgres().await?,
        };
        db.store.migrate().await?;
        Ok(db)
    }

    /// A new migrated database holding the base data.
    pub async fn with_base_data(backend: Backend) -> Result<TestDb, StoreError> {
        let db = Self::new(backend).await?;
        db.store.load_base_data_if_empty().await?;
        Ok(db)
    }

    async fn new_postgres() -> Result<TestDb, StoreError> {
        let admin_url = std::env::var("CCHC_TEST_POSTGRES_URL").unwrap_or_default();
        let name = unique_name();
        let admin = Store::connect(&admin_url).await?;
        sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
            .execute(admin.pool())
            .await?;
        admin.close().await;
        let store = Store::connect(&replace_db_name(&admin_url, &name)).await?;
        Ok(TestDb {
            store,
            cleanup: Cleanup::Postgres { admin_url, name },
        })
    }

    /// The backend of this database.
    pub fn backend(&self) -> Backend {
        self.store.backend()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Postgres { admin_url, name } => {
                let (url, name) = (admin_url.clone(), name.clone());
                // Dropped inside a runtime: finish on a thread of its own. The pool is not
                // closed here (its tasks live on the blocked test runtime); `WITH (FORCE)` ends
                // its connections.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build();
                    if let Ok(rt) = rt {
                        rt.block_on(async move {
                            if let Ok(admin) = Store::connect(&url).await {
                                let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                                let _ = sqlx::raw_sql(&sql).execute(admin.pool()).await;
                                admin.close().await;
                            }
                        });
                    }
                })
                .join();
            }
        }
    }
}
