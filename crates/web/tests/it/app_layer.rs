//! One use-case, one set of rules, whatever the door: the page and the API refuse the same
//! bad submissions with the same sentence; the configured calendar (a closure the province
//! declares) dates dossiers received through the API and the desk page, and the receipt form
//! and the public lookup print that due time.

use crate::office::Session;
use crate::support::{Req, TestApp, each_backend};
use cchc_app::{App, Calendars, Clock};
use cchc_calendar::{CalendarConfig, LocalClosure, WorkCalendar};
use cchc_domain::auth::Scope;
use cchc_domain::dossier::{DossierCode, appointment};
use chrono::NaiveDateTime;
use serde_json::json;
use std::collections::HashMap;

const CENTRE: &str = "H31.VPUB.TTPVHCC";
/// Business registration at Sở Tài chính: three working days, offered online.
const REGISTRATION: &str = "2.001610";
/// A commune procedure not offered online.
const NOT_ONLINE: &str = "2.001035";

/// The submissions both doors must refuse, with the desk and procedure of each.
const BAD: [(&str, &str, &str); 4] = [
    ("not offered online", NOT_ONLINE, CENTRE),
    ("a department is not a desk", REGISTRATION, "H31.SNV"),
    ("an unknown desk", REGISTRATION, "H31.KHONGCO"),
    ("no desk", REGISTRATION, ""),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_and_the_api_refuse_the_same_submissions_alike() {
    each_backend(|app| async move {
        let token = app.token("congdan", Scope::Write).await;
        let citizen = Session::of(&app, "congdan").await;
        for (case, procedure, desk) in BAD {
            let body = json!({
                "procedure_code": procedure, "channel": "online", "receiving_unit": desk,
                "applicant": { "name": "Nguyễn Văn An" }, "components": ["Tờ khai"]
            });
            let api = app
                .send(Req::post("/api/v1/dossiers").bearer(&token).json(&body))
                .await;
            let fields = [
                ("thu_tuc", procedure),
                ("ho_ten", "Nguyễn Văn An"),
                ("don_vi", desk),
            ];
            let page = citizen.post(&app, "/nop-ho-so", &fields).await;
            let message = api.json()["error"]["message"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            assert_eq!(api.status.as_u16(), 422, "{case}: {}", api.body);
            assert_eq!(page.status, api.status, "{case}: {}", page.body);
            assert!(
                !message.is_empty() && page.body.contains(&message),
                "{case}: {message}"
            );
        }
        let all = cchc_store::dossiers::DossierFilter::default();
        let list = app
            .db
            .store
            .dossiers(&all, cchc_store::paging::Page::new(1, 1))
            .await;
        assert_eq!(
            list.unwrap().page.total,
            0,
            "a refused submission wrote nothing"
        );
    })
    .await;
}

/// The province closes on Wednesday 11 March 2026; the clock stands on the Tuesday before.
fn closed_on_11_march(app: &TestApp) -> cchc_web::AppState {
    let cfg = CalendarConfig {
        local_closures: vec![LocalClosure {
            date: at("2026-03-11T00:00").date(),
            name: "Nghỉ theo quyết định của UBND tỉnh".to_owned(),
            basis: "QĐ thử nghiệm".to_owned(),
        }],
        ..CalendarConfig::default()
    };
    let calendars = Calendars::new(WorkCalendar::new(&cfg).unwrap(), HashMap::new());
    let ctx =
        App::new(app.db.store.clone(), calendars).with_clock(Clock::Fixed(at("2026-03-10T09:00")));
    cchc_web::AppState::with_app(ctx, cchc_web::WebConfig::default())
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// The legal due time of `code` as stored, with those of the configured and national calendars.
async fn dues(app: &TestApp, state: &cchc_web::AppState, code: &str) -> [NaiveDateTime; 3] {
    let stored = app
        .db
        .store
        .dossier(&DossierCode::parse(code).unwrap())
        .await
        .unwrap()
        .unwrap();
    let receipt = stored.dossier.receipt.unwrap();
    let ours = appointment(state.app.calendars.province(), receipt.at, &receipt.terms).unwrap();
    let national = appointment(
        &WorkCalendar::national().unwrap(),
        receipt.at,
        &receipt.terms,
    );
    [
        stored.record.due_legal_at.unwrap(),
        ours.0,
        national.unwrap().0,
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configured_closure_dates_dossiers_from_the_api_and_the_desk_page() {
    each_backend(|mut app| async move {
        let state = closed_on_11_march(&app);
        app.router = cchc_web::app(state.clone());
        let token = app.token("tiepnhan", Scope::Write).await;
        let body = json!({
            "procedure_code": REGISTRATION, "channel": "direct", "competent_unit": "H31.STC",
            "applicant": { "name": "Công ty TNHH Minh Phát" }, "components": ["Giấy đề nghị"]
        });
        let api = app
            .send(Req::post("/api/v1/dossiers").bearer(&token).json(&body))
            .await;
        assert_eq!(api.status.as_u16(), 201, "{}", api.body);
        let from_api = api.json()["code"].as_str().unwrap().to_owned();
        let desk = Session::of(&app, "tiepnhan").await;
        let fields = [
            ("thu_tuc", REGISTRATION),
            ("ho_ten", "Công ty TNHH Minh Phát"),
            ("kenh", "direct"),
            ("don_vi", "H31.STC"),
            ("thanh_phan", "0"),
            ("thanh_phan", "1"),
            ("thanh_phan", "2"),
            ("thanh_phan", "3"),
            ("thanh_phan", "4"),
        ];
        let page = desk.post(&app, "/tiep-nhan", &fields).await;
        let from_page = crate::office::code_of(&page);
        for code in [&from_api, &from_page] {
            let [stored, ours, national] = dues(&app, &state, code).await;
            assert_eq!(stored, ours, "{code}");
            assert!(ours > national, "{code}: the closure did not move {ours}");
            let printed = ours.format("%H giờ %M phút, ngày %d/%m/%Y").to_string();
            let form = desk.get(&app, &format!("/ho-so/{code}/mau/receipt")).await;
            assert!(form.body.contains(&printed), "{code}: form lacks {printed}");
            let lookup = app.get_as(None, &format!("/tra-cuu?ma={code}")).await;
            let shown = ours.format("%d/%m/%Y %H:%M").to_string();
            assert!(lookup.body.contains(&shown), "{code}: lookup lacks {shown}");
        }
        assert_eq!(
            api.json()["due_at"],
            json!(cchc_calendar::local::iso(
                dues(&app, &state, &from_api).await[1]
            ))
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_corrupt_row_is_a_500_with_the_request_id_and_no_internal_text() {
    each_backend(|app| async move {
        let token = app.token("tiepnhan", Scope::Write).await;
        let body = json!({
            "procedure_code": REGISTRATION, "channel": "direct", "competent_unit": "H31.STC",
            "applicant": { "name": "Công ty TNHH Minh Phát" }, "components": ["Giấy đề nghị"]
        });
        let created = app
            .send(Req::post("/api/v1/dossiers").bearer(&token).json(&body))
            .await;
        let code = created.json()["code"].as_str().unwrap().to_owned();
        sqlx::query("UPDATE dossiers SET state = '{\"not\": \"a dossier\"}' WHERE code = $1")
            .bind(&code)
            .execute(app.db.store.pool())
            .await
            .unwrap();
        let reply = app
            .send(
                Req::get(&format!("/api/v1/dossiers/{code}/forms/receipt"))
                    .bearer(&token)
                    .empty(),
            )
            .await;
        reply.assert_envelope(500, "internal");
        let id = reply.header("x-request-id").to_owned();
        assert_eq!(reply.json()["error"]["details"]["request_id"], json!(id));
        assert!(
            reply.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains(&id)
        );
        for internal in ["stored", "state", "corrupt", "missing field", "database"] {
            assert!(
                !reply.body.contains(internal),
                "{internal} in {}",
                reply.body
            );
        }
    })
    .await;
}
