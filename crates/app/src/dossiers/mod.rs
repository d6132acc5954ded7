//! One-stop dossiers: receiving at the desk, submitting online, acting on a dossier, reading
//! one. Who may do what is checked here for every door; who may act on an existing dossier is
//! decided by the store's writer against the dossier it has locked ([`access::guard`]).

pub mod access;
pub mod act;
pub mod desks;
pub mod forms;
pub mod intake;
pub mod lookup;
pub mod read;

pub use access::{may_act, may_read};
pub use act::act;
pub use desks::{UnitChoice, desks, proposed_competent};
pub use intake::{receive, submit_online};
pub use read::{detail, record};

use crate::Error;
use cchc_domain::dossier::DossierCode;

/// 404 for a dossier code nobody has (or the caller may not know of).
pub fn unknown(code: &str) -> Error {
    Error::not_found(format!("Không tìm thấy hồ sơ mã {}.", code.trim()))
}

/// The code typed or asked for, parsed: 404 when it cannot be a dossier code.
pub fn parse_code(code: &str) -> Result<DossierCode, Error> {
    DossierCode::parse(code.trim()).map_err(|_| unknown(code))
}
