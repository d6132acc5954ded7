//! The register (sổ theo dõi hồ sơ): dossiers received by a set of units (a unit's subtree) in
//! one sector (lĩnh vực) and a period, in order of receipt, a page at a time or in full; and the
//! sectors of the catalogue for choosing one.

use std::collections::BTreeMap;

use cchc_domain::UnitCode;
use cchc_domain::dossier::Channel;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::rows::{COLUMNS, record_from_row};
use super::{DossierRecord, local_to_ms, province_of};
use crate::binds::Sql;
use crate::paging::{Page, Paged};
use crate::{Store, StoreError};

/// Which dossiers the register lists.
#[derive(Debug, Clone)]
pub struct RegisterFilter {
    /// Receiving units (e.g. a unit's subtree); an empty list matches none.
    pub units: Vec<UnitCode>,
    /// A sector code (`G15-TP07`) or, for sectors without one, its name.
    pub sector: String,
    /// Received at or after this local time …
    pub from: NaiveDateTime,
    /// … and at or before this one.
    pub to: NaiveDateTime,
}

/// One dossier of the register with the name of its procedure and how its result went back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterEntry {
    pub record: DossierRecord,
    pub procedure_name: String,
    pub return_channel: Option<Channel>,
}

/// A sector of the catalogue: its key (the code, else the name) and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sector {
    pub key: String,
    pub name: String,
}

/// The part of a stored state the register reads.
#[derive(Deserialize)]
struct ReturnedPart {
    returned: Option<ReturnedChannel>,
}

#[derive(Deserialize)]
struct ReturnedChannel {
    channel: Channel,
}

/// Procedures of the sector `$1`: its code, or its name when the sector has no code.
const SECTOR_MATCH: &str =
    "(sector_code = $1 OR (COALESCE(sector_code, '') = '' AND sector_name = $1))";

fn push_where(qb: &mut Sql, f: &RegisterFilter) {
    qb.push(" WHERE procedure_code IN (SELECT code FROM procedures WHERE sector_code = ")
        .bind(f.sector.clone())
        .push(" OR (COALESCE(sector_code, '') = '' AND sector_name = ")
        .bind(f.sector.clone())
        .push("))");
    if f.units.is_empty() {
        qb.push(" AND 1 = 0");
        return;
    }
    let mut provinces: Vec<String> = f.units.iter().map(province_of).collect();
    provinces.sort();
    provinces.dedup();
    qb.push(" AND province IN (").bind_list(provinces).push(")");
    let units: Vec<String> = f.units.iter().map(ToString::to_string).collect();
    qb.push(" AND receiving_unit IN (")
        .bind_list(units)
        .push(")");
    qb.push(" AND received_at >= ").bind(local_to_ms(f.from));
    qb.push(" AND received_at <= ").bind(local_to_ms(f.to));
}

impl Store {
    /// The register of `filter` in order of receipt (then code): page `page`, or every row
    /// when `None` (the printable register).
    pub async fn register(
        &self,
        filter: &RegisterFilter,
        page: Option<Page>,
    ) -> Result<Paged<RegisterEntry>, StoreError> {
        let mut count = Sql::new("SELECT COUNT(*) AS n FROM dossiers");
        push_where(&mut count, filter);
        let total: i64 = count.fetch_all(self.pool()).await?[0].try_get("n")?;
        let mut qb = Sql::new(format!("SELECT {COLUMNS}, state FROM dossiers"));
        push_where(&mut qb, filter);
        qb.push(" ORDER BY received_at, code");
        if let Some(p) = page {
            qb.push(" LIMIT ")
                .bind(p.limit())
                .push(" OFFSET ")
                .bind(p.offset());
        }
        let rows = qb.fetch_all(self.pool()).await?;
        let names = self.sector_procedure_names(&filter.sector).await?;
        let items = rows
            .iter()
            .map(|r| {
                let record = record_from_row(r)?;
                let state: String = r.try_get("state")?;
                let return_channel = serde_json::from_str::<Option<ReturnedPart>>(&state)
                    .ok()
                    .flatten()
                    .and_then(|s| s.returned)
                    .map(|c| c.channel);
                Ok(RegisterEntry {
                    procedure_name: names
                        .get(&record.procedure_code)
                        .cloned()
                        .unwrap_or_default(),
                    record,
                    return_channel,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let all = u32::try_from(items.len()).unwrap_or(u32::MAX);
        let (number, size) = page.map_or((1, all), |p| (p.number, p.size));
        Ok(Paged {
            items,
            total: u64::try_from(total).unwrap_or(0),
            page: number,
            size,
        })
    }

    async fn sector_procedure_names(
        &self,
        sector: &str,
    ) -> Result<BTreeMap<String, String>, StoreError> {
        let sql = format!("SELECT code, name FROM procedures WHERE {SECTOR_MATCH}");
        let rows = sqlx::query(&sql)
            .bind(sector)
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("code")?, r.try_get("name")?)))
            .collect()
    }

    /// The sectors of the catalogue, by name.
    pub async fn sectors(&self) -> Result<Vec<Sector>, StoreError> {
        let rows = sqlx::query(
            "SELECT DISTINCT sector_code, sector_name FROM procedures ORDER BY sector_name, sector_code",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let code: Option<String> = r.try_get("sector_code")?;
                let name: String = r.try_get("sector_name")?;
                Ok(Sector {
                    key: code
                        .filter(|c| !c.is_empty())
                        .unwrap_or_else(|| name.clone()),
                    name,
                })
            })
            .collect()
    }
}
