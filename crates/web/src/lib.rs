//! The HTTP shell of cchc: Vietnamese HTML pages, the JSON API `/api/v1` with its OpenAPI
//! document, sessions, API tokens and CSRF, health and metrics.
//!
//! Request path, outermost first: `observe` (request id, access log, metrics) →
//! `headers::security` → `error_surface` (one error envelope on `/api`, a Vietnamese page
//! elsewhere) → `auth::authenticate` (resolves the session or token, checks CSRF on every
//! unsafe request from a session) → routing → the handler, whose extractors (`CurrentUser`,
//! `Staff`, `SystemAdmin`) decide 401/403.

pub mod accounts;
pub mod api;
pub mod auth;
pub mod chart;
pub mod error;
mod error_surface;
mod headers;
mod health;
pub mod metrics;
pub mod multipart;
pub mod nav;
mod observe;
pub mod openapi;
pub mod pages;
pub mod public_url;
pub mod routes;
mod state;
pub mod time;

pub use error::AppError;
pub use state::AppState;

use cchc_store::Store;
use std::net::SocketAddr;

/// Settings of the web server.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Adds `Secure` to cookies: set it whenever the site is served over TLS.
    pub secure_cookies: bool,
    /// Lifetime of a login session.
    pub session_ttl_minutes: i64,
    /// Login attempts allowed per username per minute; a client address gets four times as
    /// many (it may serve several people). Counted in memory, per server instance.
    pub login_attempts_per_minute: u32,
    /// The site's public address (`https://dichvucong.example.vn`, checked by
    /// [`public_url::parse`]), printed on forms; `None` uses the request's plain `Host`.
    pub public_url: Option<String>,
    /// The token a scraper sends (`Authorization: Bearer`) to read `/metrics`; without one,
    /// only a system administrator's session reads them.
    pub metrics_token: Option<String>,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: false,
            session_ttl_minutes: 8 * 60,
            login_attempts_per_minute: 10,
            public_url: None,
            metrics_token: None,
        }
    }
}

/// The whole application over `store` with the national calendar: pages, API, health,
/// metrics and static files, with every layer.
pub fn router(store: Store, config: WebConfig) -> axum::Router {
    app(AppState::new(store, config))
}

/// The application over a state of the caller's (tests reach the live statistics through it).
pub fn app(state: AppState) -> axum::Router {
    use axum::middleware::{from_fn, from_fn_with_state};
    routes::table()
        .into_router()
        .fallback(error_surface::not_found)
        .layer(from_fn_with_state(state.clone(), auth::authenticate))
        .layer(from_fn(error_surface::layer))
        .layer(from_fn(headers::security))
        .layer(from_fn_with_state(state.clone(), observe::layer))
        .with_state(state)
}

/// Serves the application context `ctx` on `bind` until Ctrl-C or SIGTERM, then finishes the
/// requests in flight.
pub async fn serve(ctx: cchc_app::App, bind: SocketAddr, config: WebConfig) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    // Computed once up front, so that the first unknown-user login costs the usual time.
    tokio::task::spawn_blocking(|| {
        cchc_domain::auth::dummy_hash();
    });
    tracing::info!(address = %listener.local_addr()?, "cchc web server listening");
    let app =
        app(AppState::with_app(ctx, config)).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("cchc web server stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested");
}
