//! Which forms apply, by what happened to the dossier.

use super::{Script, finish, forward, request_supplement};
use crate::dossier::{Action, Channel, RuleSet};
use crate::forms::{Form, applicable, applies, rule_set_of};

fn keys(s: &Script) -> Vec<&'static str> {
    applicable(s.dossier()).iter().map(|l| l.key).collect()
}

#[test]
fn a_received_dossier_has_its_receipt_and_control_sheet_only() {
    let s = Script::received("2026-03-02T09:00", "3wd", None);
    assert_eq!(keys(&s), ["receipt", "control_slip"]);
    let why = applies(s.dossier(), Form::SupplementRequest).unwrap_err();
    assert!(why.vi.contains("không có yêu cầu bổ sung"), "{}", why.vi);
    let why = applies(s.dossier(), Form::Register).unwrap_err();
    assert!(why.vi.contains("/so-theo-doi"), "{}", why.vi);
}

#[test]
fn a_supplement_and_an_extension_add_their_forms() {
    let mut s = Script::received("2026-03-02T09:00", "5wd", None);
    s.act("2026-03-02T10:00", &forward("H31.36.01", "cv1", 16))
        .act("2026-03-03T09:00", &request_supplement())
        .act("2026-03-04T09:00", &Action::Supplement { note: None })
        .act(
            "2026-03-05T09:00",
            &Action::ProposeExtension {
                apology: "Xin lỗi ông/bà.".to_owned(),
                new_due: super::at("2026-03-16T17:00"),
            },
        );
    assert_eq!(
        keys(&s),
        [
            "receipt",
            "supplement_request",
            "apology_extension",
            "control_slip"
        ]
    );
    assert!(applies(s.dossier(), Form::StopNotice).is_err());
    assert!(applies(s.dossier(), Form::Refusal).is_err());
}

#[test]
fn a_stopped_dossier_has_the_stop_notice_numbered_by_its_rule_set() {
    let mut s = Script::received("2026-03-02T09:00", "5wd", None);
    s.act("2026-03-02T10:00", &forward("H31.36.01", "cv1", 16))
        .act(
            "2026-03-03T09:00",
            &Action::Stop {
                reason: "Người nộp đề nghị dừng".to_owned(),
            },
        );
    let links = applicable(s.dossier());
    let stop = links.iter().find(|l| l.form == Form::StopNotice).unwrap();
    assert_eq!(stop.label, "Mẫu số 05 – Thông báo dừng giải quyết hồ sơ");
    // Under NĐ 61/2018 (TT 01/2018) the notice has no number.
    let mut old = Script::received("2025-03-03T09:00", "5wd", None);
    old.act("2025-03-03T10:00", &forward("H31.36.01", "cv1", 16))
        .act(
            "2025-03-04T09:00",
            &Action::Stop {
                reason: "Người nộp đề nghị dừng".to_owned(),
            },
        );
    assert_eq!(rule_set_of(old.dossier()), RuleSet::Nd61_2018);
    let links = applicable(old.dossier());
    let stop = links.iter().find(|l| l.form == Form::StopNotice).unwrap();
    assert_eq!(stop.number, None);
    assert_eq!(stop.label, "Thông báo dừng giải quyết hồ sơ");
    let control = links.iter().find(|l| l.form == Form::ControlSheet).unwrap();
    assert_eq!(
        control.label,
        "Mẫu số 05 – Phiếu kiểm soát quá trình giải quyết hồ sơ"
    );
}

#[test]
fn a_refused_online_submission_has_only_the_refusal() {
    let mut s = Script {
        state: crate::dossier::DossierState::new(),
        events: Vec::new(),
    };
    let when = "2026-03-02T09:00";
    let code =
        crate::dossier::DossierCode::new(super::unit("H31.36"), super::at(when).date(), 7).unwrap();
    let intake = crate::dossier::Intake {
        code,
        components: vec![crate::dossier::Component::provided("Tờ khai")],
        vneid_verified: true,
        national_databases: vec![],
    };
    s.act_as("congdan", "H31.36", when, &Action::Submit { intake })
        .act(
            "2026-03-02T10:00",
            &Action::Refuse {
                reason: "Không thuộc thẩm quyền".to_owned(),
            },
        );
    assert_eq!(s.dossier().channel, Channel::Online);
    assert_eq!(keys(&s), ["refusal"]);
    assert_eq!(rule_set_of(s.dossier()), RuleSet::Nd118_2025Tt04);
    let why = applies(s.dossier(), Form::Receipt).unwrap_err();
    assert!(why.vi.contains("chưa được tiếp nhận"), "{}", why.vi);
}

#[test]
fn a_finished_dossier_keeps_its_forms() {
    let mut s = Script::received("2026-03-02T09:00", "3wd", None);
    s.act("2026-03-02T10:00", &forward("H31.36.01", "cv1", 8))
        .act("2026-03-03T10:00", &finish());
    assert_eq!(keys(&s), ["receipt", "control_slip"]);
}
