//! Tests of the target, task and reminder rules, with properties for the arithmetic.

use std::sync::OnceLock;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::plan::{IndicatorId, MeasureUnit};

fn cal() -> &'static WorkCalendar {
    static CAL: OnceLock<WorkCalendar> = OnceLock::new();
    CAL.get_or_init(|| WorkCalendar::national().unwrap())
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn threshold(comparator: Comparator, value: f64) -> Threshold {
    Threshold {
        indicator: IndicatorId::parse("dossier.on_time_ratio").unwrap(),
        comparator,
        value,
        unit: MeasureUnit::Percent,
        scope: None,
        max: None,
        aspirational: false,
        equivalent: None,
    }
}

fn year_2023() -> Period {
    Period::year(2023).unwrap()
}

#[test]
fn on_time_ratio_above_95_percent() {
    let t = threshold(Comparator::Gt, 95.0);
    let rule = StatusRule::default();
    let status = |v, as_of| threshold_status(v, &t, d(as_of), year_2023(), &rule);
    assert_eq!(status(96.0, "2023-07-01"), TargetStatus::Met);
    // 1/95 ≈ 1.1 % short, half the year left: allowance ≈ 5 %.
    assert_eq!(status(94.0, "2023-07-01"), TargetStatus::OnTrack);
    assert_eq!(status(94.0, "2023-12-20"), TargetStatus::AtRisk);
    assert_eq!(status(80.0, "2023-07-01"), TargetStatus::AtRisk);
    // Exactly 95 does not satisfy "trên 95%".
    assert_eq!(status(95.0, "2024-01-01"), TargetStatus::Missed);
    assert_eq!(status(96.0, "2024-01-01"), TargetStatus::Met);
}

#[test]
fn a_target_takes_the_worst_status_of_its_known_values() {
    let target = Target {
        id: "MT/2.a".into(),
        label: "a".into(),
        text: "…".into(),
        scope: vec![],
        baseline: None,
        thresholds: vec![
            threshold(Comparator::Gt, 95.0),
            threshold(Comparator::Ge, 80.0),
        ],
    };
    let rule = StatusRule::default();
    let at = |values: &[Option<f64>]| {
        target_status(&target, values, d("2023-07-01"), year_2023(), &rule)
    };
    assert_eq!(at(&[Some(97.0), Some(50.0)]), Some(TargetStatus::AtRisk));
    assert_eq!(at(&[Some(97.0), None]), Some(TargetStatus::Met));
    assert_eq!(at(&[None, None]), None);
}

#[test]
fn task_statuses_follow_the_national_taxonomy() {
    let deadline = d("2023-06-30");
    assert_eq!(
        task_status(deadline, Some(d("2023-06-30")), d("2023-07-10")),
        TaskStatus::CompletedOnTime
    );
    assert_eq!(
        task_status(deadline, Some(d("2023-07-03")), d("2023-07-10")),
        TaskStatus::CompletedLate
    );
    assert_eq!(
        task_status(deadline, None, d("2023-06-30")),
        TaskStatus::OpenWithinDeadline
    );
    assert_eq!(
        task_status(deadline, None, d("2023-07-01")),
        TaskStatus::OpenOverdue
    );
    // Completed after the as-of day: still open as of that day.
    assert_eq!(
        task_status(deadline, Some(d("2023-07-03")), d("2023-07-01")),
        TaskStatus::OpenOverdue
    );
    assert_eq!(
        TaskStatus::OpenOverdue.label_vi(),
        "chưa hoàn thành quá hạn"
    );
}

#[test]
fn the_year_end_deadline_moves_past_the_weekend_and_new_year() {
    // 31/12/2023 is a Sunday and 01/01/2024 a public holiday.
    assert_eq!(
        effective_deadline(d("2023-12-31"), cal()).unwrap(),
        d("2024-01-02")
    );
    let open = TaskTiming {
        deadline: d("2023-12-31"),
        completed_on: None,
    };
    assert_eq!(
        task_status_on(&open, d("2024-01-02"), cal()).unwrap(),
        TaskStatus::OpenWithinDeadline
    );
    assert_eq!(
        task_status_on(&open, d("2024-01-03"), cal()).unwrap(),
        TaskStatus::OpenOverdue
    );
}

#[test]
fn year_end_reminders_fall_on_the_expected_days() {
    use ReminderKind::*;
    let open = TaskTiming {
        deadline: d("2023-12-31"),
        completed_on: None,
    };
    let at = |s| due_reminders(&open, d(s), cal()).unwrap();
    assert_eq!(at("2023-12-20"), []);
    assert_eq!(at("2023-12-21"), [Before7]);
    assert_eq!(at("2023-12-26"), [Before7]);
    assert_eq!(at("2023-12-27"), [Before7, Before3]);
    assert_eq!(at("2023-12-29"), [Before7, Before3, Before1]);
    assert_eq!(at("2024-01-02"), [Before7, Before3, Before1]);
    assert_eq!(at("2024-01-03"), [Before7, Before3, Before1, Overdue]);
    let done = TaskTiming {
        completed_on: Some(d("2023-12-28")),
        ..open
    };
    assert_eq!(due_reminders(&done, d("2024-01-03"), cal()).unwrap(), []);
}

fn date_in(lo: &str, span: u64) -> impl Strategy<Value = NaiveDate> {
    let start = d(lo);
    (0..span).prop_map(move |n| start + Days::new(n))
}

