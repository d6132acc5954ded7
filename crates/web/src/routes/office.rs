//! Routes of the section: Officer pages: inbox, reception desk, dossier page, online submission.

use super::RouteTable;

/// Adds this section's routes.
pub(super) fn routes(table: RouteTable) -> RouteTable {
    table
}
