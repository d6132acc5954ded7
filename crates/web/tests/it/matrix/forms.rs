//! Role-matrix rows of the forms section's routes.

use super::{Case, Kind, REACH_SNV, STAFF, case};
use axum::http::Method;

/// One row per route of the section (and per interesting unit).
#[rustfmt::skip]
pub(super) fn cases() -> Vec<Case> {
    use Kind::*;
    let get = || Method::GET;
    vec![
        case(get(), "/ho-so/{code}/mau/{form}", "/ho-so/H31-990101-0001/mau/receipt", Page, STAFF).ok(404),
        case(get(), "/so-theo-doi", "/so-theo-doi", Page, STAFF),
        case(get(), "/so-theo-doi", "/so-theo-doi?unit=H31.SNV&sector=G15-TP07&period=2026", Page, REACH_SNV),
        case(get(), "/api/v1/dossiers/{code}/forms/{form}", "/api/v1/dossiers/H31-990101-0001/forms/receipt", Api, STAFF).ok(404),
    ]
}
