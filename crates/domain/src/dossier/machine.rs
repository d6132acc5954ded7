//! The lifecycle as a pure function: [`apply`] checks an action against the state and the
//! rules, and returns the new state with the event that records it.
//!
//! Transitions (docs/DOMAIN.md § Actions and transitions):
//!
//! | Status | Allowed actions |
//! |---|---|
//! | (none) | submit (online), receive (direct, postal) |
//! | 1 Submitted | receive, refuse, withdraw |
//! | 2 Received | forward, withdraw |
//! | 4 Processing | forward, complete step, request supplement, request payment, propose extension, finish, stop, withdraw |
//! | 5 AwaitingSupplement | supplement, stop |
//! | 6 AwaitingPayment | pay, finish |
//! | 9 Resolved | pay (an outstanding request), return |
//! | 3, 7, 8, 10 | none |
//!
//! An action's time may not be earlier than the dossier's last event.

use super::action::{Action, ActionContext, ActionKind};
use super::decide;
use super::event::{Event, EventPayload};
use super::refusal::Refusal;
use super::state::DossierState;
use super::status::Status;

/// Applies `action` to `state`: the new state and the event, or why it is refused.
pub fn apply(
    state: &DossierState,
    action: &Action,
    ctx: &ActionContext<'_>,
) -> Result<(DossierState, Event), Refusal> {
    let payload = decide_payload(state, action, ctx)?;
    let event = Event {
        actor: ctx.actor.to_owned(),
        unit: ctx.unit.clone(),
        at: ctx.at,
        payload,
    };
    let mut next = state.clone();
    next.apply_event(&event);
    Ok((next, event))
}

/// Whether an action of `kind` is allowed in `status` (`None`: no dossier yet).
#[must_use]
pub fn permits(status: Option<Status>, kind: ActionKind) -> bool {
    use ActionKind as A;
    match status {
        None => matches!(kind, A::Submit | A::Receive),
        Some(Status::Submitted) => matches!(kind, A::Receive | A::Refuse | A::Withdraw),
        Some(Status::Received) => matches!(kind, A::Forward | A::Withdraw),
        Some(Status::Processing) => matches!(
            kind,
            A::Forward
                | A::CompleteStep
                | A::RequestSupplement
                | A::RequestPayment
                | A::ProposeExtension
                | A::Finish
                | A::Stop
                | A::Withdraw
        ),
        Some(Status::AwaitingSupplement) => matches!(kind, A::Supplement | A::Stop),
        Some(Status::AwaitingPayment) => matches!(kind, A::Pay | A::Finish),
        Some(Status::Resolved) => matches!(kind, A::Pay | A::Return),
        Some(Status::Refused | Status::Withdrawn | Status::Stopped | Status::Returned) => false,
    }
}

/// The kinds of action allowed in `status`, in lifecycle order (the dossier page's buttons;
/// an allowed action may still be refused by a rule, e.g. a second extension).
#[must_use]
pub fn allowed_actions(status: Option<Status>) -> Vec<ActionKind> {
    ActionKind::ALL
        .into_iter()
        .filter(|k| permits(status, *k))
        .collect()
}

fn decide_payload(
    state: &DossierState,
    action: &Action,
    ctx: &ActionContext<'_>,
) -> Result<EventPayload, Refusal> {
    let status = state.status();
    if !permits(status, action.kind()) {
        return Err(Refusal::not_allowed(status, action.kind()));
    }
    if let Some(d) = &state.dossier
        && ctx.at < d.last_at
    {
        return Err(Refusal::rule(
            format!(
                "Thời điểm thao tác ({}) sớm hơn thao tác trước đó ({}).",
                super::deadline::vi_at(ctx.at),
                super::deadline::vi_at(d.last_at)
            ),
            format!(
                "The action's time ({}) is before the previous action ({}).",
                super::deadline::en_at(ctx.at),
                super::deadline::en_at(d.last_at)
            ),
        ));
    }
    match (action, &state.dossier) {
        (Action::Submit { intake }, _) => decide::submit(intake, ctx),
        (
            Action::Receive {
                channel,
                intake,
                terms,
            },
            d,
        ) => decide::receive(d.as_ref(), *channel, intake, terms, ctx),
        (_, Some(d)) => decide::on_dossier(d, action, ctx),
        (_, None) => Err(Refusal::not_allowed(status, action.kind())),
    }
}
