//! The audit chain in SQL: append inside the caller's transaction, read back, verify.

use crate::{Store, StoreError, now_ms};
use cchc_domain::audit::{AuditEntry, BrokenLink, change_digest, entry_hash, verify_chain};
use sqlx::{Any, Row, Transaction};

/// Appends an audit entry in `tx`: the head row is locked by the update, so concurrent
/// writers chain one after another.
pub async fn append(
    tx: &mut Transaction<'static, Any>,
    actor: &str,
    action: &str,
    entity: &str,
    change: &serde_json::Value,
) -> Result<i64, StoreError> {
    let head = sqlx::query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
        .fetch_one(&mut **tx)
        .await?;
    let seq: i64 = head.try_get("seq")?;
    let prev: String = head.try_get("hash")?;
    let at = now_ms();
    let digest = change_digest(change);
    let hash = entry_hash(&prev, seq, at, actor, action, entity, &digest);
    sqlx::query(
        "INSERT INTO audit_log (seq, at_ms, actor, action, entity, digest, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(seq)
    .bind(at)
    .bind(actor)
    .bind(action)
    .bind(entity)
    .bind(&digest)
    .bind(&prev)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(&mut **tx)
        .await?;
    Ok(seq)
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
        let rows = sqlx::query(
            "SELECT seq, at_ms, actor, action, entity, digest, prev_hash, hash \
             FROM audit_log ORDER BY seq",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
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
            })
            .collect()
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
