//! Where the KPI pages read their figures, in one place: the counts of a scope for a window,
//! the dossiers that cost points of a metric, and the values entered by hand for the rows
//! that need national data.
//!
//! The figures come from the server's live aggregate ([`cchc_app::kpi`]), brought up to the
//! changes committed before the request; the dossiers that cost points are read from the
//! subtree's dossiers of the period ([`cchc_app::kpi::drill`]).

use std::sync::Arc;

use crate::error::AppError;
use crate::state::AppState;
use cchc_app::kpi::live::KpiError;
use cchc_app::kpi::tail::LiveKpi;
use cchc_domain::kpi::{Counts, Measure, Scope, Window};

pub use cchc_app::kpi::entered::Entered;

pub use cchc_app::kpi::drill::LossRow;

/// The counts of the dossiers of one subtree (and of any scope inside it).
pub struct Figures {
    live: Arc<LiveKpi>,
}

impl Figures {
    /// The figures, once the live aggregate holds every change committed before the call;
    /// 503 while it is first built.
    pub async fn load(state: &AppState, _scope: &Scope) -> Result<Figures, AppError> {
        let live = Arc::clone(&state.app.kpi.live);
        live.sync(&state.store).await;
        live.read(|_| ()).map_err(KpiError::NotReady)?;
        Ok(Figures { live })
    }

    /// The counts of `scope` for `window`.
    pub fn counts(&self, scope: &Scope, window: &Window) -> Counts {
        // Once built, the aggregate stays (a rebuild swaps in its successor).
        self.live
            .read(|agg| agg.counts(scope, window))
            .unwrap_or_default()
    }
}

/// The values entered by hand for rows that need national data, by unit and period (a row
/// without one is reported as not computable).
pub async fn entered(state: &AppState) -> Result<Entered, AppError> {
    Ok(Entered::load(&state.app).await?)
}

/// One page of the dossiers of `scope` that cost points of a row measuring `measure` in
/// `window`, latest receipt first, and how many there are in all.
pub async fn losses(
    state: &AppState,
    measure: Measure,
    scope: &Scope,
    window: &Window,
    page: u32,
    per_page: u32,
) -> Result<(Vec<LossRow>, u64), AppError> {
    Ok(cchc_app::kpi::drill::losses(&state.app, measure, scope, window, page, per_page).await?)
}
