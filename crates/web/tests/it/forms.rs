//! The official forms: each form of fixed dossiers as an A4 page (snapshots), the JSON model
//! with `Accept: application/json`, the QR code of Mẫu 01, the register by sector and period,
//! and the refusals: unknown form 404, a form that does not apply 409, outside the subtree 403.

use crate::support::{Reply, Req, TestApp, each_backend};
use cchc_calendar::WorkCalendar;
use cchc_domain::UnitCode;
use cchc_domain::auth::Scope;
use cchc_domain::dossier::{Action, ActionContext, Assignee, Channel, Component, DossierCode};
use cchc_store::dossiers::{Applicant, NewDossier};
use chrono::NaiveDateTime;

const COMMUNE: &str = "H31.12004";
pub(crate) const HOST: &str = "cchc.hungyen.test";

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// Applies `action` as `actor` of the commune at `when`.
async fn act(app: &TestApp, code: &DossierCode, actor: &str, when: &str, action: Action) {
    let cal = WorkCalendar::national().unwrap();
    let unit = UnitCode::parse(COMMUNE).unwrap();
    let ctx = ActionContext {
        actor,
        unit: &unit,
        at: at(when),
        calendar: &cal,
    };
    if let Err(e) = app.db.store.apply_action(code, &action, &ctx).await {
        panic!("{:?} at {when}: {e}", action.kind());
    }
}

/// A marital-status dossier (3 working days, hộ tịch) received or submitted at the commune.
pub(crate) async fn create(app: &TestApp, channel: Channel, when: &str) -> DossierCode {
    let cal = WorkCalendar::national().unwrap();
    let unit = UnitCode::parse(COMMUNE).unwrap();
    let ctx = ActionContext {
        actor: "tiepnhan",
        unit: &unit,
        at: at(when),
        calendar: &cal,
    };
    let new = NewDossier {
        procedure_code: "1.004873".to_owned(),
        channel,
        applicant: Applicant {
            name: "Nguyễn Văn An".to_owned(),
            id_number: Some("033090000001".to_owned()),
            phone: Some("0912345678".to_owned()),
            address: Some("Thôn Đông, xã Như Quỳnh".to_owned()),
        },
        components: vec![
            Component::provided("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân"),
            Component::provided("Giấy tờ tùy thân (xuất trình)"),
        ],
        vneid_verified: true,
        national_databases: vec![],
        competent_unit: None,
        submitted_by: None,
    };
    let created = app.db.store.create_dossier(&new, &ctx).await.unwrap();
    created.dossier.record.code
}

fn forward(officer: &str, hours: u32) -> Action {
    Action::Forward {
        to: Assignee {
            unit: UnitCode::parse(COMMUNE).unwrap(),
            officer: Some(officer.to_owned()),
        },
        budget_hours: hours,
    }
}

/// Received Monday 2/3/2026, a supplement, an apology, two handovers, result and return.
async fn full(app: &TestApp) -> DossierCode {
    let code = create(app, Channel::Direct, "2026-03-02T09:00").await;
    act(
        app,
        &code,
        "tiepnhan",
        "2026-03-02T09:30",
        forward("chuyenvien", 8),
    )
    .await;
    let supplement = Action::RequestSupplement {
        items: vec!["Bản sao trích lục khai tử của vợ (chồng) trước".to_owned()],
        reason: "Hồ sơ thiếu giấy tờ chứng minh chấm dứt hôn nhân trước".to_owned(),
    };
    act(app, &code, "chuyenvien", "2026-03-02T14:00", supplement).await;
    let done = Action::Supplement { note: None };
    act(app, &code, "tiepnhan", "2026-03-03T09:00", done).await;
    let apology = Action::ProposeExtension {
        apology: "Cần xác minh thông tin cư trú tại nơi cư trú trước đây.".to_owned(),
        new_due: at("2026-03-13T17:00"),
    };
    act(app, &code, "chuyenvien", "2026-03-04T09:00", apology).await;
    act(
        app,
        &code,
        "chuyenvien",
        "2026-03-05T10:00",
        forward("lanhdao", 4),
    )
    .await;
    let finish = Action::Finish {
        result_codes: vec!["XNTTHN-0001".to_owned()],
        files: vec![],
        electronic: false,
    };
    act(app, &code, "lanhdao", "2026-03-06T10:00", finish).await;
    let back = Action::Return {
        channel: Channel::Postal,
        at: at("2026-03-06T15:00"),
    };
    act(app, &code, "tiepnhan", "2026-03-06T15:00", back).await;
    code
}

/// Submitted online on 2/3/2026 and refused.
async fn refused(app: &TestApp) -> DossierCode {
    let code = create(app, Channel::Online, "2026-03-02T08:00").await;
    let refuse = Action::Refuse {
        reason: "Thủ tục không thuộc thẩm quyền của UBND xã".to_owned(),
    };
    act(app, &code, "tiepnhan", "2026-03-02T10:00", refuse).await;
    code
}

