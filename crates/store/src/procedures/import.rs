//! Procedure import: a validated catalogue replaces the stored procedures with the same codes
//! in one audited transaction (all or nothing); the shipped catalogue is the base data. An
//! import that changes a procedure's sector or toàn trình offer counts itself in
//! `dossier_change_head.reclassified`, so that the servers rebuild their KPI aggregate, whose
//! procedure classes (the plan's sector groups, toàn trình) follow them.

use cchc_domain::procedure::{Catalogue, Problem, Procedure, ProcedureVersion};
use sqlx::{Any, Row, Transaction};

use super::catalogue::search_words;
use crate::base::SYSTEM_ACTOR;
use crate::binds::Sql;
use crate::plan::auto::procedure_traits;
use crate::{Store, StoreError, audit, now_ms};

/// Why an import file was not stored.
#[derive(Debug)]
pub enum ProcedureImportError {
    /// The file is invalid; every problem found. Nothing was written.
    Rejected(Vec<Problem>),
    /// The database failed. Nothing was written.
    Store(StoreError),
}

impl From<StoreError> for ProcedureImportError {
    fn from(e: StoreError) -> Self {
        ProcedureImportError::Store(e)
    }
}

impl Store {
    /// Stores every procedure of `catalogue`, replacing stored procedures with the same code
    /// (and all their versions), in one transaction: either all of them or none.
    pub async fn import_procedures(
        &self,
        catalogue: &Catalogue,
        actor: &str,
    ) -> Result<usize, StoreError> {
        let mut w = self.begin_write().await?;
        let now = now_ms();
        let before = procedure_traits(&mut *w.tx).await?;
        for chunk in catalogue.procedures.chunks(200) {
            delete_procedures(&mut w.tx, chunk).await?;
            insert_procedures(&mut w.tx, chunk, now).await?;
            insert_versions(&mut w.tx, chunk).await?;
        }
        let reclassified = procedure_traits(&mut *w.tx).await? != before;
        if reclassified {
            sqlx::query(
                "UPDATE dossier_change_head SET reclassified = reclassified + 1 WHERE id = 1",
            )
            .execute(&mut *w.tx)
            .await?;
        }
        let versions: usize = catalogue.procedures.iter().map(|p| p.versions.len()).sum();
        let change = serde_json::json!({
            "procedures": catalogue.procedures.len(),
            "versions": versions,
            "edition": catalogue.edition,
            "reclassified": reclassified,
        });
        audit::append(&mut w.tx, actor, "import", "procedures", &change).await?;
        w.commit().await?;
        Ok(catalogue.procedures.len())
    }

    /// Validates a JSON catalogue (`cchc-procedures/1`) and imports it whole, or writes nothing.
    pub async fn import_procedures_json(
        &self,
        text: &str,
        actor: &str,
    ) -> Result<usize, ProcedureImportError> {
        let catalogue =
            cchc_domain::procedure::parse_json(text).map_err(ProcedureImportError::Rejected)?;
        Ok(self.import_procedures(&catalogue, actor).await?)
    }

    /// Validates a CSV catalogue (one version per line) and imports it whole, or writes nothing.
    pub async fn import_procedures_csv(
        &self,
        text: &str,
        actor: &str,
    ) -> Result<usize, ProcedureImportError> {
        let catalogue =
            cchc_domain::procedure::parse_csv(text).map_err(ProcedureImportError::Rejected)?;
        Ok(self.import_procedures(&catalogue, actor).await?)
    }

    /// Loads the shipped catalogue when no procedure is stored yet. Returns whether it did.
    pub async fn load_base_procedures_if_empty(&self) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM procedures")
            .fetch_one(self.pool())
            .await?
            .try_get("n")?;
        if n > 0 {
            return Ok(false);
        }
        let catalogue = cchc_domain::procedure::shipped().map_err(|p| {
            StoreError::Invalid(format!("shipped procedure data is invalid: {}", p[0]))
        })?;
        self.import_procedures(&catalogue, SYSTEM_ACTOR).await?;
        Ok(true)
    }
}

async fn delete_procedures(
    tx: &mut Transaction<'static, Any>,
    chunk: &[Procedure],
) -> Result<(), StoreError> {
    for table in [
        "procedure_versions WHERE procedure_code",
        "procedures WHERE code",
    ] {
        let mut sql = Sql::new(format!("DELETE FROM {table} IN ("));
        sql.bind_list(chunk.iter().map(|p| p.code.as_str().to_owned()))
            .push(")");
        sql.execute(&mut **tx).await?;
    }
    Ok(())
}

async fn insert_procedures(
    tx: &mut Transaction<'static, Any>,
    chunk: &[Procedure],
    now: i64,
) -> Result<(), StoreError> {
    let mut sql = Sql::new(
        "INSERT INTO procedures (code, national_code, name, name_folded, sector_code, \
         sector_name, level, unit_kind, unit_name, search_folded, provenance, imported_at)",
    );
    let mut provenance = Vec::with_capacity(chunk.len());
    for p in chunk {
        let json = serde_json::json!({ "code": p.code_provenance, "sector": p.sector.provenance });
        provenance.push(json.to_string());
    }
    sql.values(chunk.iter().zip(provenance), |b, (p, prov)| {
        let search = [
            p.code.as_str(),
            p.name.as_str(),
            p.sector.name.as_str(),
            p.sector.code.as_deref().unwrap_or(""),
        ]
        .map(search_words)
        .join("\u{1f}");
        b.bind(p.code.as_str().to_owned())
            .bind(p.code.national().to_owned())
            .bind(p.name.clone())
            .bind(search_words(&p.name))
            .bind(p.sector.code.clone())
            .bind(p.sector.name.clone());
        b.bind(p.level.as_str())
            .bind(p.unit_kind.as_str())
            .bind(p.unit_name.clone())
            .bind(search)
            .bind(prov)
            .bind(now);
    });
    sql.execute(&mut **tx).await?;
    Ok(())
}

async fn insert_versions(
    tx: &mut Transaction<'static, Any>,
    chunk: &[Procedure],
) -> Result<(), StoreError> {
    let versions: Vec<(&Procedure, &ProcedureVersion, String)> = chunk
        .iter()
        .flat_map(|p| p.versions.iter().map(move |v| (p, v)))
        .map(|(p, v)| Ok((p, v, serde_json::to_string(v)?)))
        .collect::<Result<_, serde_json::Error>>()
        .map_err(|e| StoreError::Invalid(format!("procedure version as JSON: {e}")))?;
    for rows in versions.chunks(500) {
        let mut sql = Sql::new(
            "INSERT INTO procedure_versions (procedure_code, version, valid_from, valid_to, \
             time_value, time_unit, same_day_cutoff, online_level, result_type, detail)",
        );
        sql.values(rows, |b, (p, v, detail)| {
            b.bind(p.code.as_str().to_owned())
                .bind(i64::from(v.version))
                .bind(v.valid_from.to_string())
                .bind(v.valid_to.map(|d| d.to_string()))
                .bind(i64::from(v.legal_time.time.value));
            b.bind(v.legal_time.time.unit.as_str())
                .bind(v.same_day_cutoff.map(|t| t.format("%H:%M").to_string()))
                .bind(v.online_level.as_str())
                .bind(v.result.kind.as_str())
                .bind(detail.clone());
        });
        sql.execute(&mut **tx).await?;
    }
    Ok(())
}
