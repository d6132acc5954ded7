//! The statistics API over the live aggregate: the JSON of `cchc kpi stats|766` (the same
//! figures as a computation from every stored dossier), an action visible at once, the
//! drill-down against the domain's reference, bad input, and a rebuild on request.

use crate::support::{ADMIN, RECEPTION, Req, TestApp, each_backend};
use cchc_domain::dossier::{Channel, DossierCode, Status};
use cchc_domain::kpi::{
    Aggregate, Definitions, DossierFacts, Flags, ManualValues, Measure, Scope, SupplementSpan,
    Tier, Window, evaluate, losses, parse_as_of, parse_period,
};
use cchc_store::import_dossiers::ImportedDossier;
use chrono::{NaiveDate, TimeDelta};
use serde_json::Value;

const UNITS: [&str; 3] = ["H31.SNV", "H31.11953", "H31.11977"];
const LEADER: &str = "lanhdao";

/// Dossier `i`: of unit `i mod 3`, received in 2025 (every 11 days), finished early, on time,
/// late or not at all by `i mod 5`; a supplement for every 7th, two for every 13th.
fn dossier(i: u32) -> DossierFacts {
    let unit = UNITS[(i % 3) as usize];
    let date =
        NaiveDate::from_ymd_opt(2025, 1, 2).unwrap() + TimeDelta::days(i64::from(i) * 11 % 360);
    let received = date.and_hms_opt(8 + i % 8, 15, 0).unwrap();
    let due = received + TimeDelta::days(7);
    let finished = match i % 5 {
        0 => Some(received + TimeDelta::days(2)),
        1 => Some(due),
        2 => Some(due + TimeDelta::days(3)),
        _ => None,
    };
    let supplements = (0..u32::from(i.is_multiple_of(7)) + u32::from(i.is_multiple_of(13)))
        .map(|k| SupplementSpan {
            requested_at: received + TimeDelta::days(1 + i64::from(k)),
            completed_at: Some(received + TimeDelta::days(2 + i64::from(k))),
            kpi_due_after: None,
        })
        .collect();
    DossierFacts {
        code: format!("{unit}-{}-{:04}", date.format("%y%m%d"), i + 1),
        unit: unit.to_owned(),
        procedure: ["1.004873", "2.000635"][(i % 2) as usize].to_owned(),
        channel: [Channel::Direct, Channel::Online, Channel::Postal][(i / 3 % 3) as usize],
        received_at: Some(received),
        due_at: Some(due),
        finished_at: finished,
        terminal: finished.map(|_| Status::Resolved),
        supplements,
        flags: Flags {
            reused_data: i.is_multiple_of(2),
            electronic_result: !i.is_multiple_of(3),
            attachments: true,
            fee: i.is_multiple_of(4),
            paid_online: i.is_multiple_of(8),
            ..Flags::default()
        },
    }
}

fn fixture() -> Vec<DossierFacts> {
    (0..60).map(dossier).collect()
}

async fn import(app: &TestApp, facts: &[DossierFacts]) {
    let items: Vec<ImportedDossier> = facts
        .iter()
        .map(|f| ImportedDossier {
            code: DossierCode::parse(&f.code).unwrap(),
            facts: f.clone(),
            status: f.terminal.unwrap_or(Status::Processing),
            applicant_name: "Trần Văn Thử".to_owned(),
        })
        .collect();
    app.db
        .store
        .import_dossiers(&items, "test", |_| {})
        .await
        .unwrap();
}

async fn get(app: &TestApp, user: &str, uri: &str) -> crate::support::Reply {
    let cookie = app.session(user).await.0;
    app.send(Req::get(uri).cookie(&cookie).empty()).await
}

async fn get_json(app: &TestApp, user: &str, uri: &str) -> Value {
    let reply = get(app, user, uri).await;
    assert_eq!(reply.status, 200, "{uri}: {}", reply.body);
    reply.json()
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap()
}

