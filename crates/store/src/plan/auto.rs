//! The automatic plan indicators over stored dossiers: the facts of a unit's subtree, the
//! sector and online level of each procedure, the shipped sector groups
//! (`cchc_domain::plan::auto`).
//!
//! Every call reads the facts of the subtree's dossiers once (one pass per figure after
//! that): for the one-shot commands. The server reads its live KPI aggregate instead, created
//! with the procedure classes of [`procedure_traits`] read in the snapshot it is built from
//! (`Store::kpi_snapshot`).

use std::collections::HashMap;

use cchc_domain::UnitCode;
use cchc_domain::org_tree::tree_at;
use cchc_domain::plan::auto::{DossierIndicators, ProcedureTraits};
use cchc_domain::plan::sectors::shipped_sectors;
use cchc_domain::procedure::OnlineLevel;
use chrono::NaiveDate;
use sqlx::{Any, Executor, Row};

use crate::{Store, StoreError};

impl Store {
    /// The automatic indicators of `unit` and the units below it in force on `on`; empty when
    /// the unit is not in force that day.
    pub async fn dossier_indicators(
        &self,
        unit: &UnitCode,
        on: NaiveDate,
    ) -> Result<DossierIndicators, StoreError> {
        let units = self.org_units().await?;
        let members: Vec<String> = match tree_at(&units, unit, on) {
            Some(tree) => tree.walk().iter().map(|n| n.code.clone()).collect(),
            None => Vec::new(),
        };
        let facts = self.dossier_facts(&members).await?;
        let procedures = self.procedure_traits().await?;
        Ok(DossierIndicators::new(
            unit,
            facts,
            procedures,
            shipped_sectors(),
        ))
    }

    /// Each procedure's sector and whether its latest version is offered toàn trình.
    pub async fn procedure_traits(&self) -> Result<HashMap<String, ProcedureTraits>, StoreError> {
        procedure_traits(self.pool()).await
    }
}

/// Each procedure's sector and whether its latest version is offered toàn trình, read by `e`
/// (the pool, or a transaction's snapshot).
pub(crate) async fn procedure_traits<'e>(
    e: impl Executor<'e, Database = Any>,
) -> Result<HashMap<String, ProcedureTraits>, StoreError> {
    let rows = sqlx::query(
        "SELECT p.code, p.sector_name, p.sector_code, v.online_level FROM procedures p \
         JOIN procedure_versions v ON v.procedure_code = p.code \
         ORDER BY p.code, v.valid_from, v.version",
    )
    .fetch_all(e)
    .await?;
    let mut out = HashMap::new();
    for r in &rows {
        let level: String = r.try_get("online_level")?;
        // Later versions come later: the last one written is the latest.
        out.insert(
            r.try_get::<String, _>("code")?,
            ProcedureTraits {
                sector_name: r.try_get("sector_name")?,
                sector_code: r.try_get("sector_code")?,
                full_online: OnlineLevel::parse(&level).ok() == Some(OnlineLevel::Full),
            },
        );
    }
    Ok(out)
}
