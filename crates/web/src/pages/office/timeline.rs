//! What the dossier page tells about a dossier's history: each event in a sentence, the due
//! times with the trace of how they were computed, and the steps with their timeliness.

use super::view::{local, local_opt};
use cchc_app::dossiers::lookup::unit_name;
use cchc_domain::dossier::timeliness::{Progress, Timeliness, Verdict, step_verdict};
use cchc_domain::dossier::{Channel, Dossier, DueCause, EventPayload};
use cchc_domain::org::OrgUnit;
use cchc_store::dossiers::StoredEvent;
use chrono::NaiveDateTime;

/// One event as the page lists it.
pub struct EventView {
    pub at: String,
    pub label: &'static str,
    pub unit: String,
    pub actor: String,
    pub detail: String,
}

/// One due time with its cause and trace.
pub struct DueView {
    pub from: String,
    pub cause: &'static str,
    pub legal: String,
    pub kpi: String,
    pub trace: Vec<String>,
}

/// One holder of the dossier.
pub struct StepView {
    pub holder: String,
    pub started: String,
    pub budget: String,
    pub due: String,
    pub done: String,
    pub verdict: &'static str,
}

fn channel_label(c: Channel) -> &'static str {
    c.label_vi()
}

fn list(items: &[String]) -> String {
    items.join("; ")
}

/// The sentence of one event (no personal data beyond what the officer page already shows).
fn detail(p: &EventPayload, units: &[OrgUnit], at: NaiveDateTime) -> String {
    let with_note = |base: String, note: &Option<String>| match note {
        Some(n) if !n.is_empty() => format!("{base} Ghi chú: {n}"),
        _ => base,
    };
    match p {
        EventPayload::Submitted { intake } => {
            format!(
                "Nộp trực tuyến, {} thành phần hồ sơ.",
                intake.components.len()
            )
        }
        EventPayload::Received {
            channel, due_at, ..
        } => format!(
            "Tiếp nhận {}; hẹn trả {}.",
            channel_label(*channel),
            local(*due_at)
        ),
        EventPayload::Refused { reason } | EventPayload::Stopped { reason } => {
            format!("Lý do: {reason}")
        }
        EventPayload::SupplementRequested { items, reason } => {
            format!("Cần bổ sung: {}. Lý do: {reason}", list(items))
        }
        EventPayload::Supplemented { note, due } => with_note(
            format!("Đã bổ sung; hạn giải quyết mới {}.", local(due.legal)),
            note,
        ),
        EventPayload::Forwarded {
            to,
            budget_hours,
            due_at,
        } => format!(
            "Chuyển đến {}{}; {budget_hours} giờ làm việc, hạn của bước {}.",
            unit_name(units, to.unit.as_str(), at.date()),
            to.officer
                .as_deref()
                .map(|o| format!(" (cán bộ {o})"))
                .unwrap_or_default(),
            local(*due_at)
        ),
        EventPayload::StepCompleted { note } => with_note("Hoàn thành bước.".to_owned(), note),
        other => outcome(other),
    }
}

/// The sentence of a payment, extension, withdrawal, result or return.
fn outcome(p: &EventPayload) -> String {
    match p {
        EventPayload::PaymentRequested { amount_vnd } => {
            format!("Số tiền {} đồng.", group_digits(*amount_vnd))
        }
        EventPayload::Paid { online: true } => "Thanh toán trực tuyến.".to_owned(),
        EventPayload::Paid { online: false } => "Thanh toán trực tiếp.".to_owned(),
        EventPayload::ExtensionProposed { apology, new_due } => {
            format!("Hẹn lại ngày trả {}. {apology}", local(*new_due))
        }
        EventPayload::Withdrawn { reason } => reason
            .as_deref()
            .map_or_else(String::new, |r| format!("Lý do: {r}")),
        EventPayload::Finished {
            result_codes,
            files,
            electronic,
        } => format!(
            "Kết quả {}{}{}.",
            list(result_codes),
            if files.is_empty() {
                String::new()
            } else {
                format!("; tệp {}", list(files))
            },
            if *electronic {
                "; bản điện tử"
            } else {
                "; bản giấy"
            }
        ),
        EventPayload::Returned { channel, at } => {
            format!("Trả {} lúc {}.", channel_label(*channel), local(*at))
        }
        _ => String::new(),
    }
}

/// `1234567` as `1.234.567`.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// The events of a dossier, oldest first.
pub fn events(events: &[StoredEvent], units: &[OrgUnit]) -> Vec<EventView> {
    events
        .iter()
        .map(|e| EventView {
            at: local(e.event.at),
            label: cchc_app::dossiers::lookup::kind_label(e.event.kind()),
            unit: unit_name(units, e.event.unit.as_str(), e.event.at.date()),
            actor: e.event.actor.clone(),
            detail: detail(&e.event.payload, units, e.event.at),
        })
        .collect()
}

fn cause_label(c: DueCause) -> &'static str {
    match c {
        DueCause::Receipt => "Hẹn trả khi tiếp nhận",
        DueCause::Supplement => "Sau khi bổ sung hồ sơ",
        DueCause::Extension => "Xin lỗi, hẹn lại ngày trả",
    }
}

/// The due times of `d`, first the appointment.
pub fn dues(d: &Dossier) -> Vec<DueView> {
    d.dues
        .iter()
        .map(|e| DueView {
            from: local(e.from),
            cause: cause_label(e.cause),
            legal: local(e.legal),
            kpi: local(e.kpi),
            trace: e.trace.iter().map(|t| t.vi.clone()).collect(),
        })
        .collect()
}

fn verdict_label(v: Option<Verdict>) -> &'static str {
    match v {
        Some(Verdict::Finished(Timeliness::Early)) => "trước hạn",
        Some(Verdict::Finished(Timeliness::OnTime)) => "đúng hạn",
        Some(Verdict::Finished(Timeliness::Late)) => "trễ hạn",
        Some(Verdict::Open(Progress::Within)) => "đang trong hạn",
        Some(Verdict::Open(Progress::Overdue)) => "quá hạn",
        None => "",
    }
}

/// The steps of `d` at `now`.
pub fn steps(d: &Dossier, units: &[OrgUnit], now: NaiveDateTime) -> Vec<StepView> {
    d.steps
        .iter()
        .map(|s| StepView {
            holder: format!(
                "{}{}",
                unit_name(units, s.holder.unit.as_str(), s.started_at.date()),
                s.holder
                    .officer
                    .as_deref()
                    .map(|o| format!(" ({o})"))
                    .unwrap_or_default()
            ),
            started: local(s.started_at),
            budget: s
                .budget_hours
                .map_or_else(|| "—".to_owned(), |h| format!("{h} giờ")),
            due: local_opt(s.due_at),
            done: local_opt(s.done_at()),
            verdict: verdict_label(step_verdict(s, s.done_at().unwrap_or(now))),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::group_digits;

    #[test]
    fn amounts_are_grouped_by_thousands() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(50_000), "50.000");
        assert_eq!(group_digits(1_234_567), "1.234.567");
    }
}
