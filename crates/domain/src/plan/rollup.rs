//! Cascade: a unit's own plan refines targets and tasks of the provincial plan (child → parent
//! links); its progress rolls up, and the provincial view shows which units lag.
//!
//! A link is accepted when both items exist, both plans are for the same year, the child
//! refines no other plan, and the parent is not (through its own parents) a sub-plan of the
//! child. A unit *lags* when one of its tasks is open past its deadline or one of its targets
//! is at risk or missed. A parent item's roll-up counts the child items linked to it and how
//! many are done (a task completed, a target met).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Plan;
use super::evaluate::{PlanStatus, TaskSummary};
use super::status::{TargetStatus, TaskStatus};

/// How many plans up a chain of parents is followed before giving up.
const MAX_DEPTH: usize = 32;

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

/// A plan as the link rules see it: its id, the plan, and the id of the plan it refines.
#[derive(Debug, Clone, Copy)]
pub struct LinkedPlan<'a> {
    pub key: &'a str,
    pub plan: &'a Plan,
    pub parent: Option<&'a str>,
}

/// Why links were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkRefusal {
    /// Items that do not exist, plans of different years, or a cycle.
    #[error("{0}")]
    Invalid(String),
    /// The child already refines another plan.
    #[error("{0}")]
    Conflict(String),
}

/// The local ids of a plan's items: headline goals, targets, tasks.
pub fn item_ids(plan: &Plan) -> Vec<&str> {
    let goals = plan.headline.goals.iter().map(|g| g.id.as_str());
    let targets = plan.targets().map(|t| t.id.as_str());
    goals
        .chain(targets)
        .chain(plan.tasks().map(|t| t.id.as_str()))
        .collect()
}

fn link_problems(child: LinkedPlan<'_>, parent: LinkedPlan<'_>, links: &[PlanLink]) -> Vec<String> {
    let (child_ids, parent_ids) = (item_ids(child.plan), item_ids(parent.plan));
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
    problems
}

/// Whether `child` may refine `parent` with `links`; `parents` maps every plan's id to the id
/// of the plan it refines.
pub fn check_link(
    child: LinkedPlan<'_>,
    parent: LinkedPlan<'_>,
    links: &[PlanLink],
    parents: &HashMap<String, String>,
) -> Result<(), LinkRefusal> {
    let problems = link_problems(child, parent, links);
    if !problems.is_empty() {
        return Err(LinkRefusal::Invalid(problems.join("; ")));
    }
    if child.parent.is_some_and(|k| k != parent.key) {
        return Err(LinkRefusal::Conflict(format!(
            "{} already refines another plan",
            child.key
        )));
    }
    let mut up = Some(parent.key);
    for _ in 0..MAX_DEPTH {
        let Some(key) = up else { return Ok(()) };
        if key == child.key {
            return Err(LinkRefusal::Invalid(format!(
                "{} cannot refine its own sub-plan",
                child.key
            )));
        }
        up = parents.get(key).map(String::as_str);
    }
    Err(LinkRefusal::Invalid("plan links nest too deep".into()))
}

/// A unit plan's place in the roll-up: its tasks, its targets by status, whether it lags.
pub fn unit_progress(s: &PlanStatus) -> UnitProgress {
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
pub fn child_item_state(s: &PlanStatus, item: &str) -> (bool, bool) {
    if let Some(t) = s.tasks.iter().find(|t| t.id == item) {
        return (t.is_done(), t.status == TaskStatus::OpenOverdue);
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
    parent: &Plan,
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

/// The roll-up of the plan stored as `key`: one row per unit plan (`statuses`, the status of
/// each plan refining it) and one per parent item that has links.
pub fn rollup(
    key: &str,
    parent: &Plan,
    as_of: NaiveDate,
    links: &[StoredLink],
    statuses: &[PlanStatus],
) -> Rollup {
    Rollup {
        plan: key.to_owned(),
        as_of,
        units: statuses.iter().map(unit_progress).collect(),
        items: item_progress(parent, links, statuses),
    }
}

#[cfg(test)]
#[path = "rollup_tests.rs"]
mod tests;
