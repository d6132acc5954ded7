//! The control sheet: one row per handover with early / on time / late, across the 30/4–1/5
//! holidays, with a procedure whose 15:00 cut-off moves the appointment.

use super::{Script, at, cal, finish, forward, request_supplement};
use crate::dossier::{Action, Channel, Progress, Timeliness, Verdict};
use crate::forms::control::{RowKind, margin_text, row_timeliness};
use crate::forms::{ControlSheet, Directory, FormInput, Person, ProcedureInfo, control_sheet};

fn sheet(s: &Script, now: &str) -> ControlSheet {
    let mut names = Directory::default();
    names
        .units
        .insert("H31.36".into(), "UBND xã Phố Hiến".into());
    names
        .units
        .insert("H31.36.01".into(), "Công chức Tư pháp – Hộ tịch".into());
    names.officers.insert("cv1".into(), "Trần Thị Bình".into());
    let input = FormInput {
        dossier: s.dossier(),
        events: &s.events,
        applicant: &Person::default(),
        procedure: &ProcedureInfo::default(),
        names: &names,
        calendar: cal(),
        now: at(now),
        nth: None,
    };
    control_sheet(&input).unwrap()
}

/// Received Wednesday 29/4/2026 at 15:30, one working day with a 15:00 cut-off (or none);
/// three handovers across 30/4, 1/5 and the weekend; result Monday 4/5 at 16:00, returned at
/// 16:30.
fn across_the_holidays(cutoff: Option<&str>) -> Script {
    let mut s = Script::received("2026-04-29T15:30", "1wd", cutoff);
    s.act("2026-04-29T15:40", &forward("H31.36.01", "cv1", 4))
        .act_as(
            "cv1",
            "H31.36.01",
            "2026-04-29T16:30",
            &forward("H31.36", "lanhdao1", 2),
        )
        .act_as(
            "lanhdao1",
            "H31.36",
            "2026-05-04T08:00",
            &forward("H31.36", "vanthu1", 1),
        )
        .act_as("vanthu1", "H31.36", "2026-05-04T16:00", &finish())
        .act(
            "2026-05-04T16:30",
            &Action::Return {
                channel: Channel::Direct,
                at: at("2026-05-04T16:30"),
            },
        );
    s
}

fn due(row: &crate::forms::ControlRow) -> String {
    row.due_at.unwrap().format("%d/%m %H:%M").to_string()
}

#[test]
fn each_handover_is_judged_early_on_time_or_late_across_the_holidays() {
    let s = across_the_holidays(Some("15:00"));
    let c = sheet(&s, "2026-05-05T08:00");
    // After 15:00 the day counts from Monday 4/5 07:00 (30/4, 1/5 and the weekend are off).
    assert_eq!(c.due_at, at("2026-05-04T17:00"));
    let r = &c.rows;
    assert_eq!(r.len(), 5);
    // 1: 15:40 + 4 h = 1 h 20 on 29/4, then 2 h 40 from Monday 07:00; done on 29/4: early.
    assert_eq!(
        (r[0].no, r[0].kind, due(&r[0])),
        (1, RowKind::Handover, "04/05 09:40".into())
    );
    assert_eq!(r[0].from.unit_name, "UBND xã Phố Hiến");
    assert_eq!(r[0].from.officer.as_deref(), Some("motcua1"));
    assert_eq!(r[0].to.unit_name, "Công chức Tư pháp – Hộ tịch");
    assert_eq!(r[0].to.officer.as_deref(), Some("Trần Thị Bình"));
    assert_eq!(row_timeliness(&r[0]), Some(Timeliness::Early));
    assert_eq!(r[0].result, "trước hạn");
    // 2: 16:30 + 2 h: 30 min on 29/4, 1 h 30 on Monday: due 08:30, done 08:00: on time.
    assert_eq!(due(&r[1]), "04/05 08:30");
    assert_eq!(r[1].from.officer.as_deref(), Some("Trần Thị Bình"));
    assert_eq!(row_timeliness(&r[1]), Some(Timeliness::OnTime));
    assert_eq!(r[1].margin.as_deref(), Some("sớm 0 giờ 30 phút làm việc"));
    // 3: 08:00 + 1 h = 09:00, done 16:00: late by 2 h 30 + 2 h 30 of working time.
    assert_eq!(due(&r[2]), "04/05 09:00");
    assert_eq!(row_timeliness(&r[2]), Some(Timeliness::Late));
    assert_eq!(r[2].margin_minutes, Some(-300));
    // Result at 16:00 against the appointment 17:00: on time; returned 16:30: on time.
    assert_eq!(r[3].kind, RowKind::Result);
    assert_eq!(r[3].to.unit_code.as_deref(), Some("H31.36"));
    assert_eq!(row_timeliness(&r[3]), Some(Timeliness::OnTime));
    assert_eq!(r[3].margin_minutes, Some(60));
    assert_eq!(
        (r[4].kind, r[4].to.unit_name.as_str()),
        (RowKind::Return, "Người nộp hồ sơ")
    );
    assert_eq!(row_timeliness(&r[4]), Some(Timeliness::OnTime));
    assert_eq!(c.legal, Some(Verdict::Finished(Timeliness::OnTime)));
    assert_eq!(c.processing_unit, "UBND xã Phố Hiến");
    assert_eq!(c.cooperating_units, ["Công chức Tư pháp – Hộ tịch"]);
}

