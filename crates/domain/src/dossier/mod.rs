//! One-stop dossiers (một cửa): channels, statuses, codes, rule sets and forms, the lifecycle as
//! a pure state machine over events, deadlines and timeliness (docs/DOMAIN.md § Dossiers).
//!
//! [`apply`] takes the state, an [`Action`] and its [`ActionContext`] (actor, unit, local time,
//! working calendar) and returns the new state with the [`Event`] that records it, or a
//! [`Refusal`] with a Vietnamese and an English sentence. The state is the fold of the events
//! ([`replay`]); events carry every computed due time, so replay needs no calendar.

mod action;
mod channel;
mod code;
mod deadline;
mod decide;
mod decide_due;
mod decide_result;
mod event;
mod evolve;
mod machine;
mod refusal;
mod roles;
mod rules;
mod state;
mod status;
pub mod timeliness;

#[cfg(test)]
mod tests;

pub use crate::forms::{Form, FormNumber};
pub use action::{Action, ActionContext, ActionKind, Assignee, Component, Intake, Reuse};
pub use channel::Channel;
pub use code::DossierCode;
pub use deadline::{ProcedureTerms, TraceLine, add_working_minutes, appointment, extend_by_pause};
pub use event::{DueChange, Event, EventPayload};
pub use evolve::replay;
pub use machine::{allowed_actions, apply, permits};
pub use refusal::{Refusal, RefusalKind};
pub use roles::{ActingUnit, acting_unit, actions_for, role_may};
pub use rules::{RuleSet, SupplementPolicy};
pub use state::{
    Closure, Dossier, DossierState, DueCause, DueEntry, ExtensionRecord, PaymentRecord, Receipt,
    ResultRecord, ReturnRecord, Step, SupplementRecord,
};
pub use status::Status;
pub use timeliness::{
    Progress, Timeliness, Verdict, View, dossier_verdict, kpi_verdict, legal_verdict, step_verdict,
};
