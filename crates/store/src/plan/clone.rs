//! Year rollover in SQL: a plan cloned into another year as a draft. Re-dating the plan and
//! mapping its units to those in force at the end of the new year (through successors and
//! `org_lineage`) are `cchc_domain::plan::rollover`.

use cchc_domain::org::UnitCode;
use cchc_domain::plan::rollover::{Succession, map_units, rollover_draft};
use serde::Serialize;
use sqlx::Row;

use super::{PlanCounts, PlanRef, iso_date};
use crate::{Store, StoreError};

/// What a clone did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CloneReport {
    /// The new plan's id.
    pub key: String,
    pub from: String,
    pub year: i32,
    pub counts: PlanCounts,
    /// Units replaced by their successors: (old, new).
    pub mapped: Vec<(String, String)>,
    /// Units no longer in force that have no single successor (kept as they were).
    pub unmapped: Vec<String>,
}

impl Store {
    /// Clones a plan into `year` as a draft; returns what it did.
    pub async fn clone_plan_to_year(
        &self,
        which: &PlanRef,
        year: i32,
        actor: &str,
    ) -> Result<CloneReport, StoreError> {
        let source = self
            .plan(which)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("no plan {which:?}")))?;
        let mut plan = rollover_draft(&source.plan, year).map_err(StoreError::Invalid)?;
        if self.plan(&PlanRef::Key(plan.id.clone())).await?.is_some() {
            return Err(StoreError::Conflict(format!(
                "plan '{}' is already stored",
                plan.id
            )));
        }
        let units = self.org_units().await?;
        let lineage = self.lineage().await?;
        let mapping = map_units(&mut plan, &units, &lineage);
        self.store_plan(&plan, Some(source.row_id), actor, "")
            .await?;
        Ok(CloneReport {
            key: plan.id.clone(),
            from: source.key,
            year,
            counts: PlanCounts::of(&plan),
            mapped: mapping.mapped,
            unmapped: mapping.unmapped,
        })
    }

    /// Every row of `org_lineage`, as successions.
    async fn lineage(&self) -> Result<Vec<Succession>, StoreError> {
        let rows = sqlx::query("SELECT from_code, to_code, effective FROM org_lineage")
            .fetch_all(self.pool())
            .await?;
        let code = |r: &sqlx::any::AnyRow, column: &str| {
            UnitCode::parse(&r.try_get::<String, _>(column)?).map_err(StoreError::Corrupt)
        };
        rows.iter()
            .map(|r| {
                Ok(Succession {
                    from: code(r, "from_code")?,
                    to: code(r, "to_code")?,
                    effective: iso_date(&r.try_get::<String, _>("effective")?)?,
                })
            })
            .collect()
    }
}
