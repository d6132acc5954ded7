//! Timeliness boundaries: exactly at the due time, one minute after, the day before.

use super::super::timeliness::{classify, progress};
use super::super::{Progress, Timeliness, Verdict, kpi_verdict, legal_verdict};
use super::{Run, at, finish, forward, receive};
use crate::dossier::Action;

#[test]
fn finished_items_are_early_on_time_or_late() {
    let due = at("2026-03-09T17:00");
    assert_eq!(classify(at("2026-03-09T17:00"), due), Timeliness::OnTime);
    assert_eq!(classify(at("2026-03-09T17:01"), due), Timeliness::Late);
    assert_eq!(classify(at("2026-03-09T07:00"), due), Timeliness::OnTime);
    assert_eq!(classify(at("2026-03-08T23:59"), due), Timeliness::Early);
    assert_eq!(classify(at("2026-03-06T16:00"), due), Timeliness::Early);
    let noon = at("2026-03-09T11:30");
    assert_eq!(classify(at("2026-03-09T11:30"), noon), Timeliness::OnTime);
    assert_eq!(classify(at("2026-03-09T13:30"), noon), Timeliness::Late);
}

#[test]
fn unfinished_items_are_within_or_overdue() {
    let due = at("2026-03-09T17:00");
    assert_eq!(progress(at("2026-03-09T17:00"), due), Progress::Within);
    assert_eq!(progress(at("2026-03-09T17:01"), due), Progress::Overdue);
}

/// Received Monday 02/03 08:00 with 5 wd (due Monday 09/03 08:00), finished at `when`.
fn finished_at(when: &str) -> Run {
    let mut r = Run::new();
    r.act(
        "2026-03-02T08:00",
        &receive("2026-03-02T08:00", "5wd", None),
    )
    .act("2026-03-02T09:00", &forward(8))
    .act(when, &finish());
    r
}

#[test]
fn a_dossier_finished_at_the_due_time_is_on_time() {
    let end = at("2026-04-01T00:00");
    for (when, t) in [
        ("2026-03-09T08:00", Timeliness::OnTime),
        ("2026-03-09T07:00", Timeliness::OnTime),
        ("2026-03-09T08:01", Timeliness::Late),
        ("2026-03-06T16:59", Timeliness::Early),
    ] {
        let r = finished_at(when);
        let v = Some(Verdict::Finished(t));
        assert_eq!(legal_verdict(r.dossier(), end), v, "{when}");
        assert_eq!(kpi_verdict(r.dossier(), end), v, "{when}");
    }
}

#[test]
fn the_result_time_decides_not_the_return() {
    let mut r = finished_at("2026-03-09T08:00");
    r.act(
        "2026-03-20T09:00",
        &Action::Return {
            channel: crate::dossier::Channel::Postal,
            at: at("2026-03-19T09:00"),
        },
    );
    let v = legal_verdict(r.dossier(), at("2026-04-01T00:00"));
    assert_eq!(v, Some(Verdict::Finished(Timeliness::OnTime)));
}

#[test]
fn unfinished_dossiers_are_judged_at_the_instant() {
    let r = finished_at("2026-03-20T09:00");
    let d = r.dossier();
    let within = Some(Verdict::Open(Progress::Within));
    let overdue = Some(Verdict::Open(Progress::Overdue));
    assert_eq!(legal_verdict(d, at("2026-03-09T08:00")), within);
    assert_eq!(legal_verdict(d, at("2026-03-09T08:01")), overdue);
    assert_eq!(
        kpi_verdict(d, at("2026-03-31T00:00")),
        Some(Verdict::Finished(Timeliness::Late))
    );
    assert_eq!(
        legal_verdict(d, at("2026-03-01T00:00")),
        None,
        "before receipt"
    );
}

#[test]
fn dossiers_never_received_have_no_timeliness() {
    let mut r = Run::new();
    let submit = super::sample(
        crate::dossier::ActionKind::Submit,
        &r.state,
        at("2026-03-02T08:00"),
    );
    r.act("2026-03-02T08:00", &submit).act(
        "2026-03-02T09:00",
        &Action::Refuse {
            reason: "Không thuộc thẩm quyền".to_owned(),
        },
    );
    assert_eq!(legal_verdict(r.dossier(), at("2026-03-31T00:00")), None);
    assert_eq!(kpi_verdict(r.dossier(), at("2026-03-31T00:00")), None);
}
