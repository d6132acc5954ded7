//! `GET /api/v1/audit/verify`: the state of the audit chain (system admin).

use crate::auth::SystemAdmin;
use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use cchc_store::audit::ChainStatus;
use serde_json::{Value, json};

/// `{"status":"intact","entries":n}` or `{"status":"broken","seq":s,"reason":…}`.
pub async fn verify(
    _admin: SystemAdmin,
    State(state): State<AppState>,
) -> Result<Json<Value>, AppError> {
    Ok(Json(match state.store.verify_audit().await? {
        ChainStatus::Intact(n) => json!({ "status": "intact", "entries": n }),
        ChainStatus::Broken(link) => {
            json!({ "status": "broken", "seq": link.seq, "reason": link.reason })
        }
    }))
}
