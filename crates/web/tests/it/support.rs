//! The test application: a real router over a fresh database with the seven demo accounts,
//! and small request helpers. Every answer under `/api/v1` is checked against the OpenAPI
//! document ([`contract`]).

pub mod contract;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use cchc_domain::auth::Scope;
use cchc_store::accounts::{NewUser, User};
use cchc_store::demo::{DEMO_PASSWORD, DEMO_USERS};
use cchc_store::testing::{TestDb, backends};
use cchc_web::WebConfig;
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

/// The demo password hashed once per test binary (argon2 is slow in debug builds).
pub fn demo_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| cchc_domain::auth::hash_password(DEMO_PASSWORD))
}

/// Usernames of the demo accounts, in role order.
pub const CITIZEN: &str = "congdan";
pub const RECEPTION: &str = "tiepnhan";
pub const SPECIALIST: &str = "chuyenvien";
pub const ADMIN: &str = "quantri";

pub struct TestApp {
    pub db: Arc<TestDb>,
    pub router: Router,
    pub users: Vec<User>,
}

/// Runs `test` once per backend, each time on a fresh application.
pub async fn each_backend<F, Fut>(test: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    each_backend_with(WebConfig::default(), test).await;
}

/// `each_backend` with a configuration of the test's own. The test runs as a task of its own:
/// whether it passes or panics, the pool is closed here, on the test's runtime, before the
/// database is dropped (closing it from `TestDb`'s drop can wait on this runtime forever).
pub async fn each_backend_with<F, Fut>(config: WebConfig, test: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    for backend in backends() {
        let app = TestApp::new(backend, config.clone()).await;
        let db = Arc::clone(&app.db);
        let outcome = tokio::spawn(test(app)).await;
        db.store.close().await;
        drop(db);
        if let Err(err) = outcome {
            std::panic::resume_unwind(err.into_panic());
        }
    }
}

impl TestApp {
    async fn new(backend: cchc_store::Backend, config: WebConfig) -> TestApp {
        let db = TestDb::with_base_data(backend)
            .await
            .expect("test database");
        let mut users = Vec::new();
        for (username, name, role, unit) in DEMO_USERS {
            let new = NewUser {
                username: username.into(),
                display_name: name.into(),
                role,
                unit_code: unit.map(Into::into),
                password_hash: demo_hash().to_owned(),
            };
            users.push(db.store.create_user(&new, "test").await.expect("demo user"));
        }
        let router = cchc_web::router(db.store.clone(), config);
        TestApp {
            db: Arc::new(db),
            router,
            users,
        }
    }

    /// The demo user called `username`.
    pub fn user(&self, username: &str) -> &User {
        self.users
            .iter()
            .find(|u| u.username == username)
            .expect("a demo user")
    }

    /// A fresh session for `username`: (cookie header value, CSRF token).
    pub async fn session(&self, username: &str) -> (String, String) {
        let (secret, csrf) = self
            .db
            .store
            .create_session(self.user(username), 3_600_000)
            .await
            .expect("session");
        (format!("cchc_session={secret}"), csrf)
    }

    /// A fresh API token for `username`.
    pub async fn token(&self, username: &str, scope: Scope) -> String {
        self.db
            .store
            .create_api_token(username, scope, "test")
            .await
            .expect("token")
    }

    /// `GET uri` with the session of `user`, or anonymously.
    pub async fn get_as(&self, user: Option<&str>, uri: &str) -> Reply {
        let mut req = Req::get(uri);
        if let Some(u) = user {
            req = req.cookie(&self.session(u).await.0);
        }
        self.send(req.empty()).await
    }

    /// Sends one request through the whole router; an answer under `/api/v1` must keep the
    /// OpenAPI contract.
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let (method, path) = (req.method().clone(), req.uri().path().to_owned());
        let response = self.router.clone().oneshot(req).await.expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        let reply = Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        };
        contract::check(&contract::Answer {
            method: &method,
            path: &path,
            status,
            content_type: reply.header("content-type"),
            body: &reply.body,
        });
        reply
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Every `Set-Cookie` value.
    pub fn cookies(&self) -> Vec<&str> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect()
    }

    /// The value of the cookie `name` set by this response.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies().iter().find_map(|c| {
            let first = c.split(';').next()?;
            let (k, v) = first.split_once('=')?;
            (k == name).then(|| v.to_owned())
        })
    }

    /// The `value` of the hidden input `name` in an HTML body.
    pub fn hidden(&self, name: &str) -> String {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self.body.find(&marker).expect("hidden input") + marker.len();
        let end = self.body[start..].find('"').expect("closing quote") + start;
        self.body[start..end].to_owned()
    }

    /// The `data-nav` keys of the navigation.
    pub fn nav_keys(&self) -> Vec<String> {
        self.body
            .split("data-nav=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .map(str::to_owned)
            .collect()
    }

    /// Asserts the error envelope with `code`.
    pub fn assert_envelope(&self, status: u16, code: &str) {
        assert_eq!(self.status.as_u16(), status, "{}", self.body);
        assert!(self.header("content-type").starts_with("application/json"));
        let v = self.json();
        let error = v["error"].as_object().expect("error object");
        let mut keys: Vec<&str> = error.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["code", "details", "message"], "{v}");
        assert_eq!(v.as_object().map(|o| o.len()), Some(1), "{v}");
        assert_eq!(error["code"], code, "{v}");
        assert!(!error["message"].as_str().unwrap_or("").is_empty());
    }
}

/// A request builder with the usual shapes.
pub struct Req(axum::http::request::Builder);

impl Req {
    pub fn new(method: Method, uri: &str) -> Req {
        Req(Request::builder().method(method).uri(uri))
    }

    pub fn get(uri: &str) -> Req {
        Req::new(Method::GET, uri)
    }

    pub fn post(uri: &str) -> Req {
        Req::new(Method::POST, uri)
    }

    pub fn header(self, name: &str, value: &str) -> Req {
        Req(self.0.header(name, value))
    }

    pub fn cookie(self, cookie: &str) -> Req {
        self.header("cookie", cookie)
    }

    pub fn bearer(self, token: &str) -> Req {
        self.header("authorization", &format!("Bearer {token}"))
    }

    pub fn empty(self) -> Request<Body> {
        self.0.body(Body::empty()).expect("request")
    }

    pub fn form(self, fields: &[(&str, &str)]) -> Request<Body> {
        let body = serde_urlencoded::to_string(fields).expect("form");
        self.header("content-type", "application/x-www-form-urlencoded")
            .0
            .body(Body::from(body))
            .expect("request")
    }

    pub fn json(self, value: &serde_json::Value) -> Request<Body> {
        self.header("content-type", "application/json")
            .0
            .body(Body::from(value.to_string()))
            .expect("request")
    }

    pub fn csv(self, text: &str) -> Request<Body> {
        self.header("content-type", "text/csv")
            .0
            .body(Body::from(text.to_owned()))
            .expect("request")
    }
}

/// Header of the org-unit import format.
pub const CSV_HEADER: &str = "code,name,kind,parent_code,valid_from,valid_to,successor_code\n";

impl Req {
    /// A request with raw bytes.
    pub fn bytes(self, bytes: Vec<u8>) -> Request<Body> {
        self.0.body(Body::from(bytes)).expect("request")
    }

    /// A request with a raw body.
    pub fn body_text(self, text: &str) -> Request<Body> {
        self.0.body(Body::from(text.to_owned())).expect("request")
    }
}
