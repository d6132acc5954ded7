//! `/admin/audit`: the state of the audit chain and its latest entries, newest first,
//! paginated (system admin).

use super::{Layout, ok};
use crate::auth::SystemAdmin;
use crate::error::AppError;
use crate::state::AppState;
use crate::time::format_ms;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cchc_store::audit::ChainStatus;
use serde::Deserialize;

/// Entries per page.
pub const PER_PAGE: usize = 50;

/// One entry as shown.
pub struct Shown {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub hash: String,
}

#[derive(Template)]
#[template(path = "admin_audit.html")]
struct AuditPage {
    layout: Layout,
    broken: Option<String>,
    total: usize,
    entries: Vec<Shown>,
    page: usize,
    pages: usize,
    prev: Option<usize>,
    next: Option<usize>,
}

/// Query: `page` (1-based).
#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    pub page: Option<String>,
}

/// GET `/admin/audit`.
pub async fn get(
    admin: SystemAdmin,
    State(state): State<AppState>,
    Query(query): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let page: usize = match query.page.as_deref().filter(|s| !s.is_empty()) {
        None => 1,
        Some(s) => s
            .parse()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| AppError::bad_request("invalid_page", "Số trang không hợp lệ."))?,
    };
    let broken = match state.store.verify_audit().await? {
        ChainStatus::Intact(_) => None,
        ChainStatus::Broken(link) => Some(format!("mục #{}: {}", link.seq, link.reason)),
    };
    let entries = state.store.audit_entries().await?;
    let total = entries.len();
    let pages = total.div_ceil(PER_PAGE).max(1);
    let shown = entries
        .iter()
        .rev()
        .skip((page - 1).saturating_mul(PER_PAGE))
        .take(PER_PAGE)
        .map(|e| Shown {
            seq: e.seq,
            at: format_ms(e.at_ms),
            actor: e.actor.clone(),
            action: e.action.clone(),
            entity: e.entity.clone(),
            hash: e.hash.chars().take(12).collect(),
        })
        .collect();
    Ok(ok(&AuditPage {
        layout: Layout::new("Nhật ký hệ thống", Some(&admin.0), "admin-audit"),
        broken,
        total,
        entries: shown,
        page,
        pages,
        prev: (page > 1).then(|| page - 1),
        next: (page < pages).then(|| page + 1),
    }))
}
