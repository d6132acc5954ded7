//! Evidence files of reported values and progress updates: written in the transaction of
//! their report, listed without their content, read whole for download.

use cchc_domain::plan::evidence::EvidenceFile;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use crate::{Store, StoreError, now_ms};

/// What an evidence file is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceOwner {
    /// A reported value (its id).
    Value(i64),
    /// A progress update (its id).
    Update(i64),
}

/// An evidence file as listed (without its content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceInfo {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at_ms: i64,
}

/// An evidence file with its content and owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvidence {
    pub info: EvidenceInfo,
    pub owner: EvidenceOwner,
    pub content: Vec<u8>,
}

const INFO_COLUMNS: &str =
    "id, file_name, content_type, size, sha256, uploaded_by, uploaded_at, value_id, update_id";

fn info_from_row(r: &AnyRow) -> Result<EvidenceInfo, StoreError> {
    Ok(EvidenceInfo {
        id: r.try_get("id")?,
        file_name: r.try_get("file_name")?,
        content_type: r.try_get("content_type")?,
        size: r.try_get("size")?,
        sha256: r.try_get("sha256")?,
        uploaded_by: r.try_get("uploaded_by")?,
        uploaded_at_ms: r.try_get("uploaded_at")?,
    })
}

fn owner_from_row(r: &AnyRow) -> Result<EvidenceOwner, StoreError> {
    let value: Option<i64> = r.try_get("value_id")?;
    let update: Option<i64> = r.try_get("update_id")?;
    match (value, update) {
        (Some(v), None) => Ok(EvidenceOwner::Value(v)),
        (None, Some(u)) => Ok(EvidenceOwner::Update(u)),
        _ => Err(StoreError::Invalid(
            "evidence file without a single owner".into(),
        )),
    }
}

/// Inserts `files` for `owner` inside the report's transaction.
pub(crate) async fn insert_files(
    tx: &mut Transaction<'static, Any>,
    owner: EvidenceOwner,
    files: &[EvidenceFile],
    actor: &str,
) -> Result<(), sqlx::Error> {
    let (value, update) = match owner {
        EvidenceOwner::Value(id) => (Some(id), None),
        EvidenceOwner::Update(id) => (None, Some(id)),
    };
    for f in files {
        sqlx::query(
            "INSERT INTO plan_evidence (value_id, update_id, file_name, content_type, size, \
             sha256, content, uploaded_by, uploaded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(value)
        .bind(update)
        .bind(&f.file_name)
        .bind(f.content_type)
        .bind(i64::try_from(f.content.len()).unwrap_or(i64::MAX))
        .bind(&f.sha256)
        .bind(f.content.clone())
        .bind(actor)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

impl Store {
    /// The evidence files of `owner`, oldest first.
    pub async fn evidence_files(
        &self,
        owner: EvidenceOwner,
    ) -> Result<Vec<EvidenceInfo>, StoreError> {
        let (column, id) = match owner {
            EvidenceOwner::Value(id) => ("value_id", id),
            EvidenceOwner::Update(id) => ("update_id", id),
        };
        let sql =
            format!("SELECT {INFO_COLUMNS} FROM plan_evidence WHERE {column} = $1 ORDER BY id");
        let rows = sqlx::query(&sql).bind(id).fetch_all(self.pool()).await?;
        rows.iter().map(info_from_row).collect()
    }

    /// One evidence file with its content.
    pub async fn evidence_file(&self, id: i64) -> Result<Option<StoredEvidence>, StoreError> {
        let sql = format!("SELECT {INFO_COLUMNS}, content FROM plan_evidence WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| {
            Ok(StoredEvidence {
                info: info_from_row(&r)?,
                owner: owner_from_row(&r)?,
                content: r.try_get("content")?,
            })
        })
        .transpose()
    }
}
