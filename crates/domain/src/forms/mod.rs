//! The official one-stop forms (domain.md §5.4, issue 4 item 5): the catalogue keyed by name
//! with each circular's numbering (TT 01/2018/TT-VPCP, TT 03/2025/TT-VPCP) chosen by the
//! dossier's rule set, which forms apply to a dossier, and the form models the web crate
//! prints.

mod applicable;
mod catalogue;

#[cfg(test)]
mod tests;

pub use applicable::{FormLink, NotApplicable, applicable, applies, issued_at, rule_set_of};
pub use catalogue::{Circular, Form, FormNumber, NUMBERING, Numbering, numbering};
