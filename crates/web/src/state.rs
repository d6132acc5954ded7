//! Shared state of the web server: the application context (store, configured calendars,
//! clock, org units, live statistics) and what only the web needs (settings, the login
//! limiter, the metrics).

use crate::WebConfig;
use crate::auth::rate_limit::LoginLimiter;
use crate::metrics::Metrics;
use cchc_app::{App, Calendars};
use cchc_domain::org::OrgUnit;
use cchc_store::{Store, StoreError};
use std::sync::Arc;

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The application context every use-case runs with.
    pub app: App,
    pub store: Store,
    pub config: Arc<WebConfig>,
    pub limiter: Arc<LoginLimiter>,
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// State over `store` with the national calendar (nothing configured) and `config`.
    pub fn new(store: Store, config: WebConfig) -> AppState {
        let calendars = Calendars::national().expect("the embedded national calendar loads");
        AppState::with_app(App::new(store, calendars), config)
    }

    /// State over the application context `app` with `config`.
    pub fn with_app(app: App, config: WebConfig) -> AppState {
        let limiter = LoginLimiter::new(config.login_attempts_per_minute);
        AppState {
            store: app.store.clone(),
            app,
            config: Arc::new(config),
            limiter: Arc::new(limiter),
            metrics: Arc::new(Metrics::default()),
        }
    }

    /// Every org unit (all versions), from the shared cache.
    pub async fn org_units(&self) -> Result<Arc<Vec<OrgUnit>>, StoreError> {
        self.app.org_units().await
    }
}
