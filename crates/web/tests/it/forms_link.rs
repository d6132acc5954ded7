//! The address behind the receipt's QR code: the configured public address whatever the
//! `Host` header says; without one, the request's `Host` only when it is a plain host name.

use crate::forms::{HOST, create};
use crate::support::{Reply, Req, TestApp, each_backend, each_backend_with};
use cchc_domain::dossier::{Channel, DossierCode};
use cchc_web::WebConfig;
use cchc_web::pages::form_view::lookup_qr;

const PUBLIC: &str = "https://dichvucong.hungyen.gov.vn";
const FORGED: &str = "phishing.example";

/// The receipt of `code` as a page and as JSON, asked for with `host`.
async fn receipt(app: &TestApp, code: &DossierCode, host: &str) -> (Reply, Reply) {
    let (cookie, _) = app.session("quantri").await;
    let page = Req::get(&format!("/ho-so/{code}/mau/receipt"))
        .cookie(&cookie)
        .header("host", host);
    let page = app.send(page.empty()).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let json = Req::get(&format!("/api/v1/dossiers/{code}/forms/receipt"))
        .cookie(&cookie)
        .header("accept", "application/json")
        .header("host", host);
    let json = app.send(json.empty()).await;
    assert_eq!(json.status, 200, "{}", json.body);
    (page, json)
}

#[tokio::test]
async fn the_configured_address_is_printed_whatever_the_host_header() {
    let config = WebConfig {
        public_url: Some(PUBLIC.to_owned()),
        ..WebConfig::default()
    };
    each_backend_with(config, |app| async move {
        let code = create(&app, Channel::Direct, "2026-03-02T09:00").await;
        let (page, json) = receipt(&app, &code, FORGED).await;
        let url = format!("{PUBLIC}/tra-cuu?ma={code}");
        assert_eq!(json.json()["lookup_url"], url);
        assert!(page.body.contains(&lookup_qr(&url).unwrap()), "QR of {url}");
        for reply in [&page, &json] {
            assert!(!reply.body.contains(FORGED), "{}", reply.body);
        }
    })
    .await;
}

#[tokio::test]
async fn without_one_a_plain_host_is_used_and_anything_else_gives_no_link() {
    each_backend(|app| async move {
        let code = create(&app, Channel::Direct, "2026-03-02T09:00").await;
        for host in [HOST, "10.0.0.5:8080", "[::1]:8080"] {
            let (page, json) = receipt(&app, &code, host).await;
            let url = format!("http://{host}/tra-cuu?ma={code}");
            assert_eq!(json.json()["lookup_url"], url);
            assert!(page.body.contains(&lookup_qr(&url).unwrap()), "QR of {url}");
        }
        for forged in [
            "phishing.example:80:80",
            "phishing.example:",
            "-phishing.example",
            "phishing..example",
            "[::1]phishing.example",
            "user@phishing.example",
            "phishing.example/tra-cuu?",
        ] {
            let (page, json) = receipt(&app, &code, forged).await;
            assert_eq!(
                json.json()["lookup_url"],
                serde_json::Value::Null,
                "{forged}"
            );
            assert!(!page.body.contains("<figure class=\"qr\">"), "{forged}");
            assert!(!page.body.contains("phishing"), "{forged}");
        }
    })
    .await;
}