#[test]
fn without_the_cut_off_the_same_result_is_late() {
    let s = across_the_holidays(None);
    let c = sheet(&s, "2026-05-05T08:00");
    // 15:30 + 8 h: 1 h 30 on 29/4, 6 h 30 on Monday: 15:30.
    assert_eq!(c.due_at, at("2026-05-04T15:30"));
    assert_eq!(row_timeliness(&c.rows[3]), Some(Timeliness::Late));
    assert_eq!(
        c.rows[3].margin.as_deref(),
        Some("chậm 0 giờ 30 phút làm việc")
    );
    assert_eq!(row_timeliness(&c.rows[4]), Some(Timeliness::Late));
    assert_eq!(c.legal_label, "quá hạn");
    // The handovers themselves do not depend on the appointment.
    let with = sheet(&across_the_holidays(Some("15:00")), "2026-05-05T08:00");
    for i in 0..3 {
        assert_eq!(c.rows[i].verdict, with.rows[i].verdict);
    }
}

#[test]
fn an_open_step_is_judged_at_the_time_of_printing() {
    let mut s = Script::received("2026-03-02T09:00", "3wd", None);
    s.act("2026-03-02T10:00", &forward("H31.36.01", "cv1", 8));
    let within = sheet(&s, "2026-03-03T09:59");
    assert_eq!(
        within.rows[0].verdict,
        Some(Verdict::Open(Progress::Within))
    );
    assert_eq!(within.rows[0].result, "đang xử lý – trong hạn");
    assert_eq!(within.rows[0].done_at, None);
    let overdue = sheet(&s, "2026-03-03T10:01");
    assert_eq!(overdue.rows[0].result, "đang xử lý – quá hạn");
    assert_eq!(overdue.rows.len(), 1, "no result row before the result");
}

#[test]
fn a_supplement_pauses_the_step_and_is_noted_on_its_row() {
    let mut s = Script::received("2026-03-02T09:00", "5wd", None);
    s.act("2026-03-02T10:00", &forward("H31.36.01", "cv1", 8))
        .act_as(
            "cv1",
            "H31.36.01",
            "2026-03-02T14:00",
            &request_supplement(),
        )
        .act("2026-03-04T14:00", &Action::Supplement { note: None })
        .act_as("cv1", "H31.36.01", "2026-03-05T09:00", &finish());
    let c = sheet(&s, "2026-03-06T08:00");
    let row = &c.rows[0];
    // Due 03/3 10:00, moved by the 16 working hours of the wait to 05/3 10:00.
    assert_eq!(due(row), "05/03 10:00");
    assert_eq!(row_timeliness(row), Some(Timeliness::OnTime));
    assert_eq!(row.notes.len(), 1);
    assert!(
        row.notes[0].contains("Yêu cầu bổ sung lúc 14:00 ngày 02/03/2026"),
        "{:?}",
        row.notes
    );
    assert!(row.notes[0].contains("nhận đủ lúc 14:00 ngày 04/03/2026"));
}

#[test]
fn margins_read_as_working_time() {
    assert_eq!(margin_text(0), "đúng hạn chót");
    assert_eq!(margin_text(150), "sớm 2 giờ 30 phút làm việc");
    assert_eq!(margin_text(-61), "chậm 1 giờ 1 phút làm việc");
}
