//! POST `/ke-hoach/gia-tri/{id}/duyet`: the PAR admin (Sở Nội vụ) approves a reported value
//! or returns it to its unit with a reason ([`cchc_app::plan::review`], which also refuses a
//! value the reviewer reported); then back to the page the form was on.

use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use cchc_app::plan::review::{Decision, ReviewRequest};
use cchc_store::plan_values::ValueState;
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
    let request = ReviewRequest {
        value: id,
        decision: form.decision.parse::<Decision>().ok(),
        reason: form.reason,
    };
    let actor = staff.current.actor();
    let reviewed = cchc_app::plan::review::review(&state.app, &actor, &request).await?;
    let done = if reviewed.state == ValueState::Approved {
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
