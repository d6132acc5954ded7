//! Cascade: a unit's own plan refines targets and tasks of the provincial plan (child → parent
//! links); its progress rolls up, and the provincial view shows which units lag.
//!
//! A unit *lags* when one of its tasks is open past its deadline or one of its targets is at
//! risk or missed. A parent item's roll-up counts the child items linked to it and how many
//! are done (a task completed, a target met).

use cchc_calendar::WorkCalendar;
use cchc_domain::indicator::IndicatorSource;
use cchc_domain::plan::status::{TargetStatus, TaskStatus};
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;

use crate::plan::status::{PlanStatus, TaskSummary};
use crate::plan::{PlanRef, StoredPlan};
use crate::{Store, StoreError, audit};

/// A child item refining a parent item (local ids such as `NV/3.d`, `MT/3.a`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanLink {
    pub child_item: String,
    pub parent_item: String,
}

/// A stored link with the child plan's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredLink {
    pub child_plan: String,
    pub child_item: String,
    pub parent_item: String,
}

/// Targets counted by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TargetCounts {
    pub met: usize,
    pub on_track: usize,
    pub at_risk: usize,
    pub missed: usize,
    pub unknown: usize,
}

/// One unit plan in the roll-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitProgress {
    pub plan: String,
    pub unit: String,
    pub tasks: TaskSummary,
    pub targets: TargetCounts,
    pub lagging: bool,
}

/// A parent item and the child items that refine it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemProgress {
    pub parent_item: String,
    pub linked: usize,
    pub done: usize,
    /// The units whose linked item is overdue, at risk or missed.
    pub lagging_units: Vec<String>,
}

/// The roll-up of a plan's unit plans as of a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rollup {
    pub plan: String,
    pub as_of: NaiveDate,
    pub units: Vec<UnitProgress>,
    pub items: Vec<ItemProgress>,
}

fn item_ids(plan: &StoredPlan) -> Vec<&str> {
    let p = &plan.plan;
    let goals = p.headline.goals.iter().map(|g| g.id.as_str());
    let targets = p.targets().map(|t| t.id.as_str());
    goals
        .chain(targets)
        .chain(p.tasks().map(|t| t.id.as_str()))
        .collect()
}

fn check_links(
    child: &StoredPlan,
    parent: &StoredPlan,
    links: &[PlanLink],
) -> Result<(), StoreError> {
    let (child_ids, parent_ids) = (item_ids(child), item_ids(parent));
    let mut problems = Vec::new();
    for (i, l) in links.iter().enumerate() {
        if !child_ids.contains(&l.child_item.as_str()) {
            problems.push(format!(
                "links[{i}].child_item: {} has no item '{}'",
                child.key, l.child_item
            ));
        }
        if !parent_ids.contains(&l.parent_item.as_str()) {
            problems.push(format!(
                "links[{i}].parent_item: {} has no item '{}'",
                parent.key, l.parent_item
            ));
        }
    }
    if child.plan.year != parent.plan.year {
        problems.push(format!(
            "{} is for {}, {} for {}",
            child.key, child.plan.year, parent.key, parent.plan.year
        ));
    }
    match problems.is_empty() {
        true => Ok(()),
        false => Err(StoreError::Invalid(problems.join("; "))),
    }
}

impl Store {
    /// Records that `child` (a unit's plan) refines `parent`, with item links; all or nothing.
    /// Returns how many links are new.
    pub async fn link_plan(
        &self,
        child: &PlanRef,
        parent: &PlanRef,
        links: &[PlanLink],
        actor: &str,
    ) -> Result<usize, StoreError> {
        let found = |r: &PlanRef| StoreError::NotFound(format!("no plan {r:?}"));
        let c = self.plan(child).await?.ok_or_else(|| found(child))?;
        let p = self.plan(parent).await?.ok_or_else(|| found(parent))?;
        check_links(&c, &p, links)?;
        if c.parent.as_ref().is_some_and(|k| k != &p.key) {
            return Err(StoreError::Conflict(format!(
                "{} already refines another plan",
                c.key
            )));
        }
        self.check_no_cycle(&c, &p).await?;
        let mut w = self.begin_write().await?;
        sqlx::query("UPDATE plans SET parent_id = $1 WHERE id = $2")
            .bind(p.row_id)
            .bind(c.row_id)
            .execute(&mut *w.tx)
            .await?;
        let mut added = 0;
        for l in links {
            let done = sqlx::query(
                "INSERT INTO plan_links (child_plan_id, child_item, parent_plan_id, parent_item) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (child_plan_id, child_item, parent_item) DO NOTHING",
            )
            .bind(c.row_id)
            .bind(&l.child_item)
            .bind(p.row_id)
            .bind(&l.parent_item)
            .execute(&mut *w.tx)
            .await?;
            added += done.rows_affected() as usize;
        }
        let change = serde_json::json!({ "parent": p.key, "links": links });
        audit::append(
            &mut w.tx,
            actor,
            "link",
            &format!("plan:{}", c.key),
            &change,
        )
        .await?;
        w.commit().await?;
        Ok(added)
    }

