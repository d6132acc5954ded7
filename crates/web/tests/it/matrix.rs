//! The role matrix over every route: anonymous (401, or a redirect to the login page for
//! HTML) and each of the seven demo roles (allowed, or 403 — including a staff user whose
//! unit does not reach the requested unit). API routes run with a write token and with a
//! session (CSRF header); pages with a session (CSRF form field).

mod forms;
mod kpi;
mod office;
mod plan;

use crate::support::{CSV_HEADER, Req, TestApp, each_backend};
use axum::body::Body;
use axum::http::{Method, Request};
use cchc_domain::auth::Scope;
use cchc_store::demo::DEMO_USERS;
use std::sync::atomic::{AtomicUsize, Ordering};

const ALL: &[&str] = &[
    "congdan",
    "tiepnhan",
    "chuyenvien",
    "lanhdao",
    "quantricchc",
    "thamdinh",
    "quantri",
];
const STAFF: &[&str] = &[
    "tiepnhan",
    "chuyenvien",
    "lanhdao",
    "quantricchc",
    "thamdinh",
    "quantri",
];
/// Users whose unit reaches H31.SNV (Sở Nội vụ): its own staff and the province's admin.
/// The reception officer's unit (the service centre) does not.
const REACH_SNV: &[&str] = &[
    "chuyenvien",
    "lanhdao",
    "quantricchc",
    "thamdinh",
    "quantri",
];
const ADMIN_ONLY: &[&str] = &["quantri"];
const RECEPTION: &[&str] = &["tiepnhan"];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Public: the same answer for everyone.
    Public,
    Page,
    Api,
    /// Outside `/api`, read with a session, errors in the JSON envelope (anonymous 401):
    /// `/metrics` (its scrape token is tested in `ops.rs`).
    Ops,
}

#[derive(Clone, Copy)]
enum Payload {
    Empty,
    Login,
    UserForm,
    UserJson,
    Csv,
    NewDossier,
    DossierAction,
}

struct Case {
    method: Method,
    route: &'static str,
    uri: &'static str,
    kind: Kind,
    payload: Payload,
    allowed: &'static [&'static str],
    /// Status for an allowed caller.
    ok: u16,
    /// Status for an anonymous caller, when not the usual 401/redirect.
    anonymous: Option<u16>,
}

fn case(
    method: Method,
    route: &'static str,
    uri: &'static str,
    kind: Kind,
    allowed: &'static [&'static str],
) -> Case {
    Case {
        method,
        route,
        uri,
        kind,
        payload: Payload::Empty,
        allowed,
        ok: 200,
        anonymous: None,
    }
}

impl Case {
    fn ok(mut self, status: u16) -> Case {
        self.ok = status;
        self
    }
    fn payload(mut self, payload: Payload) -> Case {
        self.payload = payload;
        self
    }
    fn anonymous(mut self, status: u16) -> Case {
        self.anonymous = Some(status);
        self
    }
}

/// The matrix: one row per route (and per interesting unit), with who may call it.
#[rustfmt::skip]
fn cases() -> Vec<Case> {
    use Kind::*;
    use Payload::*;
    let (get, post) = (|| Method::GET, || Method::POST);
    let mut all = vec![
        case(get(), "/healthz", "/healthz", Public, ALL),
        case(get(), "/metrics", "/metrics", Ops, ADMIN_ONLY),
        case(get(), "/static/app.css", "/static/app.css", Public, ALL),
        case(get(), "/api/openapi.json", "/api/openapi.json", Public, ALL),
        case(get(), "/", "/", Public, ALL),
        case(get(), "/login", "/login", Page, ALL).ok(303).anonymous(200),
        case(post(), "/login", "/login", Page, ALL).payload(Login).ok(401).anonymous(401),
        case(post(), "/logout", "/logout", Page, ALL).ok(303).anonymous(303),
        case(get(), "/account", "/account", Page, ALL),
        case(get(), "/org", "/org", Page, STAFF),
        case(get(), "/org", "/org?unit=H31.SNV&at=2025-07-01", Page, REACH_SNV),
        case(get(), "/admin/users", "/admin/users", Page, ADMIN_ONLY),
        case(post(), "/admin/users", "/admin/users", Page, ADMIN_ONLY).payload(UserForm).ok(303),
        case(get(), "/admin/audit", "/admin/audit", Page, ADMIN_ONLY),
        case(get(), "/api/v1/me", "/api/v1/me", Api, ALL),
        case(get(), "/api/v1/org-units/{code}/tree", "/api/v1/org-units/H31.SNV/tree?at=2025-07-01", Api, REACH_SNV),
        case(get(), "/api/v1/org-units/{code}/tree", "/api/v1/org-units/H31/tree", Api, ADMIN_ONLY),
        case(post(), "/api/v1/org-units/import", "/api/v1/org-units/import", Api, ADMIN_ONLY).payload(Csv),
        case(get(), "/api/v1/users", "/api/v1/users", Api, ADMIN_ONLY),
        case(post(), "/api/v1/users", "/api/v1/users", Api, ADMIN_ONLY).payload(UserJson).ok(201),
        case(get(), "/api/v1/audit/verify", "/api/v1/audit/verify", Api, ADMIN_ONLY),
        case(get(), "/api/v1/procedures", "/api/v1/procedures?q=khai%20sinh", Public, ALL),
        case(get(), "/api/v1/dossiers", "/api/v1/dossiers", Api, ALL),
        case(get(), "/api/v1/dossiers", "/api/v1/dossiers?unit=H31.SNV&status=4", Api, REACH_SNV),
        case(post(), "/api/v1/dossiers", "/api/v1/dossiers", Api, RECEPTION).payload(NewDossier).ok(201),
        case(get(), "/api/v1/dossiers/{code}", "/api/v1/dossiers/H31-990101-0001", Api, ALL).ok(404),
        case(post(), "/api/v1/dossiers/{code}/actions", "/api/v1/dossiers/H31-990101-0001/actions", Api, ALL).payload(DossierAction).ok(404),
        case(get(), "/tra-cuu", "/tra-cuu", Public, ALL),
        case(get(), "/tra-cuu", "/tra-cuu?ma=H31-990101-0001", Public, ALL),
        case(get(), "/api/v1/public/dossiers/{code}", "/api/v1/public/dossiers/H31-990101-0001", Public, ALL).ok(404),
    ];
    // Feature sections, each in its own file under matrix/.
    for section in [office::cases(), forms::cases(), kpi::cases(), plan::cases()] {
        all.extend(section);
    }
    all
}

