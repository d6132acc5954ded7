//! Actions on a dossier and the context they are applied in (docs/DOMAIN.md § Dossiers).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use cchc_calendar::WorkCalendar;

use super::channel::Channel;
use super::code::DossierCode;
use super::deadline::ProcedureTerms;
use crate::org::UnitCode;

/// Who acts, for which unit, when, and with which working calendar.
#[derive(Debug, Clone, Copy)]
pub struct ActionContext<'a> {
    /// The account acting (an officer, or the applicant for a withdrawal).
    pub actor: &'a str,
    /// The unit the actor acts for.
    pub unit: &'a UnitCode,
    /// Local time, Asia/Ho_Chi_Minh.
    pub at: NaiveDateTime,
    pub calendar: &'a WorkCalendar,
}

/// Reuse of a component (`DuocTaiSuDung`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reuse {
    /// 0 — not reused.
    #[default]
    No,
    /// 1 — reused.
    Yes,
    /// 2 — reused with a replacement result code (`MaKetQuaThayThe`).
    WithResultCode,
}

impl Reuse {
    /// The DVCQG code 0, 1 or 2.
    #[must_use]
    pub const fn code(self) -> u8 {
        match self {
            Reuse::No => 0,
            Reuse::Yes => 1,
            Reuse::WithResultCode => 2,
        }
    }
}

/// One line of the component checklist (thành phần hồ sơ) with its digitisation flags
/// (the portal's fields, docs/DOMAIN.md § National portal data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Component {
    pub name: String,
    /// Number of copies (số bộ).
    pub copies: u32,
    /// Required by the procedure.
    pub required: bool,
    /// Present in the dossier.
    pub provided: bool,
    /// `DuocSoHoa`: flagged as digitised data.
    pub digitised: bool,
    /// `DuocTaiSuDung`.
    pub reuse: Reuse,
    /// `DuocLayTuKhoDMQG`: taken from the personal data store.
    pub from_data_store: bool,
}

impl Component {
    /// A required component, provided, one copy, no flags.
    #[must_use]
    pub fn provided(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            copies: 1,
            required: true,
            provided: true,
            digitised: false,
            reuse: Reuse::No,
            from_data_store: false,
        }
    }
}

/// What the applicant hands in: the code, the checklist and the dossier-level flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intake {
    pub code: DossierCode,
    pub components: Vec<Component>,
    /// `TaiKhoanDuocXacThucVoiVNeID`.
    pub vneid_verified: bool,
    /// `DSKetNoiCSDL[].MaCSDL`: national databases used.
    pub national_databases: Vec<String>,
}

impl Intake {
    /// `HoSoCoThanhPhanSoHoa`: at least one component is flagged as digitised data.
    #[must_use]
    pub fn has_digitised_component(&self) -> bool {
        self.components.iter().any(|c| c.digitised)
    }
}

/// Who a dossier is forwarded to: a unit, or an officer of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignee {
    pub unit: UnitCode,
    pub officer: Option<String>,
}

/// An action on a dossier; serialised as `{"action": "forward", …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Online submission (channel 2): status 1.
    Submit { intake: Intake },
    /// Receipt at the desk (channel 1), by post (3), or of a submitted online dossier (2).
    Receive {
        channel: Channel,
        intake: Intake,
        terms: ProcedureTerms,
    },
    /// Refusal to receive (Mẫu 03); a reason is required.
    Refuse { reason: String },
    /// Supplement request (Mẫu 02).
    RequestSupplement { items: Vec<String>, reason: String },
    /// The applicant completed the supplement.
    Supplement { note: Option<String> },
    /// Hand-over to a unit or officer with the step's budget in working hours.
    Forward { to: Assignee, budget_hours: u32 },
    /// The current holder finished its step (before handing over).
    CompleteStep { note: Option<String> },
    /// Financial obligation (status 6).
    RequestPayment { amount_vnd: u64 },
    /// Payment received; `online` through a payment platform.
    Pay { online: bool },
    /// Apology and new return date (Mẫu 04).
    ProposeExtension {
        apology: String,
        new_due: NaiveDateTime,
    },
    /// Stop processing (Thông báo dừng).
    Stop { reason: String },
    /// Withdrawal by the applicant.
    Withdraw { reason: Option<String> },
    /// The result is ready.
    Finish {
        result_codes: Vec<String>,
        files: Vec<String>,
        electronic: bool,
    },
    /// The result went back to the applicant.
    Return { channel: Channel, at: NaiveDateTime },
}

/// The kind of an action, without its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Submit,
    Receive,
    Refuse,
    RequestSupplement,
    Supplement,
    Forward,
    CompleteStep,
    RequestPayment,
    Pay,
    ProposeExtension,
    Stop,
    Withdraw,
    Finish,
    Return,
}

crate::from_str_by_name!(ActionKind, "thao tác");

