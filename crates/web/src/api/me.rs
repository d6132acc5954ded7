//! `GET /api/v1/me`: the caller.

use crate::auth::{CurrentUser, Via};
use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

/// Any signed-in caller (session or token of any scope).
pub async fn get(
    current: CurrentUser,
    State(state): State<AppState>,
) -> Result<Json<Value>, AppError> {
    let user = &current.user;
    let unit = match &user.unit_code {
        None => Value::Null,
        Some(code) => {
            let found = state.store.org_unit_at(code, crate::time::today()).await?;
            json!({ "code": code, "name": found.map(|u| u.name) })
        }
    };
    let auth = match &current.via {
        Via::Session { .. } => json!({ "method": "session", "scope": null }),
        Via::Token { scope } => json!({ "method": "token", "scope": scope }),
    };
    Ok(Json(json!({
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "role_label": user.role.label_vi(),
        "unit": unit,
        "auth": auth,
    })))
}
