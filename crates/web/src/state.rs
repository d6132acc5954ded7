//! Shared application state: the store, the settings, the login limiter, the metrics, the
//! org units (cached) and the live statistics (started with the state when a runtime is
//! running).

use crate::WebConfig;
use crate::auth::rate_limit::LoginLimiter;
use crate::kpi::{Kpi, tail};
use crate::metrics::Metrics;
use crate::org_cache::OrgCache;
use cchc_domain::org::OrgUnit;
use cchc_store::{Store, StoreError};
use std::sync::Arc;

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
    pub limiter: Arc<LoginLimiter>,
    pub metrics: Arc<Metrics>,
    pub kpi: Arc<Kpi>,
    /// The org units, read at most once per 30 s (and after an import through the API).
    pub org: Arc<OrgCache>,
}

impl AppState {
    /// State over `store` with `config`.
    pub fn new(store: Store, config: WebConfig) -> AppState {
        let limiter = LoginLimiter::new(config.login_attempts_per_minute);
        let kpi = Arc::new(Kpi::default());
        tail::spawn(&kpi.live, store.clone());
        AppState {
            store,
            config: Arc::new(config),
            limiter: Arc::new(limiter),
            metrics: Arc::new(Metrics::default()),
            kpi,
            org: Arc::new(OrgCache::default()),
        }
    }

    /// Every org unit (all versions), from the shared cache.
    pub async fn org_units(&self) -> Result<Arc<Vec<OrgUnit>>, StoreError> {
        self.org.units(&self.store).await
    }
}
