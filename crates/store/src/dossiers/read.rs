//! Reading one dossier: its projection and state (or, for an imported dossier, its facts),
//! and its events in order.

use cchc_domain::UnitCode;
use cchc_domain::dossier::{Dossier, DossierCode, Event, EventPayload};
use cchc_domain::kpi::DossierFacts;
use serde::Serialize;
use sqlx::Row;

use super::rows::{COLUMNS, record_from_row, stored_from_row};
use super::{DossierRecord, StoredDossier, StoredEvent, ms_to_local, province_of};
use crate::{Store, StoreError};

/// A dossier as its page shows it: the projection, and the state of a dossier handled in cchc
/// or the facts of one imported from the national portal (which has no state, so no action
/// can be applied to it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DossierDetail {
    pub record: DossierRecord,
    pub dossier: Option<Dossier>,
    pub facts: Option<DossierFacts>,
}

impl DossierDetail {
    /// Whether the dossier came from the national portal's data (facts, no state).
    pub fn is_imported(&self) -> bool {
        self.dossier.is_none()
    }
}

impl Store {
    /// The dossier with `code`: projection and full state.
    pub async fn dossier(&self, code: &DossierCode) -> Result<Option<StoredDossier>, StoreError> {
        let sql =
            format!("SELECT {COLUMNS}, state FROM dossiers WHERE province = $1 AND code = $2");
        let row = sqlx::query(&sql)
            .bind(province_of(code.unit()))
            .bind(code.to_string())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(stored_from_row).transpose()
    }

    /// The dossier with `code` and its state, or `None` when it is unknown or was imported (an
    /// imported dossier has no event history here, hence no state).
    pub async fn handled_dossier(
        &self,
        code: &DossierCode,
    ) -> Result<Option<StoredDossier>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS}, state FROM dossiers \
             WHERE province = $1 AND code = $2 AND state <> 'null'"
        );
        let row = sqlx::query(&sql)
            .bind(province_of(code.unit()))
            .bind(code.to_string())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(stored_from_row).transpose()
    }

    /// The projection row of the dossier `code` without its state: also readable for imported
    /// dossiers, whose state is not stored (their facts are in `facts`).
    pub async fn dossier_record(
        &self,
        code: &DossierCode,
    ) -> Result<Option<DossierRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM dossiers WHERE province = $1 AND code = $2");
        let row = sqlx::query(&sql)
            .bind(province_of(code.unit()))
            .bind(code.to_string())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(record_from_row).transpose()
    }

    /// The dossier `code` with its state, or its facts when it was imported.
    pub async fn dossier_detail(
        &self,
        code: &DossierCode,
    ) -> Result<Option<DossierDetail>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS}, state, facts FROM dossiers WHERE province = $1 AND code = $2"
        );
        let row = sqlx::query(&sql)
            .bind(province_of(code.unit()))
            .bind(code.to_string())
            .fetch_optional(self.pool())
            .await?;
        let Some(row) = row else { return Ok(None) };
        let bad = |what: &str, e: serde_json::Error| {
            StoreError::Corrupt(format!("stored dossier {what}: {e}"))
        };
        let state: String = row.try_get("state")?;
        let facts: Option<String> = row.try_get("facts")?;
        Ok(Some(DossierDetail {
            record: record_from_row(&row)?,
            dossier: serde_json::from_str(&state).map_err(|e| bad("state", e))?,
            facts: facts
                .map(|f| serde_json::from_str(&f).map_err(|e| bad("facts", e)))
                .transpose()?,
        }))
    }

    /// The events of the dossier `code`, oldest first (none for an unknown code).
    pub async fn dossier_events(&self, code: &DossierCode) -> Result<Vec<StoredEvent>, StoreError> {
        let rows = sqlx::query(
            "SELECT seq, at_ms, recorded_at, actor, unit, payload FROM dossier_events \
             WHERE province = $1 AND code = $2 ORDER BY seq",
        )
        .bind(province_of(code.unit()))
        .bind(code.to_string())
        .fetch_all(self.pool())
        .await?;
        let bad = |what: &str, e: String| StoreError::Corrupt(format!("stored event {what}: {e}"));
        rows.iter()
            .map(|r| {
                let payload: String = r.try_get("payload")?;
                let payload: EventPayload =
                    serde_json::from_str(&payload).map_err(|e| bad("payload", e.to_string()))?;
                let unit: String = r.try_get("unit")?;
                Ok(StoredEvent {
                    seq: u32::try_from(r.try_get::<i64, _>("seq")?)
                        .map_err(|e| bad("seq", e.to_string()))?,
                    recorded_at_ms: r.try_get("recorded_at")?,
                    event: Event {
                        actor: r.try_get("actor")?,
                        unit: UnitCode::parse(&unit).map_err(|e| bad("unit", e))?,
                        at: ms_to_local(r.try_get("at_ms")?),
                        payload,
                    },
                })
            })
            .collect()
    }
}
