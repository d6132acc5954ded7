//! Role-matrix rows of the office section's routes: the inbox and the dossier page (staff; the
//! page also for the citizen who submitted the dossier), the reception desk (reception
//! officers) and online submission (citizens).

use super::{ALL, Case, Kind, RECEPTION, STAFF, case};
use axum::http::Method;

/// The demo citizen.
const CITIZEN: &[&str] = &["congdan"];

/// One row per route of the section (and per interesting query).
#[rustfmt::skip]
pub(super) fn cases() -> Vec<Case> {
    use Kind::*;
    let (get, post) = (|| Method::GET, || Method::POST);
    vec![
        case(get(), "/ho-so", "/ho-so", Page, STAFF),
        case(get(), "/ho-so", "/ho-so?trang_thai=tat-ca&qua_han=1&den_han=3&ma=0001", Page, STAFF),
        case(get(), "/ho-so/{code}", "/ho-so/H31-990101-0001", Page, ALL).ok(404),
        case(post(), "/ho-so/{code}/thao-tac", "/ho-so/H31-990101-0001/thao-tac", Page, ALL).ok(404),
        case(get(), "/tiep-nhan", "/tiep-nhan", Page, RECEPTION),
        case(get(), "/tiep-nhan", "/tiep-nhan?q=khai%20sinh&thu_tuc=1.001193", Page, RECEPTION),
        case(post(), "/tiep-nhan", "/tiep-nhan", Page, RECEPTION).ok(422),
        case(get(), "/nop-ho-so", "/nop-ho-so", Page, CITIZEN),
        case(get(), "/nop-ho-so", "/nop-ho-so?thu_tuc=1.001193", Page, CITIZEN),
        case(post(), "/nop-ho-so", "/nop-ho-so", Page, CITIZEN).ok(422),
        case(get(), "/ho-so-cua-toi", "/ho-so-cua-toi", Page, CITIZEN),
    ]
}
