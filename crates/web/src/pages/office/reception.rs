//! `/tiep-nhan`: the reception desk (reception officers). Find the procedure (diacritics
//! folded), fill in the applicant and tick the checklist of the version in force, choose the
//! channel (direct or postal) and the competent unit; the POST receives the dossier through
//! the same store call as `POST /api/v1/dossiers`, shows what was wrong in the form without
//! losing what was typed, and on success goes to the dossier page, which links to Mẫu 01.

use super::intake::{
    Chosen, Fields, IntakeInput, ProcedureHit, UnitChoice, chosen, proposed_competent,
    province_units, search, tick,
};
use crate::auth::Staff;
use crate::error::AppError;
use crate::pages::{Layout, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use cchc_domain::Role;
use cchc_domain::dossier::Channel;
use cchc_store::dossiers::province_of;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "office/reception.html")]
struct ReceptionPage {
    layout: Layout,
    q: String,
    hits: Vec<ProcedureHit>,
    more: u64,
    chosen: Option<Chosen>,
    input: IntakeInput,
    units: Vec<UnitChoice>,
    error: Option<String>,
}

/// The query string: `q` searches, `thu_tuc` chooses.
#[derive(Debug, Default, Deserialize)]
pub struct DeskQuery {
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub thu_tuc: Option<String>,
}

fn ensure_reception(staff: &Staff) -> Result<(), AppError> {
    if staff.current.role() == Role::ReceptionOfficer {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "Trang tiếp nhận hồ sơ dành cho cán bộ tiếp nhận (bộ phận một cửa).",
        ))
    }
}

/// Renders the desk with `input` (and the chosen procedure, if any).
async fn page(
    state: &AppState,
    staff: &Staff,
    status: StatusCode,
    q: &str,
    mut input: IntakeInput,
    error: Option<String>,
) -> Result<Response, AppError> {
    let (hits, total) = search(&state.store, q).await?;
    let mut chosen = match input.procedure.as_str() {
        "" => None,
        code => chosen(&state.store, code, crate::time::today()).await?,
    };
    let all = state.org_units().await?;
    let units = province_units(&all, &province_of(&staff.unit));
    if let Some(c) = chosen.as_mut() {
        tick(c, &input.ticked);
        if input.unit.is_empty() {
            input.unit = proposed_competent(&units, c, staff.unit.as_str());
        }
    }
    let view = ReceptionPage {
        layout: Layout::new("Tiếp nhận hồ sơ", Some(&staff.current), "reception"),
        q: q.to_owned(),
        more: total.saturating_sub(hits.len() as u64),
        hits,
        chosen,
        input,
        units,
        error,
    };
    Ok(render(status, &view))
}

/// GET `/tiep-nhan?q=&thu_tuc=`: reception officers.
pub async fn get(
    staff: Staff,
    State(state): State<AppState>,
    Query(query): Query<DeskQuery>,
) -> Result<Response, AppError> {
    ensure_reception(&staff)?;
    let input = IntakeInput {
        procedure: query.thu_tuc.unwrap_or_default().trim().to_owned(),
        channel: Channel::Direct.as_str().to_owned(),
        ..IntakeInput::default()
    };
    let q = query.q.unwrap_or_default();
    page(&state, &staff, StatusCode::OK, &q, input, None).await
}

/// Receives the posted dossier ([`cchc_app::dossiers::receive`]); its code.
async fn receive(
    state: &AppState,
    staff: &Staff,
    input: &IntakeInput,
) -> Result<String, cchc_app::Error> {
    let today = state.app.clock.today();
    let chosen = chosen(&state.store, &input.procedure, today).await?;
    let channel = input.channel.parse::<Channel>().unwrap_or(Channel::Online);
    let new = input.new_dossier(chosen.as_ref(), channel);
    // An empty unit is refused like an unknown one: the desk always chooses from the list.
    let unit = Some(input.unit.as_str())
        .filter(|u| !u.is_empty())
        .unwrap_or("?");
    let applied =
        cchc_app::dossiers::receive(&state.app, &staff.current.actor(), new, Some(unit)).await?;
    Ok(applied.dossier.record.code.to_string())
}

/// POST `/tiep-nhan`: receives the dossier and goes to its page, or shows the form again.
pub async fn post(
    staff: Staff,
    State(state): State<AppState>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    ensure_reception(&staff)?;
    let input = IntakeInput::from_fields(&Fields(fields));
    match receive(&state, &staff, &input).await {
        Ok(code) => Ok(Redirect::to(&format!("/ho-so/{code}?moi=1")).into_response()),
        Err(err @ cchc_app::Error::Internal(_)) => Err(err.into()),
        Err(err) => {
            let sentence = err.sentence();
            let status = AppError::from(err).status;
            page(&state, &staff, status, "", input, Some(sentence)).await
        }
    }
}
