//! The dossier API for staff: one dossier within the caller's subtree, the list with its
//! unit, status, overdue and due-within filters, a reception through the API, and a refused
//! action answered with a 409 envelope carrying both sentences.

use crate::support::{Req, TestApp, each_backend};
use cchc_domain::auth::Scope;
use serde_json::json;

/// Receives a dossier at the commune desk through the API; returns its code.
async fn receive(app: &TestApp, token: &str) -> String {
    let body = json!({
        "procedure_code": "1.004873", "channel": "direct",
        "applicant": { "name": "Nguyễn Văn An", "id_number": "033090000001" },
        "components": ["Tờ khai"]
    });
    let reply = app
        .send(Req::post("/api/v1/dossiers").bearer(token).json(&body))
        .await;
    assert_eq!(reply.status.as_u16(), 201, "{}", reply.body);
    let v = reply.json();
    assert_eq!(v["status"], 2, "{v}");
    assert_eq!(v["status_code"], "new");
    assert!(v["received_at"].as_str().unwrap().ends_with("+07:00"));
    assert!(v["due_at"].as_str().unwrap().ends_with("+07:00"));
    assert!(v["finished_at"].is_null() && v["returned_at"].is_null());
    v["code"].as_str().unwrap().to_owned()
}

async fn act(
    app: &TestApp,
    token: &str,
    code: &str,
    action: serde_json::Value,
) -> crate::support::Reply {
    let uri = format!("/api/v1/dossiers/{code}/actions");
    app.send(Req::post(&uri).bearer(token).json(&action)).await
}

async fn total(app: &TestApp, token: &str, query: &str) -> u64 {
    let reply = app
        .send(
            Req::get(&format!("/api/v1/dossiers?{query}"))
                .bearer(token)
                .empty(),
        )
        .await;
    assert_eq!(reply.status.as_u16(), 200, "{query}: {}", reply.body);
    reply.json()["total"].as_u64().unwrap()
}

#[tokio::test]
async fn staff_receive_act_and_list_within_their_subtree() {
    each_backend(|app| async move {
        let desk = app.token("tiepnhan", Scope::Write).await;
        let admin = app.token("quantri", Scope::Write).await;
        let first = receive(&app, &desk).await;
        let second = receive(&app, &desk).await;
        let unit = first.rsplitn(3, '-').nth(2).unwrap().to_owned();
        let forward = json!({ "action": "forward", "to": { "unit": unit, "officer": null },
            "budget_hours": 4 });
        let reply = act(&app, &desk, &second, forward).await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
        assert_eq!(reply.json()["status"], 4);

        let reply = app
            .send(
                Req::get(&format!("/api/v1/dossiers/{first}"))
                    .bearer(&admin)
                    .empty(),
            )
            .await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
        assert_eq!(reply.json()["code"], first.as_str());
        let outsider = app.token("chuyenvien", Scope::Read).await;
        app.send(
            Req::get(&format!("/api/v1/dossiers/{first}"))
                .bearer(&outsider)
                .empty(),
        )
        .await
        .assert_envelope(403, "outside_unit");

        let of_unit = format!("unit={unit}");
        assert_eq!(total(&app, &admin, &of_unit).await, 2);
        assert_eq!(total(&app, &desk, "").await, 2);
        assert_eq!(total(&app, &admin, &format!("{of_unit}&status=4")).await, 1);
        assert_eq!(
            total(&app, &admin, &format!("{of_unit}&status=new,processing")).await,
            2
        );
        assert_eq!(
            total(&app, &admin, &format!("{of_unit}&overdue=true")).await,
            0
        );
        assert_eq!(
            total(&app, &admin, &format!("{of_unit}&due_within=400")).await,
            2
        );
        assert_eq!(total(&app, &outsider, "").await, 0);
        let reply = app
            .send(
                Req::get(&format!("/api/v1/dossiers?{of_unit}"))
                    .bearer(&outsider)
                    .empty(),
            )
            .await;
        reply.assert_envelope(403, "outside_unit");
        let reply = app
            .send(
                Req::get("/api/v1/dossiers?status=42")
                    .bearer(&admin)
                    .empty(),
            )
            .await;
        reply.assert_envelope(400, "bad_status");
    })
    .await;
}

#[tokio::test]
async fn a_refused_action_is_a_409_with_both_sentences() {
    each_backend(|app| async move {
        let desk = app.token("tiepnhan", Scope::Write).await;
        let code = receive(&app, &desk).await;
        let reply = act(
            &app,
            &desk,
            &code,
            json!({ "action": "pay", "online": true }),
        )
        .await;
        reply.assert_envelope(409, "action_refused");
        let v = reply.json();
        let en = v["error"]["details"]["en"].as_str().unwrap();
        assert!(!en.is_empty() && en.is_ascii(), "{v}");
        assert_ne!(v["error"]["message"].as_str().unwrap(), en);
        let reply = app
            .send(
                Req::get(&format!("/api/v1/dossiers/{code}"))
                    .bearer(&desk)
                    .empty(),
            )
            .await;
        assert_eq!(reply.json()["status"], 2, "nothing written");
    })
    .await;
}

#[tokio::test]
async fn procedures_are_searched_without_diacritics() {
    each_backend(|app| async move {
        let reply = app
            .send(Req::get("/api/v1/procedures?q=dang%20ky%20ket%20hon&size=5").empty())
            .await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
        let v = reply.json();
        assert!(v["total"].as_u64().unwrap() >= 1, "{v}");
        let name = v["items"][0]["name"].as_str().unwrap().to_lowercase();
        assert!(name.contains("kết hôn"), "{name}");
    })
    .await;
}