/// What `cchc kpi stats|766` computes: every stored dossier of the subtree, aggregated.
async fn command(app: &TestApp, unit: &str, period: &str, as_of: &str) -> (Value, Value) {
    let period = parse_period(period).unwrap();
    let window = Window::new(period, parse_as_of(as_of).unwrap()).unwrap();
    let units = app.db.store.org_units().await.unwrap();
    let code = cchc_domain::UnitCode::parse(unit).unwrap();
    let tree = cchc_domain::org_tree::tree_at(&units, &code, period.end).unwrap();
    let members: Vec<String> = tree.walk().iter().map(|n| n.code.clone()).collect();
    let scope = Scope::new(unit, members.clone());
    let facts = app.db.store.dossier_facts(&members).await.unwrap();
    let agg = Aggregate::from_facts(&facts);
    let counts = agg.counts(&scope, &window);
    let report = evaluate(
        &Definitions::shipped(),
        unit,
        period,
        &counts,
        &ManualValues::default(),
        Tier::of(tree.kind),
    );
    (
        serde_json::to_value(agg.stats(&scope, &window)).unwrap(),
        serde_json::to_value(report).unwrap(),
    )
}

#[tokio::test]
async fn the_api_answers_what_the_command_computes() {
    each_backend(|app| async move {
        import(&app, &fixture()).await;
        for (unit, period, as_of) in [
            ("H31", "2025", "2025-12-31"),
            ("H31", "2025-Q3", "2025-08-15T10:00:00"),
            ("H31.SNV", "2025-06", "2025-06-30"),
            (
                "H31.11953",
                "2025-02-01..2025-09-14",
                "2025-09-14T17:00:00+07:00",
            ),
        ] {
            let q = format!(
                "unit={unit}&period={period}&as_of={}",
                as_of.replace('+', "%2B")
            );
            let stats = get_json(&app, ADMIN, &format!("/api/v1/kpi/stats?{q}")).await;
            let index = get_json(&app, ADMIN, &format!("/api/v1/kpi/766?{q}")).await;
            assert_eq!(
                (stats, index),
                command(&app, unit, period, as_of).await,
                "{q}"
            );
        }
        let q = "unit=H31&period=2025-Q2&as_of=2025-06-10";
        insta::assert_snapshot!(
            "kpi_api_stats",
            pretty(&get_json(&app, ADMIN, &format!("/api/v1/kpi/stats?{q}")).await)
        );
        insta::assert_snapshot!(
            "kpi_api_766",
            pretty(&get_json(&app, ADMIN, &format!("/api/v1/kpi/766?{q}")).await)
        );
    })
    .await;
}

#[tokio::test]
async fn an_action_through_the_api_is_in_the_statistics_at_once() {
    each_backend(|app| async move {
        // The dossier counts for the competent unit the desk proposes, read in the province's
        // figures by its administrator.
        let uri = "/api/v1/kpi/stats?unit=H31";
        let before = get_json(&app, ADMIN, uri).await;
        let (cookie, csrf) = app.session(RECEPTION).await;
        let new = serde_json::json!({
            "procedure_code": "1.004873", "channel": "direct",
            "applicant": { "name": "Người thử", "id_number": null, "phone": null, "address": null },
            "components": ["Tờ khai"]
        });
        let created = app
            .send(
                Req::post("/api/v1/dossiers")
                    .cookie(&cookie)
                    .header("x-csrf-token", &csrf)
                    .json(&new),
            )
            .await;
        assert_eq!(created.status, 201, "{}", created.body);
        let after = get_json(&app, ADMIN, uri).await;
        let n = |v: &Value, k: &str| v[k].as_u64().unwrap();
        assert_eq!(n(&after, "population"), n(&before, "population") + 1);
        assert_eq!(
            after["received"]["direct"].as_u64(),
            before["received"]["direct"].as_u64().map(|d| d + 1)
        );
        assert_eq!(
            after["unfinished"]["within"].as_u64(),
            before["unfinished"]["within"].as_u64().map(|d| d + 1)
        );
    })
    .await;
}

