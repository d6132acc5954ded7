//! Form models: header numbering and issuing unit, bodies from the events, the register rows.

use super::{Script, at, cal, forward, request_supplement};
use crate::dossier::{Action, Channel, Status, Timeliness, Verdict};
use crate::forms::register::{RegisterLine, line_verdict, period_label, rows};
use crate::forms::{Directory, Form, FormBody, FormInput, Person, ProcedureInfo, build};
use crate::kpi::parse_period;

fn person() -> Person {
    Person {
        name: "Nguyễn Văn An".into(),
        id_number: Some("033099000001".into()),
        phone: Some("0912345678".into()),
        address: Some("Thôn Đông, xã Phố Hiến".into()),
    }
}

fn model(s: &Script, form: Form, nth: Option<usize>) -> Result<crate::forms::FormModel, String> {
    let mut names = Directory::default();
    names
        .units
        .insert("H31.36".into(), "UBND xã Phố Hiến".into());
    let input = FormInput {
        dossier: s.dossier(),
        events: &s.events,
        applicant: &person(),
        procedure: &ProcedureInfo {
            code: "1.001193".into(),
            name: "Thủ tục đăng ký khai sinh".into(),
            sector: "Hộ tịch".into(),
            legal_time: "5 ngày làm việc".into(),
        },
        names: &names,
        calendar: cal(),
        now: at("2026-03-10T08:00"),
        nth,
    };
    build(form, &input).map_err(|e| e.vi)
}

fn with_two_supplements() -> Script {
    let mut s = Script::received("2026-03-02T09:00", "5wd", None);
    s.act("2026-03-02T10:00", &forward("H31.36.01", "cv1", 16))
        .act_as(
            "cv1",
            "H31.36.01",
            "2026-03-02T14:00",
            &request_supplement(),
        )
        .act("2026-03-03T09:00", &Action::Supplement { note: None })
        .act_as(
            "cv1",
            "H31.36.01",
            "2026-03-03T10:00",
            &Action::RequestSupplement {
                items: vec!["Tờ khai có chữ ký".into(), "Giấy chứng sinh".into()],
                reason: "Tờ khai chưa ký".into(),
            },
        );
    s
}

#[test]
fn the_receipt_carries_its_number_unit_appointment_and_lookup_path() {
    let s = Script::received("2026-03-02T15:30", "0d", Some("15:00"));
    let m = model(&s, Form::Receipt, None).unwrap();
    assert_eq!(m.header.number_label.as_deref(), Some("Mẫu số 01"));
    assert_eq!(m.header.circular, "TT 03/2025/TT-VPCP");
    assert_eq!(m.header.unit_name, "UBND xã Phố Hiến");
    assert_eq!(m.header.issued_at, at("2026-03-02T15:30"));
    let FormBody::Receipt(r) = &m.body else {
        panic!("{:?}", m.body)
    };
    assert_eq!(r.due_at, at("2026-03-03T17:00"), "after the 15:00 cut-off");
    assert_eq!(r.lookup_path, format!("/tra-cuu?ma={}", m.header.code));
    assert_eq!(r.return_place, "Bộ phận Một cửa – UBND xã Phố Hiến");
    assert_eq!(r.components.len(), 1);
    assert_eq!(m.applicant.id_number.as_deref(), Some("033099000001"));
    assert_eq!(format!("{:?}", m.applicant), "Person { .. }");
}

#[test]
fn the_supplement_form_prints_the_last_request_or_the_one_asked_for() {
    let s = with_two_supplements();
    let m = model(&s, Form::SupplementRequest, None).unwrap();
    let FormBody::SupplementRequest(b) = &m.body else {
        panic!()
    };
    assert_eq!((b.request_no, b.requests), (2, 2));
    assert_eq!(b.items, ["Tờ khai có chữ ký", "Giấy chứng sinh"]);
    assert_eq!(m.header.issued_at, at("2026-03-03T10:00"));
    let first = model(&s, Form::SupplementRequest, Some(1)).unwrap();
    let FormBody::SupplementRequest(b) = &first.body else {
        panic!()
    };
    assert_eq!(b.completed_at, Some(at("2026-03-03T09:00")));
    assert_eq!(first.header.issued_at, at("2026-03-02T14:00"));
    let third = model(&s, Form::SupplementRequest, Some(3)).unwrap_err();
    assert!(third.contains("không có lần thứ 3"), "{third}");
    assert!(model(&s, Form::SupplementRequest, Some(0)).is_err());
}

