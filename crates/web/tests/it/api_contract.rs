//! The contract check itself: it accepts a documented answer and refuses a body that does not
//! match its schema, an undocumented status or content type, and a routing miss answered
//! otherwise than with 404 or 405 and the envelope.

use crate::support::contract::{Answer, problems};
use axum::http::{Method, StatusCode};
use serde_json::json;

fn me_body() -> serde_json::Value {
    json!({
        "username": "quantri",
        "display_name": "Quản trị hệ thống",
        "role": "system_admin",
        "role_label": "Quản trị hệ thống",
        "unit": { "code": "H31", "name": "Tỉnh Hưng Yên" },
        "auth": { "method": "session", "scope": null }
    })
}

fn answer<'a>(method: &'a Method, path: &'a str, status: u16, body: &'a str) -> Answer<'a> {
    Answer {
        method,
        path,
        status: StatusCode::from_u16(status).unwrap(),
        content_type: "application/json",
        body,
    }
}

#[test]
fn a_documented_answer_passes_and_a_wrong_body_fails() {
    let get = Method::GET;
    let good = me_body().to_string();
    assert_eq!(problems(&answer(&get, "/api/v1/me", 200, &good)), Ok(()));
    let mut missing = me_body();
    missing.as_object_mut().unwrap().remove("role");
    let missing = missing.to_string();
    let err = problems(&answer(&get, "/api/v1/me", 200, &missing)).unwrap_err();
    assert!(err.contains("role"), "{err}");
    let mut extra = me_body();
    extra["unit"]["kind"] = json!("province");
    let extra = extra.to_string();
    assert!(problems(&answer(&get, "/api/v1/me", 200, &extra)).is_err());
    let mut wrong_role = me_body();
    wrong_role["role"] = json!("king");
    let wrong_role = wrong_role.to_string();
    assert!(problems(&answer(&get, "/api/v1/me", 200, &wrong_role)).is_err());
}

#[test]
fn undocumented_statuses_and_content_types_fail() {
    let get = Method::GET;
    let envelope = json!({ "error": { "code": "x", "message": "y", "details": null } }).to_string();
    let err = problems(&answer(&get, "/api/v1/me", 418, &envelope)).unwrap_err();
    assert!(err.contains("418"), "{err}");
    assert!(problems(&answer(&get, "/api/v1/me", 401, &envelope)).is_ok());
    let bare = json!({ "code": "x", "message": "y" }).to_string();
    assert!(problems(&answer(&get, "/api/v1/me", 401, &bare)).is_err());
    let html = Answer {
        content_type: "text/html; charset=utf-8",
        ..answer(&get, "/api/v1/me", 200, "<p>")
    };
    assert!(problems(&html).unwrap_err().contains("text/html"));
}

#[test]
fn a_date_time_that_is_not_one_fails() {
    let get = Method::GET;
    let status =
        json!({ "phase": "ready", "done": 1, "total": 1, "seq": 3, "entries": 2, "rebuilds": 0 });
    let ok = status.to_string();
    assert_eq!(
        problems(&answer(&get, "/api/v1/kpi/status", 200, &ok)),
        Ok(())
    );
    let list = json!({ "items": [], "total": 0, "page": 1, "size": 50, "by_status": [] });
    let ok = list.to_string();
    assert_eq!(
        problems(&answer(&get, "/api/v1/dossiers", 200, &ok)),
        Ok(())
    );
    let mut dossier = json!({
        "code": "H31.12004-260302-0001", "procedure_code": "1.001", "procedure_version": 1,
        "channel": 1, "status": 2, "status_code": "received", "status_label": "Đã tiếp nhận",
        "receiving_unit": "H31", "competent_unit": "H31", "holder_unit": "H31",
        "applicant": { "name": "A" }, "received_at": "2026-03-02T09:00:00+07:00",
        "supplement_count": 0
    });
    let ok = dossier.to_string();
    assert_eq!(
        problems(&answer(
            &get,
            "/api/v1/dossiers/H31.12004-260302-0001",
            200,
            &ok
        )),
        Ok(())
    );
    dossier["received_at"] = json!("2 March 2026");
    let bad = dossier.to_string();
    assert!(
        problems(&answer(
            &get,
            "/api/v1/dossiers/H31.12004-260302-0001",
            200,
            &bad
        ))
        .is_err()
    );
}

#[test]
fn routing_misses_must_be_404_or_405_with_the_envelope() {
    let envelope = json!({ "error": { "code": "not_found", "message": "y", "details": null } });
    let envelope = envelope.to_string();
    let get = Method::GET;
    assert!(problems(&answer(&get, "/api/v1/nothing-here", 404, &envelope)).is_ok());
    assert!(problems(&answer(&get, "/api/v1/nothing-here", 200, "{}")).is_err());
    let delete = Method::DELETE;
    assert!(problems(&answer(&delete, "/api/v1/users", 405, &envelope)).is_ok());
    assert!(problems(&answer(&delete, "/api/v1/users", 404, &envelope)).is_err());
    assert!(problems(&answer(&get, "/api/openapi.json", 200, "not json")).is_ok());
}
