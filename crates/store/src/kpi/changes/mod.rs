//! The change log of dossier statistics facts, so that every process sees
//! every change: each transaction writing dossiers records, in that transaction, the old and
//! new [`DossierFacts`] of every dossier whose facts changed (`dossier_changes`, numbered by
//! a transaction number `txn` and a position `n`), then, just before its commit, one row of
//! `dossier_change_commits` numbered from `dossier_change_head.last_seq`.
//!
//! The head row stays locked from that update to the commit, so commit numbers are dense and
//! follow the commit order on both backends (on SQLite writers run one at a time anyway): a
//! reader that has applied every commit up to `seq` reads `seq > n` and misses nothing. The
//! transaction number is taken at the start without a lock held until the commit (a sequence
//! on PostgreSQL), so a long import does not hold back the dossier writer. Readers start from
//! a snapshot ([`Store::kpi_scan`]): the dossiers and the head read in one transaction.
//!
//! Retention: a server prunes the commits it has applied once they are older than its
//! retention window ([`Store::prune_kpi_changes`]), a commit and its changes in one
//! transaction; a reader that finds a hole in the numbers (it lagged longer than the window)
//! rebuilds from the dossiers.

use cchc_domain::dossier::Dossier;
use cchc_domain::kpi::DossierFacts;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use crate::binds::Sql;

mod read;
use crate::{Backend, StoreError, now_ms};

/// Change rows per statement of the dossier writer (5 values each).
const ROWS_PER_STATEMENT: usize = 100;

/// The advisory lock that runs imports one at a time on PostgreSQL, so that each sees the
/// facts the previous one wrote (the old facts of its change rows).
const IMPORT_LOCK: i64 = 0x006b_7069_5f6c_6f67;

/// The state of the log: the last commit number, the number of rebuild requests and of
/// procedure imports that changed the procedures' classes (sector or toàn trình offer).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LogHead {
    pub last_seq: i64,
    pub rebuilds: i64,
    pub reclassified: i64,
}

/// A position in the log: every change up to commit `seq`, position `n` is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LogPosition {
    pub seq: i64,
    pub n: i64,
}

impl LogPosition {
    /// After the whole of commit `seq`.
    #[must_use]
    pub const fn after_commit(seq: i64) -> Self {
        Self { seq, n: i64::MAX }
    }
}

/// One logged change of a dossier's facts (`None`: the dossier did not exist before).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedChange {
    pub seq: i64,
    pub n: i64,
    pub old: Option<DossierFacts>,
    pub new: Option<DossierFacts>,
}

/// The change log of one write transaction.
pub(crate) struct ChangeTx {
    txn: i64,
    changes: i64,
}

impl ChangeTx {
    /// Takes a transaction number.
    pub(crate) async fn begin(
        tx: &mut Transaction<'static, Any>,
        backend: Backend,
    ) -> Result<Self, StoreError> {
        let sql = match backend {
            Backend::Sqlite => {
                "UPDATE dossier_change_head SET last_txn = last_txn + 1 WHERE id = 1 \
                 RETURNING last_txn AS txn"
            }
            Backend::Postgres => "SELECT nextval('dossier_change_txn') AS txn",
        };
        let row = sqlx::query(sql).fetch_one(&mut **tx).await?;
        Ok(Self {
            txn: row.try_get("txn")?,
            changes: 0,
        })
    }

