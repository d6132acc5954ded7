//! Deadlines, working-day counts and traces on hand-checked cases of 2026.

use cchc_calendar::text::{parse_date, parse_instant, parse_time};
use cchc_calendar::{
    CalendarError, DeadlineRequest, OfficeHours, Pause, Shift, StepKind, WorkCalendar, WorkDuration,
};

fn cal() -> WorkCalendar {
    WorkCalendar::national().unwrap()
}

fn at(s: &str) -> chrono::NaiveDateTime {
    parse_instant(s).unwrap()
}

fn due(from: &str, d: &str) -> String {
    let t = cal().due(at(from), d.parse().unwrap()).unwrap();
    t.format("%Y-%m-%dT%H:%M").to_string()
}

#[test]
fn working_hours_carry_across_lunch_nights_and_weekends() {
    assert_eq!(due("2026-03-02T09:00", "1h"), "2026-03-02T10:00");
    assert_eq!(due("2026-03-02T11:00", "1h"), "2026-03-02T14:00");
    assert_eq!(due("2026-03-06T16:00", "8h"), "2026-03-09T16:00");
    assert_eq!(due("2026-03-02T07:00", "8h"), "2026-03-02T17:00");
    assert_eq!(due("2026-03-02T07:00", "4h"), "2026-03-02T11:00");
    assert_eq!(due("2026-03-02T07:00", "0h"), "2026-03-02T07:00");
}

#[test]
fn receipt_outside_office_hours_starts_at_the_next_working_period() {
    assert_eq!(due("2026-03-02T12:00", "1h"), "2026-03-02T14:30");
    assert_eq!(due("2026-03-02T17:30", "1h"), "2026-03-03T08:00");
    assert_eq!(due("2026-03-02T05:00", "1h"), "2026-03-02T08:00");
    assert_eq!(due("2026-03-07T10:00", "1h"), "2026-03-09T08:00");
    assert_eq!(due("2026-03-02T11:30", "0h"), "2026-03-02T13:30");
}

#[test]
fn working_days_are_eight_working_hours_from_the_start() {
    assert_eq!(due("2026-03-02T09:00", "3wd"), "2026-03-05T09:00");
    assert_eq!(due("2026-03-02T07:00", "1wd"), "2026-03-02T17:00");
    assert_eq!(due("2026-03-02T13:30", "1wd"), "2026-03-03T11:30");
}

#[test]
fn holidays_swaps_and_make_up_saturdays_2026() {
    // Tết 16–20/02 with the weekends around it.
    assert_eq!(due("2026-02-13T10:00", "1wd"), "2026-02-23T10:00");
    // Friday 21/08 + 1 wd lands on the make-up Saturday 22/08.
    assert_eq!(due("2026-08-21T10:00", "1wd"), "2026-08-22T10:00");
    // 31/08 (swap), 01/09 and 02/09 (Quốc khánh) are off.
    assert_eq!(due("2026-08-28T10:00", "1wd"), "2026-09-03T10:00");
    // Giỗ Tổ on Sunday 26/04 gives Monday 27/04; then 30/04 and 01/05.
    assert_eq!(due("2026-04-24T10:00", "2wd"), "2026-04-29T10:00");
    assert_eq!(due("2026-04-29T10:00", "1wd"), "2026-05-04T10:00");
}

#[test]
fn calendar_days_end_at_closing_on_a_working_day() {
    assert_eq!(due("2026-03-02T09:00", "15d"), "2026-03-17T17:00");
    // 07/03 is a Saturday: moves to Monday 09/03.
    assert_eq!(due("2026-03-02T09:00", "5d"), "2026-03-09T17:00");
    // Received after closing on Friday: counted from Monday.
    assert_eq!(due("2026-03-06T18:00", "1d"), "2026-03-10T17:00");
    assert_eq!(due("2026-03-02T09:00", "0d"), "2026-03-02T17:00");
}