#[tokio::test]
async fn the_drill_down_lists_what_cost_points() {
    each_backend(|app| async move {
        let facts = fixture();
        import(&app, &facts).await;
        let (period, as_of) = (
            parse_period("2025").unwrap(),
            parse_as_of("2025-10-01").unwrap(),
        );
        let window = Window::new(period, as_of).unwrap();
        let scope = Scope::new("H31.SNV", ["H31.SNV"]);
        let mut want: Vec<(&DossierFacts, _)> =
            losses(Measure::OnTime, &facts, &scope, &window).collect();
        want.sort_by(|a, b| (b.0.received_at, &b.0.code).cmp(&(a.0.received_at, &a.0.code)));
        assert!(want.len() > 4, "the fixture loses points");
        let q = "unit=H31.SNV&period=2025&as_of=2025-10-01&size=4";
        let first = get_json(&app, LEADER, &format!("/api/v1/kpi/766/2.1/dossiers?{q}")).await;
        assert_eq!(first["total"].as_u64(), Some(want.len() as u64));
        let codes = |v: &Value| -> Vec<String> {
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["code"].as_str().unwrap().to_owned())
                .collect()
        };
        let expected: Vec<String> = want.iter().take(4).map(|(f, _)| f.code.clone()).collect();
        assert_eq!(codes(&first), expected);
        let second = get_json(
            &app,
            LEADER,
            &format!("/api/v1/kpi/766/2.1/dossiers?{q}&page=2"),
        )
        .await;
        let expected: Vec<String> = want
            .iter()
            .skip(4)
            .take(4)
            .map(|(f, _)| f.code.clone())
            .collect();
        assert_eq!(codes(&second), expected);
        insta::assert_snapshot!("kpi_api_losses", pretty(&first));
    })
    .await;
}

#[tokio::test]
async fn bad_input_is_refused_with_the_envelope() {
    each_backend(|app| async move {
        let cases = [
            ("/api/v1/kpi/stats?period=2025-13", 400, "invalid_period"),
            ("/api/v1/kpi/stats?unit=h%2031", 400, "invalid_unit_code"),
            (
                "/api/v1/kpi/stats?period=2025&as_of=yesterday",
                400,
                "invalid_as_of",
            ),
            (
                "/api/v1/kpi/766?period=2025-Q3&as_of=2025-06-30",
                400,
                "bad_as_of",
            ),
            ("/api/v1/kpi/766?unit=H31.X9&period=2025", 404, "not_found"),
            (
                "/api/v1/kpi/766/NO_SUCH/dossiers?period=2025",
                404,
                "not_found",
            ),
            (
                "/api/v1/kpi/766/PUBLISH_ON_TIME/dossiers?period=2025",
                404,
                "not_found",
            ),
            (
                "/api/v1/kpi/766/2.1/dossiers?period=2025&size=500",
                400,
                "invalid_size",
            ),
            (
                "/api/v1/kpi/766/2.1/dossiers?period=2025&page=0",
                400,
                "invalid_page",
            ),
        ];
        for (uri, status, code) in cases {
            get(&app, ADMIN, uri).await.assert_envelope(status, code);
        }
        // Outside the user's subtree.
        get(
            &app,
            RECEPTION,
            "/api/v1/kpi/stats?unit=H31.SNV&period=2025",
        )
        .await
        .assert_envelope(403, "outside_unit");
    })
    .await;
}

#[tokio::test]
async fn a_rebuild_on_request_gives_the_same_figures() {
    each_backend(|app| async move {
        import(&app, &fixture()).await;
        let uri = "/api/v1/kpi/766?unit=H31&period=2025&as_of=2025-12-31";
        let before = get_json(&app, ADMIN, uri).await;
        let (cookie, csrf) = app.session(ADMIN).await;
        let asked = app
            .send(
                Req::post("/api/v1/kpi/rebuild")
                    .cookie(&cookie)
                    .header("x-csrf-token", &csrf)
                    .empty(),
            )
            .await;
        assert_eq!(asked.status, 202, "{}", asked.body);
        let rebuilds = asked.json()["rebuilds"].as_i64().unwrap();
        let mut status = Value::Null;
        for _ in 0..100 {
            status = get_json(&app, ADMIN, "/api/v1/kpi/status").await;
            if status["rebuilds"].as_i64() == Some(rebuilds) && status["phase"] == "ready" {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(status["rebuilds"].as_i64(), Some(rebuilds), "{status}");
        assert_eq!(status["phase"], "ready");
        assert_eq!(get_json(&app, ADMIN, uri).await, before);
    })
    .await;
}
