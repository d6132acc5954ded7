//! Appointments, cut-off, holidays, supplements (restart and pause) and the extension.

use super::super::{RefusalKind, RuleSet, Step, Timeliness, Verdict, kpi_verdict, legal_verdict};
use super::{Run, at, extension, finish, fmt, forward, receive, request_supplement, supplement};
use crate::dossier::timeliness::step_verdict;

fn appointment(received: &str, duration: &str, cutoff: Option<&str>) -> String {
    let mut r = Run::new();
    r.act(received, &receive(received, duration, cutoff));
    fmt(r.dossier().appointment().unwrap().legal)
}

#[test]
fn same_day_procedures_cut_off_at_15_00() {
    let c = Some("15:00");
    assert_eq!(appointment("2026-03-02T14:59", "0d", c), "2026-03-02T17:00");
    assert_eq!(appointment("2026-03-02T15:00", "0d", c), "2026-03-02T17:00");
    assert_eq!(appointment("2026-03-02T15:01", "0d", c), "2026-03-03T17:00");
    // Friday after 15:00: the next working day is Monday.
    assert_eq!(appointment("2026-03-06T15:30", "0d", c), "2026-03-09T17:00");
    // Working hours from the next opening.
    assert_eq!(appointment("2026-03-02T16:00", "8h", c), "2026-03-03T17:00");
    // Without a cut-off the same receipt counts at once.
    assert_eq!(
        appointment("2026-03-02T16:00", "8h", None),
        "2026-03-03T16:00"
    );
}

#[test]
fn the_appointment_is_stored_with_its_trace() {
    let mut r = Run::new();
    r.act(
        "2026-03-02T15:30",
        &receive("2026-03-02T15:30", "0d", Some("15:00")),
    );
    let a = r.dossier().appointment().unwrap();
    assert!(a.trace.iter().any(|l| l.vi.contains("sau giờ chốt 15:00")));
    assert!(a.trace.iter().any(|l| l.step == "due"));
    assert_eq!(
        r.dossier().receipt.as_ref().unwrap().rule_set,
        RuleSet::Nd118_2025Tt04
    );
}

#[test]
fn tet_2026_is_skipped() {
    // Thursday 12/02 + 3 wd: Friday 13/02, then Tết 16–20/02 and two weekends.
    assert_eq!(
        appointment("2026-02-12T09:00", "3wd", None),
        "2026-02-24T09:00"
    );
    let mut r = Run::new();
    r.act(
        "2026-02-12T09:00",
        &receive("2026-02-12T09:00", "3wd", None),
    );
    let trace = &r.dossier().appointment().unwrap().trace;
    assert!(
        trace.iter().any(|l| l.vi.contains("Tết Âm lịch")),
        "{trace:?}"
    );
}

#[test]
fn a_supplement_across_tet_pauses_one_working_day() {
    let mut r = Run::new();
    r.act(
        "2026-02-12T09:00",
        &receive("2026-02-12T09:00", "3wd", None),
    )
    .act("2026-02-12T10:00", &forward(16))
    .act("2026-02-13T10:00", &request_supplement())
    .act("2026-02-23T10:00", &supplement());
    // 5 h on Friday 13/02 and 3 h on Monday 23/02: one working day.
    let d = "2026-02-25T09:00".to_owned();
    assert_eq!(r.dues(), (d.clone(), d));
}

