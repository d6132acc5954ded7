//! One test per clause of the statistics' definitions, each checked on the
//! reference and on the aggregate.

use super::{Build, at, both, dossier, window};
use crate::dossier::{Channel, Status, Timeliness};
use crate::kpi::{Stats, Window, parse_period};

fn tally(s: &Stats) -> (u64, u64, [u64; 3], [u64; 3], [u64; 2]) {
    (
        s.population,
        s.carried_over,
        [s.received.direct, s.received.online, s.received.postal],
        [s.finished.early, s.finished.on_time, s.finished.late],
        [s.unfinished.within, s.unfinished.overdue],
    )
}

#[test]
fn carried_over_are_received_before_and_unfinished_at_the_start() {
    let facts = [
        // Finished before March: not in the population.
        dossier("a", "2026-02-02T08:00", "2026-02-10T17:00").resolved("2026-02-27T10:00"),
        // Finished in March: carried over, finished late.
        dossier("b", "2026-02-02T08:00", "2026-02-10T17:00").resolved("2026-03-02T10:00"),
        // Still open at the end of March: carried over, overdue.
        dossier("c", "2026-02-20T08:00", "2026-03-05T17:00"),
        // Finished at the very first second of March: carried over.
        dossier("d", "2026-02-20T08:00", "2026-03-05T17:00").resolved("2026-03-01T00:00"),
        // Finished at the last second of February: gone.
        dossier("e", "2026-02-20T08:00", "2026-03-05T17:00").resolved("2026-02-28T23:59:59"),
    ];
    let s = both(&facts, &window("2026-03", "2026-04-15T00:00"));
    assert_eq!(tally(&s), (3, 3, [0, 0, 0], [1, 0, 1], [0, 1]));
}

#[test]
fn received_are_split_by_channel() {
    let d = |c, ch| dossier(c, "2026-03-02T08:00", "2026-03-20T17:00").channel(ch);
    let facts = [
        d("a", Channel::Direct),
        d("b", Channel::Online),
        d("c", Channel::Online),
        d("d", Channel::Postal),
        // Received after the period: not counted.
        dossier("e", "2026-04-01T00:00", "2026-04-20T17:00"),
    ];
    let s = both(&facts, &window("2026-03", "2026-05-01T00:00"));
    assert_eq!(tally(&s), (4, 0, [1, 2, 1], [0, 0, 0], [0, 4]));
}

#[test]
fn finished_are_early_on_time_or_late_against_the_appointment() {
    let d = |c, end| dossier(c, "2026-03-02T08:00", "2026-03-09T17:00").resolved(end);
    let facts = [
        d("early", "2026-03-06T16:00"),
        d("on-time", "2026-03-09T17:00"),
        d("late", "2026-03-09T17:00:01"),
        dossier("stopped", "2026-03-02T08:00", "2026-03-09T17:00")
            .finished("2026-03-03T08:00", Status::Stopped),
    ];
    let s = both(&facts, &window("2026-03", "2026-03-31T12:00"));
    assert_eq!(tally(&s), (4, 0, [4, 0, 0], [2, 1, 1], [0, 0]));
    assert_eq!(s.on_time_ratio, Some(0.75));
}

#[test]
fn a_completed_supplement_extends_the_due_by_its_interval() {
    // Due 09/03 17:00; paused 04/03 08:00 → 06/03 08:00 (2 days): KPI due 11/03 17:00.
    let paused = |c, end| {
        dossier(c, "2026-03-02T08:00", "2026-03-09T17:00")
            .supplement("2026-03-04T08:00", Some("2026-03-06T08:00"))
            .resolved(end)
    };
    let facts = [
        paused("early", "2026-03-10T09:00"),
        paused("on-time", "2026-03-11T17:00"),
        paused("late", "2026-03-11T17:01"),
    ];
    let s = both(&facts, &window("2026-03", "2026-04-01T00:00"));
    assert_eq!(tally(&s).3, [1, 1, 1]);
    // Unfinished: within until the extended due, overdue after it.
    let open = [dossier("o", "2026-03-02T08:00", "2026-03-09T17:00")
        .supplement("2026-03-04T08:00", Some("2026-03-06T08:00"))];
    assert_eq!(
        tally(&both(&open, &window("2026-03", "2026-03-11T17:00"))).4,
        [1, 0]
    );
    assert_eq!(
        tally(&both(&open, &window("2026-03", "2026-03-11T17:00:01"))).4,
        [0, 1]
    );
}

