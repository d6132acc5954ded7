//! `GET /api/v1/dossiers/{code}/forms/{form}`: an official form of a dossier for staff whose
//! subtree reaches it (as `GET /api/v1/dossiers/{code}`). The printable A4 HTML by default, the
//! form model as JSON with `Accept: application/json`. An unknown form is 404; a form that does
//! not apply to the dossier (e.g. the supplement request without a supplement) is 409 with the
//! reason. The applicant's data is printed on these staff forms, never logged.

use super::dossiers::desk_calendar;
use crate::auth::Staff;
use crate::error::AppError;
use crate::public_url::base_url;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cchc_domain::UnitCode;
use cchc_domain::dossier::Event;
use cchc_domain::forms::{
    Directory, Form, FormInput, FormModel, NotApplicable, Person, ProcedureInfo, build,
};
use cchc_store::dossiers::{DossierRecord, StoredDossier};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The query of a form: which supplement request (from 1) Mẫu 02 prints.
#[derive(Debug, Default, Deserialize)]
pub struct FormQuery {
    pub n: Option<usize>,
}

/// A form with what the web adds: the public lookup URL of the receipt's QR code.
#[derive(Debug, Serialize)]
pub struct FormJson {
    #[serde(flatten)]
    pub model: FormModel,
    pub lookup_url: Option<String>,
}

/// A loaded form, ready to print or serialise.
pub struct Loaded {
    pub model: FormModel,
    /// The province's place name for the date line ("Hưng Yên").
    pub place: String,
    pub lookup_url: Option<String>,
}

fn unknown_form(key: &str) -> AppError {
    let keys: Vec<&str> = Form::ALL.iter().map(|f| f.key()).collect();
    AppError::not_found(format!(
        "Không có biểu mẫu “{key}”. Các biểu mẫu: {}.",
        keys.join(", ")
    ))
    .with_details(json!({ "forms": keys }))
}

fn not_applicable(n: NotApplicable) -> AppError {
    AppError::new(StatusCode::CONFLICT, "form_not_applicable", n.vi)
        .with_details(json!({ "form": n.form.key(), "en": n.en }))
}

fn imported() -> AppError {
    AppError::new(
        StatusCode::CONFLICT,
        "form_not_applicable",
        "Hồ sơ được đồng bộ từ Cổng Dịch vụ công quốc gia, không có quá trình xử lý trong hệ thống nên không lập được biểu mẫu.",
    )
    .with_details(json!({ "en": "An imported dossier has no history here, so no form can be printed." }))
}

/// The names of units and staff accounts.
pub(crate) async fn directory(state: &AppState) -> Result<Directory, AppError> {
    let mut names = Directory::default();
    let today = crate::time::today();
    for u in state.org_units().await?.iter() {
        let current = u.valid_at(today);
        if current || !names.units.contains_key(u.code.as_str()) {
            names.units.insert(u.code.to_string(), u.name.clone());
        }
    }
    for user in state.store.users().await? {
        names.officers.insert(user.username, user.display_name);
    }
    Ok(names)
}

/// The procedure of the dossier, with the legal time of the version it was received under.
async fn procedure_info(state: &AppState, r: &DossierRecord) -> Result<ProcedureInfo, AppError> {
    let Some(p) = state.store.procedure(&r.procedure_code).await? else {
        return Ok(ProcedureInfo {
            code: r.procedure_code.clone(),
            ..ProcedureInfo::default()
        });
    };
    let legal_time = p
        .versions
        .iter()
        .find(|v| v.version == r.procedure_version)
        .map(|v| format!("{} {}", v.time.value, v.time.unit.label_vi()))
        .unwrap_or_default();
    Ok(ProcedureInfo {
        code: p.code.to_string(),
        name: p.name,
        sector: p.sector_name,
        legal_time,
    })
}

/// The record, state and events of dossier `code` for `staff`: 404 unknown, 403 outside the
/// subtree, 409 imported (no history).
async fn history(
    state: &AppState,
    staff: &Staff,
    code: &str,
) -> Result<(DossierRecord, StoredDossier, Vec<Event>), AppError> {
    let (parsed, detail) =
        cchc_app::dossiers::detail(&state.app, &staff.current.actor(), code).await?;
    let dossier = detail.dossier.ok_or_else(imported)?;
    let events = state.store.dossier_events(&parsed).await?;
    let stored = StoredDossier {
        record: detail.record.clone(),
        dossier,
    };
    Ok((
        detail.record,
        stored,
        events.into_iter().map(|e| e.event).collect(),
    ))
}

/// Loads `form` of dossier `code` for `staff`: 404 unknown form or dossier, 403 outside the
/// subtree, 409 when the form does not apply.
pub async fn load(
    state: &AppState,
    staff: &Staff,
    code: &str,
    form: &str,
    query: &FormQuery,
    base: Option<String>,
) -> Result<Loaded, AppError> {
    let form: Form = form.parse().map_err(|_| unknown_form(form))?;
    let (record, stored, events) = history(state, staff, code).await?;
    let names = directory(state).await?;
    let applicant = Person {
        name: record.applicant.name.clone(),
        id_number: record.applicant.id_number.clone(),
        phone: record.applicant.phone.clone(),
        address: record.applicant.address.clone(),
    };
    let input = FormInput {
        dossier: &stored.dossier,
        events: &events,
        applicant: &applicant,
        procedure: &procedure_info(state, &record).await?,
        names: &names,
        calendar: desk_calendar(state, &record),
        now: state.app.clock.now(),
        nth: query.n,
    };
    let model = build(form, &input).map_err(not_applicable)?;
    let province = UnitCode::parse(&record.province).ok();
    let place = province.map(|p| names.unit(&p)).unwrap_or_default();
    let lookup_url = (form == Form::Receipt)
        .then(|| base.map(|b| format!("{b}/tra-cuu?ma={}", record.code)))
        .flatten();
    Ok(Loaded {
        model,
        place: crate::pages::form_view::place_of(&place),
        lookup_url,
    })
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
