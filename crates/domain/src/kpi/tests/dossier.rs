//! Facts of dossiers handled by the state machine judge exactly as `kpi_verdict`: the
//! working-time pauses, two supplements, awaited supplements (still awaited, or awaited when
//! the dossier ended), extensions, stops, returns.

use std::sync::OnceLock;

use chrono::{NaiveDateTime, TimeDelta};

use cchc_calendar::WorkCalendar;

use super::at;
use crate::dossier::{
    Action, ActionContext, Assignee, Channel, Component, Dossier, DossierCode, DossierState,
    Intake, ProcedureTerms, Status, Timeliness, Verdict, apply, kpi_verdict,
};
use crate::kpi::DossierFacts;
use crate::org::UnitCode;

fn cal() -> &'static WorkCalendar {
    static CAL: OnceLock<WorkCalendar> = OnceLock::new();
    CAL.get_or_init(|| WorkCalendar::national().unwrap())
}

fn unit() -> UnitCode {
    UnitCode::parse("H31.36").unwrap()
}

fn intake(when: &str) -> Intake {
    let mut reused = Component::provided("Bản sao CCCD");
    reused.digitised = true;
    Intake {
        code: DossierCode::new(unit(), at(when).date(), 1).unwrap(),
        components: vec![Component::provided("Tờ khai"), reused],
        vneid_verified: true,
        national_databases: vec![],
    }
}

fn receive(when: &str, channel: Channel) -> Action {
    Action::Receive {
        channel,
        intake: intake(when),
        terms: ProcedureTerms {
            duration: "5wd".parse().unwrap(),
            cutoff: None,
        },
    }
}

/// Applies the actions in order, each at its time.
fn run(steps: &[(&str, Action)]) -> Dossier {
    let mut state = DossierState::new();
    let u = unit();
    for (when, action) in steps {
        let ctx = ActionContext {
            actor: "motcua1",
            unit: &u,
            at: at(when),
            calendar: cal(),
        };
        state = apply(&state, action, &ctx)
            .unwrap_or_else(|r| panic!("{when}: {}", r.en))
            .0;
    }
    state.dossier.unwrap()
}

fn forward() -> Action {
    Action::Forward {
        to: Assignee {
            unit: UnitCode::parse("H31.36.01").unwrap(),
            officer: None,
        },
        budget_hours: 8,
    }
}

fn request() -> Action {
    Action::RequestSupplement {
        items: vec!["Bản sao có chứng thực".to_owned()],
        reason: "Bản sao chưa được chứng thực".to_owned(),
    }
}

fn supplement() -> Action {
    Action::Supplement { note: None }
}

fn finish() -> Action {
    Action::Finish {
        result_codes: vec!["KQ-1".to_owned()],
        files: vec!["kq/1.pdf".to_owned()],
        electronic: true,
    }
}

/// Every half hour over two months, the facts and the dossier agree.
fn agree(d: &Dossier) {
    let f = DossierFacts::from_dossier(d, "1.000001", "H31.36");
    let mut t: NaiveDateTime = at("2026-02-01T00:00");
    while t < at("2026-04-15T00:00") {
        assert_eq!(f.verdict_at(t), kpi_verdict(d, t), "at {t}");
        t += TimeDelta::minutes(30);
    }
}

#[test]
fn a_pause_across_tet_counts_working_time_as_the_dossier_does() {
    let paused = [
        (
            "2026-02-12T09:00",
            receive("2026-02-12T09:00", Channel::Direct),
        ),
        ("2026-02-12T10:00", forward()),
        ("2026-02-13T10:00", request()),
        ("2026-02-23T10:00", supplement()),
    ];
    let open = run(&paused);
    agree(&open);
    let f = DossierFacts::from_dossier(&open, "1.000001", "H31.36");
    // The wall-clock interval would be 10 days; the working-time pause is 1 working day.
    assert_eq!(
        f.kpi_due_at(at("2026-03-01T00:00")),
        open.due().map(|e| e.kpi)
    );
    let mut done = paused.to_vec();
    done.push(("2026-02-26T10:00", finish()));
    done.push((
        "2026-02-27T10:00",
        Action::Return {
            channel: Channel::Direct,
            at: at("2026-02-27T10:00"),
        },
    ));
    let d = run(&done);
    agree(&d);
    let f = DossierFacts::from_dossier(&d, "1.000001", "H31.36");
    assert_eq!(
        (f.terminal, f.finished_at),
        (Some(Status::Returned), Some(at("2026-02-26T10:00")))
    );
    assert!(
        f.flags.reused_data && f.flags.vneid && f.flags.electronic_result && f.flags.attachments
    );
    assert_eq!(
        (f.unit.as_str(), f.procedure.as_str()),
        ("H31.36", "1.000001")
    );
}

