//! The process-control sheet (phiếu kiểm soát quá trình giải quyết hồ sơ), generated from the
//! events: one row per handover of the dossier from one holder to the next, then the result
//! handed back to the one-stop desk and the return to the applicant.
//!
//! A handover row judges the **receiving** holder's step: its budget in working hours, its due
//! time (moved by supplement pauses) and when it was done (completed, else handed on), with
//! [`step_verdict`] at the time of printing. The result row judges the dossier in the legal
//! view ([`legal_verdict`]); the return row compares the return with the same due time. The
//! margin is the working time between the end and the due time (working-time engine).
//! Forwarding is electronic, so a holder receives the dossier when it is handed over.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::input::{FormInput, iso};
use crate::dossier::timeliness::classify;
use crate::dossier::{
    Dossier, Event, EventPayload, Step, Timeliness, Verdict, kpi_verdict, legal_verdict,
    step_verdict,
};
use crate::org::UnitCode;

/// Who gives or receives the dossier: a unit and perhaps an officer, or the applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Holder {
    pub unit_code: Option<String>,
    /// The unit's name, or "Người nộp hồ sơ" for the applicant.
    pub unit_name: String,
    pub officer: Option<String>,
}

/// What a row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// The dossier passes to the next holder, with a budget.
    Handover,
    /// The result is handed back to the one-stop desk.
    Result,
    /// The result is returned to the applicant.
    Return,
}

/// One row of the control sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ControlRow {
    /// From 1.
    pub no: u32,
    pub kind: RowKind,
    pub from: Holder,
    pub to: Holder,
    #[serde(with = "iso")]
    pub handed_at: NaiveDateTime,
    #[serde(with = "iso")]
    pub received_at: NaiveDateTime,
    pub budget_hours: Option<u32>,
    #[serde(with = "iso::opt")]
    pub due_at: Option<NaiveDateTime>,
    #[serde(with = "iso::opt")]
    pub done_at: Option<NaiveDateTime>,
    pub verdict: Option<Verdict>,
    /// "trước hạn", "đúng hạn", "quá hạn", "đang xử lý – trong hạn", …, or "—".
    pub result: String,
    /// Working minutes from the end to the due time (negative: late).
    pub margin_minutes: Option<i64>,
    /// "sớm 2 giờ 30 phút làm việc", "chậm 1 giờ 0 phút làm việc", "đúng hạn chót".
    pub margin: Option<String>,
    pub notes: Vec<String>,
}

/// The control sheet: the dossier's dates, its units and the rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ControlSheet {
    pub processing_unit: String,
    /// Other units that held the dossier.
    pub cooperating_units: Vec<String>,
    #[serde(with = "iso")]
    pub received_at: NaiveDateTime,
    /// The legal due time in force.
    #[serde(with = "iso")]
    pub due_at: NaiveDateTime,
    /// The appointment moved by supplement pauses only (QĐ 766).
    #[serde(with = "iso")]
    pub due_kpi_at: NaiveDateTime,
    pub legal: Option<Verdict>,
    pub legal_label: String,
    pub kpi: Option<Verdict>,
    pub kpi_label: String,
    pub rows: Vec<ControlRow>,
}

/// The Vietnamese label of a verdict ("—" without one).
#[must_use]
pub fn verdict_label(v: Option<Verdict>) -> String {
    match v {
        Some(Verdict::Finished(t)) => t.label_vi().to_owned(),
        Some(Verdict::Open(p)) => format!("đang xử lý – {}", p.label_vi()),
        None => "—".to_owned(),
    }
}

/// "sớm 2 giờ 30 phút làm việc" (before the due time), "chậm …" (after), "đúng hạn chót".
#[must_use]
pub fn margin_text(minutes: i64) -> String {
    let (h, m) = (minutes.abs() / 60, minutes.abs() % 60);
    match minutes {
        0 => "đúng hạn chót".to_owned(),
        m_ if m_ > 0 => format!("sớm {h} giờ {m} phút làm việc"),
        _ => format!("chậm {h} giờ {m} phút làm việc"),
    }
}