/// Received 3/3/2026 and stopped at the applicant's request.
async fn stopped(app: &TestApp) -> DossierCode {
    let code = create(app, Channel::Direct, "2026-03-03T08:00").await;
    act(
        app,
        &code,
        "tiepnhan",
        "2026-03-03T08:30",
        forward("chuyenvien", 8),
    )
    .await;
    let stop = Action::Stop {
        reason: "Người nộp đề nghị dừng giải quyết".to_owned(),
    };
    act(app, &code, "chuyenvien", "2026-03-03T15:00", stop).await;
    code
}

async fn page(app: &TestApp, cookie: &str, uri: &str) -> Reply {
    let req = Req::get(uri).cookie(cookie).header("host", HOST).empty();
    app.send(req).await
}

/// The receipt's QR code, checked against a fresh rendering of the expected URL and replaced.
fn without_qr(html: &str, code: &DossierCode) -> String {
    let url = format!("http://{HOST}/tra-cuu?ma={code}");
    let svg = cchc_web::pages::form_view::lookup_qr(&url).unwrap();
    assert!(html.contains(&svg), "the QR code encodes {url}");
    html.replace(&svg, "[qr]")
}

#[tokio::test]
async fn each_form_of_fixed_dossiers_prints_as_an_a4_page() {
    each_backend(|app| async move {
        let (a, b, c) = (full(&app).await, refused(&app).await, stopped(&app).await);
        let (cookie, _) = app.session("quantri").await;
        let forms = [
            (&a, "receipt"),
            (&a, "supplement_request"),
            (&a, "apology_extension"),
            (&a, "control_slip"),
            (&b, "refusal"),
            (&c, "stop_notice"),
        ];
        for (code, form) in forms {
            let reply = page(&app, &cookie, &format!("/ho-so/{code}/mau/{form}")).await;
            assert_eq!(reply.status, 200, "{form}: {}", reply.body);
            assert!(reply.header("content-type").starts_with("text/html"));
            for part in [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
            ] {
                assert!(
                    reply.body.to_uppercase().contains(&part.to_uppercase()),
                    "{form}"
                );
            }
            let html = if form == "receipt" {
                without_qr(&reply.body, code)
            } else {
                reply.body
            };
            insta::assert_snapshot!(format!("form_{form}_html"), html);
        }
    })
    .await;
}

#[tokio::test]
async fn the_api_answers_html_by_default_and_the_model_as_json() {
    each_backend(|app| async move {
        let a = full(&app).await;
        let token = app.token("quantri", Scope::Read).await;
        let uri = format!("/api/v1/dossiers/{a}/forms/control_slip");
        let html = app.send(Req::get(&uri).bearer(&token).empty()).await;
        assert_eq!(html.status, 200);
        assert!(html.header("content-type").starts_with("text/html"));
        let (cookie, _) = app.session("quantri").await;
        let page = page(&app, &cookie, &format!("/ho-so/{a}/mau/control")).await;
        assert_eq!(
            html.body, page.body,
            "the page and the API print the same sheet"
        );
        let req = Req::get(&uri)
            .bearer(&token)
            .header("accept", "application/json");
        let json = app.send(req.empty()).await;
        assert_eq!(json.status, 200, "{}", json.body);
        let pretty = serde_json::to_string_pretty(&json.json()).unwrap();
        insta::assert_snapshot!("form_control_slip_json", pretty);
        let receipt = Req::get(&format!("/api/v1/dossiers/{a}/forms/receipt"))
            .bearer(&token)
            .header("accept", "application/json")
            .header("host", HOST);
        let v = app.send(receipt.empty()).await.json();
        assert_eq!(v["header"]["number_label"], "Mẫu số 01");
        assert_eq!(v["body"]["receipt"]["due_at"], "2026-03-05T09:00:00+07:00");
        assert_eq!(v["lookup_url"], format!("http://{HOST}/tra-cuu?ma={a}"));
    })
    .await;
}

