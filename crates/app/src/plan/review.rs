//! The PAR admin's review of reported values: approve one, or return it to its unit with the
//! reason; the values awaiting review. Nobody approves or returns a value they reported
//! themselves ([`access::ensure_not_own_report`]).

use super::access::{self, ensure_may_review, ensure_not_own_report};
use crate::{Actor, App, Error, FieldError};
use cchc_domain::plan::Period;
use cchc_store::StoreError;
use cchc_store::plan_values::{ReportedValue, Review, ValueState};
use serde_json::json;

/// The most characters of a reason for returning a value.
pub const MAX_REASON: usize = 2000;

/// What the reviewer decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    /// Return to the unit, with a reason.
    Return,
}

impl Decision {
    /// Both decisions.
    pub const ALL: [Decision; 2] = [Decision::Approve, Decision::Return];

    /// The name a form or a command gives it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Return => "return",
        }
    }
}

cchc_domain::from_str_by_name!(Decision, "quyết định");

/// A review as a door read it: the decision (`None` when none was chosen) and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRequest {
    /// The reported value's id.
    pub value: i64,
    pub decision: Option<Decision>,
    pub reason: String,
}

/// The review a request asks for, checked.
fn review_of(request: &ReviewRequest) -> Result<Review, Error> {
    let reason = request.reason.trim();
    match request.decision {
        None => Err(Error::invalid_field(
            "Chọn Duyệt hoặc Trả lại.",
            "decision",
            "approve | return",
        )),
        Some(Decision::Approve) => Ok(Review::Approve),
        Some(Decision::Return) if reason.is_empty() => Err(Error::Invalid {
            message: "Cần ghi lý do khi trả lại số liệu.".to_owned(),
            fields: vec![FieldError::new("reason", "bắt buộc")],
        }),
        Some(Decision::Return) if reason.chars().count() > MAX_REASON => Err(Error::Invalid {
            message: "Lý do trả lại không quá 2.000 ký tự.".to_owned(),
            fields: vec![FieldError::new("reason", "tối đa 2.000 ký tự")],
        }),
        Some(Decision::Return) => Ok(Review::Return(reason.to_owned())),
    }
}

/// 404 for a value nobody reported.
fn unknown_value(id: i64) -> Error {
    Error::not_found(format!("Không có số liệu báo cáo mã {id}."))
}

/// 409 for a value already approved or returned.
fn already_reviewed(id: i64, state: ValueState) -> Error {
    let done = match state {
        ValueState::Approved => "đã được duyệt",
        ValueState::Returned => "đã được trả lại",
        ValueState::Submitted => "đang được xét",
    };
    Error::Conflict {
        code: "already_reviewed",
        message: format!("Số liệu báo cáo mã {id} {done}."),
        details: json!({ "value": id, "state": state.as_str() }),
    }
}

/// Approves or returns a submitted value as `actor`: the PAR admin, on a value they did not
/// report. Returns the value as reviewed.
pub async fn review(
    app: &App,
    actor: &Actor,
    request: &ReviewRequest,
) -> Result<ReportedValue, Error> {
    ensure_may_review(actor)?;
    let review = review_of(request)?;
    let id = request.value;
    let value = app
        .store
        .indicator_value(id)
        .await?
        .ok_or_else(|| unknown_value(id))?;
    ensure_not_own_report(actor, &value)?;
    if value.state != ValueState::Submitted {
        return Err(already_reviewed(id, value.state));
    }
    match app.store.review_value(id, &review, &actor.username).await {
        // Reviewed by someone else since it was read.
        Err(StoreError::Conflict(_)) => {
            let now = app.store.indicator_value(id).await?;
            Err(already_reviewed(id, now.map_or(value.state, |v| v.state)))
        }
        other => Ok(other?),
    }
}

/// The values awaiting review whose periods lie within `within`, oldest report first: what
/// the PAR admin is shown.
pub async fn pending(
    app: &App,
    actor: &Actor,
    within: Period,
) -> Result<Vec<ReportedValue>, Error> {
    ensure_may_review(actor)?;
    Ok(app.store.submitted_values(within).await?)
}

/// Whether `actor` may review `value` now: the PAR admin, a value awaiting review, not their
/// own report (pages offer the review forms on that).
pub fn may_review_value(actor: &Actor, value: &ReportedValue) -> bool {
    access::may_review(actor)
        && value.state == ValueState::Submitted
        && !access::is_own_report(actor, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(decision: Option<Decision>, reason: &str) -> ReviewRequest {
        ReviewRequest {
            value: 1,
            decision,
            reason: reason.to_owned(),
        }
    }

    #[test]
    fn a_return_needs_a_reason_and_a_decision_must_be_chosen() {
        assert_eq!("return".parse::<Decision>(), Ok(Decision::Return));
        assert!("duyet".parse::<Decision>().is_err());
        assert_eq!(
            review_of(&request(Some(Decision::Approve), "")),
            Ok(Review::Approve)
        );
        assert_eq!(
            review_of(&request(Some(Decision::Return), " Thiếu minh chứng ")),
            Ok(Review::Return("Thiếu minh chứng".into()))
        );
        for bad in [
            request(None, "x"),
            request(Some(Decision::Return), " \n"),
            request(Some(Decision::Return), &"x".repeat(MAX_REASON + 1)),
        ] {
            assert!(
                matches!(review_of(&bad), Err(Error::Invalid { .. })),
                "{bad:?}"
            );
        }
    }
}
