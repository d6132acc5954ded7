//! The route table: every route of the application in one list, so that the role-matrix and
//! OpenAPI tests can check that nothing routed escapes them.

mod forms;
mod kpi;
mod office;
mod plan;

use crate::state::AppState;
use crate::{api, health, metrics, openapi, pages};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Extension};
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodRouter, get, post};

/// One routed method and path (axum syntax, e.g. `/api/v1/org-units/{code}/tree`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: Method,
    pub path: &'static str,
}

/// A router that remembers what it routes.
pub struct RouteTable {
    router: Router<AppState>,
    routes: Vec<RouteInfo>,
}

impl RouteTable {
    fn new() -> RouteTable {
        RouteTable {
            router: Router::new(),
            routes: Vec::new(),
        }
    }

    pub(crate) fn add(
        mut self,
        method: Method,
        path: &'static str,
        route: MethodRouter<AppState>,
    ) -> Self {
        self.router = self.router.route(path, route);
        self.routes.push(RouteInfo { method, path });
        self
    }

    pub(crate) fn get<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        handler: H,
    ) -> Self {
        self.add(Method::GET, path, get(handler))
    }

    pub(crate) fn post<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        handler: H,
    ) -> Self {
        self.add(Method::POST, path, post(handler))
    }

    /// Adds the routes of one feature section (a function in `routes/`).
    pub(crate) fn section(self, add: fn(RouteTable) -> RouteTable) -> Self {
        add(self)
    }

    /// Every routed method and path.
    pub fn routes(&self) -> &[RouteInfo] {
        &self.routes
    }

    /// The router, without state.
    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}

/// Largest accepted org-unit CSV file.
const IMPORT_LIMIT: usize = 16 << 20;

/// Every route of cchc. New features add their routes in their own section.
pub fn table() -> RouteTable {
    let lookups = Extension(crate::auth::rate_limit::LookupLimiter::new());
    RouteTable::new()
        // Operations and static files: public, but the metrics (admins, or the metrics token).
        .get("/healthz", health::healthz)
        .get(metrics::PATH, metrics::handler)
        .get("/static/app.css", health::stylesheet)
        .get("/api/openapi.json", openapi::handler)
        // Pages.
        .get("/", pages::home::get)
        .get("/login", pages::login::get)
        .post("/login", pages::login::post)
        .post("/logout", pages::login::logout)
        .get("/account", pages::account::get)
        .get("/org", pages::org::get)
        .get("/admin/users", pages::admin_users::get)
        .post("/admin/users", pages::admin_users::post)
        .get("/admin/audit", pages::admin_audit::get)
        .add(
            Method::GET,
            "/tra-cuu",
            get(pages::lookup::get).layer(lookups.clone()),
        )
        // JSON API v1 (documented in openapi.rs).
        .get("/api/v1/me", api::me::get)
        .get("/api/v1/org-units/{code}/tree", api::org::tree)
        .add(
            Method::POST,
            "/api/v1/org-units/import",
            post(api::org::import).layer(DefaultBodyLimit::max(IMPORT_LIMIT)),
        )
        .get("/api/v1/users", api::users::list)
        .post("/api/v1/users", api::users::create)
        .get("/api/v1/audit/verify", api::audit::verify)
        // Dossiers and the procedure catalogue.
        .get("/api/v1/procedures", api::dossiers::procedures)
        .get("/api/v1/dossiers", api::dossiers::list)
        .post("/api/v1/dossiers", api::dossier_write::create)
        .get("/api/v1/dossiers/{code}", api::dossiers::get)
        .post("/api/v1/dossiers/{code}/actions", api::dossier_write::act)
        // Public dossier lookup (no login, rate-limited per address).
        .add(
            Method::GET,
            "/api/v1/public/dossiers/{code}",
            get(api::public::get).layer(lookups),
        )
        // Feature sections, each in its own file under routes/.
        .section(office::routes)
        .section(forms::routes)
        .section(kpi::routes)
        .section(plan::routes)
}

/// Every routed method and path, for tests and documentation.
pub fn all() -> Vec<RouteInfo> {
    table().routes().to_vec()
}
