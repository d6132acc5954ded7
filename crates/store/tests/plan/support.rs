//! Helpers of the plan tests: databases with base data, two handles on one database, dates.

use std::sync::OnceLock;

use cchc_calendar::WorkCalendar;
use cchc_store::testing::{TestDb, backends, replace_db_name};
use cchc_store::{Backend, Store};
use chrono::NaiveDate;
use sqlx::Row;

/// Runs `test` on every backend, each on a database holding the base data.
/// The pool is closed before the database is dropped, while the test's runtime still runs.
pub async fn each_backend<F, Fut>(test: F)
where
    F: Fn(Store) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for backend in backends() {
        let db = TestDb::new(backend).await.expect("test database");
        if let Err(e) = db.store.load_base_data_if_empty().await {
            // Closed while the runtime runs, so that dropping the database cannot hang.
            db.store.close().await;
            panic!("base data: {e}");
        }
        test(db.store.clone()).await;
        db.store.close().await;
    }
}

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn cal() -> &'static WorkCalendar {
    static CAL: OnceLock<WorkCalendar> = OnceLock::new();
    CAL.get_or_init(|| WorkCalendar::national().unwrap())
}

/// The number of rows of `table`.
pub async fn count(store: &Store, table: &str) -> i64 {
    let row = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
        .fetch_one(store.pool())
        .await
        .unwrap();
    row.try_get("n").unwrap()
}

/// Row counts of every plan table and of the audit log.
pub async fn plan_table_counts(store: &Store) -> Vec<i64> {
    let mut out = Vec::new();
    for table in [
        "plans",
        "plan_targets",
        "plan_tasks",
        "plan_responsibilities",
        "plan_links",
        "indicator_values",
        "plan_task_updates",
        "audit_log",
    ] {
        out.push(count(store, table).await);
    }
    out
}

/// One database reached through two independent handles (two instances of cchc).
pub struct SharedDb {
    pub a: Store,
    pub b: Store,
    drop_sql: Option<(String, String)>,
    file: Option<std::path::PathBuf>,
}

impl SharedDb {
    pub async fn new(backend: Backend) -> SharedDb {
        let name = format!("cchc_test_plan_{}", &cchc_domain::auth::new_secret()[..12]);
        let (url, drop_sql, file) = match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{name}.db"));
                (format!("sqlite:{}", path.display()), None, Some(path))
            }
            Backend::Postgres => {
                let admin_url = std::env::var("CCHC_TEST_POSTGRES_URL").unwrap();
                let admin = Store::connect(&admin_url).await.unwrap();
                sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
                    .execute(admin.pool())
                    .await
                    .unwrap();
                admin.close().await;
                (
                    replace_db_name(&admin_url, &name),
                    Some((admin_url, name)),
                    None,
                )
            }
        };
        let a = Store::connect(&url).await.unwrap();
        a.prepare().await.unwrap();
        let b = Store::connect(&url).await.unwrap();
        SharedDb {
            a,
            b,
            drop_sql,
            file,
        }
    }

    pub async fn close(self) {
        self.a.close().await;
        self.b.close().await;
        if let Some((admin_url, name)) = &self.drop_sql {
            let admin = Store::connect(admin_url).await.unwrap();
            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            sqlx::raw_sql(&sql).execute(admin.pool()).await.unwrap();
            admin.close().await;
        }
        if let Some(path) = &self.file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
    }
}
