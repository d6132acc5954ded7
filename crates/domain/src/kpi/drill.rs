//! Drill-down: for a metric, whether a dossier cost points in a window and why (in its
//! denominator, not in its numerator). Rows counted per procedure or entered by hand have no
//! dossier-level drill-down.

use serde::{Deserialize, Serialize};

use super::counts::Scope;
use super::facts::DossierFacts;
use super::i766::Measure;
use super::period::Window;
use crate::dossier::{Channel, Progress, Timeliness, Verdict};

/// Why a dossier cost points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    /// Finished late (or after two supplement requests).
    Late,
    /// Unfinished and overdue at the window's instant.
    Overdue,
    /// Finished with a result but no electronic result file.
    NoElectronicResult,
    /// Finished with a result, without attachments or without an electronic result.
    NotDigitised,
    /// Received without reused digitised data.
    NoReusedData,
    /// Received without a component from the personal data store.
    NoPersonalStoreData,
    /// Received without VNeID, personal data store or national database.
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

/// The late or overdue verdict of a dossier of the population.
fn lateness(f: &DossierFacts, w: &Window) -> Option<Loss> {
    match f.verdict_at(w.at())? {
        Verdict::Finished(Timeliness::Late) => Some(Loss::Late),
        Verdict::Open(Progress::Overdue) => Some(Loss::Overdue),
        Verdict::Finished(_) | Verdict::Open(Progress::Within) => None,
    }
}

/// Whether `f` cost points of a row measuring `m` in `w`, and why.
#[must_use]
pub fn loss(m: Measure, f: &DossierFacts, w: &Window) -> Option<Loss> {
    let fl = &f.flags;
    let received = |ok: bool, why: Loss| (f.received_in(w) && !ok).then_some(why);
    let resulted = |ok: bool, why: Loss| (f.finished_in(w) && f.has_result() && !ok).then_some(why);
    match m {
        Measure::OnTime => f.in_population(w).then(|| lateness(f, w)).flatten(),
        Measure::ReceivingSatisfaction => {
            if !f.in_population(w) {
                return None;
            }
            lateness(f, w).or(fl.dissatisfied.then_some(Loss::Dissatisfied))
        }
        Measure::ElectronicResult => resulted(fl.electronic_result, Loss::NoElectronicResult),
        Measure::DigitisedResult => resulted(fl.digitised_result(), Loss::NotDigitised),
        Measure::ReusedData => received(fl.reused_data, Loss::NoReusedData),
        Measure::PersonalStore => received(fl.personal_store, Loss::NoPersonalStoreData),
        Measure::CitizenData => received(fl.citizen_data(), Loss::NoCitizenData),
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
