//! The application layer of cchc: one function per thing a user can do, between the two
//! front doors (the web's pages and API, the CLI) and the store.
//!
//! Each use-case takes the [`App`] context (the store, the configured working calendars, a
//! clock, the org units, the live statistics) and typed input; it checks who may do it
//! ([`Actor`]) and every rule, reads what it needs once, and returns a typed result or an
//! [`Error`]. Decisions that depend on current state are taken inside the write transaction,
//! on the state it holds (see [`dossiers::act`]). Front doors parse, call one function and
//! render: the web maps [`Error`] to its JSON envelope and pages, the CLI to exit codes.

pub mod actor;
pub mod calendars;
pub mod clock;
pub mod dossiers;
pub mod error;
pub mod imports;
pub mod kpi;
pub mod org;
pub mod par;
pub mod plan;
pub mod report;

pub use actor::Actor;
pub use calendars::Calendars;
pub use clock::Clock;
pub use error::{Error, FieldError};

use cchc_store::Store;
use std::sync::Arc;

/// What a use-case runs with. Cheap to clone.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    /// The configured working calendars: the only calendars deadlines are computed with.
    pub calendars: Arc<Calendars>,
    pub clock: Clock,
    /// The org units, read at most once per [`org::TTL`].
    pub org: Arc<org::OrgCache>,
    /// The live statistics, kept current from the change log while a runtime runs.
    pub kpi: Arc<kpi::Kpi>,
}

impl App {
    /// The context over `store` with the configured `calendars` and the system clock. Inside
    /// a tokio runtime, also starts following the change log for the live statistics.
    pub fn new(store: Store, calendars: Calendars) -> App {
        let app = App::without_live_statistics(store, calendars);
        kpi::tail::spawn(&app.kpi.live, app.store.clone());
        app
    }

    /// The context without the background task of the live statistics: they stay "being
    /// built" until the caller builds them (one-shot commands, tests).
    pub fn without_live_statistics(store: Store, calendars: Calendars) -> App {
        App {
            store,
            calendars: Arc::new(calendars),
            clock: Clock::System,
            org: Arc::new(org::OrgCache::default()),
            kpi: Arc::new(kpi::Kpi::default()),
        }
    }

    /// Every org unit (all versions), from the shared cache.
    pub async fn org_units(
        &self,
    ) -> Result<Arc<Vec<cchc_domain::org::OrgUnit>>, cchc_store::StoreError> {
        self.org.units(&self.store).await
    }

    /// The same context standing at another clock.
    #[must_use]
    pub fn with_clock(mut self, clock: Clock) -> App {
        self.clock = clock;
        self
    }
}
