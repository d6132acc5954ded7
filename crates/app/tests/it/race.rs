//! Who may act is decided against the dossier as the write transaction holds it: a specialist's
//! "complete the step" racing the leader's hand-over to another department is applied only
//! while the specialist's department still holds the dossier.

use crate::support::{
    DESK, FINANCE, JUSTICE, PROCEDURE, each_backend, national, new_dossier, staff, unit,
};
use cchc_app::dossiers::{act, receive};
use cchc_app::{Actor, App, Error};
use cchc_domain::Role;
use cchc_domain::dossier::{Action, Assignee, Channel, DossierCode, EventPayload};

/// Races per backend.
const RACES: usize = 40;

fn forward(to: &str) -> Action {
    Action::Forward {
        to: Assignee {
            unit: unit(to),
            officer: None,
        },
        budget_hours: 8,
    }
}

fn complete() -> Action {
    Action::CompleteStep { note: None }
}

/// A dossier received at the desk and handed to the justice department; its code.
async fn held_by_justice(app: &App, desk: &Actor) -> String {
    let new = new_dossier(PROCEDURE, Channel::Direct);
    let received = receive(app, desk, new, Some(JUSTICE)).await.unwrap();
    let code = received.dossier.record.code.to_string();
    act(app, desk, &code, &forward(JUSTICE)).await.unwrap();
    code
}

/// The units each event was taken by, with the holder before it, in order.
async fn holders_at_each_event(app: &App, code: &str) -> Vec<(String, String, String)> {
    let code = DossierCode::parse(code).unwrap();
    let mut holder = DESK.to_owned();
    let mut out = Vec::new();
    for stored in app.store.dossier_events(&code).await.unwrap() {
        let e = stored.event;
        out.push((e.kind().to_owned(), e.unit.to_string(), holder.clone()));
        if let EventPayload::Forwarded { to, .. } = &e.payload {
            holder = to.unit.to_string();
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_that_lost_the_dossier_cannot_complete_its_step() {
    each_backend(national, "2026-03-10T09:00", |app| async move {
        let desk = staff(1, Role::ReceptionOfficer, DESK);
        let leader = staff(2, Role::UnitLeader, JUSTICE);
        let specialist = staff(3, Role::Specialist, JUSTICE);
        let code = held_by_justice(&app, &desk).await;
        act(&app, &leader, &code, &forward(FINANCE)).await.unwrap();
        let late = act(&app, &specialist, &code, &complete())
            .await
            .unwrap_err();
        let Error::Forbidden { code: why, message } = late else {
            panic!("not forbidden: {late:?}");
        };
        assert_eq!(why, "action_not_for_role");
        assert!(message.contains(FINANCE), "{message}");
        let kinds: Vec<String> = holders_at_each_event(&app, &code)
            .await
            .into_iter()
            .map(|e| e.0)
            .collect();
        assert_eq!(kinds, ["received", "forwarded", "forwarded"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn racing_a_hand_over_no_action_lands_on_a_unit_that_no_longer_holds_it() {
    each_backend(national, "2026-03-10T09:00", |app| async move {
        let desk = staff(1, Role::ReceptionOfficer, DESK);
        let leader = staff(2, Role::UnitLeader, JUSTICE);
        let specialist = staff(3, Role::Specialist, JUSTICE);
        let (mut completed, mut refused) = (0, 0);
        for _ in 0..RACES {
            let code = held_by_justice(&app, &desk).await;
            let (a, l, s, c) = (
                app.clone(),
                leader.clone(),
                specialist.clone(),
                code.clone(),
            );
            let hand_over = tokio::spawn(async move { act(&a, &l, &c, &forward(FINANCE)).await });
            let (a, c) = (app.clone(), code.clone());
            let step = tokio::spawn(async move { act(&a, &s, &c, &complete()).await });
            hand_over.await.unwrap().unwrap();
            match step.await.unwrap() {
                Ok(_) => completed += 1,
                Err(Error::Forbidden { .. }) => refused += 1,
                Err(other) => panic!("{other:?}"),
            }
            for (kind, by, holder) in holders_at_each_event(&app, &code).await {
                assert_eq!(by, holder, "{code}: {kind} by {by} while {holder} held it");
            }
        }
        assert_eq!(completed + refused, RACES);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dossier_is_never_handed_to_a_unit_that_does_not_exist() {
    each_backend(national, "2026-03-10T09:00", |app| async move {
        let desk = staff(1, Role::ReceptionOfficer, DESK);
        let code = held_by_justice(&app, &desk).await;
        let leader = staff(2, Role::UnitLeader, JUSTICE);
        let err = act(&app, &leader, &code, &forward("H31.KHONGCO"))
            .await
            .unwrap_err();
        let Error::Invalid { fields, .. } = err else {
            panic!("not invalid: {err:?}");
        };
        assert_eq!(fields[0].field.as_deref(), Some("to.unit"));
        let events = holders_at_each_event(&app, &code).await;
        assert_eq!(events.len(), 2, "nothing written: {events:?}");
    })
    .await;
}
