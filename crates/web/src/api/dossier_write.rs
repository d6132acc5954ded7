//! Dossier writes: `POST /api/v1/dossiers` (a reception officer receives a dossier at their
//! desk; a citizen submits one online to a desk that takes the procedure) and
//! `POST /api/v1/dossiers/{code}/actions` with `{"action":"…", …}`. Thin shells over
//! [`cchc_app::dossiers`]: a refused action is a 409 envelope (the Vietnamese sentence in
//! `message`, the English one in `details`), a caller who may not act a 403.

use super::ApiJson;
use super::dossiers::DossierJson;
use crate::auth::Reader;
use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use cchc_domain::UnitCode;
use cchc_domain::dossier::{Action, Channel, Component};
use cchc_store::dossiers::{Applicant, NewDossier};
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
    /// The unit competent to decide (reception only; proposed from the procedure when absent).
    pub competent_unit: Option<String>,
    /// For a citizen's online submission: the unit whose desk receives it.
    pub receiving_unit: Option<String>,
}

impl NewDossierJson {
    fn new_dossier(&self) -> NewDossier {
        NewDossier {
            procedure_code: self.procedure_code.clone(),
            channel: self.channel,
            applicant: self.applicant.clone(),
            components: self
                .components
                .iter()
                .map(|c| Component::provided(c))
                .collect(),
            vneid_verified: self.vneid_verified,
            national_databases: Vec::new(),
            competent_unit: None,
            submitted_by: None,
        }
    }
}

/// POST `/api/v1/dossiers`: reception officers at their own desk (direct, postal), citizens
/// online to the desk of `receiving_unit`; 201 with the dossier.
pub async fn create(
    reader: Reader,
    State(state): State<AppState>,
    ApiJson(body): ApiJson<NewDossierJson>,
) -> Result<(StatusCode, Json<DossierJson>), AppError> {
    let actor = reader.actor();
    let new = body.new_dossier();
    let applied = match &reader {
        Reader::Citizen(_) => {
            let desk = body.receiving_unit.as_deref();
            cchc_app::dossiers::submit_online(&state.app, &actor, new, desk).await?
        }
        Reader::Staff(_) => {
            let competent = body.competent_unit.as_deref();
            cchc_app::dossiers::receive(&state.app, &actor, new, competent).await?
        }
    };
    Ok((
        StatusCode::CREATED,
        Json(DossierJson::from(&applied.dossier.record)),
    ))
}

/// 422 for a unit code that cannot be one.
pub fn bad_unit(text: &str) -> AppError {
    AppError::unprocessable("invalid", "Mã đơn vị không hợp lệ.")
        .with_details(json!([{ "field": "unit", "message": text }]))
}

/// Parses a unit code typed or sent.
pub fn parse_unit(text: &str) -> Result<UnitCode, AppError> {
    UnitCode::parse(text.trim()).map_err(|_| bad_unit(text))
}

/// POST `/api/v1/dossiers/{code}/actions`: 403 for a role or unit that does not take the
/// action on the dossier as it is at commit, 409 when the state machine refuses it.
pub async fn act(
    reader: Reader,
    State(state): State<AppState>,
    Path(code): Path<String>,
    ApiJson(action): ApiJson<Action>,
) -> Result<Json<DossierJson>, AppError> {
    let applied = cchc_app::dossiers::act(&state.app, &reader.actor(), &code, &action).await?;
    Ok(Json(DossierJson::from(&applied.dossier.record)))
}
