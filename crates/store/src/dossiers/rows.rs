//! Dossier rows: the projection computed from a state, and its SQL (select list, row mapping,
//! insert and update).

use cchc_domain::UnitCode;
use cchc_domain::dossier::{Channel, Dossier, DossierCode, RuleSet, Status};
use cchc_domain::text::fold;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::{Applicant, DossierRecord, StoredDossier, local_to_ms, ms_to_local};
use crate::StoreError;
use crate::binds::Sql;

/// The projection columns, in the order of [`record_from_row`].
pub(crate) const COLUMNS: &str = "province, code, receiving_unit, competent_unit, holder_unit, \
    procedure_code, procedure_version, rule_set, channel, status, applicant_name, \
    applicant_id_number, applicant_phone, applicant_address, submitted_at, received_at, \
    due_legal_at, due_kpi_at, finished_at, returned_at, supplement_count, seq, submitted_by";

/// Fills the state-derived columns of `record` from `d`.
pub(crate) fn project(record: &mut DossierRecord, d: &Dossier) {
    record.code = d.code.clone();
    record.receiving_unit = d
        .receipt
        .as_ref()
        .map_or_else(|| d.code.unit().clone(), |r| r.unit.clone());
    record.holder_unit = d
        .steps
        .last()
        .map_or_else(|| record.receiving_unit.clone(), |s| s.holder.unit.clone());
    record.rule_set = d.receipt.as_ref().map(|r| r.rule_set);
    record.channel = d.channel;
    record.status = d.status;
    record.submitted_at = d.submitted_at;
    record.received_at = d.receipt.as_ref().map(|r| r.at);
    record.due_legal_at = d.due().map(|e| e.legal);
    record.due_kpi_at = d.due().map(|e| e.kpi);
    record.finished_at = d.ended_at();
    record.returned_at = d.returned.as_ref().map(|r| r.at);
    record.supplement_count = u32::try_from(d.supplements.len()).unwrap_or(u32::MAX);
}

fn bad(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("stored dossier {what}: {e}"))
}

fn unit(r: &AnyRow, col: &str) -> Result<UnitCode, StoreError> {
    UnitCode::parse(&r.try_get::<String, _>(col)?).map_err(|e| bad(col, e))
}

fn time(r: &AnyRow, col: &str) -> Result<Option<chrono::NaiveDateTime>, StoreError> {
    Ok(r.try_get::<Option<i64>, _>(col)?.map(ms_to_local))
}

fn count(r: &AnyRow, col: &str) -> Result<u32, StoreError> {
    u32::try_from(r.try_get::<i64, _>(col)?).map_err(|e| bad(col, e))
}

/// A record from a row selected with [`COLUMNS`].
pub(crate) fn record_from_row(r: &AnyRow) -> Result<DossierRecord, StoreError> {
    let code: String = r.try_get("code")?;
    let rule_set: Option<String> = r.try_get("rule_set")?;
    let channel = u8::try_from(r.try_get::<i64, _>("channel")?).unwrap_or(0);
    let status = u8::try_from(r.try_get::<i64, _>("status")?).unwrap_or(0);
    Ok(DossierRecord {
        code: DossierCode::parse(&code).map_err(|e| bad("code", e))?,
        province: r.try_get("province")?,
        receiving_unit: unit(r, "receiving_unit")?,
        competent_unit: unit(r, "competent_unit")?,
        holder_unit: unit(r, "holder_unit")?,
        procedure_code: r.try_get("procedure_code")?,
        procedure_version: count(r, "procedure_version")?,
        rule_set: rule_set
            .map(|s| s.parse::<RuleSet>().map_err(|e| bad("rule set", e)))
            .transpose()?,
        channel: Channel::from_code(channel).ok_or_else(|| bad("channel", channel))?,
        status: Status::from_code(status).ok_or_else(|| bad("status", status))?,
        applicant: Applicant {
            name: r.try_get("applicant_name")?,
            id_number: r.try_get("applicant_id_number")?,
            phone: r.try_get("applicant_phone")?,
            address: r.try_get("applicant_address")?,
        },
        submitted_at: time(r, "submitted_at")?,
        received_at: time(r, "received_at")?,
        due_legal_at: time(r, "due_legal_at")?,
        due_kpi_at: time(r, "due_kpi_at")?,
        finished_at: time(r, "finished_at")?,
        returned_at: time(r, "returned_at")?,
        supplement_count: count(r, "supplement_count")?,
        seq: count(r, "seq")?,
        submitted_by: r.try_get("submitted_by")?,
    })
}

/// A stored dossier from a row selected with [`COLUMNS`] and `state`.
pub(crate) fn stored_from_row(r: &AnyRow) -> Result<StoredDossier, StoreError> {
    let state: String = r.try_get("state")?;
    Ok(StoredDossier {
        record: record_from_row(r)?,
        dossier: serde_json::from_str(&state).map_err(|e| bad("state", e))?,
    })
}

