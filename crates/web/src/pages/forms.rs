//! `/ho-so/{code}/mau/{form}`: an official form of a dossier as a printable A4 page (the same
//! page `GET /api/v1/dossiers/{code}/forms/{form}` answers), for staff whose subtree reaches
//! the dossier. The templates are in `templates/forms/`.

use super::form_view::{SheetHead, filters, lookup_qr};
use super::ok;
use crate::auth::Staff;
use crate::error::AppError;
use crate::public_url::base_url;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use cchc_domain::forms::{
    ApologyBody, ControlSheet, Form, FormBody, FormModel, ReceiptBody, RefusalBody, StopBody,
    SupplementBody,
};
use serde::Deserialize;

/// The query of a form: which supplement request (from 1) Mẫu 02 prints.
#[derive(Debug, Default, Deserialize)]
pub struct FormQuery {
    pub n: Option<usize>,
}

/// A loaded form, ready to print or serialise.
pub struct Loaded {
    pub model: FormModel,
    /// The province's place name for the date line ("Hưng Yên").
    pub place: String,
    pub lookup_url: Option<String>,
}

/// Loads `form` of dossier `code` for `staff` ([`cchc_app::dossiers::forms::form`]), with the
/// public lookup address of the receipt's QR code under `base`.
pub async fn load(
    state: &AppState,
    staff: &Staff,
    code: &str,
    form: &str,
    query: &FormQuery,
    base: Option<String>,
) -> Result<Loaded, AppError> {
    let actor = staff.current.actor();
    let doc = cchc_app::dossiers::forms::form(&state.app, &actor, code, form, query.n).await?;
    let lookup_url = (doc.form == Form::Receipt)
        .then(|| base.map(|b| format!("{b}/tra-cuu?ma={}", doc.record.code)))
        .flatten();
    Ok(Loaded {
        model: doc.model,
        place: super::form_view::place_of(&doc.province_name),
        lookup_url,
    })
}

#[derive(Template)]
#[template(path = "forms/receipt.html")]
struct ReceiptPage<'a> {
    head: SheetHead,
    m: &'a FormModel,
    b: &'a ReceiptBody,
    qr: Option<String>,
    lookup_url: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "forms/supplement.html")]
struct SupplementPage<'a> {
    head: SheetHead,
    m: &'a FormModel,
    b: &'a SupplementBody,
}

#[derive(Template)]
#[template(path = "forms/refusal.html")]
struct RefusalPage<'a> {
    head: SheetHead,
    m: &'a FormModel,
    b: &'a RefusalBody,
}

#[derive(Template)]
#[template(path = "forms/apology.html")]
struct ApologyPage<'a> {
    head: SheetHead,
    m: &'a FormModel,
    b: &'a ApologyBody,
}

#[derive(Template)]
#[template(path = "forms/stop.html")]
struct StopPage<'a> {
    head: SheetHead,
    m: &'a FormModel,
    b: &'a StopBody,
}

#[derive(Template)]
#[template(path = "forms/control.html")]
struct ControlPage<'a> {
    head: SheetHead,
    m: &'a FormModel,
    b: &'a ControlSheet,
}

/// The A4 page of a loaded form.
pub fn render(loaded: &Loaded) -> Response {
    let m = &loaded.model;
    let head = SheetHead::for_form(&m.header, &loaded.place);
    match &m.body {
        FormBody::Receipt(b) => ok(&ReceiptPage {
            head,
            m,
            b,
            qr: loaded.lookup_url.as_deref().and_then(lookup_qr),
            lookup_url: loaded.lookup_url.as_deref(),
        }),
        FormBody::SupplementRequest(b) => ok(&SupplementPage { head, m, b }),
        FormBody::Refusal(b) => ok(&RefusalPage { head, m, b }),
        FormBody::ApologyExtension(b) => ok(&ApologyPage { head, m, b }),
        FormBody::StopNotice(b) => ok(&StopPage { head, m, b }),
        FormBody::ControlSlip(b) => ok(&ControlPage { head, m, b }),
    }
}

/// GET `/ho-so/{code}/mau/{form}`: staff; 404 unknown form or dossier, 403 outside the
/// subtree, 409 when the form does not apply (as a Vietnamese error page).
pub async fn get(
    staff: Staff,
    State(state): State<AppState>,
    Path((code, form)): Path<(String, String)>,
    Query(query): Query<FormQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let base = base_url(&state, &headers);
    let loaded = load(&state, &staff, &code, &form, &query, base).await?;
    Ok(render(&loaded))
}
