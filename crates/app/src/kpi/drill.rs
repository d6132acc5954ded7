//! Drill-down: the dossiers of a subtree that cost points of one metric in a window, and why
//! ([`cchc_domain::kpi::loss`]). Unlike the figures, this reads dossiers: those of the
//! subtree that can be in the window's population (received by its instant, not ended
//! before its start), through the index on competent unit and receipt — bounded by the period, not by history.

use cchc_domain::kpi::{DossierFacts, Loss, Measure, Scope, Window, loss};

use super::live::KpiError;
use crate::App;

/// A dossier that cost points, and why.
#[derive(Debug, Clone)]
pub struct LossRow {
    pub facts: DossierFacts,
    pub loss: Loss,
}

impl LossRow {
    /// The reason in Vietnamese; a dossier late only by its second supplement request says
    /// so.
    pub fn reason_vi(&self) -> String {
        let label = self.loss.label_vi();
        let supplements = self.facts.supplement_count();
        match self.loss {
            Loss::Late | Loss::Overdue if supplements > 1 => {
                format!("{label} (yêu cầu bổ sung {supplements} lần)")
            }
            _ => label.to_owned(),
        }
    }
}

/// Whether a row measuring `m` has dossiers behind it (rows counted per procedure or entered
/// by hand have none).
pub fn drillable(m: Measure) -> bool {
    !matches!(
        m,
        Measure::Manual
            | Measure::ProceduresCitizenData
            | Measure::ProceduresPaidOnline
            | Measure::ProceduresWithFee
    )
}

/// One page (from 1) of the dossiers of `scope` that cost points of a row measuring
/// `measure` in `window`, latest receipt first (then by code), and how many there are.
pub async fn losses(
    app: &App,
    measure: Measure,
    scope: &Scope,
    window: &Window,
    page: u32,
    per_page: u32,
) -> Result<(Vec<LossRow>, u64), KpiError> {
    let mut members: Vec<String> = scope.members().map(str::to_owned).collect();
    members.sort_unstable();
    let facts = app.store.dossier_facts_in(&members, window).await?;
    let mut rows: Vec<LossRow> = facts
        .into_iter()
        .filter(|f| scope.contains(&f.unit))
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