#[test]
fn cutoff_moves_late_receipts_to_the_next_working_day() {
    let c = cal();
    let req = |start: &str| DeadlineRequest {
        cutoff: Some(parse_time("15:00").unwrap()),
        ..DeadlineRequest::new(at(start), WorkDuration::CalendarDays(0))
    };
    let f = |s: &str| {
        c.deadline(&req(s))
            .unwrap()
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    assert_eq!(f("2026-03-02T14:59"), "2026-03-02T17:00");
    assert_eq!(f("2026-03-02T15:00"), "2026-03-02T17:00");
    assert_eq!(f("2026-03-02T15:01"), "2026-03-03T17:00");
    assert_eq!(f("2026-03-06T16:00"), "2026-03-09T17:00");
}

#[test]
fn pauses_extend_by_the_working_time_they_cover() {
    let c = cal();
    let pauses = [
        Pause::parse("2026-03-03T09:00/2026-03-03T10:00").unwrap(),
        Pause::parse("2026-03-03T09:30/2026-03-03T11:00").unwrap(),
        // Evening and weekend: no working time.
        Pause::parse("2026-03-03T18:00/2026-03-03T20:00").unwrap(),
    ];
    let req = DeadlineRequest {
        pauses: &pauses,
        ..DeadlineRequest::new(at("2026-03-02T09:00"), WorkDuration::WorkingDays(3))
    };
    assert_eq!(c.deadline(&req).unwrap(), at("2026-03-05T11:00"));
    let traced = c.deadline_traced(&req).unwrap();
    assert_eq!(traced.value, at("2026-03-05T11:00"));
    assert!(
        traced
            .trace
            .iter()
            .any(|s| s.step == StepKind::Pause && s.vi.contains("2 giờ"))
    );
    // A pause after the due time changes nothing.
    let late = [Pause::parse("2026-03-10T09:00/2026-03-11T09:00").unwrap()];
    let req = DeadlineRequest {
        pauses: &late,
        ..req
    };
    assert_eq!(c.deadline(&req).unwrap(), at("2026-03-05T09:00"));
}

#[test]
fn working_days_both_ends_included() {
    let c = cal();
    let d = |s| parse_date(s).unwrap();
    assert_eq!(
        c.working_days(d("2026-02-01"), d("2026-02-28")).unwrap(),
        15
    );
    assert_eq!(c.working_days(d("2026-03-02"), d("2026-03-02")).unwrap(), 1);
    assert_eq!(c.working_days(d("2026-03-07"), d("2026-03-08")).unwrap(), 0);
    assert_eq!(c.working_days(d("2026-08-17"), d("2026-08-23")).unwrap(), 6);
    assert!(matches!(
        c.working_days(d("2026-03-08"), d("2026-03-07")),
        Err(CalendarError::Invalid(_))
    ));
}

#[test]
fn trace_explains_start_and_skipped_days() {
    let c = cal();
    let req = DeadlineRequest::new(at("2026-02-13T18:20"), WorkDuration::WorkingDays(1));
    let t = c.deadline_traced(&req).unwrap();
    assert_eq!(t.value, at("2026-02-23T17:00"));
    for s in &t.trace {
        println!("{}\n  {}", s.vi, s.en);
    }
    let start = &t.trace[0];
    assert_eq!(start.step, StepKind::Start);
    assert!(start.vi.contains("sau giờ làm việc"), "{}", start.vi);
    assert!(start.en.contains("07:00 Monday 2026-02-23"), "{}", start.en);
    let skipped: Vec<_> = t
        .trace
        .iter()
        .filter(|s| s.step == StepKind::SkipDay)
        .collect();
    assert!(
        skipped
            .iter()
            .any(|s| s.vi.contains("Tết Âm lịch (mùng 1)") && s.vi.contains("TB 9441/TB-BNV"))
    );
    assert_eq!(t.trace.last().unwrap().step, StepKind::Due);
}

#[test]
fn impossible_inputs_are_invalid() {
    assert!(
        matches!(parse_date("2026-02-30"), Err(CalendarError::Invalid(m)) if m.contains("28 days"))
    );
    assert!(matches!(
        Pause::parse("2026-03-03T10:00/2026-03-03T09:00"),
        Err(CalendarError::Invalid(_))
    ));
    for bad in ["3", "wd", "3x", "-1d", "3 wd", "99999999999h"] {
        assert!(
            matches!(bad.parse::<WorkDuration>(), Err(CalendarError::Invalid(_))),
            "{bad}"
        );
    }
    assert!(matches!(
        cal().due(at("2101-01-01T08:00"), WorkDuration::Hours(1)),
        Err(CalendarError::OutOfRange(_))
    ));
    assert!(matches!(
        cal().due(at("2100-12-30T08:00"), WorkDuration::WorkingDays(5)),
        Err(CalendarError::OutOfRange(_))
    ));
}

#[test]
fn office_hours_are_configurable_per_unit() {
    let hours = OfficeHours {
        shifts: vec![
            Shift::hm((8, 0), (12, 0)).unwrap(),
            Shift::hm((13, 0), (17, 0)).unwrap(),
        ],
        working_day_minutes: 480,
    };
    let unit = cal().with_office_hours(hours).unwrap();
    let due = |from: &str, d: &str| unit.due(at(from), d.parse().unwrap()).unwrap();
    assert_eq!(due("2026-03-02T11:45", "1h"), at("2026-03-02T13:45"));
    assert_eq!(due("2026-03-02T07:00", "1wd"), at("2026-03-02T17:00"));
    assert_eq!(due("2026-03-02T12:30", "0h"), at("2026-03-02T13:00"));
    // A 7-hour day with 1 wd = 8 working hours spills into the next day.
    let short = OfficeHours {
        shifts: vec![Shift::hm((8, 0), (15, 0)).unwrap()],
        working_day_minutes: 480,
    };
    let short = cal().with_office_hours(short).unwrap();
    assert_eq!(
        short
            .due(at("2026-03-02T08:00"), WorkDuration::WorkingDays(1))
            .unwrap(),
        at("2026-03-03T09:00")
    );
    let overlap = OfficeHours {
        shifts: vec![
            Shift::hm((8, 0), (12, 0)).unwrap(),
            Shift::hm((11, 0), (17, 0)).unwrap(),
        ],
        working_day_minutes: 480,
    };
    assert!(matches!(
        cal().with_office_hours(overlap),
        Err(CalendarError::Invalid(_))
    ));
    let empty = OfficeHours {
        shifts: vec![],
        working_day_minutes: 480,
    };
    assert!(matches!(
        cal().with_office_hours(empty),
        Err(CalendarError::Invalid(_))
    ));
}
