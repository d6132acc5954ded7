//! Citizens: online submission from `/nop-ho-so` (status 1, channel 2, stored with the account),
//! their own list `/ho-so-cua-toi`, their dossier's page with withdrawal as the only action,
//! and nobody else's dossiers, through the pages and the API; imported dossiers are read-only.

use crate::office::{CENTRE, PROCEDURE, Session, actions, code_of};
use crate::support::{Req, TestApp, demo_hash, each_backend};
use cchc_domain::Role;
use cchc_domain::auth::Scope;
use cchc_store::accounts::NewUser;

/// Submits a dossier online as `citizen`; its code.
async fn submit(app: &TestApp, citizen: &Session) -> String {
    let form = citizen
        .get(app, &format!("/nop-ho-so?thu_tuc={PROCEDURE}"))
        .await;
    assert!(
        form.body.contains(&format!("value=\"{CENTRE}\"")),
        "{}",
        form.body
    );
    assert!(
        form.body.contains("value=\"Nguyễn Văn An\""),
        "name from the account"
    );
    let no_desk = [("thu_tuc", PROCEDURE), ("ho_ten", "Nguyễn Văn An")];
    let reply = citizen.post(app, "/nop-ho-so", &no_desk).await;
    assert_eq!(reply.status.as_u16(), 422, "{}", reply.body);
    assert!(reply.body.contains("Chưa chọn nơi nộp hồ sơ"));
    let fields = [
        ("thu_tuc", PROCEDURE),
        ("don_vi", CENTRE),
        ("ho_ten", "Nguyễn Văn An"),
        ("so_dinh_danh", "033090000002"),
        ("thanh_phan", "0"),
        ("thanh_phan", "1"),
    ];
    code_of(&citizen.post(app, "/nop-ho-so", &fields).await)
}

/// A second citizen account.
async fn other_citizen(app: &TestApp) -> Session {
    let new = NewUser {
        username: "congdan2".into(),
        display_name: "Trần Văn Bình".into(),
        role: Role::Citizen,
        unit_code: None,
        password_hash: demo_hash().to_owned(),
    };
    let user = app.db.store.create_user(&new, "test").await.unwrap();
    Session::for_user(app, &user).await
}

#[tokio::test]
async fn citizens_submit_online_and_see_only_their_own_dossiers() {
    each_backend(|app| async move {
        let citizen = Session::of(&app, "congdan").await;
        let code = submit(&app, &citizen).await;
        let page = citizen.get(&app, &format!("/ho-so/{code}?moi=1")).await;
        assert_eq!(page.status.as_u16(), 200, "{}", page.body);
        assert!(page.body.contains("1. Mới đăng ký") && page.body.contains("Trực tuyến"));
        assert_eq!(actions(&page), ["withdraw"]);
        let mine = citizen.get(&app, "/ho-so-cua-toi").await;
        assert!(mine.body.contains(&code));
        let token = app.token("congdan", Scope::Read).await;
        let list = app
            .send(Req::get("/api/v1/dossiers").bearer(&token).empty())
            .await;
        assert_eq!(list.json()["total"], 1, "{}", list.body);
        let one = app
            .send(
                Req::get(&format!("/api/v1/dossiers/{code}"))
                    .bearer(&token)
                    .empty(),
            )
            .await;
        assert_eq!(one.json()["status"], 1);
        assert_eq!(one.json()["channel"], 2);
        assert_eq!(
            one.json()["competent_unit"],
            "H31.SNV",
            "proposed from the catalogue"
        );

        let other = other_citizen(&app).await;
        assert_eq!(
            other
                .get(&app, &format!("/ho-so/{code}"))
                .await
                .status
                .as_u16(),
            403
        );
        let withdraw = [("action", "withdraw")];
        assert_eq!(other.act(&app, &code, &withdraw).await.status.as_u16(), 403);
        let theirs = other.get(&app, "/ho-so-cua-toi").await;
        assert!(theirs.body.contains("Bạn chưa nộp hồ sơ trực tuyến nào"));
        let other_token = app.token("congdan2", Scope::Read).await;
        app.send(
            Req::get(&format!("/api/v1/dossiers/{code}"))
                .bearer(&other_token)
                .empty(),
        )
        .await
        .assert_envelope(403, "not_own_dossier");

        let desk = Session::of(&app, "tiepnhan").await;
        let page = desk.get(&app, &format!("/ho-so/{code}")).await;
        assert_eq!(actions(&page), ["receive", "refuse", "withdraw"]);
        code_of(
            &desk
                .act(
                    &app,
                    &code,
                    &[
                        ("action", "receive"),
                        ("thanh_phan", "0"),
                        ("thanh_phan", "1"),
                    ],
                )
                .await,
        );
        let page = citizen.get(&app, &format!("/ho-so/{code}")).await;
        assert!(page.body.contains("2. Được tiếp nhận"), "{}", page.body);
    })
    .await;
}

