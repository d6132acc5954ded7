//! The statistics facts of stored dossiers: the stored facts of imported ones, and those of
//! dossiers handled in cchc rebuilt from their state ([`DossierFacts::from_dossier`]).

use cchc_domain::kpi::DossierFacts;

use crate::binds::Sql;
use crate::kpi_changes::facts_of_row;
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
