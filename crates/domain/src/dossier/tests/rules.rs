//! Input rules of receipt, refusal, payment, results and return, and the event's shape.

use super::super::{
    Action, ActionKind, Channel, Component, DossierCode, Intake, RefusalKind, Status,
};
use super::{Run, at, finish, forward, intake, receive, sample, terms};
use crate::org::UnitCode;

fn online(when: &str) -> Run {
    let mut r = Run::new();
    let submit = sample(ActionKind::Submit, &r.state, at(when));
    r.act(when, &submit);
    r
}

#[test]
fn online_dossiers_are_submitted_before_they_are_received() {
    let mut r = Run::new();
    let direct_online = Action::Receive {
        channel: Channel::Online,
        intake: intake(at("2026-03-02T08:00")),
        terms: terms("5wd", None),
    };
    let e = r.try_do("2026-03-02T08:00", &direct_online).unwrap_err();
    assert_eq!(e.kind, RefusalKind::Rule);

    let mut r = online("2026-03-01T21:00");
    let other_code = Action::Receive {
        channel: Channel::Online,
        intake: intake(at("2026-03-02T08:00")),
        terms: terms("5wd", None),
    };
    assert_eq!(
        r.try_do("2026-03-02T08:00", &other_code).unwrap_err().kind,
        RefusalKind::Invalid
    );
    let as_direct = receive("2026-03-01T08:00", "5wd", None);
    assert_eq!(
        r.try_do("2026-03-02T08:00", &as_direct).unwrap_err().kind,
        RefusalKind::Rule
    );
    let ok = sample(ActionKind::Receive, &r.state, at("2026-03-02T08:00"));
    r.act("2026-03-02T08:00", &ok);
    let d = r.dossier();
    assert_eq!((d.status, d.channel), (Status::Received, Channel::Online));
    assert_eq!(d.submitted_at, Some(at("2026-03-01T21:00")));
    assert_eq!(d.code.to_string(), "H31.36-260301-0001");
}

#[test]
fn receipt_needs_every_required_component_and_a_code_of_the_day() {
    let mut missing = intake(at("2026-03-02T08:00"));
    missing.components.push(Component {
        provided: false,
        ..Component::provided("Sơ đồ thửa đất")
    });
    let action = Action::Receive {
        channel: Channel::Direct,
        intake: missing,
        terms: terms("5wd", None),
    };
    let e = Run::new().try_do("2026-03-02T08:00", &action).unwrap_err();
    assert_eq!(e.kind, RefusalKind::Rule);
    assert!(e.vi.contains("Sơ đồ thửa đất") && e.en.contains("supplement request"));

    let yesterday = Intake {
        code: DossierCode::new(
            UnitCode::parse("H31.36").unwrap(),
            at("2026-03-01T08:00").date(),
            7,
        )
        .unwrap(),
        ..intake(at("2026-03-02T08:00"))
    };
    let action = Action::Receive {
        channel: Channel::Postal,
        intake: yesterday,
        terms: terms("5wd", None),
    };
    let e = Run::new().try_do("2026-03-02T08:00", &action).unwrap_err();
    assert_eq!(e.kind, RefusalKind::Invalid);
}

#[test]
fn reasons_are_required() {
    let mut r = online("2026-03-02T08:00");
    let e = r
        .try_do(
            "2026-03-02T09:00",
            &Action::Refuse {
                reason: " ".to_owned(),
            },
        )
        .unwrap_err();
    assert_eq!(e.kind, RefusalKind::Invalid);
    assert_eq!(e.vi, "Chưa nhập lý do từ chối.");
    let mut r = Run::new();
    r.act(
        "2026-03-02T08:00",
        &receive("2026-03-02T08:00", "5wd", None),
    )
    .act("2026-03-02T09:00", &forward(8));
    let no_items = Action::RequestSupplement {
        items: vec![String::new()],
        reason: "Thiếu".to_owned(),
    };
    assert!(r.try_do("2026-03-02T10:00", &no_items).is_err());
    let no_reason = Action::Stop {
        reason: String::new(),
    };
    assert!(r.try_do("2026-03-02T10:00", &no_reason).is_err());
    assert!(r.try_do("2026-03-02T10:00", &forward(0)).is_err());
}

