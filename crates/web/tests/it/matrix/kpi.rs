//! Role-matrix rows of the kpi section's routes.

use super::{ALL, Case, Kind, REACH_SNV, STAFF, case};
use axum::http::Method;

/// One row per route of the section (and per interesting unit).
#[rustfmt::skip]
pub(super) fn cases() -> Vec<Case> {
    let mut all = Vec::new();
    all.extend(dashboards());
    all
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
