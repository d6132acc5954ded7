//! Tests of the cascade: which links are accepted, which units lag, how parent items roll up.

use super::*;
use crate::plan::TaskTiming;
use crate::plan::evaluate::{TargetState, TaskItem, TaskState};
use crate::plan::rollover::redate;
use crate::plan::test_support::{cal, d, shipped};

fn link(child: &str, parent: &str) -> PlanLink {
    PlanLink {
        child_item: child.into(),
        parent_item: parent.into(),
    }
}

fn linked<'a>(key: &'a str, plan: &'a Plan, parent: Option<&'a str>) -> LinkedPlan<'a> {
    LinkedPlan { key, plan, parent }
}

#[test]
fn links_need_existing_items_of_plans_of_one_year() {
    let (child, parent) = (shipped(), shipped());
    let none = HashMap::new();
    let ok = [link("NV/3.a", "NV/3.d"), link("MT/3.a", "MT/3.a")];
    let c = linked("KH-SNV-2023", &child, None);
    let p = linked("KH204-2023", &parent, None);
    assert_eq!(check_link(c, p, &ok, &none), Ok(()));
    let bad = [link("NV/3.a", "NV/3.d"), link("NV/3.z", "NV/9.a")];
    let Err(LinkRefusal::Invalid(why)) = check_link(c, p, &bad, &none) else {
        panic!("unknown items accepted");
    };
    assert_eq!(
        why,
        "links[1].child_item: KH-SNV-2023 has no item 'NV/3.z'; \
         links[1].parent_item: KH204-2023 has no item 'NV/9.a'"
    );
    let next_year = redate(&parent, 2024).unwrap();
    let p2024 = linked("KH204-2024", &next_year, None);
    let refused = check_link(c, p2024, &ok, &none);
    assert_eq!(
        refused,
        Err(LinkRefusal::Invalid(
            "KH-SNV-2023 is for 2023, KH204-2024 for 2024".into()
        ))
    );
}

#[test]
fn a_plan_refines_one_plan_and_never_its_own_sub_plan() {
    let plan = shipped();
    let ok = [link("NV/3.a", "NV/3.d")];
    let parents: HashMap<String, String> = [("KH-SNV-2023", "KH204-2023")]
        .into_iter()
        .map(|(c, p)| (c.to_owned(), p.to_owned()))
        .collect();
    let child = linked("KH-SNV-2023", &plan, Some("KH204-2023"));
    let again = check_link(child, linked("KH204-2023", &plan, None), &ok, &parents);
    assert_eq!(again, Ok(()), "re-linking to the same parent is accepted");
    let other = check_link(child, linked("KH-OTHER", &plan, None), &ok, &parents);
    assert!(matches!(other, Err(LinkRefusal::Conflict(_))), "{other:?}");
    // The provincial plan under its own sub-plan: a cycle.
    let provincial = linked("KH204-2023", &plan, None);
    let sub = linked("KH-SNV-2023", &plan, Some("KH204-2023"));
    let cycle = check_link(provincial, sub, &ok, &parents);
    assert_eq!(
        cycle,
        Err(LinkRefusal::Invalid(
            "KH204-2023 cannot refine its own sub-plan".into()
        ))
    );
}

#[test]
fn a_chain_of_parents_deeper_than_the_limit_is_refused() {
    let plan = shipped();
    let parents: HashMap<String, String> = (0..40)
        .map(|i| (format!("P{i}"), format!("P{}", i + 1)))
        .collect();
    let refused = check_link(
        linked("C", &plan, None),
        linked("P0", &plan, None),
        &[],
        &parents,
    );
    assert_eq!(
        refused,
        Err(LinkRefusal::Invalid("plan links nest too deep".into()))
    );
    let short: HashMap<String, String> = parents
        .into_iter()
        .filter(|(k, _)| k < &"P2".to_owned())
        .collect();
    let ok = check_link(
        linked("C", &plan, None),
        linked("P0", &plan, None),
        &[],
        &short,
    );
    assert_eq!(ok, Ok(()));
}

