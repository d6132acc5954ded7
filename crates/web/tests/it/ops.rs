//! Operations: health, metrics, the OpenAPI document, request ids, headers, the stylesheet.

use crate::support::{ADMIN, CITIZEN, Req, each_backend, each_backend_with};
use cchc_domain::auth::Scope;
use cchc_web::WebConfig;

/// The metrics token of the tests that configure one.
const SCRAPE: &str = "cao-so-lieu-van-hanh-2026";

#[tokio::test]
async fn healthz_checks_the_database() {
    each_backend(|app| async move {
        let reply = app.send(Req::get("/healthz").empty()).await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.json(), serde_json::json!({ "status": "ok" }));
        app.db.store.close().await;
        let reply = app.send(Req::get("/healthz").empty()).await;
        assert_eq!(reply.status, 503);
        assert_eq!(reply.json()["status"], "unavailable");
    })
    .await;
}

#[tokio::test]
async fn metrics_count_requests_by_route_with_latency_and_pool() {
    each_backend(|app| async move {
        app.send(Req::get("/healthz").empty()).await;
        app.send(Req::get("/api/v1/org-units/H31/tree?at=2025-07-01").empty()).await;
        app.send(Req::get("/khong-co?ma=bi-mat").empty()).await;
        let (cookie, _) = app.session(ADMIN).await;
        let reply = app.send(Req::get("/metrics").cookie(&cookie).empty()).await;
        assert_eq!(reply.status, 200);
        assert!(reply.header("content-type").starts_with("text/plain; version=0.0.4"));
        let text = &reply.body;
        for expected in [
            "# TYPE cchc_http_requests_total counter",
            "cchc_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1",
            "cchc_http_requests_total{method=\"GET\",route=\"/api/v1/org-units/{code}/tree\",status=\"401\"} 1",
            "cchc_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1",
            "# TYPE cchc_http_request_duration_seconds histogram",
            "cchc_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"+Inf\"} 1",
            "cchc_http_request_duration_seconds_count{method=\"GET\",route=\"/healthz\"} 1",
            "cchc_db_pool_connections ",
            "cchc_db_pool_idle_connections ",
        ] {
            assert!(text.contains(expected), "missing {expected}\n{text}");
        }
        assert!(!text.contains("bi-mat") && !text.contains("H31"), "{text}");
    })
    .await;
}

#[tokio::test]
async fn metrics_need_the_metrics_token_or_an_admin_session() {
    let config = WebConfig {
        metrics_token: Some(SCRAPE.to_owned()),
        ..WebConfig::default()
    };
    each_backend_with(config, |app| async move {
        let get = || Req::get("/metrics");
        let scraped = app.send(get().bearer(SCRAPE).empty()).await;
        assert_eq!(scraped.status, 200, "{}", scraped.body);
        assert!(
            scraped
                .body
                .contains("# TYPE cchc_http_requests_total counter")
        );
        let (admin, _) = app.session(ADMIN).await;
        assert_eq!(app.send(get().cookie(&admin).empty()).await.status, 200);
        let api_token = app.token(ADMIN, Scope::Read).await;
        let refused = [
            get().empty(),
            get().bearer("cao-so-lieu-van-hanh-2027").empty(),
            get().bearer(&api_token).empty(),
            get()
                .header("authorization", &format!("Basic {SCRAPE}"))
                .empty(),
            get().cookie(&admin).bearer("sai").empty(),
            get().header("accept", "text/html").empty(),
        ];
        for req in refused {
            app.send(req).await.assert_envelope(401, "unauthenticated");
        }
        let (citizen, _) = app.session(CITIZEN).await;
        let reply = app
            .send(get().cookie(&citizen).header("accept", "text/html").empty())
            .await;
        reply.assert_envelope(403, "forbidden");
    })
    .await;
}

#[tokio::test]
async fn without_a_metrics_token_no_bearer_reads_the_metrics() {
    each_backend(|app| async move {
        for token in [SCRAPE, ""] {
            let reply = app.send(Req::get("/metrics").bearer(token).empty()).await;
            reply.assert_envelope(401, "unauthenticated");
        }
    })
    .await;
}

