//! Properties of deadline arithmetic (proptest): round trips, monotonicity, pauses and landing
//! only on working time.

use cchc_calendar::pause::merge;
use cchc_calendar::{DeadlineRequest, Pause, WorkCalendar, WorkDuration};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use proptest::prelude::*;
use std::sync::LazyLock;

static CAL: LazyLock<WorkCalendar> = LazyLock::new(|| WorkCalendar::national().unwrap());

/// Any minute of 2000–2089.
fn instant() -> impl Strategy<Value = NaiveDateTime> {
    let base = NaiveDate::from_ymd_opt(2000, 1, 1)
        .unwrap()
        .and_time(NaiveTime::MIN);
    (0_i64..90 * 365 * 1440).prop_map(move |m| base + Duration::minutes(m))
}

fn duration() -> impl Strategy<Value = WorkDuration> {
    prop_oneof![
        (0_u32..2_000).prop_map(WorkDuration::Hours),
        (0_u32..300).prop_map(WorkDuration::WorkingDays),
        (0_u32..400).prop_map(WorkDuration::CalendarDays),
    ]
}

fn with_count(d: WorkDuration, n: u32) -> WorkDuration {
    match d {
        WorkDuration::Hours(_) => WorkDuration::Hours(n),
        WorkDuration::WorkingDays(_) => WorkDuration::WorkingDays(n),
        WorkDuration::CalendarDays(_) => WorkDuration::CalendarDays(n),
    }
}

fn working_minutes(d: WorkDuration) -> i64 {
    match d {
        WorkDuration::Hours(n) => i64::from(n) * 60,
        WorkDuration::WorkingDays(n) => i64::from(n) * 480,
        WorkDuration::CalendarDays(_) => unreachable!(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn adding_n_working_days_then_counting_back_gives_n(start in instant(), n in 1_u32..400) {
        let cal = &*CAL;
        let due = cal.due(start, WorkDuration::WorkingDays(n)).unwrap();
        prop_assert_eq!(cal.working_minutes_between(start, due).unwrap(), i64::from(n) * 480);
        // From an opening, the n-th working day ends the count: n working days, both ends in.
        let opening = cal.due(start.date().and_hms_opt(0, 0, 0).unwrap(), WorkDuration::Hours(0)).unwrap();
        let due = cal.due(opening, WorkDuration::WorkingDays(n)).unwrap();
        prop_assert_eq!(due.time(), NaiveTime::from_hms_opt(17, 0, 0).unwrap());
        prop_assert_eq!(cal.working_days(opening.date(), due.date()).unwrap(), n);
    }

    #[test]
    fn working_hours_round_trip(start in instant(), h in 0_u32..3_000) {
        let due = CAL.due(start, WorkDuration::Hours(h)).unwrap();
        prop_assert_eq!(CAL.working_minutes_between(start, due).unwrap(), i64::from(h) * 60);
    }

    #[test]
    fn due_is_monotonic_in_start(a in instant(), b in instant(), d in duration(), cutoff in proptest::option::of(0_u32..24)) {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        let cutoff = cutoff.and_then(|h| NaiveTime::from_hms_opt(h, 0, 0));
        let req = |s| DeadlineRequest { cutoff, ..DeadlineRequest::new(s, d) };
        let (da, db) = (CAL.deadline(&req(a)).unwrap(), CAL.deadline(&req(b)).unwrap());
        prop_assert!(da <= db, "{a} -> {da}, {b} -> {db}");
        prop_assert!(da >= a);
    }

    #[test]
    fn due_is_monotonic_in_duration(s in instant(), d in duration(), extra in 0_u32..100) {
        let longer = with_count(d, d.count() + extra);
        prop_assert!(CAL.due(s, d).unwrap() <= CAL.due(s, longer).unwrap());
    }

    #[test]
    fn results_never_land_on_non_working_time(s in instant(), d in duration()) {
        let due = CAL.due(s, d).unwrap();
        prop_assert!(CAL.is_working_day(due.date()).unwrap());
        match d {
            WorkDuration::CalendarDays(_) => prop_assert_eq!(due.time(), NaiveTime::from_hms_opt(17, 0, 0).unwrap()),
            _ if d.count() == 0 => prop_assert!(CAL.is_working_time(due).unwrap()),
            // The minute before the due time is a working minute.
            _ => prop_assert!(CAL.is_working_time(due - Duration::minutes(1)).unwrap(), "{s} + {d} -> {due}"),
        }
    }

    #[test]
    fn pauses_add_exactly_their_working_time(
        s in instant(),
        d in prop_oneof![(1_u32..400).prop_map(WorkDuration::Hours), (1_u32..40).prop_map(WorkDuration::WorkingDays), (0_u32..60).prop_map(WorkDuration::CalendarDays)],
        raw in proptest::collection::vec((0.0_f64..1.0, 0_i64..5 * 1440), 0..5),
    ) {
        let due0 = CAL.due(s, d).unwrap();
        let span = (due0 - s).num_minutes();
        // Pauses that start between the receipt and the due time without pauses.
        let pauses: Vec<Pause> = raw
            .iter()
            .map(|&(at, len)| {
                let from = s + Duration::minutes((at * span as f64) as i64);
                Pause::new(from, from + Duration::minutes(len)).unwrap()
            })
            .collect();
        let covered: i64 = merge(&pauses).iter().map(|p| CAL.working_minutes_between(p.from, p.to).unwrap()).sum();
        let due1 = CAL.deadline(&DeadlineRequest { pauses: &pauses, ..DeadlineRequest::new(s, d) }).unwrap();
        prop_assert_eq!(CAL.working_minutes_between(due0, due1).unwrap(), covered);
        if !matches!(d, WorkDuration::CalendarDays(_)) {
            prop_assert_eq!(CAL.working_minutes_between(s, due1).unwrap(), working_minutes(d) + covered);
        }
    }

    #[test]
    fn trace_and_fast_path_agree(s in instant(), d in duration(), cutoff in proptest::option::of(8_u32..17)) {
        let cutoff = cutoff.and_then(|h| NaiveTime::from_hms_opt(h, 0, 0));
        let req = DeadlineRequest { cutoff, ..DeadlineRequest::new(s, d) };
        prop_assert_eq!(CAL.deadline_traced(&req).unwrap().value, CAL.deadline(&req).unwrap());
    }
}