#[test]
fn one_supplement_restarts_the_clock_under_nd61() {
    let mut r = Run::new();
    r.act(
        "2025-03-03T08:00",
        &receive("2025-03-03T08:00", "5wd", None),
    )
    .act("2025-03-03T09:00", &forward(8))
    .act("2025-03-04T10:00", &request_supplement())
    .act("2025-03-06T14:00", &supplement());
    let d = r.dossier();
    assert_eq!(d.receipt.as_ref().unwrap().rule_set, RuleSet::Nd61_2018);
    assert_eq!(fmt(d.appointment().unwrap().legal), "2025-03-10T08:00");
    // Legal: 5 wd again from the completion; KPI: the appointment + 18 h of waiting.
    assert_eq!(
        r.dues(),
        ("2025-03-13T14:00".to_owned(), "2025-03-12T10:00".to_owned())
    );
    let s = &d.supplements[0];
    assert_eq!(fmt(s.due_before), "2025-03-10T08:00");
    assert_eq!(fmt(s.due_after.unwrap()), "2025-03-13T14:00");
    assert_eq!(d.due().unwrap().trace[0].step, "restart");
}

#[test]
fn one_supplement_pauses_the_clock_under_nd118() {
    let mut r = Run::new();
    r.act(
        "2026-03-02T08:00",
        &receive("2026-03-02T08:00", "5wd", None),
    )
    .act("2026-03-02T09:00", &forward(16))
    .act("2026-03-03T10:00", &request_supplement())
    .act("2026-03-05T14:00", &supplement());
    let d = "2026-03-11T10:00".to_owned();
    assert_eq!(r.dues(), (d.clone(), d));
    // The open step's due moves too: 09:00 Mon + 16 h = 09:00 Wed, then + 18 h.
    let step = r.dossier().current_step().unwrap();
    assert_eq!(fmt(step.due_at.unwrap()), "2026-03-06T11:00");
    r.act("2026-03-10T16:00", &finish());
    let when = at("2026-03-31T00:00");
    let early = Some(Verdict::Finished(Timeliness::Early));
    assert_eq!(legal_verdict(r.dossier(), when), early);
    assert_eq!(kpi_verdict(r.dossier(), when), early);
}

#[test]
fn two_supplements_make_the_dossier_late_in_the_kpi_view() {
    let mut r = Run::new();
    r.act(
        "2026-03-02T08:00",
        &receive("2026-03-02T08:00", "5wd", None),
    )
    .act("2026-03-02T09:00", &forward(16))
    .act("2026-03-03T10:00", &request_supplement())
    .act("2026-03-05T14:00", &supplement())
    .act("2026-03-06T09:00", &request_supplement());
    let d = r.dossier();
    let open = Some(Verdict::Open(crate::dossier::Progress::Overdue));
    assert_eq!(kpi_verdict(d, at("2026-03-06T10:00")), open);
    assert_eq!(
        legal_verdict(d, at("2026-03-20T10:00")),
        Some(Verdict::Open(crate::dossier::Progress::Within)),
        "waiting for the applicant: judged at the request time"
    );
    r.act("2026-03-06T11:00", &supplement());
    assert_eq!(
        r.dues(),
        ("2026-03-11T14:00".to_owned(), "2026-03-11T14:00".to_owned())
    );
    r.act("2026-03-10T10:00", &finish());
    let when = at("2026-03-31T00:00");
    assert_eq!(
        legal_verdict(r.dossier(), when),
        Some(Verdict::Finished(Timeliness::Early))
    );
    assert_eq!(
        kpi_verdict(r.dossier(), when),
        Some(Verdict::Finished(Timeliness::Late))
    );
}

#[test]
fn a_supplement_requested_after_the_due_time_adds_nothing() {
    let mut r = Run::new();
    r.act(
        "2026-03-02T08:00",
        &receive("2026-03-02T08:00", "1wd", None),
    )
    .act("2026-03-02T09:00", &forward(4))
    .act("2026-03-04T10:00", &request_supplement())
    .act("2026-03-06T10:00", &supplement());
    let d = "2026-03-03T08:00".to_owned();
    assert_eq!(r.dues(), (d.clone(), d));
}

/// Received Monday 02/03 08:00 with 5 wd: due Monday 09/03 08:00.
fn processing() -> Run {
    let mut r = Run::new();
    r.act(
        "2026-03-02T08:00",
        &receive("2026-03-02T08:00", "5wd", None),
    )
    .act("2026-03-02T09:00", &forward(8));
    r
}

