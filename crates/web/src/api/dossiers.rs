//! Dossiers: `GET /api/v1/dossiers/{code}` and `GET /api/v1/dossiers` (staff: the user's
//! unit subtree; citizens: the dossiers they submitted online), and the public catalogue
//! search `GET /api/v1/procedures?q=`. Times are ISO 8601 with +07:00. Writes are in
//! [`super::dossier_write`]; who may read what in [`super::dossier_access`].

use super::public::iso;
use crate::auth::Staff;
use crate::auth::{Reader, readable_record};
use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use cchc_calendar::WorkCalendar;
use cchc_domain::UnitCode;
use cchc_domain::dossier::Status;
use cchc_domain::org::OrgUnit;
use cchc_store::dossiers::{Applicant, DossierFilter, DossierRecord, due_within};
use cchc_store::paging::{Page, Paged};
use cchc_store::procedures::ProcedureRecord;
use serde::{Deserialize, Serialize};

/// A dossier as the API shows it to staff.
#[derive(Debug, Clone, Serialize)]
pub struct DossierJson {
    pub code: String,
    pub procedure_code: String,
    pub procedure_version: u32,
    pub channel: u8,
    pub status: u8,
    pub status_code: &'static str,
    pub status_label: &'static str,
    pub receiving_unit: String,
    pub competent_unit: String,
    pub holder_unit: String,
    pub applicant: Applicant,
    pub submitted_at: Option<String>,
    pub received_at: Option<String>,
    pub due_at: Option<String>,
    pub due_kpi_at: Option<String>,
    pub finished_at: Option<String>,
    pub returned_at: Option<String>,
    pub supplement_count: u32,
}

impl From<&DossierRecord> for DossierJson {
    fn from(r: &DossierRecord) -> Self {
        DossierJson {
            code: r.code.to_string(),
            procedure_code: r.procedure_code.clone(),
            procedure_version: r.procedure_version,
            channel: r.channel.code(),
            status: r.status.code(),
            status_code: r.status.dvcqg_code(),
            status_label: r.status.label_vi(),
            receiving_unit: r.receiving_unit.to_string(),
            competent_unit: r.competent_unit.to_string(),
            holder_unit: r.holder_unit.to_string(),
            applicant: r.applicant.clone(),
            submitted_at: r.submitted_at.map(iso),
            received_at: r.received_at.map(iso),
            due_at: r.due_legal_at.map(iso),
            due_kpi_at: r.due_kpi_at.map(iso),
            finished_at: r.finished_at.map(iso),
            returned_at: r.returned_at.map(iso),
            supplement_count: r.supplement_count,
        }
    }
}

/// The province's configured working calendar.
pub fn calendar(state: &AppState) -> &WorkCalendar {
    state.app.calendars.province()
}

/// The configured working calendar of the desk that received `record`.
pub fn desk_calendar<'a>(state: &'a AppState, record: &DossierRecord) -> &'a WorkCalendar {
    state.app.calendars.for_unit(&record.receiving_unit)
}

/// 404 for a dossier code nobody has.
pub fn unknown(code: &str) -> AppError {
    cchc_app::dossiers::unknown(code).into()
}

/// GET `/api/v1/dossiers/{code}`: staff whose subtree holds one of the dossier's units, or
/// the citizen who submitted it.
pub async fn get(
    reader: Reader,
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<DossierJson>, AppError> {
    let (_, record) = readable_record(&state, &reader, &code).await?;
    Ok(Json(DossierJson::from(&record)))
}

/// Query of the list.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub unit: Option<String>,
    /// Status numbers (1–10) or English codes, comma-separated.
    pub status: Option<String>,
    pub overdue: Option<bool>,
    /// Working days.
    pub due_within: Option<u32>,
    pub page: Option<u32>,
    pub size: Option<u32>,
}

/// Status numbers (1–10) or English codes, comma-separated; 400 for an unknown one.
pub fn parse_statuses(text: Option<&str>) -> Result<Vec<Status>, AppError> {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return Ok(Vec::new());
    };
    text.split(',')
        .map(|s| {
            let s = s.trim();
            s.parse::<u8>()
                .ok()
                .and_then(Status::from_code)
                .or_else(|| Status::from_dvcqg_code(s))
                .ok_or_else(|| {
                    AppError::bad_request("bad_status", format!("Trạng thái không hợp lệ: {s}."))
                })
        })
        .collect()
}

