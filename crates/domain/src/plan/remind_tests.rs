//! Tests of the reminder job's rules: what to create, for whom, with which words.

use proptest::prelude::*;

use super::*;
use crate::plan::test_support::{cal, d};

fn timing(deadline: &str, completed_on: Option<&str>) -> TaskTiming {
    TaskTiming {
        deadline: d(deadline),
        completed_on: completed_on.map(d),
    }
}

#[test]
fn kind_names_are_their_serialised_names() {
    for kind in ReminderKind::ALL {
        let json = serde_json::to_value(kind).unwrap();
        assert_eq!(json.as_str(), Some(kind.as_str()));
        assert_eq!(kind.as_str().parse::<ReminderKind>(), Ok(kind));
    }
    let unknown = "before2".parse::<ReminderKind>().unwrap_err();
    assert_eq!(unknown.text, "before2");
}

#[test]
fn each_reminder_reached_and_not_created_is_listed_in_task_order() {
    // The year end, Sunday 31/12/2023, is effective on Tuesday 02/01/2024.
    let tasks = [
        timing("2023-12-31", None),
        timing("2023-12-31", Some("2023-12-20")),
        timing("2023-10-31", None),
    ];
    let none = |_: usize, _: ReminderKind| false;
    let due = reminders_to_create(&tasks, none, d("2024-01-03"), cal()).unwrap();
    let listed: Vec<(usize, ReminderKind)> = due.iter().map(|r| (r.task, r.kind)).collect();
    let all = ReminderKind::ALL;
    let expected: Vec<(usize, ReminderKind)> = all
        .iter()
        .map(|k| (0, *k))
        .chain(all.iter().map(|k| (2, *k)))
        .collect();
    assert_eq!(listed, expected, "a completed task gets none");
    assert_eq!(due[0].deadline, d("2024-01-02"));
    assert_eq!(due[4].deadline, d("2023-10-31"));
    let created = |task: usize, kind: ReminderKind| task == 0 || kind != ReminderKind::Overdue;
    let rest = reminders_to_create(&tasks, created, d("2024-01-03"), cal()).unwrap();
    let listed: Vec<(usize, ReminderKind)> = rest.iter().map(|r| (r.task, r.kind)).collect();
    assert_eq!(listed, [(2, ReminderKind::Overdue)]);
}

#[test]
fn a_deadline_outside_the_calendar_names_its_task() {
    let tasks = [timing("2023-12-31", None), timing("1800-01-01", None)];
    let none = |_: usize, _: ReminderKind| false;
    let refused = reminders_to_create(&tasks, none, d("2023-06-01"), cal());
    assert_eq!(refused.map_err(|e| e.task), Err(1));
}

#[test]
fn the_notice_says_how_long_until_or_since_the_deadline() {
    let task = RemindedTask {
        plan: "KH204-2023",
        id: "NV/2.a",
        label: "2.a",
    };
    assert_eq!(
        reminder_message(task, ReminderKind::Before3, d("2024-01-02")),
        "Nhiệm vụ 2.a (NV/2.a) của kế hoạch KH204-2023 còn 3 ngày làm việc đến hạn 02/01/2024."
    );
    assert_eq!(
        reminder_message(task, ReminderKind::Overdue, d("2024-01-02")),
        "Nhiệm vụ 2.a (NV/2.a) của kế hoạch KH204-2023 đã quá hạn 02/01/2024 và chưa báo cáo \
         hoàn thành."
    );
}

#[test]
fn the_lead_is_reminded_first_then_each_co_operating_unit() {
    let cooperating = vec!["H31.STC".to_owned(), "group:districts".to_owned()];
    assert_eq!(
        recipients("H31.SNV", &cooperating),
        ["H31.SNV", "H31.STC", "group:districts"]
    );
    assert_eq!(recipients("H31.SNV", &[]), ["H31.SNV"]);
}

proptest! {
    #[test]
    fn created_reminders_are_never_listed_again(
        deadline in 0u64..400,
        as_of in 0u64..450,
        created_mask in 0u8..16,
    ) {
        let start = d("2023-01-01");
        let tasks = [TaskTiming {
            deadline: start + chrono::Days::new(deadline),
            completed_on: None,
        }];
        let as_of = start + chrono::Days::new(as_of);
        let created = |_: usize, k: ReminderKind| created_mask & (1 << (k as u8)) != 0;
        let all = reminders_to_create(&tasks, |_, _| false, as_of, cal()).unwrap();
        let rest = reminders_to_create(&tasks, created, as_of, cal()).unwrap();
        let expected: Vec<DueReminder> =
            all.iter().copied().filter(|r| !created(r.task, r.kind)).collect();
        prop_assert_eq!(rest, expected);
    }
}
