//! Attribution: a dossier received at the provincial centre's desk counts for its competent
//! unit in the statistics, and the centre's dashboard keeps the reception view (what it
//! received, by competent unit).

use serde_json::{Value, json};

use crate::support::{ADMIN, RECEPTION, Req, TestApp, each_backend};

/// Receives a dossier at the centre's desk (the reception officer's) for `competent`.
async fn receive_for(app: &TestApp, competent: &str) -> Value {
    let (cookie, csrf) = app.session(RECEPTION).await;
    let new = json!({
        "procedure_code": "1.004873", "channel": "direct",
        "applicant": { "name": "Người thử", "id_number": null, "phone": null, "address": null },
        "components": ["Tờ khai"], "competent_unit": competent
    });
    let req = Req::post("/api/v1/dossiers")
        .cookie(&cookie)
        .header("x-csrf-token", &csrf)
        .json(&new);
    let created = app.send(req).await;
    assert_eq!(created.status, 201, "{}", created.body);
    created.json()
}

async fn get(app: &TestApp, user: &str, uri: &str) -> crate::support::Reply {
    let cookie = app.session(user).await.0;
    let reply = app.send(Req::get(uri).cookie(&cookie).empty()).await;
    assert_eq!(reply.status, 200, "{uri}: {}", reply.body);
    reply
}

/// The reception row of `unit` as the page prints it, with its count.
fn reception_row(unit: &str, n: u64) -> String {
    format!("<span class=\"code\">{unit}</span></th><td class=\"num\">{n}</td>")
}

#[tokio::test]
async fn the_centre_receives_for_departments_that_count_the_dossiers() {
    each_backend(|app| async move {
        let first = receive_for(&app, "H31.SNV").await;
        receive_for(&app, "H31.SNV").await;
        receive_for(&app, "H31.STP").await;
        assert_eq!(first["receiving_unit"], "H31.VPUB.TTPVHCC");
        let year = &first["received_at"].as_str().unwrap()[..4];

        let stats = |unit: &str| format!("/api/v1/kpi/stats?unit={unit}&period={year}");
        let direct = |v: &Value| v["received"]["direct"].as_u64();
        let snv = get(&app, ADMIN, &stats("H31.SNV")).await.json();
        let stp = get(&app, ADMIN, &stats("H31.STP")).await.json();
        let centre = get(&app, ADMIN, &stats("H31.VPUB.TTPVHCC")).await.json();
        assert_eq!((direct(&snv), direct(&stp)), (Some(2), Some(1)));
        assert_eq!(centre["population"].as_u64(), Some(0));

        let page = |unit: &str| format!("/chi-so?unit={unit}&period={year}");
        let html = get(&app, ADMIN, &page("H31.VPUB.TTPVHCC")).await.body;
        assert!(html.contains("kpi-reception"), "{html}");
        let snv_row = html.find(&reception_row("H31.SNV", 2));
        let stp_row = html.find(&reception_row("H31.STP", 1));
        assert!(snv_row.is_some() && stp_row.is_some(), "{html}");
        assert!(snv_row < stp_row, "most received first");

        // A department's dashboard has no reception view.
        let html = get(&app, ADMIN, &page("H31.SNV")).await.body;
        assert!(!html.contains("kpi-reception"));
    })
    .await;
}
