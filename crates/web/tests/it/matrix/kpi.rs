//! Role-matrix rows of the kpi section's routes.

use super::{ADMIN_ONLY, ALL, Case, Kind, REACH_SNV, STAFF, case};
use axum::http::Method;

/// One row per route of the section (and per interesting unit).
#[rustfmt::skip]
pub(super) fn cases() -> Vec<Case> {
    let mut all = Vec::new();
    all.extend(dashboards());
    all.extend(api());
    all
}

/// The JSON API: figures and drill-down for staff within their subtree, the live
/// aggregate's status for staff, a rebuild for the system admin.
#[rustfmt::skip]
fn api() -> Vec<Case> {
    use Kind::*;
    let (get, post) = (|| Method::GET, || Method::POST);
    vec![
        case(get(), "/api/v1/kpi/stats", "/api/v1/kpi/stats?period=2025", Api, STAFF),
        case(get(), "/api/v1/kpi/stats", "/api/v1/kpi/stats?unit=H31.SNV&period=2025", Api, REACH_SNV),
        case(get(), "/api/v1/kpi/766", "/api/v1/kpi/766?period=2025-Q3", Api, STAFF),
        case(get(), "/api/v1/kpi/766", "/api/v1/kpi/766?unit=H31.SNV&period=2025&as_of=2025-09-30", Api, REACH_SNV),
        case(get(), "/api/v1/kpi/766/{metric}/dossiers", "/api/v1/kpi/766/2.1/dossiers?period=2025", Api, STAFF),
        case(get(), "/api/v1/kpi/766/{metric}/dossiers", "/api/v1/kpi/766/REUSED_DIGITIZED_DATA/dossiers?unit=H31.SNV&period=2025-09", Api, REACH_SNV),
        case(get(), "/api/v1/kpi/status", "/api/v1/kpi/status", Api, STAFF),
        case(post(), "/api/v1/kpi/rebuild", "/api/v1/kpi/rebuild", Api, ADMIN_ONLY).ok(202),
    ]
}

/// The dashboards, drill-down pages and workbook (HTML and xlsx): staff within their
/// subtree; the public page for everyone.
#[rustfmt::skip]
fn dashboards() -> Vec<Case> {
    use Kind::*;
    let get = || Method::GET;
    vec![
        case(get(), "/chi-so", "/chi-so?period=2025", Page, STAFF),
        case(get(), "/chi-so", "/chi-so?unit=H31.SNV&period=2025", Page, REACH_SNV),
        case(get(), "/chi-so/{metric}/ho-so", "/chi-so/2.1/ho-so?period=2025", Page, STAFF),
        case(get(), "/chi-so/{metric}/ho-so", "/chi-so/REUSED_DIGITIZED_DATA/ho-so?unit=H31.SNV&period=2025-Q3", Page, REACH_SNV),
        case(get(), "/chi-so/xuat.xlsx", "/chi-so/xuat.xlsx?period=2025", Page, STAFF),
        case(get(), "/chi-so/xuat.xlsx", "/chi-so/xuat.xlsx?unit=H31.SNV&period=2025", Page, REACH_SNV),
        case(get(), "/cong-khai/chi-so", "/cong-khai/chi-so?period=2025", Public, ALL),
    ]
}
