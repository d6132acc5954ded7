//! Reading the change log: its head, the changes after a position, the snapshot a live
//! aggregate starts from, pruning, and rebuild requests.

use std::collections::HashMap;

use cchc_domain::kpi::DossierFacts;
use cchc_domain::plan::auto::ProcedureTraits;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

use super::{LogHead, LogPosition, LoggedChange, facts_json, facts_of_row};
use crate::{Backend, Store, StoreError};

/// Dossiers read per statement while scanning.
const SCAN_PAGE: i64 = 20_000;

fn logged(r: &AnyRow) -> Result<LoggedChange, StoreError> {
    Ok(LoggedChange {
        seq: r.try_get("seq")?,
        n: r.try_get("n")?,
        old: facts_json(r.try_get("old_facts")?)?,
        new: facts_json(r.try_get("new_facts")?)?,
    })
}

/// The head row, read by `e`.
async fn log_head<'e>(e: impl Executor<'e, Database = Any>) -> Result<LogHead, StoreError> {
    let row = sqlx::query(
        "SELECT last_seq, rebuilds, reclassified FROM dossier_change_head WHERE id = 1",
    )
    .fetch_one(e)
    .await?;
    Ok(LogHead {
        last_seq: row.try_get("last_seq")?,
        rebuilds: row.try_get("rebuilds")?,
        reclassified: row.try_get("reclassified")?,
    })
}

impl Store {
    /// The head of the change log.
    pub async fn kpi_log_head(&self) -> Result<LogHead, StoreError> {
        log_head(self.pool()).await
    }