fn task(id: &str, deadline: &str, done: Option<&str>, as_of: &str) -> TaskState {
    let item = TaskItem {
        id,
        area: 3,
        label: "a",
        lead_unit: "H31.SNV",
        timing: TaskTiming {
            deadline: d(deadline),
            completed_on: done.map(d),
        },
    };
    TaskState::of(item, d(as_of), cal()).unwrap()
}

fn target(id: &str, status: Option<TargetStatus>) -> TargetState {
    TargetState {
        id: id.into(),
        area: Some(3),
        label: "a".into(),
        value: None,
        status,
        thresholds: Vec::new(),
    }
}

fn unit_status(
    plan: &str,
    unit: &str,
    tasks: Vec<TaskState>,
    targets: Vec<TargetState>,
) -> PlanStatus {
    PlanStatus {
        plan: plan.into(),
        number: "01/KH-SNV".into(),
        year: 2023,
        unit: unit.into(),
        as_of: d("2023-10-02"),
        summary: TaskSummary::of(&tasks),
        targets,
        tasks,
    }
}

fn snv() -> PlanStatus {
    let as_of = "2023-10-02";
    unit_status(
        "KH-SNV-2023",
        "H31.SNV",
        vec![
            task("NV/3.a", "2023-06-30", Some("2023-06-28"), as_of),
            task("NV/3.b", "2023-09-29", None, as_of),
        ],
        vec![target("MT/3.a", Some(TargetStatus::OnTrack))],
    )
}

#[test]
fn a_unit_lags_with_an_overdue_task_or_a_target_at_risk_or_missed() {
    let late = unit_progress(&snv());
    assert!(late.lagging);
    assert_eq!(
        (late.tasks.completed_on_time, late.tasks.open_overdue),
        (1, 1)
    );
    assert_eq!(late.targets.on_track, 1);
    let as_of = "2023-10-02";
    let fine = unit_status(
        "KH-X",
        "H31.SXD",
        vec![task("NV/1.a", "2023-12-29", None, as_of)],
        vec![
            target("MT/1.a", Some(TargetStatus::Met)),
            target("MT/1.b", None),
        ],
    );
    let fine = unit_progress(&fine);
    assert!(!fine.lagging);
    assert_eq!((fine.targets.met, fine.targets.unknown), (1, 1));
    let at_risk = unit_status(
        "KH-Y",
        "H31.SYT",
        Vec::new(),
        vec![target("MT/1.a", Some(TargetStatus::AtRisk))],
    );
    assert!(unit_progress(&at_risk).lagging);
}

fn stored(child_plan: &str, child: &str, parent: &str) -> StoredLink {
    StoredLink {
        child_plan: child_plan.into(),
        child_item: child.into(),
        parent_item: parent.into(),
    }
}

#[test]
fn parent_items_count_their_linked_items_done_and_the_units_lagging() {
    let parent = shipped();
    let links = [
        stored("KH-SNV-2023", "NV/3.a", "NV/3.d"),
        stored("KH-SNV-2023", "NV/3.b", "NV/3.đ"),
        stored("KH-SNV-2023", "MT/3.a", "MT/3.a"),
        // A child plan without a status (not refining this plan any more) is skipped.
        stored("KH-GONE", "NV/1.a", "NV/3.d"),
    ];
    let up = rollup("KH204-2023", &parent, d("2023-10-02"), &links, &[snv()]);
    assert_eq!(up.units.len(), 1);
    let item = |id: &str| up.items.iter().find(|i| i.parent_item == id).unwrap();
    assert_eq!((item("NV/3.d").linked, item("NV/3.d").done), (2, 1));
    assert_eq!(item("NV/3.đ").lagging_units, ["H31.SNV"]);
    assert!(item("NV/3.d").lagging_units.is_empty());
    assert_eq!(
        (item("MT/3.a").done, item("MT/3.a").lagging_units.len()),
        (0, 0)
    );
    assert_eq!(up.items.len(), 3, "only linked parent items are listed");
    let order: Vec<&str> = up.items.iter().map(|i| i.parent_item.as_str()).collect();
    assert_eq!(order, ["MT/3.a", "NV/3.d", "NV/3.đ"], "document order");
}