#[test]
fn refusal_apology_and_stop_come_from_their_events() {
    let mut s = Script::received("2026-03-02T09:00", "5wd", None);
    s.act("2026-03-02T10:00", &forward("H31.36.01", "cv1", 16))
        .act(
            "2026-03-04T09:00",
            &Action::ProposeExtension {
                apology: "Cần xác minh thêm.".into(),
                new_due: at("2026-03-16T17:00"),
            },
        );
    let m = model(&s, Form::ApologyExtension, None).unwrap();
    let FormBody::ApologyExtension(b) = &m.body else {
        panic!()
    };
    assert_eq!(
        (b.old_due, b.new_due),
        (at("2026-03-09T09:00"), at("2026-03-16T17:00"))
    );
    assert_eq!(m.header.number_label.as_deref(), Some("Mẫu số 04"));
    s.act(
        "2026-03-05T09:00",
        &Action::Stop {
            reason: "Theo đề nghị của người nộp".into(),
        },
    );
    let m = model(&s, Form::StopNotice, None).unwrap();
    let FormBody::StopNotice(b) = &m.body else {
        panic!()
    };
    assert_eq!(
        (b.reason.as_str(), b.stopped_by.as_str()),
        ("Theo đề nghị của người nộp", "motcua1")
    );
    assert!(
        model(&s, Form::Refusal, None)
            .unwrap_err()
            .contains("không bị từ chối")
    );
    assert!(model(&s, Form::Register, None).is_err());
}

fn line(status: Status, finished: Option<&str>) -> RegisterLine {
    RegisterLine {
        code: "H31.36-260302-0001".into(),
        procedure_name: "Thủ tục đăng ký khai sinh".into(),
        applicant: person(),
        lead_unit: "UBND xã Phố Hiến".into(),
        status,
        received_at: Some(at("2026-03-02T09:00")),
        due_at: Some(at("2026-03-04T17:00")),
        finished_at: finished.map(at),
        returned_at: None,
        return_channel: finished.map(|_| Channel::Postal),
    }
}

#[test]
fn register_rows_are_numbered_and_judged() {
    let lines = [
        line(Status::Resolved, Some("2026-03-03T10:00")),
        line(Status::Resolved, Some("2026-03-04T17:00")),
        line(Status::Returned, Some("2026-03-05T07:00")),
        line(Status::Processing, None),
        line(Status::AwaitingSupplement, None),
        line(Status::Stopped, Some("2026-03-03T10:00")),
    ];
    let r = rows(&lines, 51, at("2026-03-05T08:00"));
    let stt: Vec<u64> = r.iter().map(|r| r.stt).collect();
    assert_eq!(stt, [51, 52, 53, 54, 55, 56]);
    let results: Vec<&str> = r.iter().map(|r| r.result.as_str()).collect();
    assert_eq!(
        results,
        [
            "trước hạn",
            "đúng hạn",
            "quá hạn",
            "đang giải quyết – quá hạn",
            "chờ bổ sung",
            "Dừng xử lý"
        ]
    );
    assert_eq!(r[0].address_phone, "Thôn Đông, xã Phố Hiến; 0912345678");
    assert_eq!(r[0].return_channel, Some("bưu chính công ích"));
    let early = line(Status::Resolved, Some("2026-03-03T10:00"));
    assert_eq!(
        line_verdict(&early, at("2026-03-03T09:00")).map(|v| matches!(v, Verdict::Open(_))),
        Some(true)
    );
    assert_eq!(
        line_verdict(&early, at("2026-03-05T09:00")),
        Some(Verdict::Finished(Timeliness::Early))
    );
}

#[test]
fn periods_are_named_as_the_register_prints_them() {
    let label = |p: &str| period_label(&parse_period(p).unwrap());
    assert_eq!(label("2026"), "Năm 2026");
    assert_eq!(label("2026-Q3"), "Quý III năm 2026");
    assert_eq!(label("2026-Q1"), "Quý I năm 2026");
    assert_eq!(label("2026-09"), "Tháng 09/2026");
    assert_eq!(
        label("2026-01-01..2026-03-14"),
        "Từ 01/01/2026 đến 14/03/2026"
    );
    assert_eq!(
        label("2026-01-01..2026-02-28"),
        "Từ 01/01/2026 đến 28/02/2026"
    );
    assert_eq!(
        label("2025-12-01..2026-01-31"),
        "Từ 01/12/2025 đến 31/01/2026"
    );
}
