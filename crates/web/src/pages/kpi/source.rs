//! Where the KPI pages read their figures, in one place: the counts of a scope for a window,
//! the dossiers that cost points of a metric, and the values entered by hand for the rows
//! that need national data.
//!
//! Today the figures come from the stored facts of the subtree asked for, aggregated per
//! request (`Store::dossier_facts` + `Aggregate::from_facts`); the pages never touch them
//! otherwise, so moving them to the server's live aggregate changes this file only.

use crate::error::AppError;
use crate::state::AppState;
use cchc_domain::kpi::{
    Aggregate, Counts, DossierFacts, Loss, ManualValues, Measure, Scope, Window, loss,
};

/// The counts of the dossiers of one subtree (and of any scope inside it).
pub struct Figures {
    aggregate: Aggregate,
}

impl Figures {
    /// The figures of the dossiers of `scope`'s units.
    pub async fn load(state: &AppState, scope: &Scope) -> Result<Figures, AppError> {
        let facts = facts_of(state, scope).await?;
        Ok(Figures {
            aggregate: Aggregate::from_facts(&facts),
        })
    }

    /// The counts of `scope` (inside the loaded subtree) for `window`.
    pub fn counts(&self, scope: &Scope, window: &Window) -> Counts {
        self.aggregate.counts(scope, window)
    }
}

/// The values entered by hand for rows that need national data (none are entered yet: such
/// rows are reported as not computable).
pub fn manual_values(_state: &AppState) -> ManualValues {
    ManualValues::default()
}

/// A dossier that cost points, and why.
#[derive(Debug, Clone)]
pub struct LossRow {
    pub facts: DossierFacts,
    pub loss: Loss,
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
    let mut rows: Vec<LossRow> = facts_of(state, scope)
        .await?
        .into_iter()
        .filter_map(|f| loss(measure, &f, window).map(|l| LossRow { facts: f, loss: l }))
        .collect();
    rows.sort_by(|a, b| {
        (b.facts.received_at, &b.facts.code).cmp(&(a.facts.received_at, &a.facts.code))
    });
    let total = rows.len() as u64;
    let skip = (page.saturating_sub(1) as usize).saturating_mul(per_page as usize);
    let items = rows
        .into_iter()
        .skip(skip)
        .take(per_page as usize)
        .collect();
    Ok((items, total))
}

async fn facts_of(state: &AppState, scope: &Scope) -> Result<Vec<DossierFacts>, AppError> {
    let mut members: Vec<String> = scope.members().map(str::to_owned).collect();
    members.sort_unstable();
    Ok(state.store.dossier_facts(&members).await?)
}
