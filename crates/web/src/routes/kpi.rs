//! Routes of the section: Dossier statistics and the QĐ 766 index: API, drill-down, dashboards, exports.

use super::RouteTable;

/// Adds this section's routes.
pub(super) fn routes(table: RouteTable) -> RouteTable {
    table
}