#[tokio::test]
async fn openapi_describes_exactly_the_routed_api() {
    each_backend(|app| async move {
        let reply = app.send(Req::get("/api/openapi.json").empty()).await;
        assert_eq!(reply.status, 200);
        let doc = reply.json();
        assert_eq!(doc["openapi"], "3.1.0");
        let paths = doc["paths"].as_object().unwrap();
        let routed: Vec<_> = cchc_web::routes::all()
            .into_iter()
            .filter(|r| r.path.starts_with("/api/v1/"))
            .collect();
        for r in &routed {
            let op = &paths
                .get(r.path)
                .unwrap_or_else(|| panic!("{} undocumented", r.path))
                [r.method.as_str().to_lowercase()];
            assert!(op.is_object(), "{} {} undocumented", r.method, r.path);
            assert!(op["responses"].is_object());
        }
        for (path, ops) in paths {
            for method in ops.as_object().unwrap().keys() {
                let known = routed
                    .iter()
                    .any(|r| r.path == path && r.method.as_str().eq_ignore_ascii_case(method));
                assert!(known, "documented {method} {path} is not routed");
            }
        }
        // Every error answer carries the envelope; the schemes of the global security exist.
        for (path, ops) in paths {
            for (method, op) in ops.as_object().unwrap() {
                for (status, response) in op["responses"].as_object().unwrap() {
                    if status.as_str() >= "400" {
                        let schema = &response["content"]["application/json"]["schema"];
                        assert_eq!(
                            schema["$ref"], "#/components/schemas/Error",
                            "{method} {path} {status}"
                        );
                    }
                }
                assert!(op["responses"]["500"].is_object(), "{method} {path}");
            }
        }
        for scheme in ["bearerAuth", "sessionCookie"] {
            assert!(
                doc["components"]["securitySchemes"][scheme].is_object(),
                "{scheme}"
            );
        }
        assert_eq!(
            doc["components"]["securitySchemes"]["sessionCookie"]["name"],
            "cchc_session"
        );
        // Every $ref points at a schema that exists.
        let text = doc.to_string();
        for piece in text.split("#/components/schemas/").skip(1) {
            let name = piece.split('"').next().unwrap();
            assert!(doc["components"]["schemas"][name].is_object(), "{name}");
        }
    })
    .await;
}

#[tokio::test]
async fn request_ids_and_security_headers_on_every_response() {
    each_backend(|app| async move {
        let reply = app.send(Req::get("/").empty()).await;
        assert_eq!(reply.header("x-request-id").len(), 16);
        assert_eq!(reply.header("x-content-type-options"), "nosniff");
        assert_eq!(reply.header("x-frame-options"), "DENY");
        assert!(
            reply
                .header("content-security-policy")
                .contains("default-src 'self'")
        );
        assert_eq!(reply.header("cache-control"), "no-store");
        let reply = app
            .send(
                Req::get("/healthz")
                    .header("x-request-id", "abc-123")
                    .empty(),
            )
            .await;
        assert_eq!(reply.header("x-request-id"), "abc-123");
        let reply = app
            .send(
                Req::get("/healthz")
                    .header("x-request-id", "bad id\"<>")
                    .empty(),
            )
            .await;
        assert_ne!(reply.header("x-request-id"), "bad id\"<>");
        let token = app.token(ADMIN, Scope::Read).await;
        let reply = app
            .send(Req::get("/api/v1/nope").bearer(&token).empty())
            .await;
        assert_eq!(reply.header("x-request-id").len(), 16);
    })
    .await;
}

#[tokio::test]
async fn the_stylesheet_is_embedded() {
    each_backend(|app| async move {
        let reply = app.send(Req::get("/static/app.css").empty()).await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("content-type"), "text/css; charset=utf-8");
        assert!(reply.header("cache-control").starts_with("public"));
        assert!(reply.body.contains("@media print"));
    })
    .await;
}

#[tokio::test]
async fn internal_failures_are_a_bare_500() {
    each_backend(|app| async move {
        let token = app.token(ADMIN, Scope::Read).await;
        let (cookie, _) = app.session(ADMIN).await;
        app.db.store.close().await;
        let reply = app
            .send(Req::get("/api/v1/users").bearer(&token).empty())
            .await;
        reply.assert_envelope(500, "internal");
        // The details carry the request id alone, which finds the log line.
        let details = serde_json::json!({ "request_id": reply.header("x-request-id") });
        assert_eq!(reply.json()["error"]["details"], details);
        assert!(
            !reply.body.to_lowercase().contains("pool"),
            "{}",
            reply.body
        );
        let page = app.send(Req::get("/account").cookie(&cookie).empty()).await;
        assert_eq!(page.status, 500);
        assert!(page.body.contains("Lỗi hệ thống") && !page.body.to_lowercase().contains("pool"));
    })
    .await;
}
