//! The dossier sequence of `cchc-bench dossiers` through the application layer, as a page or
//! the API runs it: `cchc_app::dossiers::receive` at the desk, then `cchc_app::dossiers::act`
//! for each later action, whose access check runs in the writer's transaction on the locked
//! dossier (the guard), by the officer whose role takes the action.

use cchc_app::{Actor, App, Calendars, Clock};
use cchc_domain::dossier::{Action, Assignee, Channel, DossierCode};
use cchc_domain::{Role, UnitCode};
use cchc_store::Store;

use crate::dossiers::{DESK, at, new_dossier};

/// The application context over `store`: the shipped org units (the use-cases check the
/// units in force), the national calendar, no live statistics (the benchmark measures the
/// actions), the clock set by each step.
pub async fn context(store: &Store) -> Result<App, String> {
    store
        .load_base_org_units_if_empty()
        .await
        .map_err(|e| e.to_string())?;
    let calendars = Calendars::national().map_err(|e| e.to_string())?;
    Ok(App::without_live_statistics(store.clone(), calendars))
}

fn officer(role: Role, desk: &UnitCode) -> Actor {
    Actor {
        user_id: 1,
        username: "bench".to_owned(),
        role,
        unit: Some(desk.clone()),
    }
}

fn at_clock(app: &App, t: &str) -> App {
    app.clone().with_clock(Clock::Fixed(at(t)))
}

/// One receive + forward + finish + return sequence through the application layer; returns
/// the dossier's code.
pub async fn sequence(app: &App) -> Result<DossierCode, String> {
    let desk = UnitCode::parse(DESK).map_err(|e| e.to_string())?;
    let reception = officer(Role::ReceptionOfficer, &desk);
    let leader = officer(Role::UnitLeader, &desk);
    let made = cchc_app::dossiers::receive(
        &at_clock(app, "2026-03-02T09:00"),
        &reception,
        new_dossier(),
        Some(DESK),
    )
    .await
    .map_err(|e| format!("receive: {e}"))?;
    let code = made.dossier.record.code;
    let to = Assignee {
        unit: desk.clone(),
        officer: None,
    };
    let steps = [
        (
            "2026-03-02T09:30",
            &reception,
            Action::Forward {
                to,
                budget_hours: 8,
            },
        ),
        (
            "2026-03-02T10:00",
            &leader,
            Action::Finish {
                result_codes: vec!["KQ".to_owned()],
                files: vec![],
                electronic: false,
            },
        ),
        (
            "2026-03-02T10:30",
            &reception,
            Action::Return {
                channel: Channel::Direct,
                at: at("2026-03-02T10:30"),
            },
        ),
    ];
    let text = code.to_string();
    for (t, actor, action) in &steps {
        cchc_app::dossiers::act(&at_clock(app, t), actor, &text, action)
            .await
            .map_err(|e| format!("{}: {e}", action.kind().as_str()))?;
    }
    Ok(code)
}
