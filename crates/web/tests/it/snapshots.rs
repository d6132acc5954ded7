//! Snapshots of what people and clients see: the JSON of `/api/v1/me` and the login page.

use crate::support::{Req, SPECIALIST, each_backend};
use cchc_domain::auth::Scope;

#[tokio::test]
async fn me_json() {
    each_backend(|app| async move {
        let token = app.token(SPECIALIST, Scope::Write).await;
        let reply = app
            .send(Req::get("/api/v1/me").bearer(&token).empty())
            .await;
        let pretty = serde_json::to_string_pretty(&reply.json()).unwrap();
        insta::assert_snapshot!("me_json", pretty);
    })
    .await;
}

#[tokio::test]
async fn login_page_html() {
    each_backend(|app| async move {
        let reply = app.send(Req::get("/login?next=%2Forg").empty()).await;
        let csrf = reply.hidden("csrf_token");
        let html = reply.body.replace(&csrf, "[csrf]");
        insta::assert_snapshot!("login_page_html", html);
    })
    .await;
}
