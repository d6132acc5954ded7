//! Routes of the section: Dossier statistics and the QĐ 766 index: API, drill-down, dashboards, exports.

use super::RouteTable;
use crate::{api, pages};

/// Adds this section's routes.
pub(super) fn routes(table: RouteTable) -> RouteTable {
    json_api(dashboards(table))
}

/// The JSON API: figures from the live aggregate, the drill-down, status and rebuild.
fn json_api(table: RouteTable) -> RouteTable {
    table
        .get("/api/v1/kpi/stats", api::kpi::stats)
        .get("/api/v1/kpi/766", api::kpi::i766)
        .get("/api/v1/kpi/766/{metric}/dossiers", api::kpi::losses)
        .get("/api/v1/kpi/status", api::kpi::status)
        .post("/api/v1/kpi/rebuild", api::kpi::rebuild)
}

/// The dashboards, the drill-down pages and the workbook (HTML and xlsx).
fn dashboards(table: RouteTable) -> RouteTable {
    table
        .get("/chi-so", pages::kpi::dashboard::get)
        .get("/chi-so/xuat.xlsx", pages::kpi::export::get)
        .get("/chi-so/{metric}/ho-so", pages::kpi::drill::get)
        .get("/cong-khai/chi-so", pages::kpi::public::get)
}