fn comparator() -> impl Strategy<Value = Comparator> {
    prop_oneof![
        Just(Comparator::Gt),
        Just(Comparator::Ge),
        Just(Comparator::Lt),
        Just(Comparator::Le),
        Just(Comparator::Eq),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn after_the_period_only_met_or_missed(
        cmp in comparator(), t in 0.0..100.0f64, v in 0.0..100.0f64, as_of in date_in("2024-01-01", 400),
    ) {
        let s = threshold_status(v, &threshold(cmp, t), as_of, year_2023(), &StatusRule::default());
        prop_assert_eq!(s == TargetStatus::Met, cmp.holds(v, t));
        prop_assert!(matches!(s, TargetStatus::Met | TargetStatus::Missed));
    }

    #[test]
    fn met_exactly_when_satisfied(
        cmp in comparator(), t in -50.0..100.0f64, v in -50.0..100.0f64, as_of in date_in("2022-12-01", 500),
    ) {
        let s = threshold_status(v, &threshold(cmp, t), as_of, year_2023(), &StatusRule::default());
        prop_assert_eq!(s == TargetStatus::Met, cmp.holds(v, t));
        prop_assert_eq!(shortfall(v, cmp, t) > 0.0, !cmp.holds(v, t) && v != t);
    }

    #[test]
    fn a_better_value_never_worsens_the_status(
        t in 0.0..100.0f64, a in 0.0..100.0f64, b in 0.0..100.0f64, as_of in date_in("2022-12-01", 500),
    ) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let rule = StatusRule::default();
        for cmp in [Comparator::Ge, Comparator::Gt] {
            let th = threshold(cmp, t);
            prop_assert!(threshold_status(hi, &th, as_of, year_2023(), &rule) <= threshold_status(lo, &th, as_of, year_2023(), &rule));
            let th = threshold(if cmp == Comparator::Ge { Comparator::Le } else { Comparator::Lt }, t);
            prop_assert!(threshold_status(lo, &th, as_of, year_2023(), &rule) <= threshold_status(hi, &th, as_of, year_2023(), &rule));
        }
    }

    #[test]
    fn time_never_improves_an_unchanged_value(
        cmp in comparator(), t in 0.0..100.0f64, v in 0.0..100.0f64,
        a in date_in("2022-12-01", 500), b in date_in("2022-12-01", 500),
    ) {
        let (early, late) = if a <= b { (a, b) } else { (b, a) };
        let th = threshold(cmp, t);
        let rule = StatusRule::default();
        prop_assert!(threshold_status(v, &th, early, year_2023(), &rule) <= threshold_status(v, &th, late, year_2023(), &rule));
    }

    #[test]
    fn working_days_left_counts_the_working_days_after_as_of(
        as_of in date_in("2022-11-01", 500), gap in 0u64..60,
    ) {
        let deadline = as_of + Days::new(gap);
        let brute = as_of.iter_days().skip(1).take_while(|x| *x <= deadline)
            .filter(|x| cal().is_working_day(*x).unwrap()).count();
        prop_assert_eq!(working_days_left(as_of, deadline, cal()).unwrap() as usize, brute);
    }

    #[test]
    fn each_reminder_starts_k_working_days_before_the_deadline(
        deadline in date_in("2023-01-01", 1000), k in prop_oneof![Just(7u32), Just(3), Just(1)],
    ) {
        let kind = ReminderKind::ALL.into_iter().find(|r| r.working_days() == Some(k)).unwrap();
        let task = TaskTiming { deadline, completed_on: None };
        let eff = effective_deadline(deadline, cal()).unwrap();
        let reached = |x: NaiveDate| due_reminders(&task, x, cal()).unwrap().contains(&kind);
        let first = (deadline - Days::new(40)).iter_days().find(|x| reached(*x)).unwrap();
        prop_assert!(cal().is_working_day(first).unwrap());
        prop_assert_eq!(cal().add_working_days(first, k).unwrap(), eff);
        prop_assert!(!reached(first - Days::new(1)));
        prop_assert!(first.iter_days().take(60).all(reached));
    }

    #[test]
    fn reminders_only_accumulate_while_open(
        deadline in date_in("2023-01-01", 800), a in date_in("2022-12-01", 900), step in 0u64..30,
    ) {
        let task = TaskTiming { deadline, completed_on: None };
        let before = due_reminders(&task, a, cal()).unwrap();
        let after = due_reminders(&task, a + Days::new(step), cal()).unwrap();
        prop_assert!(before.iter().all(|k| after.contains(k)));
        let overdue = after.contains(&ReminderKind::Overdue);
        let status = task_status_on(&task, a + Days::new(step), cal()).unwrap();
        prop_assert_eq!(overdue, status == TaskStatus::OpenOverdue);
    }

    #[test]
    fn task_status_partitions_by_completion_and_deadline(
        deadline in date_in("2023-01-01", 400), done in proptest::option::of(date_in("2023-01-01", 400)),
        as_of in date_in("2023-01-01", 400),
    ) {
        let s = task_status(deadline, done, as_of);
        let completed = done.is_some_and(|x| x <= as_of);
        prop_assert_eq!(completed, matches!(s, TaskStatus::CompletedOnTime | TaskStatus::CompletedLate));
        if !completed {
            prop_assert_eq!(s == TaskStatus::OpenOverdue, as_of > deadline);
        }
    }
}
