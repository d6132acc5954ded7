//! `POST /ho-so/{code}/thao-tac`: one action from the dossier page's forms, through the same
//! use-case as `POST /api/v1/dossiers/{code}/actions` ([`cchc_app::dossiers::act`]); a
//! refusal (403, 409) or a malformed field (422) shows the dossier page again with the typed
//! sentence and what was typed; success goes back to the page with a notice.

use super::action_form::{kind_of, parse};
use super::dossier::{Feedback, render_page};
use super::intake::Fields;
use crate::auth::Reader;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use cchc_app::Error;

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
    let actor = reader.actor();
    let (parsed, detail) = cchc_app::dossiers::detail(&state.app, &actor, &code).await?;
    let fields = Fields(fields);
    let Some(dossier) = detail.dossier else {
        let err = cchc_app::error::imported();
        let message = err.sentence();
        return again(
            &state,
            &reader,
            &code,
            StatusCode::CONFLICT,
            message,
            fields,
        )
        .await;
    };
    let action = match parse(&fields, &dossier, crate::time::now_to_ms()) {
        Ok(action) => action,
        Err(problem) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return again(&state, &reader, &code, status, problem, fields).await;
        }
    };
    match cchc_app::dossiers::act(&state.app, &actor, &parsed.to_string(), &action).await {
        Ok(_) => {
            let key = fields.get("action");
            let done = kind_of(key).map_or("", |_| key);
            Ok(Redirect::to(&format!("/ho-so/{parsed}?xong={done}")).into_response())
        }
        Err(err @ (Error::Refused { .. } | Error::Invalid { .. } | Error::Forbidden { .. })) => {
            let message = err.sentence();
            let status = AppError::from(err).status;
            again(&state, &reader, &code, status, message, fields).await
        }
        Err(err) => Err(err.into()),
    }
}