/// The projection and the state of a row; no state for a dossier imported from the national
/// portal (stored as JSON `null`).
pub(crate) fn record_and_state(
    r: &AnyRow,
) -> Result<(DossierRecord, Option<cchc_domain::dossier::Dossier>), StoreError> {
    let state: String = r.try_get("state")?;
    let dossier = serde_json::from_str(&state).map_err(|e| bad("state", e))?;
    Ok((record_from_row(r)?, dossier))
}

fn ms(t: Option<chrono::NaiveDateTime>) -> Option<i64> {
    t.map(local_to_ms)
}

/// A dossier to write: the record, its state as JSON, and whether the row is new.
pub(crate) struct RowWrite<'a> {
    pub record: &'a DossierRecord,
    pub state: String,
    pub created: bool,
}

/// Inserts new dossiers (one statement per 100 rows).
pub(crate) async fn insert(
    tx: &mut Transaction<'static, Any>,
    rows: &[RowWrite<'_>],
    now: i64,
) -> Result<(), StoreError> {
    for chunk in rows.chunks(100) {
        let mut sql = Sql::new(format!(
            "INSERT INTO dossiers ({COLUMNS}, applicant_folded, state, created_at, updated_at)"
        ));
        sql.values(chunk, |b, w| {
            let r = w.record;
            b.bind(r.province.clone())
                .bind(r.code.to_string())
                .bind(r.receiving_unit.to_string())
                .bind(r.competent_unit.to_string())
                .bind(r.holder_unit.to_string())
                .bind(r.procedure_code.clone())
                .bind(i64::from(r.procedure_version))
                .bind(r.rule_set.map(RuleSet::as_str))
                .bind(i64::from(r.channel.code()))
                .bind(i64::from(r.status.code()));
            b.bind(r.applicant.name.clone())
                .bind(r.applicant.id_number.clone())
                .bind(r.applicant.phone.clone())
                .bind(r.applicant.address.clone());
            b.bind(ms(r.submitted_at))
                .bind(ms(r.received_at))
                .bind(ms(r.due_legal_at))
                .bind(ms(r.due_kpi_at))
                .bind(ms(r.finished_at))
                .bind(ms(r.returned_at))
                .bind(i64::from(r.supplement_count))
                .bind(i64::from(r.seq))
                .bind(r.submitted_by);
            b.bind(fold(&r.applicant.name))
                .bind(w.state.clone())
                .bind(now)
                .bind(now);
        });
        sql.execute(&mut **tx).await?;
    }
    Ok(())
}

/// The columns an update sets, in the order of the `VALUES` of [`update`].
const UPDATED: [&str; 15] = [
    "receiving_unit",
    "holder_unit",
    "procedure_version",
    "rule_set",
    "channel",
    "status",
    "submitted_at",
    "received_at",
    "due_legal_at",
    "due_kpi_at",
    "finished_at",
    "returned_at",
    "supplement_count",
    "seq",
    "state",
];

/// Updates the state-derived columns of existing dossiers, 100 per statement
/// (`WITH v (…) AS (VALUES …) UPDATE … FROM v`, which both backends accept).
pub(crate) async fn update(
    tx: &mut Transaction<'static, Any>,
    rows: &[RowWrite<'_>],
    now: i64,
) -> Result<(), StoreError> {
    let set: Vec<String> = UPDATED.iter().map(|c| format!("{c} = v.{c}")).collect();
    for chunk in rows.chunks(100) {
        let mut sql = Sql::new(format!(
            "WITH v (province, code, {}) AS (",
            UPDATED.join(", ")
        ));
        sql.values(chunk, |b, w| {
            let r = w.record;
            b.bind(r.province.clone())
                .bind(r.code.to_string())
                .bind(r.receiving_unit.to_string())
                .bind(r.holder_unit.to_string())
                .bind(i64::from(r.procedure_version))
                .bind(r.rule_set.map(RuleSet::as_str))
                .bind(i64::from(r.channel.code()))
                .bind(i64::from(r.status.code()));
            b.bind(ms(r.submitted_at))
                .bind(ms(r.received_at))
                .bind(ms(r.due_legal_at))
                .bind(ms(r.due_kpi_at))
                .bind(ms(r.finished_at))
                .bind(ms(r.returned_at))
                .bind(i64::from(r.supplement_count))
                .bind(i64::from(r.seq))
                .bind(w.state.clone());
        });
        sql.push(&format!(
            ") UPDATE dossiers SET {}, updated_at = ",
            set.join(", ")
        ))
        .bind(now)
        .push(" FROM v WHERE dossiers.province = v.province AND dossiers.code = v.code");
        sql.execute(&mut **tx).await?;
    }
    Ok(())
}