    /// [`ChangeTx::begin`] for an import: imports run one at a time (PostgreSQL; SQLite runs
    /// one writer at a time anyway).
    pub(crate) async fn begin_import(
        tx: &mut Transaction<'static, Any>,
        backend: Backend,
    ) -> Result<Self, StoreError> {
        if backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(IMPORT_LOCK)
                .execute(&mut **tx)
                .await?;
        }
        Self::begin(tx, backend).await
    }

    /// The transaction number (the `txn` of its change rows).
    pub(crate) const fn txn(&self) -> i64 {
        self.txn
    }

    /// Counts `n` change rows written by a statement of the caller's own.
    pub(crate) fn counted(&mut self, n: u64) {
        self.changes += i64::try_from(n).unwrap_or(i64::MAX);
    }

    /// Writes `changes` (code, old facts, new facts), numbered from the rows already written.
    pub(crate) async fn record(
        &mut self,
        tx: &mut Transaction<'static, Any>,
        changes: &[(String, Option<String>, Option<String>)],
    ) -> Result<(), StoreError> {
        for chunk in changes.chunks(ROWS_PER_STATEMENT) {
            let (txn, first) = (self.txn, self.changes);
            let mut sql =
                Sql::new("INSERT INTO dossier_changes (txn, n, code, old_facts, new_facts)");
            sql.values(chunk.iter().zip(first..), |t, ((code, old, new), n)| {
                t.bind(txn)
                    .bind(n)
                    .bind(code.clone())
                    .bind(old.clone())
                    .bind(new.clone());
            });
            let written = sql.execute(&mut **tx).await?;
            self.counted(written);
        }
        Ok(())
    }

    /// Numbers the commit (just before the caller commits); nothing when no change was
    /// written. Returns the commit number.
    pub(crate) async fn finish(
        self,
        tx: &mut Transaction<'static, Any>,
    ) -> Result<Option<i64>, StoreError> {
        if self.changes == 0 {
            return Ok(None);
        }
        let row = sqlx::query(
            "UPDATE dossier_change_head SET last_seq = last_seq + 1 WHERE id = 1 \
             RETURNING last_seq",
        )
        .fetch_one(&mut **tx)
        .await?;
        let seq: i64 = row.try_get("last_seq")?;
        sqlx::query(
            "INSERT INTO dossier_change_commits (seq, txn, changes, committed_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(seq)
        .bind(self.txn)
        .bind(self.changes)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        Ok(Some(seq))
    }
}

/// The statement logging the changes of one chunk of an import, given its `VALUES` tuples
/// `(n, province, code, facts)`: the old facts are read from the row the import replaces; a
/// dossier handled in cchc (no facts; the import keeps it) and an unchanged one are skipped.
/// Run before the chunk's upsert.
///
/// On PostgreSQL the old row is read by a `LATERAL … LIMIT 1` probe of the primary key: with
/// a plain join the planner hashes the chunk and scans the whole table for every chunk of a
/// first import (the table's statistics still say it is empty), which makes an import
/// quadratic in its size.
pub(crate) fn import_changes_sql(txn: i64, values: &str, postgres: bool) -> String {
    let old = if postgres {
        "LEFT JOIN LATERAL (SELECT o.code, o.facts FROM dossiers o \
         WHERE o.province = v.province AND o.code = v.code LIMIT 1) d ON true"
    } else {
        "LEFT JOIN dossiers d ON d.province = v.province AND d.code = v.code"
    };
    format!(
        "WITH v (n, province, code, facts) AS (VALUES {values}) \
         INSERT INTO dossier_changes (txn, n, code, old_facts, new_facts) \
         SELECT {txn}, v.n, v.code, d.facts, v.facts FROM v {old} \
         WHERE d.code IS NULL OR (d.facts IS NOT NULL AND d.facts <> v.facts)"
    )
}

fn bad(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("dossier change log {what}: {e}"))
}

pub(crate) fn facts_json(json: Option<String>) -> Result<Option<DossierFacts>, StoreError> {
    json.map(|j| serde_json::from_str(&j).map_err(|e| bad("facts", e)))
        .transpose()
}

/// The facts of a dossier row (`procedure_code`, `competent_unit`, `state`, `facts`): the
/// stored facts of an imported dossier, else those of its state, counted for its competent
/// unit.
pub(crate) fn facts_of_row(r: &AnyRow) -> Result<DossierFacts, StoreError> {
    if let Some(facts) = r.try_get::<Option<String>, _>("facts")? {
        return serde_json::from_str(&facts).map_err(|e| bad("stored facts", e));
    }
    let state: String = r.try_get("state")?;
    let procedure: String = r.try_get("procedure_code")?;
    let competent: String = r.try_get("competent_unit")?;
    let d: Dossier = serde_json::from_str(&state).map_err(|e| bad("stored state", e))?;
    Ok(DossierFacts::from_dossier(&d, &procedure, &competent))
}
