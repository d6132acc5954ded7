//! Dossier writes: `POST /api/v1/dossiers` (a reception officer receives or submits a dossier
//! at their unit; a citizen submits one online to a unit's desk) and
//! `POST /api/v1/dossiers/{code}/actions` with `{"action":"…", …}` (a user whose role takes
//! the action, at the side of the dossier that takes it, or the citizen who submitted it). A
//! refused action is a 409 envelope: the Vietnamese sentence in `message`, the English one in
//! `details`.

use super::ApiJson;
use super::dossier_access::{Reader, ensure_may_act, readable_record};
use super::dossiers::{DossierJson, calendar};
use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use cchc_domain::Role;
use cchc_domain::UnitCode;
use cchc_domain::dossier::{Action, ActionContext, Channel, Component, DossierCode};
use cchc_store::dossiers::{Applicant, Applied, DossierError, DossierRecord, NewDossier};
use serde::Deserialize;
use serde_json::json;

/// A dossier to receive (`direct`, `postal`) or submit (`online`).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = NewDossier)]
pub struct NewDossierJson {
    pub procedure_code: String,
    pub channel: Channel,
    pub applicant: Applicant,
    /// Names of the provided components.
    #[serde(default)]
    pub components: Vec<String>,
    #[serde(default)]
    pub vneid_verified: bool,
    pub competent_unit: Option<String>,
    /// For a citizen's online submission: the unit whose desk receives it.
    pub receiving_unit: Option<String>,
}

/// The store's refusal or failure as an API error.
pub fn dossier_error(err: DossierError) -> AppError {
    match err {
        DossierError::Refused(refusal) => {
            AppError::new(StatusCode::CONFLICT, "action_refused", refusal.vi.clone())
                .with_details(json!({ "en": refusal.en }))
        }
        DossierError::Store(e) => e.into(),
    }
}

/// The applicant's data checked (422 with the reasons, never the values).
pub fn check_applicant(a: &Applicant) -> Result<(), AppError> {
    cchc_domain::applicant::check(
        &a.name,
        a.id_number.as_deref(),
        a.phone.as_deref(),
        a.address.as_deref(),
    )
    .map_err(|e| {
        AppError::unprocessable("invalid", "Thông tin người nộp hồ sơ không hợp lệ.")
            .with_details(json!([e]))
    })
}

fn new_dossier(body: NewDossierJson) -> Result<NewDossier, AppError> {
    let competent_unit = match body.competent_unit.as_deref() {
        Some(u) => Some(UnitCode::parse(u).map_err(|e| {
            AppError::unprocessable("invalid", "Đơn vị có thẩm quyền không hợp lệ.")
                .with_details(json!([e]))
        })?),
        None => None,
    };
    check_applicant(&body.applicant)?;
    if body.components.len() > 100 || body.components.iter().any(|c| c.chars().count() > 300) {
        return Err(AppError::unprocessable(
            "invalid",
            "Danh sách thành phần hồ sơ quá dài.",
        ));
    }
    Ok(NewDossier {
        procedure_code: body.procedure_code,
        channel: body.channel,
        applicant: body.applicant,
        components: body
            .components
            .iter()
            .map(|c| Component::provided(c))
            .collect(),
        vneid_verified: body.vneid_verified,
        national_databases: Vec::new(),
        competent_unit,
        submitted_by: None,
    })
}

/// The unit whose desk receives a citizen's submission: a unit in force today (422 otherwise).
pub async fn desk_unit(state: &AppState, code: Option<&str>) -> Result<UnitCode, AppError> {
    let bad = || {
        AppError::unprocessable(
            "invalid",
            "Chưa chọn nơi nộp hồ sơ (đơn vị tiếp nhận) hoặc đơn vị không còn hiệu lực.",
        )
    };
    let code = code
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .ok_or_else(bad)?;
    let unit = UnitCode::parse(code).map_err(|_| bad())?;
    match state
        .store
        .org_unit_at(unit.as_str(), crate::time::today())
        .await?
    {
        Some(_) => Ok(unit),
        None => Err(bad()),
    }
}

