//! The official one-stop forms (docs/DOMAIN.md § Forms): the catalogue keyed by name
//! with each circular's numbering (TT 01/2018/TT-VPCP, TT 03/2025/TT-VPCP) chosen by the
//! dossier's rule set, which forms apply to a dossier, the form models the web crate prints
//! (the control sheet generated from the events), and the register's rows.

mod applicable;
mod catalogue;
pub mod control;
mod input;
mod letters;
mod model;
pub mod register;

#[cfg(test)]
mod tests;

pub use applicable::{FormLink, NotApplicable, applicable, applies, issued_at, rule_set_of};
pub use catalogue::{Circular, Form, FormNumber, NUMBERING, Numbering, numbering};
pub use control::{ControlRow, ControlSheet, Holder, RowKind, control_sheet};
pub use input::{Directory, FormInput, Person, ProcedureInfo, iso, vi_time};
pub use letters::{ApologyBody, ComponentLine, ReceiptBody, RefusalBody, StopBody, SupplementBody};
pub use model::{FormBody, FormHeader, FormModel, build};
