//! `/tra-cuu?ma=CODE`: the public dossier lookup page (form and result), without login. The
//! timeline names units (never officers); an unknown code gets the same sections, each saying
//! that nothing was found.

use super::{Layout, ok};
use crate::auth::CurrentUser;
use crate::auth::client::ClientAddress;
use crate::auth::rate_limit::{LookupLimiter, rate_limited};
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Extension, Query, State};
use axum::response::Response;
use cchc_app::dossiers::lookup::{PublicDossier, lookup};
use serde::Deserialize;

/// The query string.
#[derive(Debug, Deserialize)]
pub struct LookupQuery {
    #[serde(default)]
    ma: Option<String>,
}

/// One timeline row as shown.
struct Row {
    label: &'static str,
    unit: String,
    at: String,
}

#[derive(Template)]
#[template(path = "lookup.html")]
struct LookupPage {
    layout: Layout,
    code: String,
    searched: bool,
    found: Option<PublicDossier>,
    rows: Vec<Row>,
}

/// `2026-03-02T09:00:00+07:00` as `02/03/2026 09:00`; anything else unchanged.
fn display(iso: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(iso).map_or_else(
        |_| iso.to_owned(),
        |t| t.format("%d/%m/%Y %H:%M").to_string(),
    )
}

fn rows(view: Option<&PublicDossier>) -> Vec<Row> {
    view.map(|v| {
        v.timeline
            .iter()
            .map(|s| Row {
                label: s.label,
                unit: s.unit_name.clone(),
                at: display(&s.at),
            })
            .collect()
    })
    .unwrap_or_default()
}

/// GET `/tra-cuu`: the form; with `ma`, the dossier's public view or a not-found message.
pub async fn get(
    State(state): State<AppState>,
    Extension(limiter): Extension<LookupLimiter>,
    ClientAddress(address): ClientAddress,
    current: Option<CurrentUser>,
    Query(query): Query<LookupQuery>,
) -> Result<Response, AppError> {
    let code = query.ma.unwrap_or_default().trim().to_owned();
    let searched = !code.is_empty();
    let mut found = None;
    if searched {
        if !limiter.allow(&address) {
            return Err(rate_limited());
        }
        found = lookup(&state.app, &code).await?;
    }
    let mut page = LookupPage {
        layout: Layout::new("Tra cứu hồ sơ", current.as_ref(), "lookup"),
        rows: rows(found.as_ref()),
        code,
        searched,
        found,
    };
    if let Some(v) = page.found.as_mut() {
        v.due_at = v.due_at.as_deref().map(display);
        v.received_at = v.received_at.as_deref().map(display);
        v.returned_at = v.returned_at.as_deref().map(display);
    }
    Ok(ok(&page))
}
