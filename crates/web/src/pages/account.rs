//! `/account`: who the user is.

use super::{Layout, ok};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;

#[derive(Template)]
#[template(path = "account.html")]
struct Account {
    layout: Layout,
    display_name: String,
    username: String,
    role_label: &'static str,
    unit: String,
}

/// GET `/account`: any signed-in user.
pub async fn get(
    current: CurrentUser,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    let unit = match &current.user.unit_code {
        None => "—".to_owned(),
        Some(code) => match state.store.org_unit_at(code, crate::time::today()).await? {
            Some(u) => format!("{} ({code})", u.name),
            None => code.clone(),
        },
    };
    Ok(ok(&Account {
        layout: Layout::new("Tài khoản", Some(&current), "account"),
        display_name: current.user.display_name.clone(),
        username: current.user.username.clone(),
        role_label: current.role().label_vi(),
        unit,
    }))
}
