//! The baseline databases: SQLite (a file in the temp folder) and PostgreSQL (a scratch
//! database), loaded in bulk with the flat table of [`super::sql`], indexed, analysed, then
//! queried.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use cchc_domain::kpi::Counts;
use sqlx::postgres::PgConnection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqliteSynchronous};
use sqlx::{Connection, Executor};

use super::sql;
use crate::generate::Population;

/// A baseline database.
pub enum Db {
    Sqlite(SqliteConnection, PathBuf),
    Postgres(PgConnection, String, String),
}

fn scratch_name() -> String {
    format!("cchc_bench_kpi_{}", std::process::id())
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

impl Db {
    /// A fresh SQLite file with bulk-load settings (no journal, no fsync).
    pub async fn sqlite() -> Result<Db, String> {
        let path = std::env::temp_dir().join(format!("{}.db", scratch_name()));
        let _ = std::fs::remove_file(&path);
        let opts = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Off)
            .synchronous(SqliteSynchronous::Off)
            .pragma("cache_size", "-65536");
        let c = SqliteConnection::connect_with(&opts).await.map_err(err)?;
        Ok(Db::Sqlite(c, path))
    }

    /// A fresh database on the PostgreSQL server of `admin`.
    pub async fn postgres(admin: &str) -> Result<Db, String> {
        let name = scratch_name();
        let mut a = PgConnection::connect(admin).await.map_err(err)?;
        a.execute(format!("DROP DATABASE IF EXISTS {name}").as_str())
            .await
            .map_err(err)?;
        a.execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .map_err(err)?;
        let _ = a.close().await;
        let url = cchc_store::replace_db_name(admin, &name);
        let c = PgConnection::connect(&url).await.map_err(err)?;
        Ok(Db::Postgres(c, admin.to_owned(), name))
    }

    /// The backend's name.
    pub fn label(&self) -> &'static str {
        match self {
            Db::Sqlite(..) => "SQLite",
            Db::Postgres(..) => "PostgreSQL",
        }
    }

    /// Creates, fills, indexes and analyses the table; returns the time taken.
    pub async fn load(&mut self, pop: &Population) -> Result<Duration, String> {
        let started = Instant::now();
        let label = self.label();
        let procedures: HashMap<&str, u32> = pop
            .procedures()
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_str(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        let mut rows = pop.keys().map(|k| {
            let d = pop.dossier(k);
            sql::row(&d.facts, k.unit, procedures[d.facts.procedure.as_str()])
        });
        let total = pop.len();
        match self {
            Db::Sqlite(c, _) => {
                c.execute(sql::create_table().as_str()).await.map_err(err)?;
                c.execute("BEGIN").await.map_err(err)?;
                let mut done = 0u64;
                loop {
                    let mut text = String::from("INSERT INTO kpi_facts VALUES ");
                    let mut n = 0;
                    for r in rows.by_ref().take(500) {
                        if n > 0 {
                            text.push(',');
                        }
                        sql::push_tuple(&mut text, &r);
                        n += 1;
                    }
                    if n == 0 {
                        break;
                    }
                    c.execute(text.as_str()).await.map_err(err)?;
                    done += n;
                    progress(label, done, total, n);
                }
                c.execute("COMMIT").await.map_err(err)?;
            }
            Db::Postgres(c, ..) => {
                let table = sql::create_table().replace("CREATE TABLE", "CREATE UNLOGGED TABLE");
                c.execute(table.as_str()).await.map_err(err)?;
                let copy = format!("COPY kpi_facts ({}) FROM STDIN", sql::COLUMNS.join(", "));
                let mut sink = c.copy_in_raw(&copy).await.map_err(err)?;
                let mut done = 0u64;
                loop {
                    let mut text = String::with_capacity(1 << 20);
                    let mut n = 0;
                    for r in rows.by_ref().take(10_000) {
                        sql::push_copy_line(&mut text, &r);
                        n += 1;
                    }
                    if n == 0 {
                        break;
                    }
                    sink.send(text.into_bytes()).await.map_err(err)?;
                    done += n;
                    progress(label, done, total, n);
                }
                sink.finish().await.map_err(err)?;
            }
        }
        eprintln!("\n{label}: indexing and analysing");
        let after = match self {
            Db::Sqlite(..) => vec![sql::CREATE_INDEX, "ANALYZE"],
            Db::Postgres(..) => vec![sql::CREATE_INDEX, "VACUUM ANALYZE kpi_facts"],
        };
        for s in after {
            self.execute(s).await?;
        }
        Ok(started.elapsed())
    }

    async fn execute(&mut self, s: &str) -> Result<(), String> {
        match self {
            Db::Sqlite(c, _) => c.execute(s).await.map(|_| ()).map_err(err),
            Db::Postgres(c, ..) => c.execute(s).await.map(|_| ()).map_err(err),
        }
    }

    /// The counts of one query (one row).
    pub async fn counts(&mut self, query: &str) -> Result<Counts, String> {
        match self {
            Db::Sqlite(c, _) => {
                let r = sqlx::query(query).fetch_one(&mut *c).await.map_err(err)?;
                sql::counts_of(&r, 0).map_err(err)
            }
            Db::Postgres(c, ..) => {
                let r = sqlx::query(query).fetch_one(&mut *c).await.map_err(err)?;
                sql::counts_of(&r, 0).map_err(err)
            }
        }
    }

    /// The counts of every unit in one query (rows of unit, counts).
    pub async fn counts_by_unit(&mut self, query: &str) -> Result<Vec<(i64, Counts)>, String> {
        use sqlx::Row;
        match self {
            Db::Sqlite(c, _) => sqlx::query(query)
                .fetch_all(&mut *c)
                .await
                .map_err(err)?
                .iter()
                .map(|r| {
                    Ok((
                        r.try_get(0).map_err(err)?,
                        sql::counts_of(r, 1).map_err(err)?,
                    ))
                })
                .collect(),
            Db::Postgres(c, ..) => sqlx::query(query)
                .fetch_all(&mut *c)
                .await
                .map_err(err)?
                .iter()
                .map(|r| {
                    Ok((
                        r.try_get(0).map_err(err)?,
                        sql::counts_of(r, 1).map_err(err)?,
                    ))
                })
                .collect(),
        }
    }

    /// Closes the connection and removes the database.
    pub async fn close(self) {
        match self {
            Db::Sqlite(c, path) => {
                let _ = c.close().await;
                let _ = std::fs::remove_file(path);
            }
            Db::Postgres(c, admin, name) => {
                let _ = c.close().await;
                if let Ok(mut a) = PgConnection::connect(&admin).await {
                    let _ = a
                        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                        .await;
                    let _ = a.close().await;
                }
            }
        }
    }
}

fn progress(label: &str, done: u64, total: u64, step: u64) {
    if done % 1_000_000 < step || done == total {
        let mut e = std::io::stderr().lock();
        let _ = write!(e, "\rloading {label}: {done} / {total} rows");
        let _ = e.flush();
    }
}
