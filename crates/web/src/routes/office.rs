//! Routes of the section: Officer pages: inbox, reception desk, dossier page, online submission.

use super::RouteTable;
use crate::pages::office;

/// Adds this section's routes.
pub(super) fn routes(table: RouteTable) -> RouteTable {
    table
        .get("/ho-so", office::inbox::get)
        .get("/ho-so/{code}", office::dossier::get)
        .post("/ho-so/{code}/thao-tac", office::act::post)
        .get("/tiep-nhan", office::reception::get)
        .post("/tiep-nhan", office::reception::post)
        .get("/nop-ho-so", office::submit::get)
        .post("/nop-ho-so", office::submit::post)
        .get("/ho-so-cua-toi", office::mine::get)
}
