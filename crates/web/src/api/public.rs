//! `GET /api/v1/public/dossiers/{code}`: the public lookup (tra cứu hồ sơ) without login.
//! Shows the procedure, the status, the timeline of steps (unit names and times, never officers),
//! the due date and the masked applicant name; never ID numbers, phones or addresses.
//! Rate-limited per client address; known and unknown codes cost the same store queries.

use crate::auth::client::ClientAddress;
use crate::auth::rate_limit::{LookupLimiter, rate_limited};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Extension, Path, State};
use axum::{Json, http::HeaderValue, response::IntoResponse, response::Response};

pub use cchc_calendar::local::iso;

/// 404 for a code that is unknown (or malformed).
pub fn unknown_dossier() -> AppError {
    AppError::not_found("Không tìm thấy hồ sơ có mã này.")
}

/// GET `/api/v1/public/dossiers/{code}`: open to everyone, rate-limited per address.
pub async fn get(
    State(state): State<AppState>,
    Extension(limiter): Extension<LookupLimiter>,
    ClientAddress(address): ClientAddress,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    if !limiter.allow(&address) {
        return Err(rate_limited());
    }
    let view = cchc_app::dossiers::lookup::lookup(&state.app, &code)
        .await?
        .ok_or_else(unknown_dossier)?;
    let mut response = Json(view).into_response();
    response
        .headers_mut()
        .insert("cache-control", HeaderValue::from_static("no-store"));
    Ok(response)
}
