//! The reception view of a one-stop desk: how many dossiers it received in a window for each
//! competent unit. The statistics count a dossier for its competent unit; a provincial
//! public-administration centre, which receives for every department, keeps this view.

use std::collections::BTreeMap;

use cchc_domain::kpi::Window;
use sqlx::Row;

use crate::binds::Sql;
use crate::dossiers::local_to_ms;
use crate::{Store, StoreError};

impl Store {
    /// The dossiers received at one of `desks` within `window` (receipt in `[start, at]`, to
    /// the end of the second `at`),
    /// counted by competent unit, in code order: one `GROUP BY` over the index on province,
    /// receiving unit and receipt.
    pub async fn received_by_competent_unit(
        &self,
        province: &str,
        desks: &[String],
        window: &Window,
    ) -> Result<Vec<(String, u64)>, StoreError> {
        // The window is in whole seconds: its last second counts whole.
        let (start, end) = (local_to_ms(window.start()), local_to_ms(window.at()) + 1000);
        let mut by_unit: BTreeMap<String, u64> = BTreeMap::new();
        for chunk in desks.chunks(500) {
            let mut sql =
                Sql::new("SELECT competent_unit, COUNT(*) AS n FROM dossiers WHERE province = ");
            sql.bind(province.to_owned())
                .push(" AND receiving_unit IN (");
            sql.bind_list(chunk.iter().cloned())
                .push(") AND received_at >= ")
                .bind(start)
                .push(" AND received_at < ")
                .bind(end)
                .push(" GROUP BY competent_unit");
            for r in sql.fetch_all(self.pool()).await? {
                let n: i64 = r.try_get("n")?;
                *by_unit.entry(r.try_get("competent_unit")?).or_default() +=
                    u64::try_from(n).unwrap_or(0);
            }
        }
        Ok(by_unit.into_iter().collect())
    }
}