#[tokio::test]
async fn citizens_submit_through_the_api_to_a_desk() {
    each_backend(|app| async move {
        let token = app.token("congdan", Scope::Write).await;
        let body = |channel: &str, unit: Option<&str>| {
            serde_json::json!({
                "procedure_code": PROCEDURE, "channel": channel, "receiving_unit": unit,
                "applicant": { "name": "Nguyễn Văn An" },
                "components": ["Văn bản đề nghị đăng ký nội quy lao động", "Nội quy lao động"]
            })
        };
        let post = |v: serde_json::Value| Req::post("/api/v1/dossiers").bearer(&token).json(&v);
        app.send(post(body("direct", Some(CENTRE))))
            .await
            .assert_envelope(403, "forbidden");
        app.send(post(body("online", None)))
            .await
            .assert_envelope(422, "invalid");
        let reply = app.send(post(body("online", Some(CENTRE)))).await;
        assert_eq!(reply.status.as_u16(), 201, "{}", reply.body);
        assert_eq!(reply.json()["status"], 1);
        assert!(reply.json()["code"].as_str().unwrap().starts_with(CENTRE));
        let list = app
            .send(Req::get("/api/v1/dossiers?unit=H31").bearer(&token).empty())
            .await;
        list.assert_envelope(403, "not_own_dossier");
    })
    .await;
}

#[tokio::test]
async fn imported_dossiers_are_shown_read_only() {
    each_backend(|app| async move {
        let code = crate::lookup::imported(&app).await;
        let admin = Session::of(&app, "quantri").await;
        let page = admin.get(&app, &format!("/ho-so/{code}")).await;
        assert_eq!(page.status.as_u16(), 200, "{}", page.body);
        assert!(page.body.contains("Cổng Dịch vụ công quốc gia"));
        assert!(page.body.contains("không thực hiện được thao tác"));
        assert!(page.body.contains("Trần Thị Bích"));
        assert!(actions(&page).is_empty());
        let officer = NewUser {
            username: "chuyenvien.xa".into(),
            display_name: "Chuyên viên xã".into(),
            role: Role::Specialist,
            unit_code: Some("H31.12004".into()),
            password_hash: demo_hash().to_owned(),
        };
        let officer = app.db.store.create_user(&officer, "test").await.unwrap();
        let token = app.token("chuyenvien.xa", Scope::Write).await;
        let reply = app
            .send(
                Req::post(&format!("/api/v1/dossiers/{code}/actions"))
                    .bearer(&token)
                    .json(&serde_json::json!({ "action": "complete_step" })),
            )
            .await;
        reply.assert_envelope(409, "action_refused");
        let officer = Session::for_user(&app, &officer).await;
        let page = officer
            .act(&app, &code, &[("action", "complete_step")])
            .await;
        assert_eq!(page.status.as_u16(), 409, "{}", page.body);
        assert!(page.body.contains("chỉ xem, không thực hiện thao tác"));
    })
    .await;
}
