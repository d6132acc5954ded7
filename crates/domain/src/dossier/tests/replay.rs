//! Properties over random action sequences: the fold of the events is the step-by-step state,
//! events survive JSON, and every accepted action was allowed in the status it found.

use chrono::TimeDelta;
use proptest::prelude::*;

use super::super::timeliness::{kpi_verdict, legal_verdict, step_verdict};
use super::super::{ActionKind, DossierState, Event, allowed_actions, permits, replay};
use super::{Run, at, sample};

/// (choice of action, minutes since the previous attempt).
fn script() -> impl Strategy<Value = Vec<(usize, i64)>> {
    proptest::collection::vec((0_usize..1_000, 0_i64..4_000), 1..40)
}

/// Mostly an allowed action (ending ones less often), one time in eight any action.
fn pick(choice: usize, status: Option<crate::dossier::Status>) -> ActionKind {
    let all = ActionKind::ALL;
    if choice.is_multiple_of(8) {
        return all[(choice / 8) % all.len()];
    }
    let ending = [ActionKind::Refuse, ActionKind::Withdraw, ActionKind::Stop];
    let weighted: Vec<ActionKind> = allowed_actions(status)
        .into_iter()
        .flat_map(|k| std::iter::repeat_n(k, if ending.contains(&k) { 1 } else { 4 }))
        .collect();
    weighted
        .get(choice % weighted.len().max(1))
        .copied()
        .unwrap_or(all[choice % all.len()])
}

fn run(script: &[(usize, i64)]) -> (Run, Vec<DossierState>) {
    let mut r = Run::new();
    let mut when = at("2026-01-05T07:00");
    let mut states = vec![r.state.clone()];
    for (k, minutes) in script {
        when += TimeDelta::minutes(*minutes);
        let before = r.state.status();
        let kind = pick(*k, before);
        let action = sample(kind, &r.state, when);
        if r.try_at(when, &action).is_ok() {
            assert!(permits(before, kind), "{before:?} {kind:?}");
            states.push(r.state.clone());
        }
    }
    (r, states)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn replay_equals_the_step_by_step_state(script in script()) {
        let (r, states) = run(&script);
        prop_assert_eq!(&replay(&r.events), &r.state);
        for (n, state) in states.iter().enumerate() {
            prop_assert_eq!(&replay(&r.events[..n]), state);
        }
        let json = serde_json::to_string(&r.events).unwrap();
        let back: Vec<Event> = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&replay(&back), &r.state);
    }

    #[test]
    fn dues_never_move_before_the_appointment(script in script()) {
        let (r, _) = run(&script);
        if let Some(d) = &r.state.dossier {
            if let Some(first) = d.appointment() {
                for e in &d.dues {
                    prop_assert!(e.kpi >= first.kpi);
                    prop_assert!(e.from >= first.from);
                }
            }
            let end = at("2027-01-01T00:00");
            // Every received dossier, and every step with a budget, has a verdict later on.
            prop_assert_eq!(legal_verdict(d, end).is_some(), d.receipt.is_some());
            prop_assert_eq!(kpi_verdict(d, end).is_some(), d.receipt.is_some());
            for s in &d.steps {
                prop_assert_eq!(step_verdict(s, end).is_some(), s.due_at.is_some());
            }
        }
    }
}
