//! Drill-down: for a metric, whether a dossier cost points in a window and why (in its
//! denominator, not in its numerator). Rows counted per procedure or entered by hand have no
//! dossier-level drill-down. The digitisation rows (4.1–4.5b) count the population (received
//! in the period or carried over), so an open dossier without a result costs points of 4.1
//! and 4.2 too.

use serde::{Deserialize, Serialize};

use super::counts::Scope;
use super::facts::DossierFacts;
use super::i766::Measure;
use super::period::Window;
use crate::dossier::{Channel, Progress, Timeliness, Verdict};

/// Why a dossier cost points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    /// Finished late (or after two supplement requests).
    Late,
    /// Unfinished and overdue at the window's instant.
    Overdue,
    /// Its only supplement request, never answered, came after the due time: judged at the
    /// request, still waiting or ended since, it is late.
    LateSupplementRequest,
    /// In the population without a result (still open, or ended without one).
    NoResult,
    /// Ended with a result but no electronic result file.
    NoElectronicResult,
    /// Ended with a result, without attachments or without an electronic result.
    NotDigitised,
    /// In the population without reused digitised data.
    NoReusedData,
    /// In the population without a component from the personal data store.
    NoPersonalStoreData,
    /// In the population without VNeID, personal data store or national database.
    NoCitizenData,
    /// A financial obligation not paid online.
    NotPaidOnline,
    /// Submitted directly or by post.
    NotOnline,
    /// Disliked or complained about.
    Dissatisfied,
}

impl Loss {
    /// Vietnamese label.
    #[must_use]
    pub const fn label_vi(self) -> &'static str {
        match self {
            Loss::Late => "giải quyết quá hạn",
            Loss::Overdue => "đang giải quyết quá hạn",
            Loss::LateSupplementRequest => "yêu cầu bổ sung khi đã quá hạn, chưa được bổ sung",
            Loss::NoResult => "chưa có kết quả giải quyết",
            Loss::NoElectronicResult => "chưa có kết quả điện tử",
            Loss::NotDigitised => "chưa số hóa hồ sơ, kết quả",
            Loss::NoReusedData => "không tái sử dụng dữ liệu số hóa",
            Loss::NoPersonalStoreData => "không khai thác kho dữ liệu cá nhân",
            Loss::NoCitizenData => "không kết nối dữ liệu dân cư",
            Loss::NotPaidOnline => "chưa thanh toán trực tuyến",
            Loss::NotOnline => "không nộp trực tuyến",
            Loss::Dissatisfied => "không hài lòng hoặc có phản ánh, kiến nghị",
        }
    }
}

/// The late or overdue verdict of a dossier of the population; judged at its one unanswered
/// supplement request, it says so.
fn lateness(f: &DossierFacts, w: &Window) -> Option<Loss> {
    let late = match f.verdict_at(w.at())? {
        Verdict::Finished(Timeliness::Late) => Loss::Late,
        Verdict::Open(Progress::Overdue) => Loss::Overdue,
        Verdict::Finished(_) | Verdict::Open(Progress::Within) => return None,
    };
    Some(match f.judged_at_request(w.at()) {
        Some(_) => Loss::LateSupplementRequest,
        None => late,
    })
}

/// Why a dossier of the population lacks a result flag: no result at all, or `why`.
fn result_loss(f: &DossierFacts, ok: bool, why: Loss) -> Option<Loss> {
    match (f.has_result(), ok) {
        (false, _) => Some(Loss::NoResult),
        (true, false) => Some(why),
        (true, true) => None,
    }
}

/// Whether `f` cost points of a row measuring `m` in `w`, and why.
#[must_use]
pub fn loss(m: Measure, f: &DossierFacts, w: &Window) -> Option<Loss> {
    let fl = &f.flags;
    let received = |ok: bool, why: Loss| (f.received_in(w) && !ok).then_some(why);
    let member = f.in_population(w);
    let held = |ok: bool, why: Loss| (member && !ok).then_some(why);
    match m {
        Measure::OnTime => member.then(|| lateness(f, w)).flatten(),
        Measure::ReceivingSatisfaction => {
            if !member {
                return None;
            }
            lateness(f, w).or(fl.dissatisfied.then_some(Loss::Dissatisfied))
        }
        Measure::ElectronicResult => member
            .then(|| result_loss(f, fl.electronic_result, Loss::NoElectronicResult))
            .flatten(),
        Measure::DigitisedResult => member
            .then(|| result_loss(f, fl.digitised_result(), Loss::NotDigitised))
            .flatten(),
        Measure::ReusedData => held(fl.reused_data, Loss::NoReusedData),
        Measure::PersonalStore => held(fl.personal_store, Loss::NoPersonalStoreData),
        Measure::CitizenData => held(fl.citizen_data(), Loss::NoCitizenData),
        Measure::OnlinePayment => {
            received(!fl.fee_obligation() || fl.paid_online, Loss::NotPaidOnline)
        }
        Measure::OnlineSubmission => received(f.channel == Channel::Online, Loss::NotOnline),
        Measure::ProceduresCitizenData
        | Measure::ProceduresPaidOnline
        | Measure::ProceduresWithFee
        | Measure::Manual => None,
    }
}

/// The dossiers of `scope` that cost points of a row measuring `m` in `w`, in the order of
/// `facts` (the store pages through them).
pub fn losses<'a>(
    m: Measure,
    facts: &'a [DossierFacts],
    scope: &'a Scope,
    w: &'a Window,
) -> impl Iterator<Item = (&'a DossierFacts, Loss)> + 'a {
    facts
        .iter()
        .filter(|f| scope.contains(&f.unit))
        .filter_map(move |f| loss(m, f, w).map(|l| (f, l)))
}