    /// Up to about `limit` changes after `after`, in log order: the rest of the commit
    /// `after` stands in, else whole commits while they fit in `limit`, else the first `limit`
    /// changes of the next commit. Every read follows an index (no sort of a large commit).
    pub async fn kpi_changes_after(
        &self,
        after: LogPosition,
        limit: usize,
    ) -> Result<Vec<LoggedChange>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX).max(1);
        if after.n != i64::MAX {
            let rest = self.changes_of_commit(after.seq, after.n, limit).await?;
            if !rest.is_empty() {
                return Ok(rest);
            }
        }
        let commits = sqlx::query(
            "SELECT seq, changes FROM dossier_change_commits WHERE seq > $1 ORDER BY seq LIMIT 256",
        )
        .bind(after.seq)
        .fetch_all(self.pool())
        .await?;
        let mut last = None;
        let mut total = 0;
        for c in &commits {
            let (seq, changes): (i64, i64) = (c.try_get("seq")?, c.try_get("changes")?);
            if last.is_none() && changes > limit {
                return self.changes_of_commit(seq, i64::MIN, limit).await;
            }
            if total + changes > limit {
                break;
            }
            (total, last) = (total + changes, Some(seq));
        }
        let Some(last) = last else {
            return Ok(Vec::new());
        };
        let rows = sqlx::query(
            "SELECT c.seq, x.n, x.old_facts, x.new_facts FROM dossier_change_commits c \
             JOIN dossier_changes x ON x.txn = c.txn \
             WHERE c.seq > $1 AND c.seq <= $2 ORDER BY c.seq, x.n",
        )
        .bind(after.seq)
        .bind(last)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(logged).collect()
    }

    /// Up to `limit` changes of commit `seq` after position `after`.
    async fn changes_of_commit(
        &self,
        seq: i64,
        after: i64,
        limit: i64,
    ) -> Result<Vec<LoggedChange>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.seq, x.n, x.old_facts, x.new_facts FROM dossier_change_commits c \
             JOIN dossier_changes x ON x.txn = c.txn \
             WHERE c.seq = $1 AND x.n > $2 ORDER BY x.n LIMIT $3",
        )
        .bind(seq)
        .bind(after)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(logged).collect()
    }

    /// Reads the facts of every received dossier and the log head from one snapshot: the
    /// facts include exactly the commits up to the head's `last_seq`. `each` gets the facts,
    /// `progress` (dossiers read, dossiers to read) after each page.
    pub async fn kpi_scan(
        &self,
        mut each: impl FnMut(DossierFacts),
        progress: impl FnMut(u64, u64),
    ) -> Result<LogHead, StoreError> {
        let ((), head) = self.kpi_snapshot(|_| (), |(), f| each(f), progress).await?;
        Ok(head)
    }

    /// [`Store::kpi_scan`] with the procedures' traits of the same snapshot: `start` makes
    /// the state (an aggregate with the classes of those traits) that `each` then gets with
    /// every dossier's facts. Returns the state and the log head.
    pub async fn kpi_snapshot<A>(
        &self,
        start: impl FnOnce(HashMap<String, ProcedureTraits>) -> A,
        mut each: impl FnMut(&mut A, DossierFacts),
        mut progress: impl FnMut(u64, u64),
    ) -> Result<(A, LogHead), StoreError> {
        let mut tx = self.pool().begin().await?;
        if self.backend() == Backend::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await?;
        }
        let head = log_head(&mut *tx).await?;
        let mut state = start(crate::plan::auto::procedure_traits(&mut *tx).await?);
        let total: i64 =
            sqlx::query("SELECT COUNT(*) AS n FROM dossiers WHERE received_at IS NOT NULL")
                .fetch_one(&mut *tx)
                .await?
                .try_get("n")?;
        let total = u64::try_from(total).unwrap_or(0);
        let mut done = 0u64;
        let mut last = (String::new(), String::new());
        loop {
            let rows = sqlx::query(
                "SELECT province, code, procedure_code, competent_unit, state, facts FROM dossiers \
                 WHERE received_at IS NOT NULL AND (province, code) > ($1, $2) \
                 ORDER BY province, code LIMIT $3",
            )
            .bind(&last.0)
            .bind(&last.1)
            .bind(SCAN_PAGE)
            .fetch_all(&mut *tx)
            .await?;
            let Some(end) = rows.last() else { break };
            last = (end.try_get("province")?, end.try_get("code")?);
            for r in &rows {
                each(&mut state, facts_of_row(r)?);
            }
            done += rows.len() as u64;
            progress(done, total.max(done));
        }
        tx.rollback().await?;
        Ok((state, head))
    }

    /// Deletes the oldest commits (with their changes) that are at or before `applied` and
    /// committed before `cutoff_ms`, at most `max_commits`, each in a transaction of its own.
    /// Returns the number of commits deleted.
    pub async fn prune_kpi_changes(
        &self,
        applied: i64,
        cutoff_ms: i64,
        max_commits: i64,
    ) -> Result<u64, StoreError> {
        let old = sqlx::query(
            "SELECT seq, txn FROM dossier_change_commits WHERE seq <= $1 AND committed_at < $2 \
             ORDER BY seq LIMIT $3",
        )
        .bind(applied)
        .bind(cutoff_ms)
        .bind(max_commits)
        .fetch_all(self.pool())
        .await?;
        let mut pruned = 0;
        for r in &old {
            let (seq, txn): (i64, i64) = (r.try_get("seq")?, r.try_get("txn")?);
            let mut w = self.begin_write().await?;
            sqlx::query("DELETE FROM dossier_change_commits WHERE seq = $1")
                .bind(seq)
                .execute(&mut *w.tx)
                .await?;
            sqlx::query("DELETE FROM dossier_changes WHERE txn = $1")
                .bind(txn)
                .execute(&mut *w.tx)
                .await?;
            w.commit().await?;
            pruned += 1;
        }
        Ok(pruned)
    }

    /// Asks every server to rebuild its live aggregate from the dossiers (audited); returns
    /// the new number of requests.
    pub async fn request_kpi_rebuild(&self, actor: &str) -> Result<i64, StoreError> {
        let mut w = self.begin_write().await?;
        let row = sqlx::query(
            "UPDATE dossier_change_head SET rebuilds = rebuilds + 1 WHERE id = 1 \
             RETURNING rebuilds",
        )
        .fetch_one(&mut *w.tx)
        .await?;
        let rebuilds: i64 = row.try_get("rebuilds")?;
        let change = serde_json::json!({ "rebuilds": rebuilds });
        crate::audit::append(&mut w.tx, actor, "kpi.rebuild", "kpi", &change).await?;
        w.commit().await?;
        Ok(rebuilds)
    }
}
