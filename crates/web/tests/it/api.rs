//! The JSON API: tokens and scopes, the tree, the import, users, the audit check and the
//! error envelope.

use crate::support::{ADMIN, CSV_HEADER, RECEPTION, Req, SPECIALIST, each_backend};
use axum::http::Method;
use cchc_domain::auth::Scope;
use cchc_store::audit::ChainStatus;
use serde_json::json;

fn new_user(username: &str) -> serde_json::Value {
    json!({ "username": username, "display_name": "Cán bộ mới", "role": "specialist",
            "unit_code": "H31.SNV", "password": "mat-khau-du-dai" })
}

#[tokio::test]
async fn read_tokens_read_and_write_tokens_write() {
    each_backend(|app| async move {
        let read = app.token(ADMIN, Scope::Read).await;
        let write = app.token(ADMIN, Scope::Write).await;
        let list = app
            .send(Req::get("/api/v1/users").bearer(&read).empty())
            .await;
        assert_eq!(list.status, 200);
        assert_eq!(list.json().as_array().map(Vec::len), Some(7));
        let denied = app
            .send(
                Req::post("/api/v1/users")
                    .bearer(&read)
                    .json(&new_user("moi.mot")),
            )
            .await;
        denied.assert_envelope(403, "insufficient_scope");
        let created = app
            .send(
                Req::post("/api/v1/users")
                    .bearer(&write)
                    .json(&new_user("moi.mot")),
            )
            .await;
        assert_eq!(created.status, 201, "{}", created.body);
        assert_eq!(created.json()["username"], "moi.mot");
        assert_eq!(created.json()["role"], "specialist");
        assert!(created.json().get("password_hash").is_none());
        let me = app.send(Req::get("/api/v1/me").bearer(&read).empty()).await;
        assert_eq!(
            me.json()["auth"],
            json!({ "method": "token", "scope": "read" })
        );
    })
    .await;
}

#[tokio::test]
async fn bad_credentials_are_401_not_anonymous() {
    each_backend(|app| async move {
        for auth in [
            "Bearer cchc_nope",
            "Basic cXVhbnRyaTp4",
            "Bearer ",
            "cchc_x",
        ] {
            let reply = app
                .send(Req::get("/api/v1/me").header("authorization", auth).empty())
                .await;
            reply.assert_envelope(401, "unauthenticated");
            assert_eq!(reply.header("www-authenticate"), "Bearer");
        }
        let reply = app.send(Req::get("/api/v1/me").empty()).await;
        reply.assert_envelope(401, "unauthenticated");
    })
    .await;
}

#[tokio::test]
async fn api_writes_with_a_session_need_the_csrf_header() {
    each_backend(|app| async move {
        let (cookie, csrf) = app.session(ADMIN).await;
        let reply = app
            .send(
                Req::post("/api/v1/users")
                    .cookie(&cookie)
                    .json(&new_user("moi.hai")),
            )
            .await;
        reply.assert_envelope(403, "csrf");
        let reply = app
            .send(
                Req::post("/api/v1/users")
                    .cookie(&cookie)
                    .header("x-csrf-token", &csrf)
                    .json(&new_user("moi.hai")),
            )
            .await;
        assert_eq!(reply.status, 201);
        let me = app
            .send(Req::get("/api/v1/me").cookie(&cookie).empty())
            .await;
        assert_eq!(me.json()["auth"]["method"], "session");
    })
    .await;
}

#[tokio::test]
async fn the_tree_has_the_cli_shape_and_follows_the_date() {
    each_backend(|app| async move {
        let token = app.token(ADMIN, Scope::Read).await;
        let get = |uri: &str| Req::get(uri).bearer(&token).empty();
        let tree = app
            .send(get("/api/v1/org-units/H31/tree?at=2025-07-01"))
            .await;
        assert_eq!(tree.status, 200);
        let v = tree.json();
        let mut keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(
            keys,
            ["children", "code", "kind", "name", "valid_from", "valid_to"]
        );
        assert_eq!(
            (v["code"].as_str(), v["kind"].as_str()),
            (Some("H31"), Some("province"))
        );
        let communes = v["children"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| matches!(c["kind"].as_str(), Some("commune" | "ward")))
            .count();
        assert_eq!(communes, 104);
        let old = app
            .send(get("/api/v1/org-units/H31/tree?at=2025-06-30"))
            .await
            .json();
        let kids = old["children"].as_array().unwrap();
        assert!(kids.iter().any(|c| c["kind"] == "district"));
    })
    .await;
}

#[tokio::test]
async fn the_tree_checks_dates_units_and_scope() {
    each_backend(|app| async move {
        let token = app.token(ADMIN, Scope::Read).await;
        let get = |uri: &str| Req::get(uri).bearer(&token).empty();
        let bad_date = app
            .send(get("/api/v1/org-units/H31/tree?at=30-06-2025"))
            .await;
        bad_date.assert_envelope(400, "invalid_date");
        for unknown in ["H99", "h31"] {
            let uri = format!("/api/v1/org-units/{unknown}/tree");
            app.send(get(&uri)).await.assert_envelope(404, "not_found");
        }
        let other_province = app.send(get("/api/v1/org-units/H01/tree")).await;
        other_province.assert_envelope(403, "outside_unit");
        let reception = app.token(RECEPTION, Scope::Read).await;
        let as_reception = |uri: &str| Req::get(uri).bearer(&reception).empty();
        let outside = app
            .send(as_reception("/api/v1/org-units/H31.SNV/tree"))
            .await;
        outside.assert_envelope(403, "outside_unit");
        let own = app
            .send(as_reception("/api/v1/org-units/H31.VPUB.TTPVHCC/tree"))
            .await;
        assert_eq!(own.status, 200);
    })
    .await;
}

