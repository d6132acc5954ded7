//! `POST /ho-so/{code}/thao-tac`: one action from the dossier page's forms. The same checks
//! and store call as `POST /api/v1/dossiers/{code}/actions`; a refusal of the state machine
//! (409) or a malformed field (422) shows the dossier page again with the sentence and what
//! was typed; success goes back to the page with a notice.

use super::action_form::{kind_of, parse};
use super::dossier::{Feedback, render_page};
use super::intake::Fields;
use crate::api::dossier_access::{Reader, readable_record};
use crate::api::dossier_write::{act_on, imported_refusal};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

/// The dossier page again, with `error` and the fields of the failed form.
async fn again(
    state: &AppState,
    reader: &Reader,
    code: &str,
    status: StatusCode,
    error: String,
    fields: Fields,
) -> Result<Response, AppError> {
    let feedback = Feedback {
        error: Some(error),
        prev: Some(fields),
        ..Feedback::default()
    };
    render_page(state, reader, code, status, feedback).await
}

/// POST `/ho-so/{code}/thao-tac`.
pub async fn post(
    reader: Reader,
    State(state): State<AppState>,
    Path(code): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (parsed, record) = readable_record(&state, &reader, &code).await?;
    let fields = Fields(fields);
    let detail = state
        .store
        .dossier_detail(&parsed)
        .await?
        .ok_or_else(|| crate::api::dossiers::unknown(&code))?;
    let Some(dossier) = detail.dossier else {
        let err = imported_refusal();
        return again(&state, &reader, &code, err.status, err.message, fields).await;
    };
    let action = match parse(&fields, &dossier, crate::time::now_to_ms()) {
        Ok(action) => action,
        Err(problem) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return again(&state, &reader, &code, status, problem, fields).await;
        }
    };
    match act_on(&state, &reader, &parsed, &record, &action).await {
        Ok(_) => {
            let key = fields.get("action");
            let done = kind_of(key).map_or("", |_| key);
            Ok(Redirect::to(&format!("/ho-so/{parsed}?xong={done}")).into_response())
        }
        Err(err) if matches!(err.status.as_u16(), 409 | 422) => {
            let message = super::reception::sentence(&err);
            again(&state, &reader, &code, err.status, message, fields).await
        }
        Err(err) => Err(err),
    }
}
