//! The state of a dossier: the fold of its events ([`super::replay`]).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::action::{Assignee, Intake};
use super::channel::Channel;
use super::code::DossierCode;
use super::deadline::{ProcedureTerms, TraceLine};
use super::rules::RuleSet;
use super::status::Status;
use crate::org::UnitCode;

/// A dossier, or nothing yet (before submission or receipt).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DossierState {
    pub dossier: Option<Dossier>,
}

impl DossierState {
    /// The state before any event.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The status; `None` before submission or receipt.
    #[must_use]
    pub fn status(&self) -> Option<Status> {
        self.dossier.as_ref().map(|d| d.status)
    }
}

/// Everything known about a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dossier {
    pub code: DossierCode,
    pub channel: Channel,
    pub status: Status,
    pub intake: Intake,
    pub submitted_at: Option<NaiveDateTime>,
    pub receipt: Option<Receipt>,
    /// Due times over time: the appointment at receipt first, then one entry per change.
    pub dues: Vec<DueEntry>,
    /// Who held the dossier, in order; the reception desk first.
    pub steps: Vec<Step>,
    pub supplements: Vec<SupplementRecord>,
    pub extension: Option<ExtensionRecord>,
    pub payments: Vec<PaymentRecord>,
    pub result: Option<ResultRecord>,
    pub returned: Option<ReturnRecord>,
    /// Refusal, stop or withdrawal (which one is given by the status).
    pub closure: Option<Closure>,
    /// Time of the last event.
    pub last_at: NaiveDateTime,
}

/// The receipt: when, by whom, and the rules and terms fixed by it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub at: NaiveDateTime,
    pub by: String,
    pub unit: UnitCode,
    pub rule_set: RuleSet,
    pub terms: ProcedureTerms,
}

/// Why a due time changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueCause {
    /// The appointment (hẹn trả) issued at receipt.
    Receipt,
    /// A supplement was completed.
    Supplement,
    /// An apology-extension (legal view only).
    Extension,
}

/// The due times in force from `from` on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueEntry {
    pub from: NaiveDateTime,
    /// Legal view: rule set's supplement policy and the extension.
    pub legal: NaiveDateTime,
    /// KPI view (QĐ 766): the appointment moved by supplement pauses only.
    pub kpi: NaiveDateTime,
    pub cause: DueCause,
    pub trace: Vec<TraceLine>,
}

/// One holder of the dossier (a row of the control sheet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub holder: Assignee,
    /// Who handed the dossier over (`None` for the reception desk).
    pub handed_by: Option<String>,
    pub started_at: NaiveDateTime,
    pub budget_hours: Option<u32>,
    pub due_at: Option<NaiveDateTime>,
    pub completed_at: Option<NaiveDateTime>,
    /// When the holder handed the dossier on (or the dossier ended).
    pub ended_at: Option<NaiveDateTime>,
}

impl Step {
    /// When the holder's work counts as done: completion, else hand-over.
    #[must_use]
    pub fn done_at(&self) -> Option<NaiveDateTime> {
        self.completed_at.or(self.ended_at)
    }
}

/// A supplement request and its completion (`NgayHenTraTruoc` / `NgayHenTraMoi`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplementRecord {
    pub requested_at: NaiveDateTime,
    pub requested_by: String,
    pub items: Vec<String>,
    pub reason: String,
    pub completed_at: Option<NaiveDateTime>,
    pub note: Option<String>,
    /// Legal due before the supplement.
    pub due_before: NaiveDateTime,
    /// Legal due after it.
    pub due_after: Option<NaiveDateTime>,
}

/// The apology-extension (at most one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionRecord {
    pub at: NaiveDateTime,
    pub by: String,
    pub apology: String,
    pub old_due: NaiveDateTime,
    pub new_due: NaiveDateTime,
}

/// A financial obligation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRecord {
    pub requested_at: NaiveDateTime,
    pub amount_vnd: u64,
    pub paid_at: Option<NaiveDateTime>,
    /// Paid through a payment platform (`DuocThanhToanTrucTuyen`).
    pub online: Option<bool>,
}

/// The result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultRecord {
    pub at: NaiveDateTime,
    pub result_codes: Vec<String>,
    pub files: Vec<String>,
    pub electronic: bool,
}

/// The return of the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnRecord {
    pub at: NaiveDateTime,
    pub channel: Channel,
    pub recorded_at: NaiveDateTime,
}

/// A refusal, stop or withdrawal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    pub at: NaiveDateTime,
    pub reason: Option<String>,
}

impl Dossier {
    /// The appointment issued at receipt.
    #[must_use]
    pub fn appointment(&self) -> Option<&DueEntry> {
        self.dues.first()
    }

    /// The due times in force now.
    #[must_use]
    pub fn due(&self) -> Option<&DueEntry> {
        self.dues.last()
    }

    /// The due times in force at `t` (the appointment before any change).
    #[must_use]
    pub fn due_as_of(&self, t: NaiveDateTime) -> Option<&DueEntry> {
        self.dues
            .iter()
            .rev()
            .find(|e| e.from <= t)
            .or_else(|| self.dues.first())
    }

    /// The step holding the dossier now.
    #[must_use]
    pub fn current_step(&self) -> Option<&Step> {
        self.steps.last().filter(|s| s.ended_at.is_none())
    }

    pub(crate) fn current_step_mut(&mut self) -> Option<&mut Step> {
        self.steps.last_mut().filter(|s| s.ended_at.is_none())
    }

    /// The supplement request waiting for the applicant.
    #[must_use]
    pub fn open_supplement(&self) -> Option<&SupplementRecord> {
        self.supplements.last().filter(|s| s.completed_at.is_none())
    }

    /// The payment request not yet paid.
    #[must_use]
    pub fn outstanding_payment(&self) -> Option<&PaymentRecord> {
        self.payments.iter().find(|p| p.paid_at.is_none())
    }

    /// When the dossier ended, by the QĐ 766 priority: resolved (result ready) before returned
    /// before stopped, refused or withdrawn.
    #[must_use]
    pub fn ended_at(&self) -> Option<NaiveDateTime> {
        match (&self.result, &self.returned, &self.closure) {
            (Some(r), _, _) => Some(r.at),
            (None, Some(r), _) => Some(r.at),
            (None, None, Some(c)) => Some(c.at),
            (None, None, None) => None,
        }
    }
}
