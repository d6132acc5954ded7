//! The public lookup (tra cứu hồ sơ) without login: the procedure, the status, the timeline
//! of steps (unit names and times, never officers), the due date and the masked applicant
//! name; never ID numbers, phones or addresses. Known and unknown codes cost the same store
//! queries, so that timing tells nothing.

use crate::{App, Error};
use cchc_calendar::local::iso;
use cchc_domain::dossier::DossierCode;
use cchc_domain::mask::mask_name;
use cchc_domain::org::OrgUnit;
use cchc_store::dossiers::{DossierRecord, StoredEvent};
use chrono::NaiveDateTime;
use serde::Serialize;

fn iso_opt(t: Option<NaiveDateTime>) -> Option<String> {
    t.map(iso)
}

/// One step of the public timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineStep {
    pub kind: &'static str,
    pub label: &'static str,
    pub unit: String,
    /// The unit's name in force on the event's date (the code when the unit is unknown).
    pub unit_name: String,
    pub at: String,
}

/// The procedure of a dossier.
#[derive(Debug, Clone, Serialize)]
pub struct PublicProcedure {
    pub code: String,
    pub name: Option<String>,
}

/// What anyone may see of a dossier.
#[derive(Debug, Clone, Serialize)]
pub struct PublicDossier {
    pub code: String,
    pub procedure: PublicProcedure,
    pub status: u8,
    pub status_code: &'static str,
    pub status_label: &'static str,
    pub applicant: String,
    pub received_at: Option<String>,
    pub due_at: Option<String>,
    pub finished_at: Option<String>,
    pub returned_at: Option<String>,
    pub timeline: Vec<TimelineStep>,
}

/// Vietnamese label of an event kind.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "submitted" => "Nộp trực tuyến",
        "received" => "Tiếp nhận",
        "refused" => "Từ chối tiếp nhận",
        "supplement_requested" => "Yêu cầu bổ sung",
        "supplemented" => "Đã bổ sung",
        "forwarded" => "Chuyển xử lý",
        "step_completed" => "Hoàn thành bước xử lý",
        "payment_requested" => "Yêu cầu thanh toán",
        "paid" => "Đã thanh toán",
        "extension_proposed" => "Gia hạn (xin lỗi)",
        "stopped" => "Dừng xử lý",
        "withdrawn" => "Rút hồ sơ",
        "finished" => "Có kết quả",
        "returned" => "Trả kết quả",
        _ => "Cập nhật",
    }
}

/// The name of unit `code` on `date`: the version in force then, else the latest one before,
/// else the first; the code itself for an unknown unit. `units` holds versions by code.
pub fn unit_name(units: &[OrgUnit], code: &str, date: chrono::NaiveDate) -> String {
    let versions: Vec<&OrgUnit> = units.iter().filter(|u| u.code.as_str() == code).collect();
    versions
        .iter()
        .find(|u| u.valid_at(date))
        .or_else(|| versions.iter().rev().find(|u| u.valid_from <= date))
        .or_else(|| versions.first())
        .map_or_else(|| code.to_owned(), |u| u.name.clone())
}

fn timeline(events: &[StoredEvent], units: &[OrgUnit]) -> Vec<TimelineStep> {
    events
        .iter()
        .map(|e| TimelineStep {
            kind: e.event.kind(),
            label: kind_label(e.event.kind()),
            unit: e.event.unit.to_string(),
            unit_name: unit_name(units, e.event.unit.as_str(), e.event.at.date()),
            at: iso(e.event.at),
        })
        .collect()
}

/// The distinct unit codes of `events`.
pub fn event_units(events: &[StoredEvent]) -> Vec<String> {
    let mut codes: Vec<String> = events.iter().map(|e| e.event.unit.to_string()).collect();
    codes.sort();
    codes.dedup();
    codes
}

fn public_view(
    record: &DossierRecord,
    events: &[StoredEvent],
    units: &[OrgUnit],
    name: Option<String>,
) -> PublicDossier {
    PublicDossier {
        code: record.code.to_string(),
        procedure: PublicProcedure {
            code: record.procedure_code.clone(),
            name,
        },
        status: record.status.code(),
        status_code: record.status.dvcqg_code(),
        status_label: record.status.label_vi(),
        applicant: mask_name(&record.applicant.name),
        received_at: iso_opt(record.received_at.or(record.submitted_at)),
        due_at: iso_opt(record.due_legal_at),
        finished_at: iso_opt(record.finished_at),
        returned_at: iso_opt(record.returned_at),
        timeline: timeline(events, units),
    }
}

/// The public view of `code`, or `None`. The same four queries run for a known and an
/// unknown code (the procedure look-up uses an empty code when there is no dossier, the unit
/// names an empty list).
pub async fn lookup(app: &App, code: &str) -> Result<Option<PublicDossier>, Error> {
    let store = &app.store;
    let parsed = DossierCode::parse(code.trim()).ok();
    // A malformed code runs the same queries on a code no dossier can have (day 1 of 2000).
    let Some(code) = parsed.clone().or_else(probe_code) else {
        return Ok(None);
    };
    let record = store
        .dossier_record(&code)
        .await?
        .filter(|_| parsed.is_some());
    let events = store.dossier_events(&code).await?;
    let procedure_code = record.as_ref().map_or("", |r| r.procedure_code.as_str());
    let name = store.procedure_name(procedure_code).await?;
    let units = store.org_units_named(&event_units(&events)).await?;
    Ok(record.map(|r| public_view(&r, &events, &units, name)))
}

/// A well-formed code that no dossier has, for the queries of a malformed code.
fn probe_code() -> Option<DossierCode> {
    let unit = cchc_domain::UnitCode::parse("H31").ok()?;
    let day = chrono::NaiveDate::from_ymd_opt(2000, 1, 1)?;
    DossierCode::new(unit, day, 1).ok()
}
