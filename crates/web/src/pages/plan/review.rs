//! POST `/ke-hoach/gia-tri/{id}/duyet`: the PAR admin (Sở Nội vụ) approves a reported value
//! or returns it to its unit with a reason; then back to the page the form was on.

use super::access::ensure_par_admin;
use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use cchc_store::plan_values::Review;
use serde::Deserialize;

/// The review form.
#[derive(Debug, Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub reason: String,
    /// The page to go back to (a plan page).
    #[serde(default)]
    pub back: String,
}

/// The page to return to: a plan page, else the overview.
fn back_to(back: &str) -> &str {
    let plan_page = back.starts_with("/ke-hoach/") && !back.contains("//") && !back.contains('\\');
    if plan_page { back } else { "/ke-hoach" }
}

/// POST `/ke-hoach/gia-tri/{id}/duyet`.
pub async fn post(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<ReviewForm>,
) -> Result<Response, AppError> {
    ensure_par_admin(&staff)?;
    let review = match form.decision.as_str() {
        "approve" => Review::Approve,
        "return" if form.reason.trim().is_empty() => {
            return Err(AppError::unprocessable(
                "reason_required",
                "Cần ghi lý do khi trả lại số liệu.",
            ));
        }
        "return" => Review::Return(form.reason.trim().to_owned()),
        _ => {
            return Err(AppError::unprocessable(
                "invalid_decision",
                "Chọn Duyệt hoặc Trả lại.",
            ));
        }
    };
    let by = &staff.current.user.username;
    state.store.review_value(id, &review, by).await?;
    let done = if review == Review::Approve {
        "approved"
    } else {
        "returned"
    };
    let back = back_to(&form.back);
    let separator = if back.contains('?') { '&' } else { '?' };
    Ok(Redirect::to(&format!("{back}{separator}done={done}#gia-tri-{id}")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plan_pages_are_returned_to() {
        assert_eq!(
            back_to("/ke-hoach/muc-tieu/KH204-2023~MT~2.a"),
            "/ke-hoach/muc-tieu/KH204-2023~MT~2.a"
        );
        assert_eq!(back_to("https://example.com/"), "/ke-hoach");
        assert_eq!(back_to("/ke-hoach//evil.example"), "/ke-hoach");
        assert_eq!(back_to(""), "/ke-hoach");
    }
}
