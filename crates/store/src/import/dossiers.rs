//! Import of dossiers in the national portal's format (`DongBoHoSoMC` items):
//! each valid item becomes a row of the dossier projection with its statistics facts (JSON),
//! written by multi-row upserts in one transaction with one audit entry. Re-importing a code
//! replaces its row; a dossier handled in cchc with the same code is kept. Each chunk first
//! logs its changes (old facts → new facts, [`crate::kpi::changes`]) with one multi-row
//! statement that reads the old facts itself, then upserts.

use std::collections::HashMap;

use cchc_domain::dossier::{DossierCode, Status};
use cchc_domain::kpi::DossierFacts;
use cchc_domain::portal::{Scalar, ValidItem};
use serde::Serialize;

use crate::import::indexes::SetAside;
use crate::import::rows::{ROWS_PER_CHUNK, Statement, chunk_statements};
use crate::kpi::changes::ChangeTx;
use crate::{Backend, Store, StoreError, audit, now_ms};
use sqlx::{Any, Row, Transaction};

/// A dossier to import: its facts, its status and its applicant's name (personal data,
/// never printed by `Debug`).
#[derive(Clone, PartialEq, Eq)]
pub struct ImportedDossier {
    pub code: DossierCode,
    pub facts: DossierFacts,
    pub status: Status,
    pub applicant_name: String,
}

impl std::fmt::Debug for ImportedDossier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportedDossier")
            .field("code", &self.code.to_string())
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl ImportedDossier {
    /// The dossier of a valid portal item, or why it cannot be stored (its `MaHoSo` must be a
    /// dossier code `{unit}-{YYMMDD}-{NNNN}`, the key of the projection).
    pub fn from_item(v: &ValidItem<'_>) -> Result<Self, String> {
        let code = DossierCode::parse(&v.facts.code).map_err(|e| format!("MaHoSo: {e}"))?;
        let status = match v.item.trang_thai_ho_so.as_ref() {
            Some(Scalar::Str(s)) => s.trim().parse().ok(),
            Some(s) => s
                .int()
                .and_then(|n| u8::try_from(n).ok())
                .and_then(Status::from_code),
            None => None,
        }
        .or(v.facts.terminal)
        .unwrap_or(Status::Received);
        Ok(Self {
            code,
            facts: v.facts.clone(),
            status,
            applicant_name: v
                .item
                .chu_ho_so
                .as_ref()
                .map(|t| t.trimmed().to_owned())
                .unwrap_or_default(),
        })
    }
}

/// What an import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Items read (after dropping earlier duplicates of a code within the input).
    pub items: usize,
    /// Rows inserted or replaced.
    pub written: usize,
    /// Items not written because a dossier handled in cchc holds their code.
    pub kept_native: usize,
}

/// SQLite page cache of the import's connection per item (KiB): a dossier row, its change-log
/// row and their index entries take about 1.3 KiB. With the default 2 MB cache, pages of a
/// large import leave the cache for the WAL file mid-transaction, are read back to build the
/// indexes and written again at the commit.
const IMPORT_CACHE_KIB_PER_ITEM: i64 = 2;
/// The smallest and largest import cache (KiB).
const IMPORT_CACHE_KIB: (i64, i64) = (16 * 1024, 1024 * 1024);

impl Store {
    /// Imports `items` in one transaction (the last item of a code wins); `progress` is told
    /// the number of items written so far after each statement.
    pub async fn import_dossiers(
        &self,
        items: &[ImportedDossier],
        actor: &str,
        progress: impl FnMut(usize),
    ) -> Result<ImportSummary, StoreError> {
        let mut w = self.begin_write().await?;
        let sqlite = self.backend() == Backend::Sqlite;
        let usual = if sqlite {
            let row = sqlx::query("PRAGMA cache_size")
                .fetch_one(&mut *w.tx)
                .await?;
            let usual: i64 = row.try_get(0)?;
            let wanted = i64::try_from(items.len())
                .unwrap_or(i64::MAX)
                .saturating_mul(IMPORT_CACHE_KIB_PER_ITEM)
                .clamp(IMPORT_CACHE_KIB.0, IMPORT_CACHE_KIB.1);
            set_cache(&mut w.tx, -wanted).await?;
            Some(usual)
        } else {
            None
        };
        let result = self.import_in(&mut w.tx, items, actor, progress).await;
        // Back to the usual size before the commit (dirty pages stay until it writes them,
        // in WAL mode an early write of a page is the one the commit would make) and before a
        // rollback, so that the pooled connection does not keep a large cache.
        if let Some(usual) = usual {
            set_cache(&mut w.tx, usual).await?;
        }
        let summary = result?;
        w.commit().await?;
        Ok(summary)
    }

