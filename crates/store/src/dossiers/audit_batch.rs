//! Audit entries for a batch of actions: the same hash chain as [`crate::audit::append`], with
//! the head row moved once for the whole batch and the entries inserted together.

use cchc_domain::audit::entry_hash;
use sqlx::{Any, Row, Transaction};

use crate::binds::Sql;
use crate::{StoreError, now_ms};

/// One audit entry to append.
pub(crate) struct Entry {
    pub actor: String,
    pub action: &'static str,
    pub entity: String,
    /// `cchc_domain::audit::change_digest` of the change.
    pub digest: String,
}

/// Appends `entries` in order, chained after the current head, inside `tx`. The head row is
/// locked by the first statement, so concurrent writers chain one after another.
pub(crate) async fn append_many(
    tx: &mut Transaction<'static, Any>,
    entries: &[Entry],
) -> Result<(), StoreError> {
    let Ok(n) = i64::try_from(entries.len()) else {
        return Err(StoreError::Invalid("too many audit entries".into()));
    };
    if n == 0 {
        return Ok(());
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
    Ok(())
}