#[test]
fn more_than_one_supplement_request_is_late_whatever_the_dates() {
    let twice = dossier("twice", "2026-03-02T08:00", "2026-03-20T17:00")
        .supplement("2026-03-03T08:00", Some("2026-03-03T09:00"))
        .supplement("2026-03-04T08:00", Some("2026-03-04T09:00"));
    let facts = [twice.clone().resolved("2026-03-05T08:00")];
    assert_eq!(
        tally(&both(&facts, &window("2026-03", "2026-04-01T00:00"))).3,
        [0, 0, 1]
    );
    // Unfinished: within before the second request, overdue from it on.
    let open = [twice];
    assert_eq!(
        tally(&both(&open, &window("2026-03", "2026-03-04T07:59"))).4,
        [1, 0]
    );
    assert_eq!(
        tally(&both(&open, &window("2026-03", "2026-03-04T08:00"))).4,
        [0, 1]
    );
}

#[test]
fn an_awaited_supplement_is_judged_at_its_request() {
    let facts = [
        // Requested before the due and still awaited: within, whatever the date now.
        dossier("in-time", "2026-03-02T08:00", "2026-03-09T17:00")
            .supplement("2026-03-05T08:00", None),
        // Requested after the due: overdue.
        dossier("too-late", "2026-03-02T08:00", "2026-03-09T17:00")
            .supplement("2026-03-10T08:00", None),
        // Requested exactly at the due: within.
        dossier("at-due", "2026-03-02T08:00", "2026-03-09T17:00")
            .supplement("2026-03-09T17:00", None),
    ];
    let s = both(&facts, &window("2026-03", "2026-04-30T00:00"));
    assert_eq!(tally(&s), (3, 0, [3, 0, 0], [0, 0, 0], [2, 1]));
    // Before its completion the supplement is awaited; once completed the extended due rules.
    let later = [dossier("x", "2026-03-02T08:00", "2026-03-09T17:00")
        .supplement("2026-03-05T08:00", Some("2026-03-25T08:00"))];
    assert_eq!(
        tally(&both(&later, &window("2026-03", "2026-03-24T00:00"))).4,
        [1, 0]
    );
    assert_eq!(
        tally(&both(&later, &window("2026-03", "2026-03-29T17:00"))).4,
        [1, 0]
    );
    assert_eq!(
        tally(&both(&later, &window("2026-03", "2026-03-29T17:01"))).4,
        [0, 1]
    );
}

#[test]
fn a_dossier_that_ended_awaiting_its_one_supplement_is_judged_at_the_request() {
    let awaiting = |c, requested| {
        dossier(c, "2026-03-02T08:00", "2026-03-09T17:00").supplement(requested, None)
    };
    let facts = [
        // Requested before the due date, stopped long after it: early, not late.
        awaiting("stopped", "2026-03-05T08:00").finished("2026-03-25T08:00", Status::Stopped),
        // Requested on the due date, withdrawn after it: on time.
        awaiting("withdrawn", "2026-03-09T10:00").finished("2026-03-20T08:00", Status::Withdrawn),
        // Requested after the due time, resolved without the supplement: late.
        awaiting("resolved", "2026-03-10T08:00").resolved("2026-03-12T08:00"),
        // Answered, then finished after the (extended) due: judged at its end, late.
        dossier("answered", "2026-03-02T08:00", "2026-03-09T17:00")
            .supplement("2026-03-05T08:00", Some("2026-03-06T08:00"))
            .resolved("2026-03-20T08:00"),
        // Two requests, the second unanswered: late whatever the dates.
        dossier("twice", "2026-03-02T08:00", "2026-03-09T17:00")
            .supplement("2026-03-03T08:00", Some("2026-03-03T09:00"))
            .supplement("2026-03-04T08:00", None)
            .finished("2026-03-05T08:00", Status::Stopped),
    ];
    let s = both(&facts, &window("2026-03", "2026-04-01T00:00"));
    assert_eq!(tally(&s).3, [1, 1, 3]);
    for (f, want) in facts.iter().zip([
        Timeliness::Early,
        Timeliness::OnTime,
        Timeliness::Late,
        Timeliness::Late,
        Timeliness::Late,
    ]) {
        assert_eq!(f.finished_timeliness(), Some(want), "{}", f.code);
    }
}

