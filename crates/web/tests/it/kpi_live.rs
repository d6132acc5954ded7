//! The live aggregate against a full recomputation, on both backends: random imports
//! (new dossiers, replacements, identical re-imports) and random actions through the real
//! store (creations and actions by the dossier writer), applied by tailing the change log;
//! after each round the live counts equal `cchc_domain::kpi::count` over the facts of every
//! stored dossier, for many scopes and windows. A second aggregate, built from a snapshot in
//! the middle and caught up, agrees too.

use crate::support::{TestApp, each_backend};
use cchc_app::kpi::tail::LiveKpi;
use cchc_calendar::WorkCalendar;
use cchc_domain::UnitCode;
use cchc_domain::dossier::{Action, ActionContext, Channel, DossierCode, Status, Timeliness};
use cchc_domain::kpi::{
    DossierFacts, Flags, Period, Scope, SupplementSpan, Window, count, parse_period,
};
use cchc_domain::org_tree::tree_at;
use cchc_store::dossiers::DossierFilter;
use cchc_store::import_dossiers::ImportedDossier;
use cchc_store::paging::Page;
use cchc_web::{AppState, WebConfig};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Units of the imported dossiers: departments and communes of the shipped tree.
const UNITS: [&str; 5] = ["H31.SNV", "H31.STP", "H31.11953", "H31.11977", "H31.12004"];

fn origin() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 7, 1)
        .unwrap()
        .and_hms_opt(7, 0, 0)
        .unwrap()
}

/// An instant in the 17 months from July 2025, on a quarter-hour grid.
fn instant(rng: &mut StdRng) -> NaiveDateTime {
    origin() + TimeDelta::minutes(15 * rng.gen_range(0..500 * 96))
}

fn random_facts(rng: &mut StdRng, code: &str, unit: &str) -> DossierFacts {
    let received = instant(rng);
    let due = received + TimeDelta::minutes(15 * rng.gen_range(0..30 * 96));
    let supplements = (0..rng.gen_range(0..3))
        .map(|k| {
            let requested_at = received + TimeDelta::hours(rng.gen_range(1..200) + 200 * k);
            SupplementSpan {
                requested_at,
                completed_at: rng
                    .gen_bool(0.7)
                    .then(|| requested_at + TimeDelta::hours(rng.gen_range(0..100))),
                kpi_due_after: None,
            }
        })
        .collect();
    let finished = rng
        .gen_bool(0.6)
        .then(|| received + TimeDelta::minutes(15 * rng.gen_range(0..40 * 96)));
    let terminal = [
        Status::Resolved,
        Status::Returned,
        Status::Stopped,
        Status::Refused,
    ];
    let mut b = || rng.gen_bool(0.5);
    let flags = Flags {
        reused_data: b(),
        personal_store: b(),
        vneid: b(),
        national_db: b(),
        attachments: b(),
        electronic_result: b(),
        fee: b(),
        paid_online: b(),
        rated: b(),
        dissatisfied: b(),
    };
    DossierFacts {
        code: code.to_owned(),
        unit: unit.to_owned(),
        procedure: format!("1.00000{}", rng.gen_range(0..4)),
        channel: Channel::from_code(rng.gen_range(1..=3)).unwrap(),
        received_at: Some(received),
        due_at: rng.gen_bool(0.95).then_some(due),
        finished_at: finished,
        terminal: finished.map(|_| terminal[rng.gen_range(0..terminal.len())]),
        supplements,
        flags,
    }
}

/// Imports `n` dossiers: new codes, or replacements of earlier ones (random new facts, or
/// the same facts again). `imported` keeps the codes and units written.
async fn random_import(app: &TestApp, rng: &mut StdRng, imported: &mut Vec<(String, String)>) {
    let mut items = Vec::new();
    for _ in 0..60 {
        let reuse = !imported.is_empty() && rng.gen_bool(0.4);
        let (code, unit) = if reuse {
            imported[rng.gen_range(0..imported.len())].clone()
        } else {
            let unit = UNITS[rng.gen_range(0..UNITS.len())];
            let code = format!("{unit}-250701-{}", 5_000 + imported.len());
            imported.push((code.clone(), unit.to_owned()));
            (code, unit.to_owned())
        };
        let facts = random_facts(rng, &code, &unit);
        items.push(ImportedDossier {
            code: DossierCode::parse(&code).unwrap(),
            status: facts.terminal.unwrap_or(Status::Processing),
            facts,
            applicant_name: "Người Thử".to_owned(),
        });
    }
    app.db
        .store
        .import_dossiers(&items, "test", |_| ())
        .await
        .unwrap();
}

/// Random actions on running dossiers handled in cchc; returns how many were accepted.
async fn random_actions(app: &TestApp, rng: &mut StdRng, at: NaiveDateTime) -> usize {
    let filter = DossierFilter {
        statuses: vec![
            Status::Received,
            Status::Processing,
            Status::AwaitingSupplement,
        ],
        ..DossierFilter::default()
    };
    let list = app
        .db
        .store
        .dossiers(&filter, Page::first(200))
        .await
        .unwrap();
    let calendar = WorkCalendar::national().unwrap();
    let mut accepted = 0;
    for r in &list.page.items {
        if !rng.gen_bool(0.3) {
            continue;
        }
        let action = match rng.gen_range(0..5) {
            0 => Action::RequestSupplement {
                items: vec!["Bản sao".to_owned()],
                reason: "Thiếu".to_owned(),
            },
            1 => Action::Supplement { note: None },
            2 => Action::Stop {
                reason: "Dừng".to_owned(),
            },
            _ => Action::Finish {
                result_codes: vec!["KQ".to_owned()],
                files: vec!["kq.pdf".to_owned()],
                electronic: rng.gen_bool(0.5),
            },
        };
        let ctx = ActionContext {
            actor: "chuyenvien",
            unit: &r.holder_unit,
            at: at + TimeDelta::minutes(rng.gen_range(0..600)),
            calendar: &calendar,
        };
        if app
            .db
            .store
            .apply_action(&r.code, &action, &ctx)
            .await
            .is_ok()
        {
            accepted += 1;
        }
    }
    accepted
}