#[test]
fn two_supplements_and_an_awaited_one_agree() {
    let mut steps = vec![
        (
            "2026-03-02T07:00",
            Action::Submit {
                intake: intake("2026-03-02T08:00"),
            },
        ),
        (
            "2026-03-02T08:00",
            receive("2026-03-02T08:00", Channel::Online),
        ),
        ("2026-03-02T09:00", forward()),
        ("2026-03-03T10:00", request()),
    ];
    agree(&run(&steps));
    steps.push(("2026-03-05T14:00", supplement()));
    steps.push(("2026-03-06T09:00", request()));
    agree(&run(&steps));
    steps.push(("2026-03-06T11:00", supplement()));
    steps.push(("2026-03-07T11:00", finish()));
    agree(&run(&steps));
}

#[test]
fn extensions_stops_and_withdrawals_agree() {
    let base = [
        (
            "2026-03-02T08:00",
            receive("2026-03-02T08:00", Channel::Postal),
        ),
        ("2026-03-02T09:00", forward()),
    ];
    let mut extended = base.to_vec();
    extended.push((
        "2026-03-03T09:00",
        Action::ProposeExtension {
            apology: "Xin lỗi ông/bà.".to_owned(),
            new_due: at("2026-03-13T17:00"),
        },
    ));
    extended.push(("2026-03-11T10:00", finish()));
    agree(&run(&extended));
    let mut stopped = base.to_vec();
    stopped.push(("2026-03-04T10:00", request()));
    stopped.push((
        "2026-03-20T10:00",
        Action::Stop {
            reason: "Quá hạn bổ sung".to_owned(),
        },
    ));
    let d = run(&stopped);
    agree(&d);
    assert_eq!(
        DossierFacts::from_dossier(&d, "x", "H31.36").terminal,
        Some(Status::Stopped)
    );
    // Stopped while its supplement, requested in time, was awaited: judged at the request.
    let end_of_march = at("2026-03-31T00:00");
    assert_eq!(
        kpi_verdict(&d, end_of_march),
        Some(Verdict::Finished(Timeliness::Early))
    );
    // Requested after the due and never answered: late.
    let mut too_late = base.to_vec();
    too_late.push(("2026-03-12T10:00", request()));
    too_late.push((
        "2026-03-20T10:00",
        Action::Stop {
            reason: "Quá hạn bổ sung".to_owned(),
        },
    ));
    let d = run(&too_late);
    agree(&d);
    assert_eq!(
        kpi_verdict(&d, end_of_march),
        Some(Verdict::Finished(Timeliness::Late))
    );
    let withdrawn = run(&[
        (
            "2026-03-02T08:00",
            Action::Submit {
                intake: intake("2026-03-02T08:00"),
            },
        ),
        ("2026-03-02T09:00", Action::Withdraw { reason: None }),
    ]);
    agree(&withdrawn);
    let f = DossierFacts::from_dossier(&withdrawn, "x", "H31.36");
    assert_eq!(
        (f.received_at, f.terminal, f.unit.as_str()),
        (None, None, "H31.36")
    );
}

#[test]
fn a_dossier_counts_for_its_competent_unit_not_the_desk_that_received_it() {
    // Received at the desk of H31.36 for a procedure that department H31.12 decides.
    let d = run(&[(
        "2026-03-02T09:00",
        receive("2026-03-02T09:00", Channel::Direct),
    )]);
    assert_eq!(d.receipt.as_ref().unwrap().unit.as_str(), "H31.36");
    let f = DossierFacts::from_dossier(&d, "1.000001", "H31.STP");
    assert_eq!(
        (f.unit.as_str(), f.received_at),
        ("H31.STP", Some(at("2026-03-02T09:00")))
    );
}
