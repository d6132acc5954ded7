//! Which forms apply to a dossier, given what happened to it: a form that does not apply says
//! why in a Vietnamese and an English sentence.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::catalogue::{Form, FormNumber};
use crate::dossier::{Dossier, RuleSet, Status};

/// A form that applies to a dossier, with what a link to it shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormLink {
    pub form: Form,
    /// The URL key (`receipt`, `supplement_request`, …).
    pub key: &'static str,
    /// "Giấy tiếp nhận hồ sơ và hẹn trả kết quả".
    pub title: &'static str,
    /// The number under the dossier's rule set (`None`: the circular has no such form).
    pub number: Option<FormNumber>,
    /// "Mẫu số 01 – Giấy tiếp nhận hồ sơ và hẹn trả kết quả".
    pub label: String,
}

impl FormLink {
    /// The link of `form` for a dossier of `rule_set`.
    #[must_use]
    pub fn new(form: Form, rule_set: RuleSet) -> Self {
        let number = form.number(rule_set);
        let label = match number {
            Some(n) => format!("{} – {}", n.short(), form.title_vi()),
            None => form.title_vi().to_owned(),
        };
        Self {
            form,
            key: form.key(),
            title: form.title_vi(),
            number,
            label,
        }
    }
}

/// Why a form does not apply to a dossier (answered with HTTP 409).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{en}")]
pub struct NotApplicable {
    pub form: Form,
    pub vi: String,
    pub en: String,
}

fn not(form: Form, vi: &str, en: &str) -> Result<(), NotApplicable> {
    Err(NotApplicable {
        form,
        vi: vi.to_owned(),
        en: en.to_owned(),
    })
}

/// The rule set of a dossier: the one fixed at receipt; for a dossier never received (refused
/// or withdrawn online submission), the one in force on its submission day.
#[must_use]
pub fn rule_set_of(d: &Dossier) -> RuleSet {
    d.receipt.as_ref().map_or_else(
        || RuleSet::for_receipt(d.submitted_at.unwrap_or(d.last_at).date()),
        |r| r.rule_set,
    )
}

/// Whether `form` applies to `d`, or why not.
pub fn applies(d: &Dossier, form: Form) -> Result<(), NotApplicable> {
    let received = d.receipt.is_some();
    match form {
        Form::Receipt | Form::ControlSheet if !received => not(
            form,
            "Hồ sơ chưa được tiếp nhận nên chưa có giấy tiếp nhận, hẹn trả kết quả và phiếu kiểm soát.",
            "The dossier was not received, so it has no receipt and no control sheet.",
        ),
        Form::SupplementRequest if d.supplements.is_empty() => not(
            form,
            "Hồ sơ không có yêu cầu bổ sung, hoàn thiện nào.",
            "No supplement was requested for this dossier.",
        ),
        Form::Refusal if d.status != Status::Refused => not(
            form,
            "Hồ sơ không bị từ chối tiếp nhận.",
            "The dossier was not refused.",
        ),
        Form::ApologyExtension if d.extension.is_none() => not(
            form,
            "Hồ sơ chưa được xin lỗi và hẹn lại ngày trả kết quả.",
            "No apology with a new return date was issued for this dossier.",
        ),
        Form::StopNotice if d.status != Status::Stopped => not(
            form,
            "Hồ sơ không bị dừng giải quyết.",
            "The dossier was not stopped.",
        ),
        Form::Register => not(
            form,
            "Sổ theo dõi hồ sơ được lập theo lĩnh vực và kỳ cho một đơn vị, không theo từng hồ sơ: xem trang Sổ theo dõi hồ sơ (/so-theo-doi).",
            "The register is kept per sector and period for a unit, not per dossier: see /so-theo-doi.",
        ),
        _ => Ok(()),
    }
}

/// The forms that apply to `d`, in the order of TT 03/2025, with their numbers under the
/// dossier's rule set (the officer dossier page links to each).
#[must_use]
pub fn applicable(d: &Dossier) -> Vec<FormLink> {
    let rule_set = rule_set_of(d);
    Form::ALL
        .into_iter()
        .filter(|f| applies(d, *f).is_ok())
        .map(|f| FormLink::new(f, rule_set))
        .collect()
}

/// The time a form speaks of, for its date line: the event it records.
#[must_use]
pub fn issued_at(d: &Dossier, form: Form) -> NaiveDateTime {
    let receipt = d.receipt.as_ref().map(|r| r.at);
    match form {
        Form::Receipt => receipt,
        Form::SupplementRequest => d.supplements.last().map(|s| s.requested_at),
        Form::ApologyExtension => d.extension.as_ref().map(|x| x.at),
        Form::Refusal | Form::StopNotice => d.closure.as_ref().map(|c| c.at),
        Form::ControlSheet | Form::Register => None,
    }
    .unwrap_or(d.last_at)
}
