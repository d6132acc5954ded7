//! Events: what an applied action changed, with actor, unit and time. The current state of a
//! dossier is the fold of its events ([`super::replay`]).
//!
//! Events carry every computed value (due times and their traces), so replaying them needs no
//! calendar and gives the same state even after the calendar data is edited.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::action::{Assignee, Intake};
use super::channel::Channel;
use super::deadline::{ProcedureTerms, TraceLine};
use super::rules::RuleSet;
use crate::org::UnitCode;

/// One applied action; serialised as `{"actor", "unit", "at", "kind", "payload"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub actor: String,
    pub unit: UnitCode,
    /// Local time, Asia/Ho_Chi_Minh.
    pub at: NaiveDateTime,
    #[serde(flatten)]
    pub payload: EventPayload,
}

impl Event {
    /// The stable kind (`received`, `forwarded`, …).
    #[must_use]
    pub fn kind(&self) -> &'static str {
        self.payload.kind()
    }
}

/// The new due times after a supplement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueChange {
    /// Legal view (restart or pause, by the rule set).
    pub legal: NaiveDateTime,
    /// KPI view (always pause).
    pub kpi: NaiveDateTime,
    /// The open step's due time, moved by the pause.
    pub step: Option<NaiveDateTime>,
    pub trace: Vec<TraceLine>,
}

/// What happened, with the data needed to rebuild the state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
pub enum EventPayload {
    Submitted {
        intake: Intake,
    },
    Received {
        channel: Channel,
        intake: Intake,
        terms: ProcedureTerms,
        rule_set: RuleSet,
        due_at: NaiveDateTime,
        trace: Vec<TraceLine>,
    },
    Refused {
        reason: String,
    },
    SupplementRequested {
        items: Vec<String>,
        reason: String,
    },
    Supplemented {
        note: Option<String>,
        due: DueChange,
    },
    Forwarded {
        to: Assignee,
        budget_hours: u32,
        due_at: NaiveDateTime,
    },
    StepCompleted {
        note: Option<String>,
    },
    PaymentRequested {
        amount_vnd: u64,
    },
    Paid {
        online: bool,
    },
    ExtensionProposed {
        apology: String,
        new_due: NaiveDateTime,
    },
    Stopped {
        reason: String,
    },
    Withdrawn {
        reason: Option<String>,
    },
    Finished {
        result_codes: Vec<String>,
        files: Vec<String>,
        electronic: bool,
    },
    Returned {
        channel: Channel,
        at: NaiveDateTime,
    },
}

impl EventPayload {
    /// The stable kind, as serialised.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            EventPayload::Submitted { .. } => "submitted",
            EventPayload::Received { .. } => "received",
            EventPayload::Refused { .. } => "refused",
            EventPayload::SupplementRequested { .. } => "supplement_requested",
            EventPayload::Supplemented { .. } => "supplemented",
            EventPayload::Forwarded { .. } => "forwarded",
            EventPayload::StepCompleted { .. } => "step_completed",
            EventPayload::PaymentRequested { .. } => "payment_requested",
            EventPayload::Paid { .. } => "paid",
            EventPayload::ExtensionProposed { .. } => "extension_proposed",
            EventPayload::Stopped { .. } => "stopped",
            EventPayload::Withdrawn { .. } => "withdrawn",
            EventPayload::Finished { .. } => "finished",
            EventPayload::Returned { .. } => "returned",
        }
    }
}
