//! Login, logout, cookies, CSRF and the login rate limit.

use crate::support::{ADMIN, Reply, Req, SPECIALIST, TestApp, each_backend, each_backend_with};
use axum::extract::ConnectInfo;
use cchc_store::demo::DEMO_PASSWORD;
use cchc_web::WebConfig;
use std::net::SocketAddr;

/// GET /login: (the CSRF cookie header, the token of the form).
async fn login_form(app: &TestApp) -> (String, String) {
    let page = app.send(Req::get("/login").empty()).await;
    assert_eq!(page.status, 200);
    let cookie = page.cookie("cchc_login_csrf").expect("login CSRF cookie");
    assert_eq!(page.hidden("csrf_token"), cookie);
    (format!("cchc_login_csrf={cookie}"), cookie)
}

async fn log_in(app: &TestApp, username: &str, password: &str, next: &str) -> Reply {
    let (cookie, csrf) = login_form(app).await;
    let fields = [
        ("username", username),
        ("password", password),
        ("csrf_token", csrf.as_str()),
        ("next", next),
    ];
    app.send(Req::post("/login").cookie(&cookie).form(&fields))
        .await
}

#[tokio::test]
async fn login_opens_a_strict_session_and_logout_ends_it() {
    each_backend(|app| async move {
        let reply = log_in(&app, SPECIALIST, DEMO_PASSWORD, "/org?at=2025-07-01").await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        assert_eq!(reply.header("location"), "/org?at=2025-07-01");
        let set = reply
            .cookies()
            .into_iter()
            .find(|c| c.starts_with("cchc_session="))
            .unwrap();
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Strict"),
            "{set}"
        );
        assert!(!set.contains("Secure"), "{set}");
        let secret = reply.cookie("cchc_session").unwrap();
        let cookie = format!("cchc_session={secret}");
        let account = app.send(Req::get("/account").cookie(&cookie).empty()).await;
        assert_eq!(account.status, 200);
        assert!(account.body.contains("Lê Văn Cường"));
        let csrf = account.hidden("csrf_token");
        let out = app
            .send(
                Req::post("/logout")
                    .cookie(&cookie)
                    .form(&[("csrf_token", &csrf)]),
            )
            .await;
        assert_eq!(out.status, 303);
        assert!(
            out.cookies()
                .iter()
                .any(|c| c.starts_with("cchc_session=;") && c.contains("Max-Age=0"))
        );
        let after = app.send(Req::get("/account").cookie(&cookie).empty()).await;
        assert_eq!(after.status, 303);
        assert_eq!(after.header("location"), "/login?next=%2Faccount");
    })
    .await;
}

