//! Tests of a plan's status: figures by tier, automatic values, task states and the summary.

use chrono::Days;
use proptest::prelude::*;

use super::*;
use crate::indicator::{FixedValues, NoAutomaticValues};
use crate::org::UnitCode;
use crate::plan::test_support::{Report, cal, d, id, report, shipped};

fn target<'a>(targets: &'a [TargetState], id: &str) -> &'a TargetState {
    targets.iter().find(|t| t.id == id).unwrap()
}

fn work_file_reports() -> Vec<Report> {
    let share = "manual.work_files.online_share";
    vec![
        report(
            share,
            Some(Scope::Provincial),
            "2023-01-01",
            "2023-06-30",
            62.0,
        ),
        report(
            share,
            Some(Scope::District),
            "2023-01-01",
            "2023-06-30",
            41.0,
        ),
    ]
}

#[test]
fn figures_per_tier_and_automatic_indicators() {
    let plan = shipped();
    let reports = work_file_reports();
    let auto = FixedValues(vec![(
        id("dossier.on_time_ratio"),
        UnitCode::parse("H31").unwrap(),
        96.0,
    )]);
    let figures = Figures {
        automatic: &auto,
        approved: &reports,
    };
    let targets = target_states(&plan, d("2023-07-03"), &figures);
    assert_eq!(
        targets.len(),
        plan.headline.goals.len() + plan.targets().count()
    );
    let work_files = target(&targets, "MT/6.b");
    let statuses: Vec<_> = work_files.thresholds.iter().map(|t| t.status).collect();
    // 41 % against 50 % with half the year left is more than the allowance: at risk.
    assert_eq!(
        statuses,
        [Some(TargetStatus::Met), Some(TargetStatus::AtRisk), None]
    );
    assert_eq!(work_files.status, Some(TargetStatus::AtRisk));
    assert_eq!(work_files.value, Some(62.0));
    let on_time = target(&targets, "MT/2.a");
    assert_eq!(on_time.value, Some(96.0));
    assert_eq!(on_time.thresholds[0].origin, Some(ValueOrigin::Automatic));
    assert_eq!(on_time.status, Some(TargetStatus::Met));
    // After the year, a value short of its threshold is missed.
    let end = target_states(&plan, d("2024-01-10"), &figures);
    assert_eq!(target(&end, "MT/6.b").status, Some(TargetStatus::Missed));
    assert_eq!(target(&end, "MT/G.1").status, None);
}

#[test]
fn before_the_year_starts_no_figure_has_a_value() {
    let plan = shipped();
    let reports = work_file_reports();
    let auto = FixedValues(vec![(
        id("dossier.on_time_ratio"),
        UnitCode::parse("H31").unwrap(),
        96.0,
    )]);
    let figures = Figures {
        automatic: &auto,
        approved: &reports,
    };
    let targets = target_states(&plan, d("2022-12-31"), &figures);
    assert!(
        targets
            .iter()
            .all(|t| t.value.is_none() && t.status.is_none())
    );
}

fn item(deadline: &str, completed_on: Option<&str>) -> TaskItem<'static> {
    TaskItem {
        id: "NV/2.a",
        area: 2,
        label: "a",
        lead_unit: "H31.SNV",
        timing: TaskTiming {
            deadline: d(deadline),
            completed_on: completed_on.map(d),
        },
    }
}

#[test]
fn a_task_is_judged_against_its_deadline_moved_off_the_weekend() {
    // The year end, Sunday 31/12/2023, is effective on Tuesday 02/01/2024.
    let open = TaskState::of(item("2023-12-31", None), d("2024-01-02"), cal()).unwrap();
    assert_eq!(open.effective_deadline, d("2024-01-02"));
    assert_eq!(open.status, TaskStatus::OpenWithinDeadline);
    assert_eq!(open.status_vi, "chưa hoàn thành trong hạn");
    assert_eq!(
        (open.id.as_str(), open.lead_unit.as_str()),
        ("NV/2.a", "H31.SNV")
    );
    let late = TaskState::of(
        item("2023-12-31", Some("2024-01-05")),
        d("2024-01-10"),
        cal(),
    )
    .unwrap();
    assert_eq!(late.status, TaskStatus::CompletedLate);
    assert!(late.is_done());
    let overdue = TaskState::of(item("2023-12-31", None), d("2024-01-03"), cal()).unwrap();
    assert_eq!(overdue.status, TaskStatus::OpenOverdue);
    assert!(!overdue.is_done());
}

#[test]
fn the_plan_status_carries_the_plan_and_sums_up_its_tasks() {
    let plan = shipped();
    let none: [Report; 0] = [];
    let figures = Figures {
        automatic: &NoAutomaticValues,
        approved: &none,
    };
    let tasks = vec![
        TaskState::of(
            item("2023-06-30", Some("2023-06-20")),
            d("2023-07-10"),
            cal(),
        )
        .unwrap(),
        TaskState::of(item("2023-06-30", None), d("2023-07-10"), cal()).unwrap(),
    ];
    let st = plan_status("KH204-2023", &plan, d("2023-07-10"), &figures, tasks);
    assert_eq!(
        (
            st.plan.as_str(),
            st.number.as_str(),
            st.year,
            st.unit.as_str()
        ),
        ("KH204-2023", "204/KH-UBND", 2023, "H31")
    );
    let sum = st.summary;
    assert_eq!(
        (sum.total, sum.completed_on_time, sum.open_overdue),
        (2, 1, 1)
    );
    assert!((sum.overdue_share - 50.0).abs() < 1e-9);
}

fn arbitrary_task() -> impl Strategy<Value = TaskItem<'static>> {
    (0u64..400, prop::option::of(0u64..400)).prop_map(|(deadline, done)| TaskItem {
        timing: TaskTiming {
            deadline: d("2023-01-01") + Days::new(deadline),
            completed_on: done.map(|n| d("2023-01-01") + Days::new(n)),
        },
        ..item("2023-01-01", None)
    })
}

proptest! {
    #[test]
    fn the_summary_partitions_the_tasks(
        tasks in prop::collection::vec(arbitrary_task(), 0..40),
        as_of in 0u64..450,
    ) {
        let as_of = d("2023-01-01") + Days::new(as_of);
        let states: Vec<TaskState> =
            tasks.iter().map(|t| TaskState::of(*t, as_of, cal()).unwrap()).collect();
        let sum = TaskSummary::of(&states);
        prop_assert_eq!(sum.total, states.len());
        prop_assert_eq!(
            sum.completed_on_time + sum.completed_late + sum.open_within_deadline
                + sum.open_overdue,
            sum.total
        );
        let done = states.iter().filter(|s| s.is_done()).count();
        prop_assert_eq!(sum.completed_on_time + sum.completed_late, done);
        if sum.total > 0 {
            let share = 100.0 * sum.open_overdue as f64 / sum.total as f64;
            prop_assert!((sum.overdue_share - share).abs() < 1e-9);
        } else {
            prop_assert_eq!(sum.overdue_share, 0.0);
        }
    }
}
