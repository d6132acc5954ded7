//! Folding events into the state. Total: an event that does not fit the state (which
//! [`super::apply`] never produces) leaves it unchanged.

use chrono::NaiveDateTime;

use super::action::{Assignee, Intake};
use super::channel::Channel;
use super::deadline::TraceLine;
use super::event::{DueChange, Event, EventPayload};
use super::state::{
    Closure, Dossier, DossierState, DueCause, DueEntry, ExtensionRecord, PaymentRecord, Receipt,
    ResultRecord, ReturnRecord, Step, SupplementRecord,
};
use super::status::Status;

/// The state after `events`, in order, from nothing.
#[must_use]
pub fn replay<'a>(events: impl IntoIterator<Item = &'a Event>) -> DossierState {
    let mut state = DossierState::new();
    for e in events {
        state.apply_event(e);
    }
    state
}

impl DossierState {
    /// Applies one event.
    pub fn apply_event(&mut self, e: &Event) {
        match (&mut self.dossier, &e.payload) {
            (None, EventPayload::Submitted { intake }) => {
                self.dossier = Some(new_dossier(e, Channel::Online, Status::Submitted, intake));
            }
            (slot, EventPayload::Received { .. }) => received(slot, e),
            (Some(d), _) => {
                d.apply(e);
                d.last_at = e.at;
            }
            (None, _) => {}
        }
    }
}

fn new_dossier(e: &Event, channel: Channel, status: Status, intake: &Intake) -> Dossier {
    Dossier {
        code: intake.code.clone(),
        channel,
        status,
        intake: intake.clone(),
        submitted_at: (status == Status::Submitted).then_some(e.at),
        receipt: None,
        dues: Vec::new(),
        steps: Vec::new(),
        supplements: Vec::new(),
        extension: None,
        payments: Vec::new(),
        result: None,
        returned: None,
        closure: None,
        last_at: e.at,
    }
}

fn received(slot: &mut Option<Dossier>, e: &Event) {
    let EventPayload::Received {
        channel,
        intake,
        terms,
        rule_set,
        due_at,
        trace,
    } = &e.payload
    else {
        return;
    };
    let d = slot.get_or_insert_with(|| new_dossier(e, *channel, Status::Received, intake));
    d.channel = *channel;
    d.status = Status::Received;
    d.intake = intake.clone();
    d.receipt = Some(Receipt {
        at: e.at,
        by: e.actor.clone(),
        unit: e.unit.clone(),
        rule_set: *rule_set,
        terms: *terms,
    });
    d.dues = vec![DueEntry {
        from: e.at,
        legal: *due_at,
        kpi: *due_at,
        cause: DueCause::Receipt,
        trace: trace.clone(),
    }];
    d.steps = vec![Step {
        holder: Assignee {
            unit: e.unit.clone(),
            officer: Some(e.actor.clone()),
        },
        handed_by: None,
        started_at: e.at,
        budget_hours: None,
        due_at: None,
        completed_at: None,
        ended_at: None,
    }];
    d.last_at = e.at;
}

impl Dossier {
    fn apply(&mut self, e: &Event) {
        let at = e.at;
        match &e.payload {
            EventPayload::Submitted { .. } | EventPayload::Received { .. } => {}
            EventPayload::Refused { reason } => self.close(Status::Refused, e, Some(reason)),
            EventPayload::Stopped { reason } => self.close(Status::Stopped, e, Some(reason)),
            EventPayload::Withdrawn { reason } => self.close(Status::Withdrawn, e, reason.as_ref()),
            EventPayload::SupplementRequested { items, reason } => {
                self.supplement_requested(e, items, reason);
            }
            EventPayload::Supplemented { note, due } => self.supplemented(e, note, due),
            EventPayload::Forwarded {
                to,
                budget_hours,
                due_at,
            } => self.forwarded(e, to, *budget_hours, *due_at),
            EventPayload::StepCompleted { .. } => {
                if let Some(s) = self.current_step_mut() {
                    s.completed_at = Some(at);
                }
            }
            EventPayload::PaymentRequested { amount_vnd } => {
                self.status = Status::AwaitingPayment;
                self.payments.push(PaymentRecord {
                    requested_at: at,
                    amount_vnd: *amount_vnd,
                    paid_at: None,
                    online: None,
                });
            }
            EventPayload::Paid { online } => self.paid(at, *online),
            EventPayload::ExtensionProposed { apology, new_due } => {
                self.extended(e, apology, *new_due);
            }
            EventPayload::Finished {
                result_codes,
                files,
                electronic,
            } => self.finished(ResultRecord {
                at,
                result_codes: result_codes.clone(),
                files: files.clone(),
                electronic: *electronic,
            }),
            EventPayload::Returned { channel, at: when } => {
                self.status = Status::Returned;
                self.returned = Some(ReturnRecord {
                    at: *when,
                    channel: *channel,
                    recorded_at: at,
                });
            }
        }
    }