    /// The import's writes, in the transaction `tx`.
    async fn import_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        items: &[ImportedDossier],
        actor: &str,
        mut progress: impl FnMut(usize),
    ) -> Result<ImportSummary, StoreError> {
        let rows = last_of_each_code(items);
        let indexes = SetAside::begin(tx, self.backend(), rows.len()).await?;
        let mut log = ChangeTx::begin_import(tx, self.backend()).await?;
        let build = Build {
            numbered: self.backend() == Backend::Postgres,
            txn: log.txn(),
            now: now_ms(),
        };
        let mut chunks = rows.chunks(ROWS_PER_CHUNK).enumerate();
        let first = chunks.next();
        let mut size = first.map_or(0, |(_, c)| c.len());
        let mut next = build.statements(first)?;
        let (mut written, mut done) = (0usize, 0usize);
        while let Some([changes, upsert]) = next.take() {
            // The next chunk's statements are built while this one runs in the database.
            let following = chunks.next();
            let mut running = std::pin::pin!(run(tx, changes, upsert));
            let mut built = None;
            let ran = std::future::poll_fn(|cx| {
                let state = running.as_mut().poll(cx);
                if built.is_none() {
                    built = Some(build.statements(following));
                }
                state
            })
            .await;
            let (logged, upserted) = ran?;
            next = built.transpose()?.flatten();
            log.counted(logged);
            written += usize::try_from(upserted).unwrap_or(usize::MAX);
            done += size;
            size = following.map_or(0, |(_, c)| c.len());
            progress(done);
        }
        indexes.restore(tx).await?;
        let summary = ImportSummary {
            items: rows.len(),
            written,
            kept_native: rows.len().saturating_sub(written),
        };
        let change = serde_json::json!({
            "items": summary.items,
            "written": summary.written,
            "first": rows.first().map(|d| d.code.to_string()),
            "last": rows.last().map(|d| d.code.to_string()),
        });
        audit::append(tx, actor, "dossiers.import", "dossiers", &change).await?;
        log.finish(tx).await?;
        Ok(summary)
    }
}

/// What every chunk's statements share.
struct Build {
    numbered: bool,
    txn: i64,
    now: i64,
}

impl Build {
    /// The statements of the `k`-th chunk, if any.
    fn statements(
        &self,
        chunk: Option<(usize, &[&ImportedDossier])>,
    ) -> Result<Option<[Statement; 2]>, StoreError> {
        chunk
            .map(|(k, c)| {
                chunk_statements(c, k * ROWS_PER_CHUNK, self.numbered, self.txn, self.now)
            })
            .transpose()
    }
}

async fn set_cache(tx: &mut Transaction<'static, Any>, size: i64) -> Result<(), StoreError> {
    // `query`, not `raw_sql`: the latter's future is not `Send` for every lifetime here.
    let text = format!("PRAGMA cache_size = {size}");
    sqlx::query(&text).execute(&mut **tx).await?;
    Ok(())
}

/// Runs a chunk's change-log statement, then its upsert; returns the rows of each.
async fn run(
    tx: &mut Transaction<'static, Any>,
    changes: Statement,
    upsert: Statement,
) -> Result<(u64, u64), StoreError> {
    let logged = sqlx::query_with(&changes.text, changes.args)
        .execute(&mut **tx)
        .await?;
    let upserted = sqlx::query_with(&upsert.text, upsert.args)
        .execute(&mut **tx)
        .await?;
    Ok((logged.rows_affected(), upserted.rows_affected()))
}

/// The items, each code once (its last occurrence), in input order.
fn last_of_each_code(items: &[ImportedDossier]) -> Vec<&ImportedDossier> {
    let mut last: HashMap<&str, usize> = HashMap::with_capacity(items.len());
    for (i, d) in items.iter().enumerate() {
        last.insert(d.facts.code.as_str(), i);
    }
    items
        .iter()
        .enumerate()
        .filter(|(i, d)| last.get(d.facts.code.as_str()) == Some(i))
        .map(|(_, d)| d)
        .collect()
}
