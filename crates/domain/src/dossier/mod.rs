//! One-stop dossiers (một cửa): channels, statuses, codes, rule sets and forms (domain.md §5,
//! issue 4).

mod channel;
mod code;
mod rules;
mod status;

pub use channel::Channel;
pub use code::DossierCode;
pub use rules::{Form, FormNumber, RuleSet, SupplementPolicy};
pub use status::Status;
