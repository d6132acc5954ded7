//! The statistics facts of stored dossiers: the stored facts of imported ones, and those of
//! dossiers handled in cchc rebuilt from their state ([`DossierFacts::from_dossier`]).

use cchc_domain::dossier::Dossier;
use cchc_domain::kpi::DossierFacts;
use sqlx::Row;

use crate::binds::Sql;
use crate::{Store, StoreError};

/// Units per statement.
const UNITS_PER_STATEMENT: usize = 500;

impl Store {
    /// The facts of every dossier whose receiving (processing) unit is one of `units`.
    pub async fn dossier_facts(&self, units: &[String]) -> Result<Vec<DossierFacts>, StoreError> {
        let mut out = Vec::new();
        for chunk in units.chunks(UNITS_PER_STATEMENT) {
            let mut sql = Sql::new(
                "SELECT procedure_code, state, facts FROM dossiers WHERE receiving_unit IN (",
            );
            sql.bind_list(chunk.iter().cloned()).push(")");
            for r in sql.fetch_all(self.pool()).await? {
                out.push(facts_of_row(&r)?);
            }
        }
        Ok(out)
    }
}

fn facts_of_row(r: &sqlx::any::AnyRow) -> Result<DossierFacts, StoreError> {
    let bad = |what: &str, e: serde_json::Error| {
        StoreError::Invalid(format!("stored dossier {what}: {e}"))
    };
    if let Some(facts) = r.try_get::<Option<String>, _>("facts")? {
        return serde_json::from_str(&facts).map_err(|e| bad("facts", e));
    }
    let state: String = r.try_get("state")?;
    let procedure: String = r.try_get("procedure_code")?;
    let d: Dossier = serde_json::from_str(&state).map_err(|e| bad("state", e))?;
    Ok(DossierFacts::from_dossier(&d, &procedure))
}
