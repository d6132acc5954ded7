//! Why an action was refused, in a Vietnamese and an English sentence (answered with HTTP 409).

use serde::Serialize;

use cchc_calendar::CalendarError;

use super::action::ActionKind;
use super::status::Status;

/// What kind of rule refused the action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalKind {
    /// The action is not allowed in the dossier's status.
    NotAllowed,
    /// A required field is missing or malformed.
    Invalid,
    /// A business rule forbids it now (a second extension, a late extension, …).
    Rule,
    /// The working calendar cannot compute the deadline (a date outside its range).
    Calendar,
}

/// A refused action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{en}")]
pub struct Refusal {
    pub kind: RefusalKind,
    /// The sentence in Vietnamese.
    pub vi: String,
    /// The sentence in English.
    pub en: String,
}

impl Refusal {
    /// A missing or malformed input.
    pub(crate) fn invalid(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            kind: RefusalKind::Invalid,
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// A business rule.
    pub(crate) fn rule(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            kind: RefusalKind::Rule,
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// A calendar failure.
    pub(crate) fn calendar(e: &CalendarError) -> Self {
        Self {
            kind: RefusalKind::Calendar,
            vi: format!("Không tính được thời hạn giải quyết: {e}."),
            en: format!("The deadline cannot be computed: {e}."),
        }
    }

    /// `action` is not allowed in `status` (`None`: no dossier yet); names what is allowed.
    pub(crate) fn not_allowed(status: Option<Status>, action: ActionKind) -> Self {
        let allowed = super::machine::allowed_actions(status);
        let (vi_state, en_state) = match status {
            Some(s) => (
                format!("hồ sơ đang ở trạng thái “{}” ({})", s.label_vi(), s.code()),
                format!(
                    "the dossier is {} (status {} {})",
                    s.label_en(),
                    s.code(),
                    s.dvcqg_code()
                ),
            ),
            None => (
                "hồ sơ chưa được nộp hoặc tiếp nhận".to_owned(),
                "no dossier has been submitted or received yet".to_owned(),
            ),
        };
        let (vi_next, en_next) = if allowed.is_empty() {
            (
                "Hồ sơ đã kết thúc, không còn thao tác nào.".to_owned(),
                "The dossier is closed; no action is possible.".to_owned(),
            )
        } else {
            let vi: Vec<&str> = allowed.iter().map(|a| a.label_vi()).collect();
            let en: Vec<&str> = allowed.iter().map(|a| a.label_en()).collect();
            (
                format!("Thao tác được phép: {}.", vi.join("; ")),
                format!("Allowed now: {}.", en.join("; ")),
            )
        };
        Self {
            kind: RefusalKind::NotAllowed,
            vi: format!("Không thể {} vì {vi_state}. {vi_next}", action.label_vi()),
            en: format!("Cannot {}: {en_state}. {en_next}", action.label_en()),
        }
    }

    /// A blank required text field.
    pub(crate) fn blank(vi_field: &str, en_field: &str) -> Self {
        Self::invalid(
            format!("Chưa nhập {vi_field}."),
            format!("The {en_field} is required."),
        )
    }
}

/// `Err(blank)` when `s` is empty or only spaces.
pub(crate) fn require_text(s: &str, vi_field: &str, en_field: &str) -> Result<(), Refusal> {
    if s.trim().is_empty() {
        return Err(Refusal::blank(vi_field, en_field));
    }
    Ok(())
}
