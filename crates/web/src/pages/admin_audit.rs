//! `/admin/audit`: the latest audit entries, newest first, paginated (system admin); the
//! whole chain is verified on request (`?verify=1`), since that reads every entry.

use super::{Layout, ok};
use crate::auth::SystemAdmin;
use crate::error::AppError;
use crate::state::AppState;
use crate::time::format_ms;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cchc_store::audit::ChainStatus;
use cchc_store::paging::Page;
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
    /// The verification's outcome, when one was asked for: `Ok(entries)` or `Err(reason)`.
    verified: Option<Result<u64, String>>,
    total: u64,
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
    pub verify: Option<String>,
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
    let verified = match query.verify.as_deref() {
        Some("1") => Some(match state.store.verify_audit().await? {
            ChainStatus::Intact(n) => Ok(n),
            ChainStatus::Broken(link) => Err(format!("mục #{}: {}", link.seq, link.reason)),
        }),
        _ => None,
    };
    let number = u32::try_from(page).unwrap_or(u32::MAX);
    let found = state
        .store
        .audit_page(Page::new(number, PER_PAGE as u32))
        .await?;
    let total = found.total;
    let pages = usize::try_from(total.div_ceil(PER_PAGE as u64))
        .unwrap_or(usize::MAX)
        .max(1);
    let shown = found
        .items
        .iter()
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
        verified,
        total,
        entries: shown,
        page,
        pages,
        prev: (page > 1).then(|| page - 1),
        next: (page < pages).then(|| page + 1),
    }))
}
