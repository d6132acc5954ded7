//! `/nop-ho-so`: online submission by a signed-in citizen (channel 2, status 1 Mới đăng ký).
//! Find a procedure offered online, choose the desk to submit to (the service centre for a
//! province procedure, a commune or ward for a commune one), fill in the applicant and tick
//! the checklist; the dossier is stored with the citizen's account, so that it shows in
//! `/ho-so-cua-toi` and nobody else's list.

use super::intake::{
    Chosen, Fields, IntakeInput, ProcedureHit, UnitChoice, chosen, desks, search, tick,
};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::pages::{Layout, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use cchc_domain::Role;
use cchc_domain::dossier::Channel;
use cchc_domain::procedure::OnlineLevel;
use serde::Deserialize;

/// The province whose desks citizens submit to.
const PROVINCE: &str = "H31";

#[derive(Template)]
#[template(path = "office/submit.html")]
struct SubmitPage {
    layout: Layout,
    q: String,
    hits: Vec<ProcedureHit>,
    more: u64,
    chosen: Option<Chosen>,
    offered: bool,
    input: IntakeInput,
    desks: Vec<UnitChoice>,
    error: Option<String>,
}

/// The query string: `q` searches, `thu_tuc` chooses.
#[derive(Debug, Default, Deserialize)]
pub struct SubmitQuery {
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub thu_tuc: Option<String>,
}

fn ensure_citizen(current: &CurrentUser) -> Result<(), AppError> {
    if current.role() == Role::Citizen {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "Trang nộp hồ sơ trực tuyến dành cho người dân, doanh nghiệp.",
        ))
    }
}

async fn page(
    state: &AppState,
    current: &CurrentUser,
    status: StatusCode,
    q: &str,
    input: IntakeInput,
    error: Option<String>,
) -> Result<Response, AppError> {
    let (hits, total) = search(&state.store, q).await?;
    let mut chosen = match input.procedure.as_str() {
        "" => None,
        code => chosen(&state.store, code, crate::time::today()).await?,
    };
    let units = state.org_units().await?;
    let desks = chosen
        .as_ref()
        .map(|c| desks(&units, PROVINCE, c.level))
        .unwrap_or_default();
    if let Some(c) = chosen.as_mut() {
        tick(c, &input.ticked);
    }
    let view = SubmitPage {
        layout: Layout::new("Nộp hồ sơ trực tuyến", Some(current), "submit"),
        q: q.to_owned(),
        more: total.saturating_sub(hits.len() as u64),
        hits,
        offered: chosen
            .as_ref()
            .is_some_and(|c| c.online != OnlineLevel::None),
        chosen,
        input,
        desks,
        error,
    };
    Ok(render(status, &view))
}

/// GET `/nop-ho-so?q=&thu_tuc=`: citizens.
pub async fn get(
    current: CurrentUser,
    State(state): State<AppState>,
    Query(query): Query<SubmitQuery>,
) -> Result<Response, AppError> {
    ensure_citizen(&current)?;
    let input = IntakeInput {
        procedure: query.thu_tuc.unwrap_or_default().trim().to_owned(),
        name: current.user.display_name.clone(),
        ..IntakeInput::default()
    };
    let q = query.q.unwrap_or_default();
    page(&state, &current, StatusCode::OK, &q, input, None).await
}

/// Submits the posted dossier ([`cchc_app::dossiers::submit_online`]); its code.
async fn submit(
    state: &AppState,
    current: &CurrentUser,
    input: &IntakeInput,
) -> Result<String, cchc_app::Error> {
    let chosen = chosen(&state.store, &input.procedure, state.app.clock.today()).await?;
    let new = input.new_dossier(chosen.as_ref(), Channel::Online);
    let desk = Some(input.unit.as_str());
    let applied =
        cchc_app::dossiers::submit_online(&state.app, &current.actor(), new, desk).await?;
    Ok(applied.dossier.record.code.to_string())
}

/// POST `/nop-ho-so`: submits and goes to the dossier's page, or shows the form again.
pub async fn post(
    current: CurrentUser,
    State(state): State<AppState>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    ensure_citizen(&current)?;
    let input = IntakeInput::from_fields(&Fields(fields));
    match submit(&state, &current, &input).await {
        Ok(code) => Ok(Redirect::to(&format!("/ho-so/{code}?moi=1")).into_response()),
        Err(err @ cchc_app::Error::Internal(_)) => Err(err.into()),
        Err(err) => {
            let sentence = err.sentence();
            let status = AppError::from(err).status;
            page(&state, &current, status, "", input, Some(sentence)).await
        }
    }
}
