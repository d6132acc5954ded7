//! Who may take which action: the one-stop desk receives, hands over and returns; specialists
//! process; unit leaders also decide (finish, stop, extension); the applicant submits and
//! withdraws. Monitoring roles (PAR administration, appraisers, system administrators) only
//! read. The status decides what is possible at all ([`super::permits`]); this decides who.

use super::action::ActionKind;
use super::machine::permits;
use super::status::Status;
use crate::Role;

/// Whether a user of `role` may take actions of `kind` (in a status that permits them).
#[must_use]
pub fn role_may(role: Role, kind: ActionKind) -> bool {
    use ActionKind as A;
    match role {
        Role::Citizen => matches!(kind, A::Submit | A::Withdraw),
        Role::ReceptionOfficer => matches!(
            kind,
            A::Receive
                | A::Refuse
                | A::RequestSupplement
                | A::Supplement
                | A::Forward
                | A::Pay
                | A::Withdraw
                | A::Return
        ),
        Role::Specialist => matches!(
            kind,
            A::Forward
                | A::CompleteStep
                | A::RequestSupplement
                | A::RequestPayment
                | A::ProposeExtension
        ),
        Role::UnitLeader => matches!(
            kind,
            A::Forward
                | A::CompleteStep
                | A::RequestSupplement
                | A::RequestPayment
                | A::ProposeExtension
                | A::Stop
                | A::Finish
        ),
        Role::ParAdmin | Role::Appraiser | Role::SystemAdmin => false,
    }
}

/// Where an action is taken: at the one-stop desk that received the dossier, or by the unit
/// holding it now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActingUnit {
    /// The receiving unit's desk (receipt, refusal, supplement, payment, withdrawal, return).
    Receiving,
    /// The holder of the current step (processing, hand-over, decision).
    Holder,
}

/// The unit of a dossier whose staff take actions of `kind`.
#[must_use]
pub const fn acting_unit(kind: ActionKind) -> ActingUnit {
    use ActionKind as A;
    match kind {
        A::Submit | A::Receive | A::Refuse | A::Supplement | A::Pay | A::Withdraw | A::Return => {
            ActingUnit::Receiving
        }
        A::RequestSupplement
        | A::Forward
        | A::CompleteStep
        | A::RequestPayment
        | A::ProposeExtension
        | A::Stop
        | A::Finish => ActingUnit::Holder,
    }
}

/// The actions a user of `role` may take on a dossier in `status`, in lifecycle order (the
/// forms of the dossier page).
#[must_use]
pub fn actions_for(role: Role, status: Option<Status>) -> Vec<ActionKind> {
    ActionKind::ALL
        .into_iter()
        .filter(|k| permits(status, *k) && role_may(role, *k))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desk_receives_and_returns_the_leader_finishes() {
        use ActionKind as A;
        let desk = actions_for(Role::ReceptionOfficer, Some(Status::Submitted));
        assert_eq!(desk, [A::Receive, A::Refuse, A::Withdraw]);
        assert_eq!(
            actions_for(Role::ReceptionOfficer, Some(Status::Resolved)),
            [A::Pay, A::Return]
        );
        let specialist = actions_for(Role::Specialist, Some(Status::Processing));
        assert!(specialist.contains(&A::CompleteStep) && !specialist.contains(&A::Finish));
        assert!(actions_for(Role::UnitLeader, Some(Status::Processing)).contains(&A::Finish));
        assert_eq!(
            actions_for(Role::Citizen, Some(Status::Processing)),
            [A::Withdraw]
        );
        assert_eq!(actions_for(Role::Citizen, None), [A::Submit]);
    }

    #[test]
    fn the_desk_acts_for_the_applicant_the_holder_processes() {
        use ActionKind as A;
        assert_eq!(acting_unit(A::Return), ActingUnit::Receiving);
        assert_eq!(acting_unit(A::Supplement), ActingUnit::Receiving);
        assert_eq!(acting_unit(A::RequestSupplement), ActingUnit::Holder);
        assert_eq!(acting_unit(A::Finish), ActingUnit::Holder);
    }

    #[test]
    fn monitoring_roles_only_read() {
        for role in [Role::ParAdmin, Role::Appraiser, Role::SystemAdmin] {
            for kind in ActionKind::ALL {
                assert!(!role_may(role, kind), "{role:?} {kind:?}");
            }
        }
    }

    #[test]
    fn a_role_never_gets_an_action_the_status_forbids() {
        for role in Role::ALL {
            for status in Status::ALL.map(Some).into_iter().chain([None]) {
                for kind in actions_for(role, status) {
                    assert!(permits(status, kind), "{role:?} {status:?} {kind:?}");
                }
            }
        }
    }
}
