//! Dossier writes: `POST /api/v1/dossiers` (a reception officer receives or submits a dossier
//! at their unit) and `POST /api/v1/dossiers/{code}/actions` with `{"action":"…", …}` (staff
//! reaching the dossier). A refused action is a 409 envelope: the Vietnamese sentence in
//! `message`, the English one in `details`.

use super::ApiJson;
use super::dossiers::{DossierJson, calendar, record_for};
use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use cchc_domain::Role;
use cchc_domain::UnitCode;
use cchc_domain::dossier::{Action, ActionContext, Channel, Component};
use cchc_store::dossiers::{Applicant, DossierError, NewDossier};
use serde::Deserialize;
use serde_json::json;

/// A dossier to receive (`direct`, `postal`) or submit (`online`).
#[derive(Debug, Deserialize)]
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
}

/// The store's refusal or failure as an API error.
fn dossier_error(err: DossierError) -> AppError {
    match err {
        DossierError::Refused(refusal) => {
            AppError::new(StatusCode::CONFLICT, "action_refused", refusal.vi.clone())
                .with_details(json!({ "en": refusal.en }))
        }
        DossierError::Store(e) => e.into(),
    }
}

fn new_dossier(body: NewDossierJson) -> Result<NewDossier, AppError> {
    let competent_unit = match body.competent_unit.as_deref() {
        Some(u) => Some(UnitCode::parse(u).map_err(|e| {
            AppError::unprocessable("invalid", "Đơn vị có thẩm quyền không hợp lệ.")
                .with_details(json!([e]))
        })?),
        None => None,
    };
    let a = &body.applicant;
    cchc_domain::applicant::check(
        &a.name,
        a.id_number.as_deref(),
        a.phone.as_deref(),
        a.address.as_deref(),
    )
    .map_err(|e| {
        AppError::unprocessable("invalid", "Thông tin người nộp hồ sơ không hợp lệ.")
            .with_details(json!([e]))
    })?;
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
    })
}

/// POST `/api/v1/dossiers`: reception officers only, at their own unit; 201 with the dossier.
pub async fn create(
    staff: Staff,
    State(state): State<AppState>,
    ApiJson(body): ApiJson<NewDossierJson>,
) -> Result<(StatusCode, Json<DossierJson>), AppError> {
    if staff.current.role() != Role::ReceptionOfficer {
        return Err(AppError::forbidden(
            "Chỉ cán bộ tiếp nhận được tiếp nhận hồ sơ.",
        ));
    }
    let new = new_dossier(body)?;
    let cal = calendar()?;
    let ctx = ActionContext {
        actor: &staff.current.user.username,
        unit: &staff.unit,
        at: crate::time::now(),
        calendar: &cal,
    };
    let applied = state
        .store
        .create_dossier(&new, &ctx)
        .await
        .map_err(dossier_error)?;
    Ok((
        StatusCode::CREATED,
        Json(DossierJson::from(&applied.dossier.record)),
    ))
}

/// POST `/api/v1/dossiers/{code}/actions`: staff reaching the dossier; 409 when refused.
pub async fn act(
    staff: Staff,
    State(state): State<AppState>,
    Path(code): Path<String>,
    ApiJson(action): ApiJson<Action>,
) -> Result<Json<DossierJson>, AppError> {
    let (code, _) = record_for(&state, &staff, &code).await?;
    let cal = calendar()?;
    let ctx = ActionContext {
        actor: &staff.current.user.username,
        unit: &staff.unit,
        at: crate::time::now(),
        calendar: &cal,
    };
    let applied = state
        .store
        .apply_action(&code, &action, &ctx)
        .await
        .map_err(dossier_error)?;
    Ok(Json(DossierJson::from(&applied.dossier.record)))
}