#[test]
fn as_of_in_the_past_sees_only_what_had_happened() {
    let facts = [
        dossier("a", "2026-03-02T08:00", "2026-03-09T17:00").resolved("2026-03-20T10:00"),
        dossier("b", "2026-03-02T08:00", "2026-03-20T17:00").resolved("2026-03-05T10:00"),
        dossier("c", "2026-03-16T08:00", "2026-03-30T17:00"),
    ];
    // As of 15/03: `a` open and overdue, `b` finished early, `c` not yet received.
    let s = both(&facts, &window("2026-03", "2026-03-15T00:00"));
    assert_eq!(tally(&s), (2, 0, [2, 0, 0], [1, 0, 0], [0, 1]));
    // As of 05/03 10:00 exactly: `b` has just finished; `a` is within.
    let s = both(&facts, &window("2026-03", "2026-03-05T10:00"));
    assert_eq!(tally(&s), (2, 0, [2, 0, 0], [1, 0, 0], [1, 0]));
    let s = both(&facts, &window("2026-03", "2026-03-05T09:59:59"));
    assert_eq!(tally(&s), (2, 0, [2, 0, 0], [0, 0, 0], [2, 0]));
}

#[test]
fn the_as_of_is_capped_at_the_period_end() {
    let facts = [
        // Finished after March: unfinished (overdue) at the end of March.
        dossier("a", "2026-03-02T08:00", "2026-03-09T17:00").resolved("2026-04-02T10:00"),
        // Due after March: within at the end of March, even if late now.
        dossier("b", "2026-03-25T08:00", "2026-04-01T17:00"),
    ];
    let later = both(&facts, &window("2026-03", "2026-06-01T00:00"));
    let closed = both(&facts, &Window::closed(parse_period("2026-03").unwrap()));
    assert_eq!(later, closed);
    assert_eq!(tally(&later), (2, 0, [2, 0, 0], [0, 0, 0], [1, 1]));
    assert_eq!(later.on_time_ratio, Some(0.5));
}

#[test]
fn dossiers_never_received_are_in_no_statistic() {
    let mut refused = dossier("r", "2026-03-02T08:00", "2026-03-09T17:00")
        .finished("2026-03-02T08:00", Status::Refused);
    refused.received_at = None;
    let s = both(&[refused], &window("2026-03", "2026-04-01T00:00"));
    assert_eq!(s.population, 0);
    assert_eq!(s.on_time_ratio, None);
}

#[test]
fn a_dossier_without_appointment_is_on_time_unless_supplemented_twice() {
    let mut open = dossier("a", "2026-03-02T08:00", "2026-03-02T08:00");
    open.due_at = None;
    let done = open.clone().resolved("2026-03-30T08:00");
    let s = both(&[open, done], &window("2026-03", "2026-04-01T00:00"));
    assert_eq!(tally(&s).3, [0, 1, 0]);
    assert_eq!(tally(&s).4, [1, 0]);
}

#[test]
fn units_outside_the_subtree_are_ignored() {
    let facts = [
        dossier("a", "2026-03-02T08:00", "2026-03-09T17:00").unit("H31.2"),
        dossier("b", "2026-03-02T08:00", "2026-03-09T17:00").unit("H30.1"),
    ];
    assert_eq!(
        both(&facts, &window("2026-03", "2026-03-03T00:00")).population,
        1
    );
}

#[test]
fn statistics_serialise_in_the_agreed_shape() {
    let facts = [dossier("a", "2026-03-02T08:00", "2026-03-09T17:00").resolved("2026-03-03T08:00")];
    let s = both(&facts, &window("2026-Q1", "2026-03-03T08:00"));
    assert_eq!(
        serde_json::to_string(&s).unwrap(),
        r#"{"unit":"H31","period":{"start":"2026-01-01","end":"2026-03-31"},"population":1,"carried_over":0,"received":{"direct":1,"online":0,"postal":0},"finished":{"early":1,"on_time":0,"late":0},"unfinished":{"within":0,"overdue":0},"on_time_ratio":1.0}"#
    );
    assert_eq!(
        at("2026-03-03T08:00"),
        window("2026-Q1", "2026-03-03T08:00").at()
    );
}