    async fn check_no_cycle(
        &self,
        child: &StoredPlan,
        parent: &StoredPlan,
    ) -> Result<(), StoreError> {
        let mut up = Some(parent.key.clone());
        for _ in 0..32 {
            let Some(key) = up else { return Ok(()) };
            if key == child.key {
                return Err(StoreError::Invalid(format!(
                    "{} cannot refine its own sub-plan",
                    child.key
                )));
            }
            up = self.plan(&PlanRef::Key(key)).await?.and_then(|p| p.parent);
        }
        Err(StoreError::Invalid("plan links nest too deep".into()))
    }

    /// The links of the plans refining `parent`.
    pub async fn plan_links(&self, parent: &StoredPlan) -> Result<Vec<StoredLink>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.plan_key, l.child_item, l.parent_item FROM plan_links l \
             JOIN plans c ON c.id = l.child_plan_id WHERE l.parent_plan_id = $1 ORDER BY l.id",
        )
        .bind(parent.row_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredLink {
                    child_plan: r.try_get("plan_key")?,
                    child_item: r.try_get("child_item")?,
                    parent_item: r.try_get("parent_item")?,
                })
            })
            .collect()
    }

    /// The progress of the unit plans refining the plan named by `which`, as of `as_of`.
    pub async fn plan_rollup(
        &self,
        which: &PlanRef,
        as_of: NaiveDate,
        source: &dyn IndicatorSource,
        cal: &WorkCalendar,
    ) -> Result<Option<Rollup>, StoreError> {
        let Some(parent) = self.plan(which).await? else {
            return Ok(None);
        };
        let mut statuses = Vec::new();
        for child in self.child_plans(&parent).await? {
            statuses.push(self.stored_plan_status(&child, as_of, source, cal).await?);
        }
        let links = self.plan_links(&parent).await?;
        Ok(Some(Rollup {
            plan: parent.key.clone(),
            as_of,
            units: statuses.iter().map(unit_progress).collect(),
            items: item_progress(&parent, &links, &statuses),
        }))
    }
}

fn unit_progress(s: &PlanStatus) -> UnitProgress {
    let mut targets = TargetCounts::default();
    for t in &s.targets {
        match t.status {
            Some(TargetStatus::Met) => targets.met += 1,
            Some(TargetStatus::OnTrack) => targets.on_track += 1,
            Some(TargetStatus::AtRisk) => targets.at_risk += 1,
            Some(TargetStatus::Missed) => targets.missed += 1,
            None => targets.unknown += 1,
        }
    }
    UnitProgress {
        plan: s.plan.clone(),
        unit: s.unit.clone(),
        tasks: s.summary,
        targets,
        lagging: s.summary.open_overdue > 0 || targets.at_risk + targets.missed > 0,
    }
}

/// (done, lagging) of a child item in its plan's status.
fn child_item_state(s: &PlanStatus, item: &str) -> (bool, bool) {
    if let Some(t) = s.tasks.iter().find(|t| t.id == item) {
        let done = matches!(
            t.status,
            TaskStatus::CompletedOnTime | TaskStatus::CompletedLate
        );
        return (done, t.status == TaskStatus::OpenOverdue);
    }
    match s
        .targets
        .iter()
        .find(|t| t.id == item)
        .and_then(|t| t.status)
    {
        Some(TargetStatus::Met) => (true, false),
        Some(TargetStatus::AtRisk | TargetStatus::Missed) => (false, true),
        _ => (false, false),
    }
}

fn item_progress(
    parent: &StoredPlan,
    links: &[StoredLink],
    statuses: &[PlanStatus],
) -> Vec<ItemProgress> {
    item_ids(parent)
        .into_iter()
        .filter_map(|item| {
            let linked: Vec<&StoredLink> = links.iter().filter(|l| l.parent_item == item).collect();
            if linked.is_empty() {
                return None;
            }
            let mut progress = ItemProgress {
                parent_item: item.to_owned(),
                linked: linked.len(),
                done: 0,
                lagging_units: Vec::new(),
            };
            for l in linked {
                let Some(s) = statuses.iter().find(|s| s.plan == l.child_plan) else {
                    continue;
                };
                let (done, lagging) = child_item_state(s, &l.child_item);
                progress.done += usize::from(done);
                if lagging && !progress.lagging_units.contains(&s.unit) {
                    progress.lagging_units.push(s.unit.clone());
                }
            }
            Some(progress)
        })
        .collect()
}