#[tokio::test]
async fn a_rejected_import_lists_every_problem_and_writes_nothing() {
    each_backend(|app| async move {
        let token = app.token(ADMIN, Scope::Write).await;
        let units_before = app.db.store.org_units().await.unwrap().len();
        let audit_before = app.db.store.audit_entries().await.unwrap().len();
        let csv = format!(
            "{CSV_HEADER}H31.SNV.P1,Phòng một,other,H31.SNV,2025-07-01,,\n\
             H31.SNV.P2,Phòng hai,other,H31.KHONGCO,2025-07-01,,\n\
             H31.SNV.P3,Phòng ba,other,H31.SNV,2025-13-01,,\n"
        );
        let reply = app
            .send(
                Req::post("/api/v1/org-units/import")
                    .bearer(&token)
                    .csv(&csv),
            )
            .await;
        reply.assert_envelope(422, "import_rejected");
        let details = reply.json()["error"]["details"].as_array().unwrap().clone();
        let lines: Vec<u64> = details.iter().filter_map(|d| d["line"].as_u64()).collect();
        assert_eq!(lines, [3, 4], "{details:?}");
        assert!(
            details
                .iter()
                .all(|d| d["message"].as_str().is_some_and(|m| !m.is_empty()))
        );
        assert_eq!(app.db.store.org_units().await.unwrap().len(), units_before);
        assert_eq!(
            app.db.store.audit_entries().await.unwrap().len(),
            audit_before
        );
        let good = format!("{CSV_HEADER}H31.SNV.P1,Phòng một,other,H31.SNV,2025-07-01,,\n");
        let reply = app
            .send(
                Req::post("/api/v1/org-units/import")
                    .bearer(&token)
                    .csv(&good),
            )
            .await;
        assert_eq!(reply.json(), json!({ "imported": 1 }));
    })
    .await;
}

#[tokio::test]
async fn the_import_takes_csv_in_utf8_only() {
    each_backend(|app| async move {
        let token = app.token(ADMIN, Scope::Write).await;
        let req = Req::post("/api/v1/org-units/import")
            .bearer(&token)
            .json(&json!({}));
        app.send(req)
            .await
            .assert_envelope(415, "unsupported_media_type");
        let latin1 = Req::post("/api/v1/org-units/import")
            .bearer(&token)
            .header("content-type", "text/csv")
            .bytes(vec![0x63, 0xe1, 0x0a]);
        app.send(latin1)
            .await
            .assert_envelope(400, "invalid_encoding");
    })
    .await;
}

#[tokio::test]
async fn user_creation_errors_use_the_envelope() {
    each_backend(|app| async move {
        let token = app.token(ADMIN, Scope::Write).await;
        let post = |body: serde_json::Value| Req::post("/api/v1/users").bearer(&token).json(&body);
        let mut short = new_user("moi.ba");
        short["password"] = json!("ngan");
        app.send(post(short)).await.assert_envelope(422, "invalid");
        let mut bad_role = new_user("moi.ba");
        bad_role["role"] = json!("vua");
        app.send(post(bad_role))
            .await
            .assert_envelope(422, "invalid");
        let mut no_unit = new_user("moi.ba");
        no_unit["unit_code"] = json!(null);
        app.send(post(no_unit))
            .await
            .assert_envelope(422, "invalid");
        app.send(post(new_user(SPECIALIST)))
            .await
            .assert_envelope(409, "conflict");
        app.send(post(json!({ "username": "x" })))
            .await
            .assert_envelope(422, "invalid_body");
        let raw = Req::post("/api/v1/users")
            .bearer(&token)
            .header("content-type", "application/json");
        let reply = app.send(raw.body_text("{not json")).await;
        reply.assert_envelope(400, "malformed_json");
    })
    .await;
}

#[tokio::test]
async fn unknown_routes_and_methods_get_the_envelope() {
    each_backend(|app| async move {
        let token = app.token(ADMIN, Scope::Write).await;
        app.send(Req::get("/api/v1/nothing").bearer(&token).empty())
            .await
            .assert_envelope(404, "not_found");
        app.send(Req::get("/api/v2").empty())
            .await
            .assert_envelope(404, "not_found");
        let reply = app
            .send(
                Req::new(Method::DELETE, "/api/v1/me")
                    .bearer(&token)
                    .empty(),
            )
            .await;
        reply.assert_envelope(405, "method_not_allowed");
        assert!(reply.header("allow").contains("GET"));
    })
    .await;
}

#[tokio::test]
async fn the_audit_check_reports_an_intact_chain() {
    each_backend(|app| async move {
        let token = app.token(ADMIN, Scope::Read).await;
        let reply = app
            .send(Req::get("/api/v1/audit/verify").bearer(&token).empty())
            .await;
        let v = reply.json();
        assert_eq!(v["status"], "intact");
        let ChainStatus::Intact(n) = app.db.store.verify_audit().await.unwrap() else {
            panic!("broken chain");
        };
        assert_eq!(v["entries"], n);
    })
    .await;
}
