//! The statistics facts of stored dossiers: the stored facts of imported ones, and those of
//! dossiers handled in cchc rebuilt from their state ([`DossierFacts::from_dossier`]).

use std::collections::BTreeMap;

use cchc_domain::UnitCode;
use cchc_domain::kpi::{DossierFacts, Window};

use crate::binds::Sql;
use crate::dossiers::{local_to_ms, province_of};
use crate::kpi::changes::facts_of_row;
use crate::{Store, StoreError};

/// Units per statement.
const UNITS_PER_STATEMENT: usize = 500;

impl Store {
    /// The facts of every dossier whose competent (processing) unit is one of `units`.
    pub async fn dossier_facts(&self, units: &[String]) -> Result<Vec<DossierFacts>, StoreError> {
        let mut out = Vec::new();
        for chunk in units.chunks(UNITS_PER_STATEMENT) {
            let mut sql = Sql::new(
                "SELECT procedure_code, competent_unit, state, facts FROM dossiers WHERE competent_unit IN (",
            );
            sql.bind_list(chunk.iter().cloned()).push(")");
            for r in sql.fetch_all(self.pool()).await? {
                out.push(facts_of_row(&r)?);
            }
        }
        Ok(out)
    }

    /// The facts of the dossiers of `units` that may be in the population of `window`:
    /// received by its instant and not ended in a terminal status (3, 7, 8, 9, 10) before its
    /// start, by the projection's columns through the index on province, competent unit and
    /// receipt. The drill-down reads these.
    pub async fn dossier_facts_in(
        &self,
        units: &[String],
        window: &Window,
    ) -> Result<Vec<DossierFacts>, StoreError> {
        let mut by_province: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for u in units {
            let province = UnitCode::parse(u).map_or_else(|_| u.clone(), |c| province_of(&c));
            by_province.entry(province).or_default().push(u.clone());
        }
        let (start, at) = (local_to_ms(window.start()), local_to_ms(window.at()));
        let mut out = Vec::new();
        for (province, units) in by_province {
            for chunk in units.chunks(UNITS_PER_STATEMENT) {
                let mut sql = Sql::new(
                    "SELECT procedure_code, competent_unit, state, facts FROM dossiers WHERE province = ",
                );
                sql.bind(province.clone()).push(" AND competent_unit IN (");
                sql.bind_list(chunk.iter().cloned())
                    .push(") AND received_at <= ")
                    .bind(at)
                    .push(" AND (finished_at IS NULL OR finished_at >= ")
                    .bind(start)
                    .push(" OR status NOT IN (3, 7, 8, 9, 10))");
                for r in sql.fetch_all(self.pool()).await? {
                    out.push(facts_of_row(&r)?);
                }
            }
        }
        Ok(out)
    }
}