/// A number unique within the test binary, for the names of created things.
fn serial() -> usize {
    static N: AtomicUsize = AtomicUsize::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// Who calls: nobody, or a user with a session, or a user with a write token.
enum Caller {
    Anonymous,
    Session { cookie: String, csrf: String },
    Token(String),
}

fn build(c: &Case, caller: &Caller) -> Request<Body> {
    let mut req = Req::new(c.method.clone(), c.uri);
    let mut csrf_field = None;
    match caller {
        Caller::Anonymous => {}
        Caller::Token(t) => req = req.bearer(t),
        Caller::Session { cookie, csrf } => {
            req = req.cookie(cookie);
            if c.kind == Kind::Api && c.method == Method::POST {
                req = req.header("x-csrf-token", csrf);
            }
            csrf_field = Some(csrf.clone());
        }
    }
    let n = serial();
    let csrf = csrf_field.unwrap_or_else(cchc_domain::auth::new_secret);
    match c.payload {
        Payload::Empty if c.method == Method::POST => req.form(&[("csrf_token", &csrf)]),
        Payload::Empty => req.empty(),
        Payload::Login => {
            let fields = [
                ("username", "quantri"),
                ("password", "khong-dung-dau"),
                ("csrf_token", &csrf),
            ];
            req.header("cookie", &format!("cchc_login_csrf={csrf}"))
                .form(&fields)
        }
        Payload::UserForm => {
            let name = format!("matran.form{n}");
            let fields = [
                ("csrf_token", csrf.as_str()),
                ("username", &name),
                ("display_name", "Người thử"),
                ("role", "specialist"),
                ("unit_code", "H31.SNV"),
                ("password", "mat-khau-du-dai"),
            ];
            req.form(&fields)
        }
        Payload::UserJson => req.json(&serde_json::json!({
            "username": format!("matran.json{n}"), "display_name": "Người thử", "role": "citizen",
            "password": "mat-khau-du-dai"
        })),
        Payload::NewDossier => req.json(&serde_json::json!({
            "procedure_code": "1.004873", "channel": "direct",
            "applicant": { "name": "Người thử", "id_number": null, "phone": null, "address": null },
            "components": ["Tờ khai"]
        })),
        Payload::DossierAction => req.json(&serde_json::json!({ "action": "complete_step" })),
        Payload::Csv => req.csv(&format!(
            "{CSV_HEADER}H31.SNV.T{n},Phòng thử {n},other,H31.SNV,2025-07-01,,\n"
        )),
    }
}

fn expected(c: &Case, user: Option<&str>) -> u16 {
    match user {
        None => c.anonymous.unwrap_or(match c.kind {
            Kind::Public => c.ok,
            Kind::Page => 303,
            Kind::Api | Kind::Ops => 401,
        }),
        Some(u) if c.allowed.contains(&u) => c.ok,
        Some(_) => 403,
    }
}

async fn run_case(app: &TestApp, c: &Case, failures: &mut Vec<String>) {
    let mut callers: Vec<(Option<&str>, Caller)> = vec![(None, Caller::Anonymous)];
    for (username, ..) in DEMO_USERS {
        let (cookie, csrf) = app.session(username).await;
        callers.push((Some(username), Caller::Session { cookie, csrf }));
        if c.kind == Kind::Api {
            callers.push((
                Some(username),
                Caller::Token(app.token(username, Scope::Write).await),
            ));
        }
    }
    for (user, caller) in &callers {
        let reply = app.send(build(c, caller)).await;
        let want = expected(c, *user);
        let how = match caller {
            Caller::Anonymous => "anonymous",
            Caller::Session { .. } => "session",
            Caller::Token(_) => "token",
        };
        if reply.status.as_u16() != want {
            failures.push(format!(
                "{} {} as {:?} ({how}): {} (want {want})",
                c.method, c.uri, user, reply.status
            ));
        }
        if want == 303 && user.is_none() && c.kind == Kind::Page && c.anonymous.is_none() {
            assert!(
                reply.header("location").starts_with("/login?next="),
                "{}",
                c.uri
            );
        }
        if reply.status.is_client_error() && matches!(c.kind, Kind::Api | Kind::Ops) {
            let code = reply.json()["error"]["code"].as_str().map(str::to_owned);
            assert!(code.is_some(), "{} {}: {}", c.method, c.uri, reply.body);
        }
    }
}

#[tokio::test]
async fn every_route_answers_each_role_as_the_matrix_says() {
    each_backend(|app| async move {
        let mut failures = Vec::new();
        for c in cases() {
            run_case(&app, &c, &mut failures).await;
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    })
    .await;
}

#[test]
fn the_matrix_covers_every_route() {
    let covered: Vec<(Method, &str)> = cases().into_iter().map(|c| (c.method, c.route)).collect();
    for route in cchc_web::routes::all() {
        assert!(
            covered.contains(&(route.method.clone(), route.path)),
            "{} {} is not in the role matrix",
            route.method,
            route.path
        );
    }
}