/// The control sheet of a received dossier; `None` before receipt.
#[must_use]
pub fn control_sheet(input: &FormInput<'_>) -> Option<ControlSheet> {
    let d = input.dossier;
    let receipt = d.receipt.as_ref()?;
    let due = d.due()?;
    let mut rows = handover_rows(input);
    rows.extend(closing_rows(input, rows.len()));
    let desk = receipt.unit.clone();
    let competent = d.steps.last().map_or(&desk, |s| &s.holder.unit);
    let mut cooperating: Vec<String> = Vec::new();
    for s in &d.steps {
        let name = input.names.unit(&s.holder.unit);
        if s.holder.unit != desk && &s.holder.unit != competent && !cooperating.contains(&name) {
            cooperating.push(name);
        }
    }
    let legal = legal_verdict(d, input.now);
    let kpi = kpi_verdict(d, input.now);
    Some(ControlSheet {
        processing_unit: input.names.unit(competent),
        cooperating_units: cooperating,
        received_at: receipt.at,
        due_at: due.legal,
        due_kpi_at: due.kpi,
        legal,
        legal_label: verdict_label(legal),
        kpi,
        kpi_label: verdict_label(kpi),
        rows,
    })
}

fn holder(input: &FormInput<'_>, unit: &UnitCode, officer: Option<&str>) -> Holder {
    Holder {
        unit_code: Some(unit.to_string()),
        unit_name: input.names.unit(unit),
        officer: officer.map(|o| input.names.officer(o)),
    }
}

/// One row per forwarded step, paired in order with its `forwarded` event (who handed over).
fn handover_rows(input: &FormInput<'_>) -> Vec<ControlRow> {
    let d = input.dossier;
    let forwards = input
        .events
        .iter()
        .filter(|e| matches!(e.payload, EventPayload::Forwarded { .. }));
    d.steps
        .iter()
        .skip(1)
        .zip(d.steps.iter())
        .zip(forwards.map(Some).chain(std::iter::repeat(None)))
        .enumerate()
        .map(|(i, ((step, previous), event))| {
            let from = match event {
                Some(e) => holder(input, &e.unit, Some(&e.actor)),
                None => holder(input, &previous.holder.unit, step.handed_by.as_deref()),
            };
            handover_row(input, u32::try_from(i + 1).unwrap_or(u32::MAX), from, step)
        })
        .collect()
}

fn handover_row(input: &FormInput<'_>, no: u32, from: Holder, step: &Step) -> ControlRow {
    let verdict = step_verdict(step, input.now);
    let done = step.done_at().filter(|t| *t <= input.now);
    let margin_minutes = margin(input, done, step.due_at);
    ControlRow {
        no,
        kind: RowKind::Handover,
        from,
        to: holder(input, &step.holder.unit, step.holder.officer.as_deref()),
        handed_at: step.started_at,
        received_at: step.started_at,
        budget_hours: step.budget_hours,
        due_at: step.due_at,
        done_at: done,
        verdict,
        result: verdict_label(verdict),
        margin_minutes,
        margin: margin_minutes.map(margin_text),
        notes: step_notes(input.dossier, input.events, step),
    }
}

/// Working minutes from `done` to `due`; `None` while open or without a due time.
fn margin(
    input: &FormInput<'_>,
    done: Option<NaiveDateTime>,
    due: Option<NaiveDateTime>,
) -> Option<i64> {
    let (done, due) = (done?, due?);
    input.calendar.working_minutes_between(done, due).ok()
}