/// Scopes: the province, two departments' and two communes' subtrees, in force on `date`.
async fn scopes(app: &TestApp, date: NaiveDate) -> Vec<Scope> {
    let units = app.db.store.org_units().await.unwrap();
    ["H31", "H31.SNV", "H31.VPUB", "H31.11953", "H31.12004"]
        .into_iter()
        .filter_map(|u| tree_at(&units, &UnitCode::parse(u).unwrap(), date))
        .map(|t| Scope::new(t.code.clone(), t.walk().iter().map(|n| n.code.clone())))
        .collect()
}

fn windows() -> Vec<Window> {
    let p = |s: &str| parse_period(s).unwrap();
    let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
    let mut out: Vec<Window> = ["2025", "2026", "2025-Q3", "2026-Q1", "2025-09", "2026-11"]
        .into_iter()
        .map(|s| Window::closed(p(s)))
        .collect();
    let custom = Period {
        start: NaiveDate::from_ymd_opt(2025, 8, 15).unwrap(),
        end: NaiveDate::from_ymd_opt(2026, 2, 10).unwrap(),
    };
    out.push(Window::closed(custom));
    for (period, as_of) in [
        ("2026", "2026-03-14T10:30"),
        ("2025-Q4", "2025-11-02T08:00"),
        ("2026-11", "2026-11-27T11:00"),
    ] {
        out.push(Window::new(p(period), at(as_of)).unwrap());
    }
    out
}

/// Every stored dossier's facts (the reference's input).
async fn all_facts(app: &TestApp) -> Vec<DossierFacts> {
    let units: Vec<String> = app
        .db
        .store
        .org_units()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.code.as_str().to_owned())
        .collect();
    app.db.store.dossier_facts(&units).await.unwrap()
}

/// Asserts `live` equals the recomputation for every scope and window; returns how many
/// finished-late dossiers the reference counted (so that the data is not trivial).
async fn check(app: &TestApp, live: &LiveKpi, round: &str) -> u64 {
    let facts = all_facts(app).await;
    let scopes = scopes(app, NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()).await;
    let mut late = 0;
    for w in windows() {
        for scope in &scopes {
            let want = count(&facts, scope, &w);
            let got = live.read(|a| a.counts(scope, &w)).unwrap();
            assert_eq!(got, want, "{round}: {} {w:?}", scope.unit());
            late += want.finished[Timeliness::Late as usize];
        }
    }
    late
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_live_aggregate_equals_a_recomputation_after_random_writes() {
    each_backend(|app| async move {
        let store = app.db.store.clone();
        let state = AppState::new(store.clone(), WebConfig::default());
        let live = &state.app.kpi.live;
        live.catch_up(&store).await.unwrap();
        let mut rng = StdRng::seed_from_u64(766);
        let mut imported = Vec::new();
        // The demonstration dossiers go through the dossier writer (it loads into an empty
        // table only).
        let created = cchc_store::demo_dossiers::load(&store, &WorkCalendar::national().unwrap())
            .await
            .unwrap();
        assert!(created > 1_000, "{created}");
        live.catch_up(&store).await.unwrap();
        assert!(check(&app, live, "demo dossiers").await > 0);
        random_import(&app, &mut rng, &mut imported).await;
        live.catch_up(&store).await.unwrap();
        check(&app, live, "first import").await;

        // A second aggregate from a snapshot taken now, caught up later.
        let second = LiveKpi::default();
        second.catch_up(&store).await.unwrap();
        let demo_now =
            NaiveDateTime::parse_from_str(cchc_store::demo_dossiers::NOW, "%Y-%m-%dT%H:%M:%S")
                .unwrap();
        let mut accepted = 0;
        for k in 0..3 {
            accepted += random_actions(&app, &mut rng, demo_now + TimeDelta::days(k)).await;
            random_import(&app, &mut rng, &mut imported).await;
            live.catch_up(&store).await.unwrap();
            check(&app, live, &format!("round {k}")).await;
        }
        assert!(accepted > 10, "{accepted} actions accepted");
        second.catch_up(&store).await.unwrap();
        check(&app, &second, "second aggregate").await;
        assert_eq!(second.status().seq, live.status().seq);
        assert_eq!(
            live.status().seq,
            store.kpi_log_head().await.unwrap().last_seq
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_behind_a_pruned_log_rebuilds_and_agrees() {
    each_backend(|app| async move {
        let store = app.db.store.clone();
        let live = LiveKpi::default();
        live.catch_up(&store).await.unwrap();
        let mut rng = StdRng::seed_from_u64(204);
        let mut imported = Vec::new();
        for _ in 0..2 {
            random_import(&app, &mut rng, &mut imported).await;
        }
        // Another server applied both commits and pruned them (a window of zero).
        let later = cchc_store::now_ms() + 1;
        assert_eq!(store.prune_kpi_changes(2, later, 16).await.unwrap(), 2);
        let rest = store
            .kpi_changes_after(cchc_store::kpi_changes::LogPosition::after_commit(0), 10)
            .await
            .unwrap();
        assert!(rest.is_empty());
        assert_eq!(live.catch_up(&store).await.unwrap(), 2);
        assert!(check(&app, &live, "after the hole").await > 0);
    })
    .await;
}
