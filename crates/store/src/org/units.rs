//! Organisation units in SQL: load, import all-or-nothing, look up.

use super::ImportError;
use crate::binds::Sql;
use crate::{Store, StoreError, audit};
use cchc_domain::org::{OrgKind, OrgUnit, UnitCode};
use cchc_domain::org_import::parse_org_units;
use cchc_domain::org_lineage::parse_lineage;
use cchc_domain::text::fold;
use chrono::NaiveDate;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

const UNIT_COLUMNS: &str = "code, name, kind, parent_code, valid_from, valid_to, \
    successor_code, legal_basis, provisional";

impl Store {
    /// Every org unit, every validity interval.
    pub async fn org_units(&self) -> Result<Vec<OrgUnit>, StoreError> {
        let sql = format!("SELECT {UNIT_COLUMNS} FROM org_units ORDER BY code, valid_from");
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        rows.iter().map(unit_from_row).collect()
    }

    /// The unit with `code` valid on `at`, if any.
    pub async fn org_unit_at(
        &self,
        code: &str,
        at: NaiveDate,
    ) -> Result<Option<OrgUnit>, StoreError> {
        let sql = format!(
            "SELECT {UNIT_COLUMNS} FROM org_units WHERE code = $1 AND valid_from <= $2 \
             AND (valid_to IS NULL OR valid_to >= $2)"
        );
        let row = sqlx::query(&sql)
            .bind(code)
            .bind(at.to_string())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(unit_from_row).transpose()
    }

    /// Every version of the units with `codes` (by code, oldest first): what a page needs to
    /// name a few units without loading the whole tree. An empty list still runs the query.
    pub async fn org_units_named(&self, codes: &[String]) -> Result<Vec<OrgUnit>, StoreError> {
        let mut sql = Sql::new(format!(
            "SELECT {UNIT_COLUMNS} FROM org_units WHERE code IN ("
        ));
        if codes.is_empty() {
            sql.bind(String::new());
        } else {
            sql.bind_list(codes.iter().cloned());
        }
        sql.push(") ORDER BY code, valid_from");
        let rows = sql.fetch_all(self.pool()).await?;
        rows.iter().map(unit_from_row).collect()
    }

    /// Whether a unit with `code` exists at any time.
    pub async fn org_unit_exists(&self, code: &str) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM org_units WHERE code = $1")
            .bind(code)
            .fetch_one(self.pool())
            .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }

    /// Validates a CSV file against the stored units and inserts it whole, or writes nothing.
    pub async fn import_org_units(
        &self,
        csv_text: &str,
        actor: &str,
    ) -> Result<usize, ImportError> {
        let existing = self.org_units().await?;
        let units = parse_org_units(csv_text, &existing).map_err(ImportError::Rejected)?;
        let mut w = self.begin_write().await?;
        insert_units(&mut w.tx, &units).await?;
        let change = serde_json::json!({ "units": units.len(), "file_digest": cchc_domain::auth::token_digest(csv_text) });
        audit::append(&mut w.tx, actor, "import", "org_units", &change).await?;
        w.commit().await?;
        Ok(units.len())
    }

    /// Validates a lineage file (`kind,effective,from_code,to_code,legal_basis` CSV) against the
    /// stored units and inserts it whole, or writes nothing.
    pub async fn import_lineage(&self, csv_text: &str, actor: &str) -> Result<usize, ImportError> {
        let units = self.org_units().await?;
        let rows = parse_lineage(csv_text, &units).map_err(ImportError::Rejected)?;
        let mut w = self.begin_write().await?;
        for chunk in rows.chunks(500) {
            let mut sql = Sql::new(
                "INSERT INTO org_lineage (kind, effective, from_code, to_code, legal_basis)",
            );
            sql.values(chunk, |t, r| {
                t.bind(r.kind)
                    .bind(r.effective.to_string())
                    .bind(r.from.to_string())
                    .bind(r.to.to_string())
                    .bind(r.legal_basis.clone());
            });
            sql.execute(&mut *w.tx).await?;
        }
        let change = serde_json::json!({ "lineage_rows": rows.len() });
        audit::append(&mut w.tx, actor, "import", "org_lineage", &change).await?;
        w.commit().await?;
        Ok(rows.len())
    }
}

async fn insert_units(
    tx: &mut Transaction<'static, Any>,
    units: &[OrgUnit],
) -> Result<(), StoreError> {
    for chunk in units.chunks(500) {
        let mut sql = Sql::new(format!(
            "INSERT INTO org_units ({UNIT_COLUMNS}, name_folded)"
        ));
        sql.values(chunk, |t, u| {
            t.bind(u.code.to_string())
                .bind(u.name.clone())
                .bind(u.kind.as_str())
                .bind(u.parent_code.as_ref().map(ToString::to_string))
                .bind(u.valid_from.to_string())
                .bind(u.valid_to.map(|d| d.to_string()))
                .bind(u.successor_code.as_ref().map(ToString::to_string))
                .bind(u.legal_basis.clone())
                .bind(i64::from(u.provisional))
                .bind(fold(&u.name));
        });
        sql.execute(&mut **tx).await?;
    }
    Ok(())
}

fn unit_from_row(r: &AnyRow) -> Result<OrgUnit, StoreError> {
    let code = |v: Option<String>| {
        v.map(|s| UnitCode::parse(&s).map_err(StoreError::Corrupt))
            .transpose()
    };
    let date = |s: String| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map_err(|e| StoreError::Corrupt(format!("stored date {s}: {e}")))
    };
    let kind: String = r.try_get("kind")?;
    Ok(OrgUnit {
        code: UnitCode::parse(&r.try_get::<String, _>("code")?).map_err(StoreError::Corrupt)?,
        name: r.try_get("name")?,
        kind: kind.parse::<OrgKind>().map_err(StoreError::Corrupt)?,
        parent_code: code(r.try_get("parent_code")?)?,
        valid_from: date(r.try_get("valid_from")?)?,
        valid_to: r
            .try_get::<Option<String>, _>("valid_to")?
            .map(date)
            .transpose()?,
        successor_code: code(r.try_get("successor_code")?)?,
        legal_basis: r.try_get("legal_basis")?,
        provisional: r.try_get::<i64, _>("provisional")? != 0,
    })
}
