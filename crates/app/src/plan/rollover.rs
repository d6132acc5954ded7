//! The year rollover: a plan cloned into another year as a draft, its units mapped to those
//! in force at the end of the new year (the rules are `cchc_domain::plan::rollover`).

use super::access::ensure_may_manage;
use super::find;
use crate::{Actor, App, Error};
use cchc_store::plan::PlanRef;
use cchc_store::plan_clone::CloneReport;

/// Clones the plan `which` into `year` as `actor` (the PAR admin or an operator).
pub async fn clone_to_year(
    app: &App,
    actor: &Actor,
    which: &PlanRef,
    year: i32,
) -> Result<CloneReport, Error> {
    ensure_may_manage(actor)?;
    let source = find(app, which).await?;
    Ok(app
        .store
        .clone_plan_to_year(&PlanRef::Key(source.key), year, &actor.username)
        .await?)
}
