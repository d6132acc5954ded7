//! The hash-chained audit log: each entry's hash covers its content and its predecessor's hash.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// Hash that precedes the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audit entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    /// Epoch milliseconds (UTC).
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub entity: String,
    /// SHA-256 of the change's canonical JSON.
    pub digest: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Digest of a change: SHA-256 over its JSON text (serde_json's stable output).
pub fn change_digest(change: &serde_json::Value) -> String {
    hex::encode(Sha256::digest(change.to_string().as_bytes()))
}

/// The hash of an entry given its fields and its predecessor's hash.
pub fn entry_hash(
    prev_hash: &str,
    seq: i64,
    at_ms: i64,
    actor: &str,
    action: &str,
    entity: &str,
    digest: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [
        prev_hash,
        &seq.to_string(),
        &at_ms.to_string(),
        actor,
        action,
        entity,
        digest,
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Where and why a chain is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub seq: i64,
    pub reason: String,
}

/// Verifies entries ordered by `seq`: numbering without gaps from 1, each `prev_hash` equal to
/// the previous entry's hash, each hash recomputed. Returns the first broken entry.
pub fn verify_chain<'a>(
    entries: impl IntoIterator<Item = &'a AuditEntry>,
) -> Result<u64, BrokenLink> {
    let mut prev = GENESIS.to_owned();
    let mut count = 0;
    for (expected_seq, e) in (1..).zip(entries) {
        let broken = |reason: String| Err(BrokenLink { seq: e.seq, reason });
        if e.seq != expected_seq {
            return broken(format!(
                "expected entry {expected_seq} here: entries are missing"
            ));
        }
        if e.prev_hash != prev {
            return broken("its previous-hash does not match the entry before it".into());
        }
        let recomputed = entry_hash(
            &e.prev_hash,
            e.seq,
            e.at_ms,
            &e.actor,
            &e.action,
            &e.entity,
            &e.digest,
        );
        if recomputed != e.hash {
            return broken("its content does not match its hash (altered)".into());
        }
        prev = e.hash.clone();
        count += 1;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut prev = GENESIS.to_owned();
        (1..=n)
            .map(|seq| {
                let digest = change_digest(&serde_json::json!({ "n": seq }));
                let hash = entry_hash(
                    &prev,
                    seq,
                    1000 + seq,
                    "u1",
                    "create",
                    "org_unit:H31",
                    &digest,
                );
                let e = AuditEntry {
                    seq,
                    at_ms: 1000 + seq,
                    actor: "u1".into(),
                    action: "create".into(),
                    entity: "org_unit:H31".into(),
                    digest,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                e
            })
            .collect()
    }

    #[test]
    fn intact_chain_verifies() {
        assert_eq!(verify_chain(&chain(5)), Ok(5));
        assert_eq!(verify_chain(&[]), Ok(0));
    }

    #[test]
    fn altered_entry_is_named() {
        let mut c = chain(5);
        c[2].action = "delete".into();
        assert_eq!(verify_chain(&c).unwrap_err().seq, 3);
    }

    #[test]
    fn deleted_entry_is_named() {
        let mut c = chain(5);
        c.remove(1);
        let err = verify_chain(&c).unwrap_err();
        assert_eq!(err.seq, 3);
        assert!(err.reason.contains("missing"));
    }

    #[test]
    fn rehashed_entry_breaks_the_next_link() {
        let mut c = chain(3);
        c[0].actor = "mallory".into();
        c[0].hash = entry_hash(
            GENESIS,
            1,
            c[0].at_ms,
            "mallory",
            "create",
            "org_unit:H31",
            &c[0].digest,
        );
        assert_eq!(verify_chain(&c).unwrap_err().seq, 2);
    }
}