#[test]
fn an_extension_is_due_one_working_day_before_the_due_time() {
    // 08:00 Friday leaves 7 h on Friday and 1 h on Monday: exactly one working day.
    let mut late = processing();
    let e = late
        .try_do("2026-03-06T08:01", &extension("2026-03-13T17:00"))
        .unwrap_err();
    assert_eq!(e.kind, RefusalKind::Rule);
    assert!(e.vi.contains("chậm nhất 1 ngày làm việc"), "{}", e.vi);
    assert!(e.en.contains("7 h 59 min"), "{}", e.en);
    let mut r = processing();
    r.act("2026-03-06T08:00", &extension("2026-03-13T17:00"));
    assert_eq!(
        r.dues(),
        ("2026-03-13T17:00".to_owned(), "2026-03-09T08:00".to_owned())
    );
}

#[test]
fn an_extension_is_allowed_once() {
    let mut r = processing();
    r.act("2026-03-03T09:00", &extension("2026-03-11T17:00"));
    let e = r
        .try_do("2026-03-04T09:00", &extension("2026-03-13T17:00"))
        .unwrap_err();
    assert_eq!(e.kind, RefusalKind::Rule);
    assert!(e.vi.contains("không quá một lần"), "{}", e.vi);
    assert!(e.en.contains("only once"), "{}", e.en);
}

#[test]
fn the_new_date_is_a_later_working_day() {
    let mut r = processing();
    for new_due in ["2026-03-09T08:00", "2026-03-05T17:00", "2026-03-14T10:00"] {
        let e = r
            .try_do("2026-03-03T09:00", &extension(new_due))
            .unwrap_err();
        assert_eq!(e.kind, RefusalKind::Invalid, "{new_due}");
    }
    let blank = crate::dossier::Action::ProposeExtension {
        apology: "  ".to_owned(),
        new_due: at("2026-03-13T17:00"),
    };
    assert_eq!(
        r.try_do("2026-03-03T09:00", &blank).unwrap_err().kind,
        RefusalKind::Invalid
    );
}

#[test]
fn an_extension_never_makes_a_late_dossier_on_time() {
    let mut r = processing();
    r.act("2026-03-03T09:00", &extension("2026-03-13T17:00"))
        .act("2026-03-11T10:00", &finish());
    let when = at("2026-03-31T00:00");
    assert_eq!(
        legal_verdict(r.dossier(), when),
        Some(Verdict::Finished(Timeliness::Early))
    );
    assert_eq!(
        kpi_verdict(r.dossier(), when),
        Some(Verdict::Finished(Timeliness::Late))
    );
    // Already overdue: too late to extend.
    let mut late = processing();
    let e = late
        .try_do("2026-03-10T09:00", &extension("2026-03-13T17:00"))
        .unwrap_err();
    assert!(e.en.contains("only 0 h 0 min"), "{}", e.en);
}

#[test]
fn each_step_has_its_budget_in_working_hours() {
    let mut r = Run::new();
    r.act(
        "2026-03-02T08:00",
        &receive("2026-03-02T08:00", "5wd", None),
    )
    .act("2026-03-02T16:00", &forward(2))
    .act("2026-03-03T08:00", &forward(4))
    .act("2026-03-04T09:00", &forward(8));
    let steps: &[Step] = &r.dossier().steps;
    assert_eq!(steps.len(), 4);
    assert_eq!(fmt(steps[1].due_at.unwrap()), "2026-03-03T08:00");
    let when = at("2026-03-04T10:00");
    let verdicts: Vec<_> = steps.iter().map(|s| step_verdict(s, when)).collect();
    assert_eq!(
        verdicts,
        [
            None,
            Some(Verdict::Finished(Timeliness::OnTime)),
            Some(Verdict::Finished(Timeliness::Late)),
            Some(Verdict::Open(crate::dossier::Progress::Within)),
        ]
    );
}
