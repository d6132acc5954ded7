//! The public dossier lookup: the API and the `/tra-cuu` page show the masked name and never
//! the applicant's ID number, phone or address; an unknown code is a 404 envelope; lookups
//! are rate-limited per client address.

use crate::support::{Req, TestApp, each_backend};
use cchc_calendar::WorkCalendar;
use cchc_domain::UnitCode;
use cchc_domain::dossier::{Action, ActionContext, Assignee, Channel, Component};
use cchc_store::dossiers::{Applicant, NewDossier};
use chrono::NaiveDateTime;

const ID_NUMBER: &str = "033090000001";
const PHONE: &str = "0912345678";
const ADDRESS: &str = "Phố Hiến";

/// Receives a marital-status dossier at a commune and forwards it; returns its code.
async fn received(app: &TestApp) -> String {
    let cal = WorkCalendar::national().unwrap();
    let unit = UnitCode::parse("H31.12004").unwrap();
    let at = NaiveDateTime::parse_from_str("2026-03-02T09:00", "%Y-%m-%dT%H:%M").unwrap();
    let ctx = ActionContext {
        actor: "tiepnhan.xa",
        unit: &unit,
        at,
        calendar: &cal,
    };
    let new = NewDossier {
        procedure_code: "1.004873".to_owned(),
        channel: Channel::Direct,
        applicant: Applicant {
            name: "Nguyễn Văn An".to_owned(),
            id_number: Some(ID_NUMBER.to_owned()),
            phone: Some(PHONE.to_owned()),
            address: Some(format!("{ADDRESS}, Hưng Yên")),
        },
        components: vec![Component::provided("Tờ khai")],
        vneid_verified: true,
        national_databases: vec![],
        competent_unit: None,
        submitted_by: None,
    };
    let store = &app.db.store;
    let code = store.create_dossier(&new, &ctx).await.unwrap();
    let code = code.dossier.record.code;
    let to = Assignee {
        unit: unit.clone(),
        officer: Some("chuyenvien.xa".to_owned()),
    };
    let forward = Action::Forward {
        to,
        budget_hours: 4,
    };
    store.apply_action(&code, &forward, &ctx).await.unwrap();
    code.to_string()
}

fn assert_no_personal_data(body: &str) {
    for secret in [
        ID_NUMBER,
        PHONE,
        ADDRESS,
        "Nguyễn Văn An",
        "tiepnhan.xa",
        "chuyenvien.xa",
    ] {
        assert!(!body.contains(secret), "{secret} leaked: {body}");
    }
}

#[tokio::test]
async fn public_lookup_shows_status_and_timeline_without_personal_data() {
    each_backend(|app| async move {
        let code = received(&app).await;
        let reply = app
            .send(Req::get(&format!("/api/v1/public/dossiers/{code}")).empty())
            .await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
        assert_no_personal_data(&reply.body);
        let v = reply.json();
        assert_eq!(v["code"], code.as_str());
        assert_eq!(v["applicant"], "Nguyễn V** A**");
        assert_eq!(v["status"], 4);
        assert_eq!(v["status_code"], "processing");
        assert_eq!(v["procedure"]["code"], "1.004873");
        assert_eq!(v["received_at"], "2026-03-02T09:00:00+07:00");
        assert!(v["due_at"].as_str().unwrap().ends_with("+07:00"), "{v}");
        let kinds: Vec<&str> = v["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["received", "forwarded"]);
        assert_eq!(v["timeline"][1]["unit"], "H31.12004");
        assert_eq!(v["timeline"][1]["unit_name"], "Xã Như Quỳnh");

        let page = app
            .send(Req::get(&format!("/tra-cuu?ma={code}")).empty())
            .await;
        assert_eq!(page.status.as_u16(), 200);
        assert!(page.body.contains("Nguyễn V** A**"), "{}", page.body);
        assert!(page.body.contains("Chuyển xử lý"));
        assert!(
            page.body.contains("<td>Xã Như Quỳnh</td>"),
            "unit names, not codes"
        );
        assert!(page.body.contains("Ngày hẹn trả"));
        assert_no_personal_data(&page.body);
    })
    .await;
}

#[tokio::test]
async fn unknown_or_malformed_codes_are_404_envelopes() {
    each_backend(|app| async move {
        for code in ["H31.12004-260302-9999", "khong-phai-ma"] {
            let reply = app
                .send(Req::get(&format!("/api/v1/public/dossiers/{code}")).empty())
                .await;
            reply.assert_envelope(404, "not_found");
        }
        let page = app
            .send(Req::get("/tra-cuu?ma=H31-990101-0001").empty())
            .await;
        assert_eq!(page.status.as_u16(), 200);
        assert!(page.body.contains("Không tìm thấy hồ sơ"));
        // The same sections as a known code's page.
        for section in ["Kết quả tra cứu mã H31-990101-0001", "Quá trình xử lý"] {
            assert!(page.body.contains(section), "{section}");
        }
    })
    .await;
}

#[tokio::test]
async fn lookups_are_rate_limited_per_address() {
    each_backend(|app| async move {
        let uri = "/api/v1/public/dossiers/H31.12004-260302-9999";
        let limit = cchc_web::auth::rate_limit::LOOKUPS_PER_MINUTE;
        for _ in 0..limit {
            let reply = app.send(Req::get(uri).empty()).await;
            assert_eq!(reply.status.as_u16(), 404);
        }
        app.send(Req::get(uri).empty())
            .await
            .assert_envelope(429, "rate_limited");
    })
    .await;
}

/// Imports one national-portal dossier (its state is not stored, only its facts).
pub async fn imported(app: &TestApp) -> String {
    let code = "H31.12004-260302-0042";
    let item = serde_json::json!({
        "MaHoSo": code, "MaTTHC": "1.004873", "KenhThucHien": 2, "ChuHoSo": "Trần Thị Bích",
        "NgayTiepNhan": "20260302090000", "NgayHenTra": "20260310170000",
        "TrangThaiHoSo": 4, "NgayKetThucXuLy": "", "DonViXuLy": "H31.12004",
    });
    let text = format!("{item}\n");
    let parsed = cchc_domain::portal::parse_items(&text, |_| true).unwrap();
    let items: Vec<_> = parsed
        .valid
        .iter()
        .map(|v| cchc_store::import_dossiers::ImportedDossier::from_item(v).unwrap())
        .collect();
    app.db
        .store
        .import_dossiers(&items, "test", |_| {})
        .await
        .unwrap();
    code.to_owned()
}

#[tokio::test]
async fn imported_dossiers_show_their_projection() {
    each_backend(|app| async move {
        let code = imported(&app).await;
        let reply = app
            .send(Req::get(&format!("/api/v1/public/dossiers/{code}")).empty())
            .await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
        let v = reply.json();
        assert_eq!(v["applicant"], "Trần T** B**");
        assert_eq!(v["status"], 4);
        assert_eq!(v["received_at"], "2026-03-02T09:00:00+07:00");
        assert!(!reply.body.contains("Trần Thị Bích"));
        let page = app
            .send(Req::get(&format!("/tra-cuu?ma={code}")).empty())
            .await;
        assert!(page.body.contains("Trần T** B**"), "{}", page.body);
    })
    .await;
}
