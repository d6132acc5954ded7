//! `/org`: the organisation tree of the user's unit (or a unit in its subtree) on a date.

use super::{Layout, ok};
use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use crate::time::{format_date, parse_date, today};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cchc_domain::UnitCode;
use cchc_domain::org_tree::{TreeNode, tree_at};
use serde::Deserialize;

/// Deepest indentation the stylesheet draws.
const MAX_DEPTH: usize = 6;

/// One table row of the tree.
pub struct Row {
    pub depth: usize,
    pub code: String,
    pub name: String,
    pub kind: &'static str,
    pub valid: String,
    pub has_children: bool,
}

#[derive(Template)]
#[template(path = "org.html")]
struct OrgPage {
    layout: Layout,
    unit: String,
    at_iso: String,
    at_display: String,
    rows: Vec<Row>,
}

/// Query of `/org`: `at=YYYY-MM-DD` (default today) and `unit=CODE` (default the user's).
#[derive(Debug, Default, Deserialize)]
pub struct OrgQuery {
    pub at: Option<String>,
    pub unit: Option<String>,
}

/// Flattens the tree depth first.
pub fn rows(node: &TreeNode, depth: usize, out: &mut Vec<Row>) {
    let to = node.valid_to.map_or_else(String::new, format_date);
    out.push(Row {
        depth: depth.min(MAX_DEPTH),
        code: node.code.clone(),
        name: node.name.clone(),
        kind: node.kind.label_vi(),
        valid: format!("{} – {to}", format_date(node.valid_from)),
        has_children: !node.children.is_empty(),
    });
    for child in &node.children {
        rows(child, depth + 1, out);
    }
}

/// Reads `at` (default today) as a 400 when malformed.
pub fn date_param(at: Option<&str>) -> Result<chrono::NaiveDate, AppError> {
    match at.filter(|s| !s.is_empty()) {
        None => Ok(today()),
        Some(s) => parse_date(s).ok_or_else(|| {
            AppError::bad_request(
                "invalid_date",
                "Ngày không hợp lệ: dùng định dạng YYYY-MM-DD.",
            )
        }),
    }
}

/// GET `/org`: staff only; a unit outside the user's subtree is a 403.
pub async fn get(
    staff: Staff,
    State(state): State<AppState>,
    Query(query): Query<OrgQuery>,
) -> Result<Response, AppError> {
    let at = date_param(query.at.as_deref())?;
    let unit = match query.unit.as_deref().filter(|s| !s.is_empty()) {
        None => staff.unit.clone(),
        Some(s) => UnitCode::parse(s)
            .map_err(|_| AppError::bad_request("invalid_unit_code", "Mã đơn vị không hợp lệ."))?,
    };
    let units = state.org_units().await?;
    if unit != staff.unit {
        staff.ensure_reaches(&units, &unit, at)?;
    }
    let mut out = Vec::new();
    if let Some(tree) = tree_at(&units, &unit, at) {
        rows(&tree, 0, &mut out);
    }
    Ok(ok(&OrgPage {
        layout: Layout::new("Cơ cấu tổ chức", Some(&staff.current), "org"),
        unit: unit.to_string(),
        at_iso: at.to_string(),
        at_display: format_date(at),
        rows: out,
    }))
}
