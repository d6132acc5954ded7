//! The cascade: a unit's own plan refining the provincial plan (item links, checked by
//! `cchc_domain::plan::rollup::check_link`), and the roll-up of the unit plans as of a day,
//! each judged with the automatic indicators of its own issuer's subtree.

use super::access::{ensure_staff, may_manage};
use super::{find, status};
use crate::{Actor, App, Error};
use cchc_domain::Role;
use cchc_domain::plan::rollup::rollup as roll_up;
use cchc_store::plan::cascade::{PlanLink, Rollup};
use cchc_store::plan::{PlanRef, StoredPlan};
use chrono::NaiveDate;

/// Whether `actor` links `child` to a parent plan: the PAR admin, an operator, or a leader
/// of the unit that issued it.
pub fn may_link(actor: &Actor, child: &StoredPlan) -> bool {
    may_manage(actor)
        || (actor.role == Role::UnitLeader && actor.staff_unit() == Some(&child.plan.issuer))
}

/// Records that `child` refines `parent` with `links`, all or nothing; returns how many links
/// are new.
pub async fn link(
    app: &App,
    actor: &Actor,
    child: &PlanRef,
    parent: &PlanRef,
    links: &[PlanLink],
) -> Result<usize, Error> {
    let found = find(app, child).await?;
    if !may_link(actor, &found) {
        return Err(Error::forbidden(
            "not_plan_issuer",
            "Chỉ lãnh đạo đơn vị ban hành kế hoạch hoặc quản trị CCHC được liên kết kế hoạch.",
        ));
    }
    let parent = find(app, parent).await?;
    Ok(app
        .store
        .link_plan(
            &PlanRef::Key(found.key),
            &PlanRef::Key(parent.key),
            links,
            &actor.username,
        )
        .await?)
}

/// The progress of the unit plans refining the plan `which` as of `as_of` (default today).
pub async fn rollup(
    app: &App,
    actor: &Actor,
    which: &PlanRef,
    as_of: Option<NaiveDate>,
) -> Result<Rollup, Error> {
    ensure_staff(actor)?;
    let parent = find(app, which).await?;
    let as_of = as_of.unwrap_or_else(|| app.clock.today());
    let mut statuses = Vec::new();
    for child in app.store.child_plans(&parent).await? {
        statuses.push(status::of_dossiers(app, &child, Some(as_of)).await?);
    }
    let links = app.store.plan_links(&parent).await?;
    Ok(roll_up(&parent.key, &parent.plan, as_of, &links, &statuses))
}
