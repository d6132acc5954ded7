//! The bodies of the forms that record one event: the receipt (Mẫu 01), the supplement request
//! (02), the refusal (03), the apology with a new return date (04) and the stop notice.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::applicable::NotApplicable;
use super::catalogue::Form;
use super::input::{FormInput, iso};

/// One component handed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentLine {
    pub name: String,
    pub copies: u32,
    pub provided: bool,
}

/// Mẫu 01: giấy tiếp nhận hồ sơ và hẹn trả kết quả.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptBody {
    /// "trực tiếp", "trực tuyến", "bưu chính công ích".
    pub channel: &'static str,
    pub components: Vec<ComponentLine>,
    /// Số bộ hồ sơ.
    pub sets: u32,
    pub legal_time: String,
    #[serde(with = "iso")]
    pub received_at: NaiveDateTime,
    /// The appointment issued at receipt (never moved afterwards).
    #[serde(with = "iso")]
    pub due_at: NaiveDateTime,
    /// Where the result is received.
    pub return_place: String,
    pub received_by: String,
    /// The public lookup path the QR code points to (`/tra-cuu?ma=…`).
    pub lookup_path: String,
}

/// Mẫu 02: phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (one request).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplementBody {
    /// Which request (from 1) of how many.
    pub request_no: usize,
    pub requests: usize,
    pub items: Vec<String>,
    pub reason: String,
    #[serde(with = "iso")]
    pub requested_at: NaiveDateTime,
    pub requested_by: String,
    #[serde(with = "iso::opt")]
    pub completed_at: Option<NaiveDateTime>,
    /// Legal due before the request and after the supplement.
    #[serde(with = "iso")]
    pub due_before: NaiveDateTime,
    #[serde(with = "iso::opt")]
    pub due_after: Option<NaiveDateTime>,
}

/// Mẫu 03: phiếu từ chối tiếp nhận giải quyết hồ sơ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefusalBody {
    pub reason: String,
    #[serde(with = "iso")]
    pub refused_at: NaiveDateTime,
    pub refused_by: String,
    #[serde(with = "iso::opt")]
    pub submitted_at: Option<NaiveDateTime>,
}

/// Mẫu 04: phiếu xin lỗi và hẹn lại ngày trả kết quả.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApologyBody {
    #[serde(with = "iso")]
    pub received_at: NaiveDateTime,
    #[serde(with = "iso")]
    pub old_due: NaiveDateTime,
    #[serde(with = "iso")]
    pub new_due: NaiveDateTime,
    /// The apology and its reason, as written by the unit.
    pub apology: String,
    #[serde(with = "iso")]
    pub issued_at: NaiveDateTime,
    pub issued_by: String,
}

/// Thông báo dừng giải quyết hồ sơ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StopBody {
    pub reason: String,
    #[serde(with = "iso")]
    pub received_at: NaiveDateTime,
    #[serde(with = "iso")]
    pub stopped_at: NaiveDateTime,
    pub stopped_by: String,
}

/// The actor of the last event of `kind`, by name.
fn actor_of(input: &FormInput<'_>, kind: &str) -> String {
    input
        .events
        .iter()
        .rev()
        .find(|e| e.kind() == kind)
        .map(|e| input.names.officer(&e.actor))
        .unwrap_or_default()
}

pub(super) fn receipt(input: &FormInput<'_>) -> Option<ReceiptBody> {
    let d = input.dossier;
    let r = d.receipt.as_ref()?;
    let due = d.appointment()?;
    Some(ReceiptBody {
        channel: d.channel.label_vi(),
        components: d
            .intake
            .components
            .iter()
            .map(|c| ComponentLine {
                name: c.name.clone(),
                copies: c.copies,
                provided: c.provided,
            })
            .collect(),
        sets: 1,
        legal_time: input.procedure.legal_time.clone(),
        received_at: r.at,
        due_at: due.legal,
        return_place: format!("Bộ phận Một cửa – {}", input.names.unit(&r.unit)),
        received_by: input.names.officer(&r.by),
        lookup_path: format!("/tra-cuu?ma={}", d.code),
    })
}

/// The supplement request `input.nth` (from 1; the last by default).
pub(super) fn supplement(input: &FormInput<'_>) -> Result<Option<SupplementBody>, NotApplicable> {
    let all = &input.dossier.supplements;
    let n = input.nth.unwrap_or(all.len());
    let Some(s) = n.checked_sub(1).and_then(|i| all.get(i)) else {
        return Err(NotApplicable {
            form: Form::SupplementRequest,
            vi: format!(
                "Hồ sơ có {} lần yêu cầu bổ sung, không có lần thứ {n}.",
                all.len()
            ),
            en: format!(
                "The dossier has {} supplement requests, not a number {n}.",
                all.len()
            ),
        });
    };
    Ok(Some(SupplementBody {
        request_no: n,
        requests: all.len(),
        items: s.items.clone(),
        reason: s.reason.clone(),
        requested_at: s.requested_at,
        requested_by: input.names.officer(&s.requested_by),
        completed_at: s.completed_at,
        due_before: s.due_before,
        due_after: s.due_after,
    }))
}

pub(super) fn refusal(input: &FormInput<'_>) -> Option<RefusalBody> {
    let d = input.dossier;
    let c = d.closure.as_ref()?;
    Some(RefusalBody {
        reason: c.reason.clone().unwrap_or_default(),
        refused_at: c.at,
        refused_by: actor_of(input, "refused"),
        submitted_at: d.submitted_at,
    })
}

pub(super) fn apology(input: &FormInput<'_>) -> Option<ApologyBody> {
    let d = input.dossier;
    let x = d.extension.as_ref()?;
    Some(ApologyBody {
        received_at: d.receipt.as_ref()?.at,
        old_due: x.old_due,
        new_due: x.new_due,
        apology: x.apology.clone(),
        issued_at: x.at,
        issued_by: input.names.officer(&x.by),
    })
}

pub(super) fn stop(input: &FormInput<'_>) -> Option<StopBody> {
    let d = input.dossier;
    let c = d.closure.as_ref()?;
    Some(StopBody {
        reason: c.reason.clone().unwrap_or_default(),
        received_at: d.receipt.as_ref()?.at,
        stopped_at: c.at,
        stopped_by: actor_of(input, "stopped"),
    })
}
