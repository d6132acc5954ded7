//! The register (sổ theo dõi hồ sơ, Mẫu 06 of TT 01/2018 / 07 of TT 03/2025): one row per
//! dossier received by a unit's subtree in a sector (lĩnh vực) and a period
//! ([`crate::kpi::parse_period`] syntax), numbered in order of receipt, with the legal
//! timeliness of each (finished: early / on time / late; open: within / overdue at printing).

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::input::{Person, iso};
use crate::dossier::timeliness::{classify, progress};
use crate::dossier::{Channel, Progress, Status, Verdict};
use crate::kpi::Period;

/// One dossier as the store reads it for the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterLine {
    pub code: String,
    pub procedure_name: String,
    pub applicant: Person,
    /// The name of the unit competent to decide (cơ quan chủ trì).
    pub lead_unit: String,
    pub status: Status,
    pub received_at: Option<NaiveDateTime>,
    /// The legal due time in force.
    pub due_at: Option<NaiveDateTime>,
    /// The end by the QĐ 766 priority (result, return, or closure).
    pub finished_at: Option<NaiveDateTime>,
    pub returned_at: Option<NaiveDateTime>,
    pub return_channel: Option<Channel>,
}

/// One printed row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterRow {
    /// Số thứ tự over the whole register (not the page).
    pub stt: u64,
    pub code: String,
    pub procedure: String,
    pub applicant_name: String,
    /// "address; phone", whichever are known.
    pub address_phone: String,
    pub lead_unit: String,
    pub status: u8,
    pub status_label: &'static str,
    #[serde(with = "iso::opt")]
    pub received_at: Option<NaiveDateTime>,
    #[serde(with = "iso::opt")]
    pub due_at: Option<NaiveDateTime>,
    #[serde(with = "iso::opt")]
    pub finished_at: Option<NaiveDateTime>,
    #[serde(with = "iso::opt")]
    pub returned_at: Option<NaiveDateTime>,
    /// How the result was received: "trực tiếp", "bưu chính công ích", "trực tuyến".
    pub return_channel: Option<&'static str>,
    pub verdict: Option<Verdict>,
    pub result: String,
}

/// Whether the dossier was closed without a result (stopped, withdrawn, refused).
fn closed(status: Status) -> bool {
    matches!(
        status,
        Status::Stopped | Status::Withdrawn | Status::Refused
    )
}

/// The legal verdict of a register line at `now`: none for a dossier never received, waiting
/// for a supplement (its clock is stopped) or closed without a result.
#[must_use]
pub fn line_verdict(line: &RegisterLine, now: NaiveDateTime) -> Option<Verdict> {
    let due = line.due_at?;
    line.received_at?;
    if line.status == Status::AwaitingSupplement || closed(line.status) {
        return None;
    }
    Some(match line.finished_at.filter(|f| *f <= now) {
        Some(f) => Verdict::Finished(classify(f, due)),
        None => Verdict::Open(progress(now, due)),
    })
}

fn result_label(line: &RegisterLine, verdict: Option<Verdict>) -> String {
    match verdict {
        Some(Verdict::Finished(t)) => t.label_vi().to_owned(),
        Some(Verdict::Open(Progress::Within)) => "đang giải quyết – trong hạn".to_owned(),
        Some(Verdict::Open(Progress::Overdue)) => "đang giải quyết – quá hạn".to_owned(),
        None if line.status == Status::AwaitingSupplement => "chờ bổ sung".to_owned(),
        None if closed(line.status) => line.status.label_vi().to_owned(),
        None => "—".to_owned(),
    }
}

/// The rows of `lines`, numbered from `first_stt`, judged at `now`.
#[must_use]
pub fn rows(lines: &[RegisterLine], first_stt: u64, now: NaiveDateTime) -> Vec<RegisterRow> {
    lines
        .iter()
        .zip(first_stt..)
        .map(|(l, stt)| {
            let verdict = line_verdict(l, now);
            let contact: Vec<&str> = [l.applicant.address.as_deref(), l.applicant.phone.as_deref()]
                .into_iter()
                .flatten()
                .filter(|s| !s.trim().is_empty())
                .collect();
            RegisterRow {
                stt,
                code: l.code.clone(),
                procedure: l.procedure_name.clone(),
                applicant_name: l.applicant.name.clone(),
                address_phone: contact.join("; "),
                lead_unit: l.lead_unit.clone(),
                status: l.status.code(),
                status_label: l.status.label_vi(),
                received_at: l.received_at,
                due_at: l.due_at,
                finished_at: l.finished_at,
                returned_at: l.returned_at,
                return_channel: l.return_channel.map(Channel::label_vi),
                verdict,
                result: result_label(l, verdict),
            }
        })
        .collect()
}

/// "Năm 2026", "Quý III năm 2026", "Tháng 09/2026", or "Từ 01/01/2026 đến 14/03/2026".
#[must_use]
pub fn period_label(p: &Period) -> String {
    let (s, e) = (p.start, p.end);
    let month_end = |d: NaiveDate| d.succ_opt().is_some_and(|n| n.day() == 1);
    let whole_months = s.day() == 1 && month_end(e) && s.year() == e.year() && s <= e;
    let range = || format!("Từ {} đến {}", s.format("%d/%m/%Y"), e.format("%d/%m/%Y"));
    if !whole_months {
        return range();
    }
    match (e.month() + 1 - s.month(), s.month()) {
        (12, 1) => format!("Năm {}", s.year()),
        (3, m) if m % 3 == 1 => {
            let q = ["I", "II", "III", "IV"][(m / 3) as usize];
            format!("Quý {q} năm {}", s.year())
        }
        (1, m) => format!("Tháng {m:02}/{}", s.year()),
        _ => range(),
    }
}
