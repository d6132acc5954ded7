//! Plan files (TOML, see data/plan/README.md): a plan imported whole, or an appendix adding
//! tasks to a stored plan, all or nothing, checked against the stored units.

use super::access::ensure_may_manage;
use super::find;
use crate::imports::ImportError;
use crate::{Actor, App};
use cchc_domain::plan::{PlanCounts, PlanProblem};
use cchc_store::plan::{PlanImportError, PlanRef};

fn from_store(e: PlanImportError) -> ImportError<PlanProblem> {
    match e {
        PlanImportError::Rejected(problems) => ImportError::Rejected(problems),
        PlanImportError::Store(e) => e.into(),
    }
}

/// Imports the plan file `text` as `actor` (the PAR admin or an operator).
pub async fn plan(
    app: &App,
    actor: &Actor,
    text: &str,
) -> Result<PlanCounts, ImportError<PlanProblem>> {
    ensure_may_manage(actor)?;
    app.store
        .import_plan(text, &actor.username)
        .await
        .map_err(from_store)
}

/// Adds the tasks of the appendix file `text` to the plan `which`; returns how many.
pub async fn appendix(
    app: &App,
    actor: &Actor,
    which: &PlanRef,
    text: &str,
) -> Result<usize, ImportError<PlanProblem>> {
    ensure_may_manage(actor)?;
    let stored = find(app, which).await?;
    app.store
        .import_appendix(&PlanRef::Key(stored.key), text, &actor.username)
        .await
        .map_err(from_store)
}
