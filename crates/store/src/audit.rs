//! The audit chain in SQL: append inside the caller's transaction (one entry or a batch), read
//! back, verify.

use crate::binds::Sql;
use crate::paging::{Page, Paged};
use crate::{Store, StoreError, now_ms};
use cchc_domain::audit::{AuditEntry, BrokenLink, change_digest, entry_hash, verify_chain};
use sqlx::{Any, Row, Transaction};

/// Appends one audit entry in `tx` and returns its sequence number.
pub async fn append(
    tx: &mut Transaction<'static, Any>,
    actor: &str,
    action: &'static str,
    entity: &str,
    change: &serde_json::Value,
) -> Result<i64, StoreError> {
    let entry = Entry {
        actor: actor.to_owned(),
        action,
        entity: entity.to_owned(),
        digest: change_digest(change),
    };
    append_many(tx, std::slice::from_ref(&entry)).await
}

/// One audit entry to append.
pub(crate) struct Entry {
    pub actor: String,
    pub action: &'static str,
    pub entity: String,
    /// `cchc_domain::audit::change_digest` of the change.
    pub digest: String,
}

/// Appends `entries` in order, chained after the current head, inside `tx`, and returns the
/// last sequence number. The head row is locked by the first statement, so concurrent writers
/// chain one after another; a batch moves it once.
pub(crate) async fn append_many(
    tx: &mut Transaction<'static, Any>,
    entries: &[Entry],
) -> Result<i64, StoreError> {
    let Ok(n) = i64::try_from(entries.len()) else {
        return Err(StoreError::Invalid("too many audit entries".into()));
    };
    if n == 0 {
        return Err(StoreError::Invalid("an audit append needs an entry".into()));
    }
    let head = sqlx::query("UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash")
        .bind(n)
        .fetch_one(&mut **tx)
        .await?;
    let last: i64 = head.try_get("seq")?;
    let mut prev: String = head.try_get("hash")?;
    let at = now_ms();
    let mut rows = Vec::with_capacity(entries.len());
    for (seq, e) in (last - n + 1..).zip(entries) {
        let hash = entry_hash(&prev, seq, at, &e.actor, e.action, &e.entity, &e.digest);
        rows.push((seq, e, std::mem::replace(&mut prev, hash.clone()), hash));
    }
    for chunk in rows.chunks(500) {
        let mut sql = Sql::new(
            "INSERT INTO audit_log (seq, at_ms, actor, action, entity, digest, prev_hash, hash)",
        );
        sql.values(chunk, |t, (seq, e, prev, hash)| {
            t.bind(*seq)
                .bind(at)
                .bind(e.actor.clone())
                .bind(e.action)
                .bind(e.entity.clone())
                .bind(e.digest.clone())
                .bind(prev.clone())
                .bind(hash.clone());
        });
        sql.execute(&mut **tx).await?;
    }
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&prev)
        .execute(&mut **tx)
        .await?;
    Ok(last)
}

const ENTRY_COLUMNS: &str = "seq, at_ms, actor, action, entity, digest, prev_hash, hash";

fn entry_of_row(r: &sqlx::any::AnyRow) -> Result<AuditEntry, StoreError> {
    Ok(AuditEntry {
        seq: r.try_get("seq")?,
        at_ms: r.try_get("at_ms")?,
        actor: r.try_get("actor")?,
        action: r.try_get("action")?,
        entity: r.try_get("entity")?,
        digest: r.try_get("digest")?,
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    })
}

/// Outcome of verifying the stored chain.
#[derive(Debug)]
pub enum ChainStatus {
    /// Every entry checks out; the count of entries.
    Intact(u64),
    /// The first broken entry.
    Broken(BrokenLink),
}

impl Store {
    /// Reads every audit entry in order.
    pub async fn audit_entries(&self) -> Result<Vec<AuditEntry>, StoreError> {
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM audit_log ORDER BY seq");
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        rows.iter().map(entry_of_row).collect()
    }

    /// One page of audit entries, newest first, with the number of entries (the head's
    /// sequence number: entries are numbered from 1 without gaps).
    pub async fn audit_page(&self, page: Page) -> Result<Paged<AuditEntry>, StoreError> {
        let total: i64 = sqlx::query("SELECT seq FROM audit_head WHERE id = 1")
            .fetch_one(self.pool())
            .await?
            .try_get("seq")?;
        let sql =
            format!("SELECT {ENTRY_COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT $1 OFFSET $2");
        let rows = sqlx::query(&sql)
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(self.pool())
            .await?;
        Ok(Paged {
            items: rows.iter().map(entry_of_row).collect::<Result<_, _>>()?,
            total: u64::try_from(total).unwrap_or(0),
            page: page.number,
            size: page.size,
        })
    }

    /// Verifies the chain, including that the head row names the last entry (a deleted tail).
    pub async fn verify_audit(&self) -> Result<ChainStatus, StoreError> {
        let entries = self.audit_entries().await?;
        let count = match verify_chain(&entries) {
            Ok(n) => n,
            Err(link) => return Ok(ChainStatus::Broken(link)),
        };
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(self.pool())
            .await?;
        let (seq, hash): (i64, String) = (head.try_get("seq")?, head.try_get("hash")?);
        let last = entries.last();
        if seq != last.map_or(0, |e| e.seq) || last.is_some_and(|e| e.hash != hash) {
            return Ok(ChainStatus::Broken(BrokenLink {
                seq: last.map_or(1, |e| e.seq + 1),
                reason: format!("the chain head names entry {seq}: entries at the end are missing"),
            }));
        }
        Ok(ChainStatus::Intact(count))
    }
}
