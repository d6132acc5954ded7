//! Routes of the section: Dossier statistics and the QĐ 766 index: API, drill-down, dashboards, exports.

use super::RouteTable;
use crate::pages;

/// Adds this section's routes.
pub(super) fn routes(table: RouteTable) -> RouteTable {
    dashboards(table)
}

/// The dashboards, the drill-down pages and the workbook (HTML and xlsx).
fn dashboards(table: RouteTable) -> RouteTable {
    table
        .get("/chi-so", pages::kpi::dashboard::get)
        .get("/chi-so/xuat.xlsx", pages::kpi::export::get)
        .get("/chi-so/{metric}/ho-so", pages::kpi::drill::get)
        .get("/cong-khai/chi-so", pages::kpi::public::get)
}