/// The units of the subtree of `root` in force today.
pub fn subtree(units: &[OrgUnit], root: &UnitCode) -> Vec<UnitCode> {
    cchc_app::org::subtree_units(units, root, crate::time::today())
}

/// The filter of `query` for `staff` (the unit defaults to the user's own).
async fn filter_of(
    state: &AppState,
    staff: &Staff,
    query: &ListQuery,
) -> Result<DossierFilter, AppError> {
    let units = state.org_units().await?;
    let root = match query.unit.as_deref().filter(|u| !u.trim().is_empty()) {
        Some(u) => {
            let code = UnitCode::parse(u.trim())
                .map_err(|_| AppError::not_found(format!("Không có đơn vị mã {u}.")))?;
            staff.ensure_reaches(&units, &code, crate::time::today())?;
            code
        }
        None => staff.unit.clone(),
    };
    let now = crate::time::now();
    let due_by = match query.due_within {
        Some(days) => Some(due_within(calendar(state), now, days).map_err(AppError::internal)?),
        None => None,
    };
    Ok(DossierFilter {
        units: Some(subtree(&units, &root)),
        statuses: parse_statuses(query.status.as_deref())?,
        overdue_at: query.overdue.unwrap_or(false).then_some(now),
        due_by,
        ..DossierFilter::default()
    })
}

/// The filter of a citizen's own dossiers; a `unit` is refused (403).
fn citizen_filter(
    state: &AppState,
    account: i64,
    query: &ListQuery,
) -> Result<DossierFilter, AppError> {
    if query.unit.as_deref().is_some_and(|u| !u.trim().is_empty()) {
        return Err(AppError::new(
            axum::http::StatusCode::FORBIDDEN,
            "not_own_dossier",
            "Bạn chỉ xem được hồ sơ do chính mình nộp trực tuyến.",
        ));
    }
    let now = crate::time::now();
    let due_by = match query.due_within {
        Some(days) => Some(due_within(calendar(state), now, days).map_err(AppError::internal)?),
        None => None,
    };
    Ok(DossierFilter {
        statuses: parse_statuses(query.status.as_deref())?,
        overdue_at: query.overdue.unwrap_or(false).then_some(now),
        due_by,
        submitted_by: Some(account),
        ..DossierFilter::default()
    })
}

/// A page of dossiers with the counts per status.
#[derive(Debug, Serialize)]
pub struct ListJson {
    pub items: Vec<DossierJson>,
    pub total: u64,
    pub page: u32,
    pub size: u32,
    pub by_status: Vec<StatusCount>,
}

/// Dossiers of one status.
#[derive(Debug, Serialize)]
pub struct StatusCount {
    pub status: u8,
    pub status_code: &'static str,
    pub count: u64,
}

/// GET `/api/v1/dossiers?unit=&status=&overdue=&due_within=&page=`: staff, by the holder
/// unit within their subtree; citizens, the dossiers they submitted (no `unit`); by legal due
/// time.
pub async fn list(
    reader: Reader,
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Result<Json<ListJson>, AppError> {
    let filter = match &reader {
        Reader::Staff(staff) => filter_of(&state, staff, &query).await?,
        Reader::Citizen(c) => citizen_filter(&state, c.user.id, &query)?,
    };
    let page = Page::new(query.page.unwrap_or(1), query.size.unwrap_or(50));
    let list = state.store.dossiers(&filter, page).await?;
    Ok(Json(ListJson {
        items: list.page.items.iter().map(DossierJson::from).collect(),
        total: list.page.total,
        page: list.page.page,
        size: list.page.size,
        by_status: list
            .by_status
            .iter()
            .map(|(s, n)| StatusCount {
                status: s.code(),
                status_code: s.dvcqg_code(),
                count: *n,
            })
            .collect(),
    }))
}

/// Query of the catalogue search.
#[derive(Debug, Default, Deserialize)]
pub struct ProcedureQuery {
    pub q: Option<String>,
    pub page: Option<u32>,
    pub size: Option<u32>,
}

/// GET `/api/v1/procedures?q=`: public; diacritics folded (đ → d), by code, paginated.
pub async fn procedures(
    State(state): State<AppState>,
    Query(query): Query<ProcedureQuery>,
) -> Result<Json<Paged<ProcedureRecord>>, AppError> {
    let page = Page::new(query.page.unwrap_or(1), query.size.unwrap_or(20));
    let q = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    Ok(Json(state.store.procedures(q, page).await?))
}