/// What happened while `step` held the dossier: supplements, the extension, its own note.
fn step_notes(d: &Dossier, events: &[Event], step: &Step) -> Vec<String> {
    use super::input::vi_time as at;
    let held = |t: NaiveDateTime| t >= step.started_at && step.ended_at.is_none_or(|e| t < e);
    let mut notes = Vec::new();
    for s in d.supplements.iter().filter(|s| held(s.requested_at)) {
        notes.push(match s.completed_at {
            Some(c) => format!(
                "Yêu cầu bổ sung lúc {}, nhận đủ lúc {} (tạm dừng tính thời gian).",
                at(s.requested_at),
                at(c)
            ),
            None => format!(
                "Yêu cầu bổ sung lúc {}, đang chờ bổ sung.",
                at(s.requested_at)
            ),
        });
    }
    if let Some(x) = d.extension.as_ref().filter(|x| held(x.at)) {
        notes.push(format!(
            "Xin lỗi và hẹn lại ngày trả kết quả lúc {}: hạn mới {}.",
            at(x.at),
            at(x.new_due)
        ));
    }
    for e in events.iter().filter(|e| held(e.at)) {
        if let EventPayload::StepCompleted { note: Some(n) } = &e.payload {
            notes.push(n.clone());
        }
    }
    notes
}

/// The result handed back to the desk, and the return to the applicant.
fn closing_rows(input: &FormInput<'_>, before: usize) -> Vec<ControlRow> {
    let no = |k: usize| u32::try_from(before + k).unwrap_or(u32::MAX);
    let Some(result) = result_row(input, no(1)) else {
        return Vec::new();
    };
    let back = return_row(input, no(2), result.due_at);
    std::iter::once(result).chain(back).collect()
}

/// The last event of a kind.
fn last_event<'a>(input: &FormInput<'a>, kind: &str) -> Option<&'a Event> {
    input.events.iter().rev().find(|e| e.kind() == kind)
}

fn result_row(input: &FormInput<'_>, no: u32) -> Option<ControlRow> {
    let d = input.dossier;
    let (receipt, result) = (d.receipt.as_ref()?, d.result.as_ref()?);
    let from = match (last_event(input, "finished"), d.steps.last()) {
        (Some(e), _) => holder(input, &e.unit, Some(&e.actor)),
        (None, Some(s)) => holder(input, &s.holder.unit, s.holder.officer.as_deref()),
        (None, None) => holder(input, &receipt.unit, None),
    };
    let due = d.due_as_of(result.at).map(|e| e.legal);
    let verdict = legal_verdict(d, input.now.max(result.at));
    let margin_minutes = margin(input, Some(result.at), due);
    Some(ControlRow {
        no,
        kind: RowKind::Result,
        from,
        to: holder(input, &receipt.unit, None),
        handed_at: result.at,
        received_at: result.at,
        budget_hours: None,
        due_at: due,
        done_at: Some(result.at),
        verdict,
        result: verdict_label(verdict),
        margin_minutes,
        margin: margin_minutes.map(margin_text),
        notes: vec![format!("Kết quả: {}.", result.result_codes.join(", "))],
    })
}

fn return_row(input: &FormInput<'_>, no: u32, due: Option<NaiveDateTime>) -> Option<ControlRow> {
    let d = input.dossier;
    let (receipt, ret) = (d.receipt.as_ref()?, d.returned.as_ref()?);
    let from = last_event(input, "returned").map_or_else(
        || holder(input, &receipt.unit, None),
        |e| holder(input, &e.unit, Some(&e.actor)),
    );
    let verdict = due.map(|u| Verdict::Finished(classify(ret.at, u)));
    let margin_minutes = margin(input, Some(ret.at), due);
    Some(ControlRow {
        no,
        kind: RowKind::Return,
        from,
        to: Holder {
            unit_code: None,
            unit_name: "Người nộp hồ sơ".to_owned(),
            officer: None,
        },
        handed_at: ret.at,
        received_at: ret.at,
        budget_hours: None,
        due_at: due,
        done_at: Some(ret.at),
        verdict,
        result: verdict_label(verdict),
        margin_minutes,
        margin: margin_minutes.map(margin_text),
        notes: vec![format!("Trả kết quả {}.", ret.channel.label_vi())],
    })
}

/// Whether a row was early, on time or late (`None` while open or without a due time).
#[must_use]
pub fn row_timeliness(row: &ControlRow) -> Option<Timeliness> {
    match row.verdict {
        Some(Verdict::Finished(t)) => Some(t),
        _ => None,
    }
}
