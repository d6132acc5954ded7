//! Routes of the section: Printable dossier forms (Mẫu 01–04, stop notice, control sheet, register).

use super::RouteTable;
use crate::{api, pages};

/// Adds this section's routes.
pub(super) fn routes(table: RouteTable) -> RouteTable {
    table
        .get("/ho-so/{code}/mau/{form}", pages::forms::get)
        .get("/so-theo-doi", pages::register::get)
        .get("/api/v1/dossiers/{code}/forms/{form}", api::forms::get)
}
