//! Accounts: list and create (system admin).

use super::ApiJson;
use crate::accounts::{NewAccount, create as create_account};
use crate::auth::SystemAdmin;
use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use cchc_store::accounts::User;

/// GET `/api/v1/users`.
pub async fn list(
    _admin: SystemAdmin,
    State(state): State<AppState>,
) -> Result<Json<Vec<User>>, AppError> {
    Ok(Json(state.store.users().await?))
}

/// POST `/api/v1/users`: 201 with the new account.
pub async fn create(
    admin: SystemAdmin,
    State(state): State<AppState>,
    ApiJson(new): ApiJson<NewAccount>,
) -> Result<(StatusCode, Json<User>), AppError> {
    let user = create_account(&state.store, new, &admin.0.user.username).await?;
    Ok((StatusCode::CREATED, Json(user)))
}
