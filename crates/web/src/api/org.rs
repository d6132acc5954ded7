//! Organisation units: the tree of a unit on a date, and the all-or-nothing CSV import.

use super::CsvBody;
use crate::auth::{Staff, SystemAdmin};
use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use cchc_app::imports::ImportError;
use cchc_domain::UnitCode;
use cchc_domain::org_tree::{TreeNode, tree_at};
use serde::Deserialize;
use serde_json::{Value, json};

/// Query of the tree: `at=YYYY-MM-DD`, default today.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TreeQuery {
    /// The day (YYYY-MM-DD); default: today.
    #[param(format = Date)]
    pub at: Option<String>,
}

/// GET `/api/v1/org-units/{code}/tree`: staff, within their own subtree.
pub async fn tree(
    staff: Staff,
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<TreeQuery>,
) -> Result<Json<TreeNode>, AppError> {
    let at = crate::pages::org::date_param(query.at.as_deref())?;
    let not_found = || AppError::not_found(format!("Không có đơn vị mã {code}."));
    let code = UnitCode::parse(&code).map_err(|_| not_found())?;
    let units = state.org_units().await?;
    if !units.iter().any(|u| u.code == code) {
        return Err(not_found());
    }
    let tree = tree_at(&units, &code, at).ok_or_else(|| {
        AppError::not_found(format!("Đơn vị {code} không có hiệu lực vào ngày {at}."))
    })?;
    staff.ensure_reaches(&units, &code, at)?;
    Ok(Json(tree))
}

/// POST `/api/v1/org-units/import`: system admin; every problem line or nothing written
/// ([`cchc_app::imports::org_units`], which also clears the org-unit cache).
pub async fn import(
    admin: SystemAdmin,
    State(state): State<AppState>,
    CsvBody(csv): CsvBody,
) -> Result<Json<Value>, AppError> {
    let actor = admin.0.actor();
    match cchc_app::imports::org_units(&state.app, &actor, &csv).await {
        Ok(n) => Ok(Json(json!({ "imported": n }))),
        Err(ImportError::Rejected(problems)) => {
            let details: Vec<Value> = problems
                .iter()
                .map(|p| json!({ "line": p.line, "message": p.message }))
                .collect();
            Err(AppError::unprocessable(
                "import_rejected",
                format!(
                    "Tệp có {} lỗi; không có dữ liệu nào được ghi.",
                    problems.len()
                ),
            )
            .with_details(Value::Array(details)))
        }
        Err(ImportError::Failed(err)) => Err(err.into()),
    }
}
