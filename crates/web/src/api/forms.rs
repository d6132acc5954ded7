//! `GET /api/v1/dossiers/{code}/forms/{form}`: an official form of a dossier for staff whose
//! subtree reaches it (as `GET /api/v1/dossiers/{code}`). The printable A4 HTML by default, the
//! form model as JSON with `Accept: application/json`. An unknown form is 404; a form that does
//! not apply to the dossier (e.g. the supplement request without a supplement) is 409 with the
//! reason. The applicant's data is printed on these staff forms, never logged.

use crate::auth::Staff;
use crate::error::AppError;
use crate::pages::forms::{FormQuery, load};
use crate::public_url::base_url;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use cchc_domain::forms::FormModel;
use serde::Serialize;

/// A form with what the web adds: the public lookup URL of the receipt's QR code.
#[derive(Debug, Serialize)]
pub struct FormJson {
    #[serde(flatten)]
    pub model: FormModel,
    pub lookup_url: Option<String>,
}

/// Whether the caller asked for JSON rather than HTML.
fn wants_json(headers: &HeaderMap) -> bool {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    accept.contains("application/json") && !accept.contains("text/html")
}

/// GET `/api/v1/dossiers/{code}/forms/{form}`.
pub async fn get(
    staff: Staff,
    State(state): State<AppState>,
    Path((code, form)): Path<(String, String)>,
    Query(query): Query<FormQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let base = base_url(&state, &headers);
    let loaded = load(&state, &staff, &code, &form, &query, base).await?;
    if wants_json(&headers) {
        let body = FormJson {
            model: loaded.model,
            lookup_url: loaded.lookup_url,
        };
        return Ok(Json(body).into_response());
    }
    Ok(crate::pages::forms::render(&loaded))
}