#[test]
fn time_never_goes_backwards() {
    let mut r = Run::new();
    r.act(
        "2026-03-02T08:00",
        &receive("2026-03-02T08:00", "5wd", None),
    );
    let e = r.try_do("2026-03-02T07:59", &forward(8)).unwrap_err();
    assert_eq!(e.kind, RefusalKind::Rule);
}

#[test]
fn payments_results_and_returns() {
    let mut r = Run::new();
    r.act(
        "2026-03-02T08:00",
        &receive("2026-03-02T08:00", "5wd", None),
    )
    .act("2026-03-02T09:00", &forward(8))
    .act(
        "2026-03-02T10:00",
        &Action::RequestPayment {
            amount_vnd: 100_000,
        },
    )
    .act("2026-03-02T11:00", &finish());
    let back = |t: &str| Action::Return {
        channel: Channel::Direct,
        at: at(t),
    };
    let e = r
        .try_do("2026-03-02T14:00", &back("2026-03-02T14:00"))
        .unwrap_err();
    assert!(e.en.contains("not yet paid"), "{}", e.en);
    r.act("2026-03-02T14:00", &Action::Pay { online: false });
    assert_eq!(r.dossier().status, Status::Resolved);
    assert_eq!(r.dossier().payments[0].online, Some(false));
    let online = Action::Return {
        channel: Channel::Online,
        at: at("2026-03-02T14:30"),
    };
    assert!(
        r.try_do("2026-03-02T14:30", &online).is_err(),
        "paper result"
    );
    assert!(
        r.try_do("2026-03-02T14:30", &back("2026-03-02T10:59"))
            .is_err()
    );
    assert!(
        r.try_do("2026-03-02T14:30", &back("2026-03-02T14:31"))
            .is_err()
    );
    r.act("2026-03-02T16:00", &back("2026-03-02T14:30"));
    let d = r.dossier();
    assert_eq!(d.status, Status::Returned);
    assert_eq!(d.returned.as_ref().unwrap().at, at("2026-03-02T14:30"));
}

#[test]
fn an_electronic_result_needs_a_file() {
    let mut e = Run::new();
    e.act(
        "2026-03-02T08:00",
        &receive("2026-03-02T08:00", "5wd", None),
    )
    .act("2026-03-02T09:00", &forward(8));
    let no_file = Action::Finish {
        result_codes: vec![],
        files: vec![],
        electronic: true,
    };
    assert_eq!(
        e.try_do("2026-03-02T10:00", &no_file).unwrap_err().kind,
        RefusalKind::Invalid
    );
}

#[test]
fn events_serialise_with_kind_and_payload() {
    let mut r = Run::new();
    r.act(
        "2026-03-02T08:00",
        &receive("2026-03-02T08:00", "5wd", Some("15:00")),
    );
    let json = serde_json::to_value(&r.events[0]).unwrap();
    assert_eq!(json["kind"], "received");
    assert_eq!(json["actor"], "motcua1");
    assert_eq!(json["unit"], "H31.36");
    assert_eq!(json["at"], "2026-03-02T08:00:00");
    assert_eq!(json["payload"]["rule_set"], "ND118_2025_TT04");
    assert_eq!(json["payload"]["terms"]["duration"], "5wd");
    assert_eq!(json["payload"]["due_at"], "2026-03-09T08:00:00");
    let back: super::super::Event = serde_json::from_value(json).unwrap();
    assert_eq!(back, r.events[0]);
    let action = serde_json::json!({"action": "forward", "to": {"unit": "H31.36.01", "officer": null}, "budget_hours": 4});
    let action: Action = serde_json::from_value(action).unwrap();
    assert_eq!(action.kind(), ActionKind::Forward);
}
