//! Routes of the section: Printable dossier forms (Mẫu 01–04, stop notice, control sheet, register).

use super::RouteTable;

/// Adds this section's routes.
pub(super) fn routes(table: RouteTable) -> RouteTable {
    table
}
