//! Base data: the facts under data/ that an empty database receives on first start.

use crate::{Store, StoreError, audit};
use sqlx::Row;

/// The actor recorded for automatic loads.
pub const SYSTEM_ACTOR: &str = "system";

impl Store {
    /// Reads a setting.
    pub async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| r.try_get("value")).transpose()?)
    }

    /// Writes a setting (audited).
    pub async fn set_setting(&self, key: &str, value: &str, actor: &str) -> Result<(), StoreError> {
        let mut w = self.begin_write().await?;
        sqlx::query("DELETE FROM settings WHERE key = $1")
            .bind(key)
            .execute(&mut *w.tx)
            .await?;
        sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2)")
            .bind(key)
            .bind(value)
            .execute(&mut *w.tx)
            .await?;
        audit::append(
            &mut w.tx,
            actor,
            "set",
            &format!("setting:{key}"),
            &serde_json::json!({ "value": value }),
        )
        .await?;
        w.commit().await
    }

    /// Loads each base dataset (org units, procedures, the reform plan) whose table is still
    /// empty, each on its own, so that a database created before a dataset existed receives it.
    /// Returns whether anything was loaded.
    pub async fn load_base_data_if_empty(&self) -> Result<bool, StoreError> {
        let units = self.load_base_org_units_if_empty().await?;
        let procedures = self.load_base_procedures_if_empty().await?;
        let plans = self.load_base_plan_if_empty().await?;
        Ok(units || procedures || plans)
    }

    /// Loads the org units and their lineage when the database holds no org units yet.
    pub async fn load_base_org_units_if_empty(&self) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM org_units")
            .fetch_one(self.pool())
            .await?;
        if row.try_get::<i64, _>("n")? > 0 {
            return Ok(false);
        }
        let shipped = |e| match e {
            crate::org::ImportError::Store(s) => s,
            crate::org::ImportError::Rejected(p) => {
                StoreError::Invalid(format!("shipped org data is invalid: {}", p[0]))
            }
        };
        self.import_org_units(cchc_domain::base::ORG_UNITS_CSV, SYSTEM_ACTOR)
            .await
            .map_err(shipped)?;
        if let Some(lineage) = cchc_domain::base::ORG_LINEAGE_CSV {
            self.import_lineage(lineage, SYSTEM_ACTOR)
                .await
                .map_err(shipped)?;
        }
        Ok(true)
    }

    /// Migrates and loads base data: what `cchc migrate` and `cchc serve` do first.
    pub async fn prepare(&self) -> Result<(), StoreError> {
        self.migrate().await?;
        self.load_base_data_if_empty().await?;
        Ok(())
    }
}
