//! Routes of the section: The reform plan: overview, targets, task board, public page, exports.

use super::RouteTable;

/// Adds this section's routes.
pub(super) fn routes(table: RouteTable) -> RouteTable {
    table
}