#[tokio::test]
async fn secure_cookies_when_configured() {
    let config = WebConfig {
        secure_cookies: true,
        ..WebConfig::default()
    };
    each_backend_with(config, |app| async move {
        let page = app.send(Req::get("/login").empty()).await;
        assert!(page.cookies()[0].ends_with("; Secure"));
        let reply = log_in(&app, ADMIN, DEMO_PASSWORD, "").await;
        assert_eq!(reply.header("location"), "/");
        assert!(reply.cookies().iter().all(|c| c.contains("; Secure")));
    })
    .await;
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_vietnamese_message() {
    each_backend(|app| async move {
        for (user, password) in [
            (SPECIALIST, "sai-mat-khau-roi"),
            ("khongtontai", DEMO_PASSWORD),
        ] {
            let reply = log_in(&app, user, password, "/").await;
            assert_eq!(reply.status, 401);
            assert!(
                reply
                    .body
                    .contains("Tên đăng nhập hoặc mật khẩu không đúng.")
            );
            assert!(reply.cookie("cchc_session").is_none());
        }
    })
    .await;
}

#[tokio::test]
async fn login_without_its_csrf_pair_is_403() {
    each_backend(|app| async move {
        let fields = [("username", ADMIN), ("password", DEMO_PASSWORD)];
        let reply = app.send(Req::post("/login").form(&fields)).await;
        assert_eq!(reply.status, 403);
        assert!(reply.body.contains("Không có quyền truy cập"));
        let (cookie, _) = login_form(&app).await;
        let other = cchc_domain::auth::new_secret();
        let fields = [
            ("username", ADMIN),
            ("password", DEMO_PASSWORD),
            ("csrf_token", &other),
        ];
        let reply = app
            .send(Req::post("/login").cookie(&cookie).form(&fields))
            .await;
        assert_eq!(reply.status, 403);
    })
    .await;
}

#[tokio::test]
async fn session_posts_need_the_session_csrf_token() {
    each_backend(|app| async move {
        let (cookie, csrf) = app.session(ADMIN).await;
        let fields = [
            ("username", "moi.canbo"),
            ("display_name", "Cán bộ mới"),
            ("role", "specialist"),
            ("unit_code", "H31.SNV"),
            ("password", "mat-khau-du-dai"),
        ];
        let missing = app
            .send(Req::post("/admin/users").cookie(&cookie).form(&fields))
            .await;
        assert_eq!(missing.status, 403);
        assert!(missing.body.contains("CSRF"));
        let mut wrong = fields.to_vec();
        wrong.push(("csrf_token", "0000"));
        let reply = app
            .send(Req::post("/admin/users").cookie(&cookie).form(&wrong))
            .await;
        assert_eq!(reply.status, 403);
        let logout = app
            .send(Req::post("/logout").cookie(&cookie).form(&[]))
            .await;
        assert_eq!(logout.status, 403);
        let mut right = fields.to_vec();
        right.push(("csrf_token", &csrf));
        let reply = app
            .send(Req::post("/admin/users").cookie(&cookie).form(&right))
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
    })
    .await;
}

#[tokio::test]
async fn next_never_leaves_the_site() {
    each_backend(|app| async move {
        for next in [
            "//evil.example/x",
            "https://evil.example/",
            "/\\evil",
            "/logout",
        ] {
            let reply = log_in(&app, CITIZEN_USER, DEMO_PASSWORD, next).await;
            assert_eq!(reply.header("location"), "/", "{next}");
        }
    })
    .await;
}

const CITIZEN_USER: &str = crate::support::CITIZEN;

fn from(
    addr: &str,
    mut req: axum::http::Request<axum::body::Body>,
) -> axum::http::Request<axum::body::Body> {
    let addr: SocketAddr = addr.parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    req
}

#[tokio::test]
async fn login_attempts_are_limited_per_username_and_per_address() {
    let config = WebConfig {
        login_attempts_per_minute: 2,
        ..WebConfig::default()
    };
    each_backend_with(config, |app| async move {
        let (cookie, csrf) = login_form(&app).await;
        let attempt = |user: &'static str, password: &'static str, addr: &'static str| {
            let fields = [
                ("username", user),
                ("password", password),
                ("csrf_token", csrf.as_str()),
            ];
            from(addr, Req::post("/login").cookie(&cookie).form(&fields))
        };
        for _ in 0..2 {
            let r = app
                .send(attempt(SPECIALIST, "sai-mat-khau-roi", "10.0.0.1:1"))
                .await;
            assert_eq!(r.status, 401);
        }
        // Per username: even the right password from elsewhere waits.
        let r = app
            .send(attempt(SPECIALIST, DEMO_PASSWORD, "10.0.0.2:1"))
            .await;
        assert_eq!(r.status, 429);
        assert_eq!(r.header("retry-after"), "60");
        assert!(r.body.contains("quá nhiều lần"));
        // Per address: four times the per-username limit.
        let users = ["u01", "u02", "u03", "u04", "u05", "u06"];
        for user in users {
            let r = app.send(attempt(user, "x", "10.0.0.1:2")).await;
            assert_eq!(r.status, 401, "{user}");
        }
        let r = app.send(attempt(ADMIN, DEMO_PASSWORD, "10.0.0.1:3")).await;
        assert_eq!(r.status, 429);
        let r = app.send(attempt(ADMIN, DEMO_PASSWORD, "10.0.0.3:1")).await;
        assert_eq!(r.status, 303);
    })
    .await;
}

#[tokio::test]
async fn pages_redirect_anonymous_visitors_to_login_with_next() {
    each_backend(|app| async move {
        let reply = app.send(Req::get("/org?at=2025-07-01").empty()).await;
        assert_eq!(reply.status, 303);
        assert_eq!(
            reply.header("location"),
            "/login?next=%2Forg%3Fat%3D2025-07-01"
        );
        let login = app
            .send(Req::get("/login?next=%2Forg%3Fat%3D2025-07-01").empty())
            .await;
        assert_eq!(login.hidden("next"), "/org?at=2025-07-01");
        // An expired or unknown session cookie is simply anonymous.
        let stale = format!("cchc_session={}", cchc_domain::auth::new_secret());
        let reply = app.send(Req::get("/account").cookie(&stale).empty()).await;
        assert_eq!(reply.status, 303);
        // A signed-in user visiting /login goes on.
        let (cookie, _) = app.session(ADMIN).await;
        let reply = app
            .send(Req::get("/login?next=/admin/audit").cookie(&cookie).empty())
            .await;
        assert_eq!(reply.header("location"), "/admin/audit");
    })
    .await;
}