/// Receives (staff) or submits (citizen) `new` at `unit` now, as `actor`.
pub async fn store_new(
    state: &AppState,
    new: &NewDossier,
    actor: &str,
    unit: &UnitCode,
) -> Result<Applied, AppError> {
    let cal = calendar()?;
    let ctx = ActionContext {
        actor,
        unit,
        at: crate::time::now(),
        calendar: &cal,
    };
    state
        .store
        .create_dossier(new, &ctx)
        .await
        .map_err(dossier_error)
}

/// POST `/api/v1/dossiers`: reception officers at their own unit (any channel), citizens
/// online to the desk of `receiving_unit`; 201 with the dossier.
pub async fn create(
    reader: Reader,
    State(state): State<AppState>,
    ApiJson(body): ApiJson<NewDossierJson>,
) -> Result<(StatusCode, Json<DossierJson>), AppError> {
    let applied = match &reader {
        Reader::Staff(staff) if staff.current.role() == Role::ReceptionOfficer => {
            let new = new_dossier(body)?;
            store_new(&state, &new, &staff.current.user.username, &staff.unit).await?
        }
        Reader::Citizen(c) if body.channel == Channel::Online => {
            let unit = desk_unit(&state, body.receiving_unit.as_deref()).await?;
            let mut new = new_dossier(body)?;
            new.submitted_by = Some(c.user.id);
            store_new(&state, &new, &c.user.username, &unit).await?
        }
        Reader::Citizen(_) => {
            return Err(AppError::forbidden(
                "Người dân, doanh nghiệp chỉ nộp hồ sơ trực tuyến (channel online).",
            ));
        }
        Reader::Staff(_) => {
            return Err(AppError::forbidden(
                "Chỉ cán bộ tiếp nhận được tiếp nhận hồ sơ.",
            ));
        }
    };
    Ok((
        StatusCode::CREATED,
        Json(DossierJson::from(&applied.dossier.record)),
    ))
}

/// 409 for an action on a dossier imported from the national portal (no state to act on).
pub fn imported_refusal() -> AppError {
    AppError::new(
        StatusCode::CONFLICT,
        "action_refused",
        "Hồ sơ được đồng bộ từ Cổng Dịch vụ công quốc gia: chỉ xem, không thực hiện thao tác trong hệ thống này.",
    )
    .with_details(json!({
        "en": "The dossier was imported from the national portal: it can be viewed, not acted on here."
    }))
}

/// The unit an action of `reader` is recorded for: the staff user's unit, or for a citizen
/// the desk that received the dossier.
pub fn acting_unit_of<'a>(reader: &'a Reader, record: &'a DossierRecord) -> &'a UnitCode {
    match reader {
        Reader::Staff(s) => &s.unit,
        Reader::Citizen(_) => &record.receiving_unit,
    }
}

/// Checks who may act, then applies `action` to `code` now: 403, 409 (refused, imported) or
/// the stored result.
pub async fn act_on(
    state: &AppState,
    reader: &Reader,
    code: &DossierCode,
    record: &DossierRecord,
    action: &Action,
) -> Result<Applied, AppError> {
    let units = state.org_units().await?;
    ensure_may_act(reader, &units, record, action.kind())?;
    if state
        .store
        .dossier_detail(code)
        .await?
        .is_some_and(|d| d.is_imported())
    {
        return Err(imported_refusal());
    }
    let cal = calendar()?;
    let ctx = ActionContext {
        actor: &reader.current().user.username,
        unit: acting_unit_of(reader, record),
        at: crate::time::now(),
        calendar: &cal,
    };
    state
        .store
        .apply_action(code, action, &ctx)
        .await
        .map_err(dossier_error)
}

/// POST `/api/v1/dossiers/{code}/actions`: 403 for a role or unit that does not take the
/// action, 409 when the state machine refuses it.
pub async fn act(
    reader: Reader,
    State(state): State<AppState>,
    Path(code): Path<String>,
    ApiJson(action): ApiJson<Action>,
) -> Result<Json<DossierJson>, AppError> {
    let (code, record) = readable_record(&state, &reader, &code).await?;
    let applied = act_on(&state, &reader, &code, &record, &action).await?;
    Ok(Json(DossierJson::from(&applied.dossier.record)))
}