    fn finished(&mut self, result: ResultRecord) {
        self.status = Status::Resolved;
        self.end_step(result.at);
        self.result = Some(result);
    }

    fn close(&mut self, status: Status, e: &Event, reason: Option<&String>) {
        self.status = status;
        self.end_step(e.at);
        self.closure = Some(Closure {
            at: e.at,
            reason: reason.cloned(),
        });
    }

    /// Ends the current step; its work counts as done then unless completed earlier.
    fn end_step(&mut self, at: NaiveDateTime) {
        if let Some(s) = self.current_step_mut() {
            s.completed_at.get_or_insert(at);
            s.ended_at = Some(at);
        }
    }

    fn supplement_requested(&mut self, e: &Event, items: &[String], reason: &str) {
        let Some(due) = self.due().map(|d| d.legal) else {
            return;
        };
        self.status = Status::AwaitingSupplement;
        self.supplements.push(SupplementRecord {
            requested_at: e.at,
            requested_by: e.actor.clone(),
            items: items.to_vec(),
            reason: reason.to_owned(),
            completed_at: None,
            note: None,
            due_before: due,
            due_after: None,
        });
    }

    fn supplemented(&mut self, e: &Event, note: &Option<String>, due: &DueChange) {
        self.status = Status::Processing;
        if let Some(s) = self.supplements.last_mut() {
            s.completed_at = Some(e.at);
            s.note.clone_from(note);
            s.due_after = Some(due.legal);
        }
        self.dues.push(DueEntry {
            from: e.at,
            legal: due.legal,
            kpi: due.kpi,
            cause: DueCause::Supplement,
            trace: due.trace.clone(),
        });
        if let (Some(s), Some(step_due)) = (self.current_step_mut(), due.step) {
            s.due_at = Some(step_due);
        }
    }

    fn forwarded(&mut self, e: &Event, to: &Assignee, budget: u32, due_at: NaiveDateTime) {
        self.status = Status::Processing;
        self.end_step(e.at);
        self.steps.push(Step {
            holder: to.clone(),
            handed_by: Some(e.actor.clone()),
            started_at: e.at,
            budget_hours: Some(budget),
            due_at: Some(due_at),
            completed_at: None,
            ended_at: None,
        });
    }

    fn paid(&mut self, at: NaiveDateTime, online: bool) {
        if let Some(p) = self.payments.iter_mut().find(|p| p.paid_at.is_none()) {
            p.paid_at = Some(at);
            p.online = Some(online);
        }
        if self.status == Status::AwaitingPayment {
            self.status = Status::Processing;
        }
    }

    fn extended(&mut self, e: &Event, apology: &str, new_due: NaiveDateTime) {
        let Some(current) = self.due().cloned() else {
            return;
        };
        self.extension = Some(ExtensionRecord {
            at: e.at,
            by: e.actor.clone(),
            apology: apology.to_owned(),
            old_due: current.legal,
            new_due,
        });
        self.dues.push(DueEntry {
            from: e.at,
            legal: new_due,
            kpi: current.kpi,
            cause: DueCause::Extension,
            trace: vec![extension_line(current.legal, new_due)],
        });
    }
}

fn extension_line(old: NaiveDateTime, new: NaiveDateTime) -> TraceLine {
    use super::deadline::{en_at, vi_at};
    TraceLine {
        step: "extension".to_owned(),
        vi: format!(
            "Xin lỗi và hẹn lại ngày trả kết quả: hạn {} đổi thành {} (chỉ số QĐ 766 vẫn tính theo hạn cũ).",
            vi_at(old),
            vi_at(new)
        ),
        en: format!(
            "Apology and new return date: due {} becomes {} (the QĐ 766 view keeps the old due).",
            en_at(old),
            en_at(new)
        ),
    }
}