impl Action {
    /// The kind of this action.
    #[must_use]
    pub const fn kind(&self) -> ActionKind {
        match self {
            Action::Submit { .. } => ActionKind::Submit,
            Action::Receive { .. } => ActionKind::Receive,
            Action::Refuse { .. } => ActionKind::Refuse,
            Action::RequestSupplement { .. } => ActionKind::RequestSupplement,
            Action::Supplement { .. } => ActionKind::Supplement,
            Action::Forward { .. } => ActionKind::Forward,
            Action::CompleteStep { .. } => ActionKind::CompleteStep,
            Action::RequestPayment { .. } => ActionKind::RequestPayment,
            Action::Pay { .. } => ActionKind::Pay,
            Action::ProposeExtension { .. } => ActionKind::ProposeExtension,
            Action::Stop { .. } => ActionKind::Stop,
            Action::Withdraw { .. } => ActionKind::Withdraw,
            Action::Finish { .. } => ActionKind::Finish,
            Action::Return { .. } => ActionKind::Return,
        }
    }
}

impl ActionKind {
    /// Every kind, in lifecycle order.
    pub const ALL: [ActionKind; 14] = [
        ActionKind::Submit,
        ActionKind::Receive,
        ActionKind::Refuse,
        ActionKind::RequestSupplement,
        ActionKind::Supplement,
        ActionKind::Forward,
        ActionKind::CompleteStep,
        ActionKind::RequestPayment,
        ActionKind::Pay,
        ActionKind::ProposeExtension,
        ActionKind::Stop,
        ActionKind::Withdraw,
        ActionKind::Finish,
        ActionKind::Return,
    ];

    /// The stable name (as in the API's `"action"` field).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ActionKind::Submit => "submit",
            ActionKind::Receive => "receive",
            ActionKind::Refuse => "refuse",
            ActionKind::RequestSupplement => "request_supplement",
            ActionKind::Supplement => "supplement",
            ActionKind::Forward => "forward",
            ActionKind::CompleteStep => "complete_step",
            ActionKind::RequestPayment => "request_payment",
            ActionKind::Pay => "pay",
            ActionKind::ProposeExtension => "propose_extension",
            ActionKind::Stop => "stop",
            ActionKind::Withdraw => "withdraw",
            ActionKind::Finish => "finish",
            ActionKind::Return => "return",
        }
    }

    /// What the action does, as a Vietnamese verb phrase.
    #[must_use]
    pub const fn label_vi(self) -> &'static str {
        match self {
            ActionKind::Submit => "nộp hồ sơ trực tuyến",
            ActionKind::Receive => "tiếp nhận hồ sơ",
            ActionKind::Refuse => "từ chối tiếp nhận hồ sơ",
            ActionKind::RequestSupplement => "yêu cầu bổ sung hồ sơ",
            ActionKind::Supplement => "ghi nhận bổ sung hồ sơ",
            ActionKind::Forward => "chuyển xử lý hồ sơ",
            ActionKind::CompleteStep => "hoàn thành bước xử lý",
            ActionKind::RequestPayment => "yêu cầu thực hiện nghĩa vụ tài chính",
            ActionKind::Pay => "ghi nhận thanh toán",
            ActionKind::ProposeExtension => "xin lỗi và hẹn lại ngày trả kết quả",
            ActionKind::Stop => "dừng xử lý hồ sơ",
            ActionKind::Withdraw => "rút hồ sơ",
            ActionKind::Finish => "hoàn thành xử lý hồ sơ",
            ActionKind::Return => "trả kết quả",
        }
    }

    /// What the action does, as an English verb phrase.
    #[must_use]
    pub const fn label_en(self) -> &'static str {
        match self {
            ActionKind::Submit => "submit the dossier online",
            ActionKind::Receive => "receive the dossier",
            ActionKind::Refuse => "refuse the dossier",
            ActionKind::RequestSupplement => "request a supplement",
            ActionKind::Supplement => "record the supplement",
            ActionKind::Forward => "forward the dossier",
            ActionKind::CompleteStep => "complete the current step",
            ActionKind::RequestPayment => "request payment",
            ActionKind::Pay => "record the payment",
            ActionKind::ProposeExtension => "apologise and propose a new return date",
            ActionKind::Stop => "stop processing",
            ActionKind::Withdraw => "withdraw the dossier",
            ActionKind::Finish => "finish the dossier",
            ActionKind::Return => "return the result",
        }
    }
}

#[cfg(test)]
mod name_tests {
    use super::ActionKind;

    #[test]
    fn names_are_the_json_names_and_parse_back() {
        for kind in ActionKind::ALL {
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json.as_str(), Some(kind.as_str()));
            assert_eq!(kind.as_str().parse::<ActionKind>(), Ok(kind));
        }
        assert!("approve".parse::<ActionKind>().is_err());
    }
}