#[tokio::test]
async fn unknown_forms_and_forms_that_do_not_apply_are_refused_with_the_reason() {
    each_backend(|app| async move {
        let (a, b) = (full(&app).await, refused(&app).await);
        let token = app.token("quantri", Scope::Read).await;
        let get = |uri: String| Req::get(&uri).bearer(&token).empty();
        let unknown = app
            .send(get(format!("/api/v1/dossiers/{a}/forms/mau99")))
            .await;
        unknown.assert_envelope(404, "not_found");
        let keys = unknown.json()["error"]["details"]["forms"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(keys, 7);
        let none = app
            .send(get(format!("/api/v1/dossiers/{b}/forms/supplement")))
            .await;
        none.assert_envelope(409, "form_not_applicable");
        let message = none.json()["error"]["message"].as_str().unwrap().to_owned();
        assert!(message.contains("không có yêu cầu bổ sung"), "{message}");
        let register = app
            .send(get(format!("/api/v1/dossiers/{a}/forms/register")))
            .await;
        register.assert_envelope(409, "form_not_applicable");
        let third = app
            .send(get(format!("/api/v1/dossiers/{a}/forms/supplement?n=3")))
            .await;
        third.assert_envelope(409, "form_not_applicable");
        let uri = "/api/v1/dossiers/H31.12004-260302-9999/forms/receipt";
        app.send(get(uri.into()))
            .await
            .assert_envelope(404, "not_found");
        let (cookie, _) = app.session("quantri").await;
        let conflict = page(&app, &cookie, &format!("/ho-so/{b}/mau/receipt")).await;
        assert_eq!(conflict.status, 409);
        assert!(
            conflict.body.contains("chưa được tiếp nhận"),
            "{}",
            conflict.body
        );
    })
    .await;
}

#[tokio::test]
async fn staff_outside_the_subtree_get_403_and_no_personal_data() {
    each_backend(|app| async move {
        let a = full(&app).await;
        for outsider in ["tiepnhan", "chuyenvien"] {
            let t = app.token(outsider, Scope::Read).await;
            let uri = format!("/api/v1/dossiers/{a}/forms/receipt");
            let reply = app.send(Req::get(&uri).bearer(&t).empty()).await;
            reply.assert_envelope(403, "outside_unit");
            let (cookie, _) = app.session(outsider).await;
            let html = page(&app, &cookie, &format!("/ho-so/{a}/mau/receipt")).await;
            assert_eq!(html.status, 403);
            assert!(!html.body.contains("033090000001"));
        }
        let anonymous = format!("/api/v1/dossiers/{a}/forms/receipt");
        let reply = app.send(Req::get(&anonymous).empty()).await;
        reply.assert_envelope(401, "unauthenticated");
    })
    .await;
}

/// The date line of the register is the day of printing.
fn undated(html: &str) -> String {
    let marker = "<p class=\"place-date\"><em>";
    let start = html.find(marker).unwrap() + marker.len();
    let end = start + html[start..].find("</em>").unwrap();
    format!("{}[date]{}", &html[..start], &html[end..])
}

#[tokio::test]
async fn the_register_lists_a_sector_of_the_subtree_for_a_period() {
    each_backend(|app| async move {
        let (a, b, c) = (full(&app).await, refused(&app).await, stopped(&app).await);
        let (cookie, _) = app.session("quantri").await;
        let uri = "/so-theo-doi?unit=H31.12004&sector=G15-TP07&period=2026-03";
        let reply = page(&app, &cookie, uri).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        for code in [&a, &c] {
            assert!(reply.body.contains(&code.to_string()), "{code}");
        }
        assert!(
            !reply.body.contains(&b.to_string()),
            "never received, so not in the register"
        );
        insta::assert_snapshot!("register_html", undated(&reply.body));
        let full = page(&app, &cookie, &format!("{uri}&all=1")).await;
        assert_eq!(full.status, 200);
        assert!(full.body.contains(&a.to_string()));
        let april = page(
            &app,
            &cookie,
            "/so-theo-doi?unit=H31.12004&sector=G15-TP07&period=2026-04",
        )
        .await;
        assert!(
            april
                .body
                .contains("Không có hồ sơ nào của lĩnh vực này trong kỳ.")
        );
        let other = page(
            &app,
            &cookie,
            "/so-theo-doi?unit=H31.12004&sector=Chứng%20thực&period=2026",
        )
        .await;
        assert!(!other.body.contains(&a.to_string()));
    })
    .await;
}

#[tokio::test]
async fn the_register_offers_a_choice_and_refuses_bad_input_or_other_units() {
    each_backend(|app| async move {
        let (cookie, _) = app.session("quantri").await;
        let uri = "/so-theo-doi?unit=H31.12004&sector=G15-TP07&period=2026-03";
        let choose = page(&app, &cookie, "/so-theo-doi").await;
        assert_eq!(choose.status, 200);
        assert!(choose.body.contains("Chọn lĩnh vực và kỳ"));
        let bad = page(&app, &cookie, "/so-theo-doi?sector=G15-TP07&period=2026-13").await;
        assert_eq!(bad.status, 400);
        assert!(bad.body.contains("không hợp lệ"));
        let unknown = page(&app, &cookie, "/so-theo-doi?sector=XYZ&period=2026").await;
        assert_eq!(unknown.status, 400);
        let (desk, _) = app.session("tiepnhan").await;
        let outside = page(&app, &desk, uri).await;
        assert_eq!(outside.status, 403);
    })
    .await;
}
