//! `/ke-hoach/thong-bao`: the reminder notices (đôn đốc) of the user's unit — those to the
//! unit itself and those to a group its kind belongs to — and marking one read.

use super::access::in_group;
use super::task_href;
use crate::auth::Staff;
use crate::error::AppError;
use crate::pages::{Layout, ok};
use crate::state::AppState;
use crate::time;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use cchc_domain::OrgUnit;
use cchc_domain::plan::{UnitGroup, UnitRef};
use cchc_store::plan_remind::Notice;

/// The unit references whose notices the user reads: the unit, and each group of its kind.
pub fn refs_of(staff: &Staff, units: &[OrgUnit]) -> Vec<String> {
    let mut refs = vec![staff.unit.to_string()];
    let today = time::today();
    let kind = units
        .iter()
        .find(|u| u.code == staff.unit && u.valid_at(today))
        .map(|u| u.kind);
    let groups = [
        UnitGroup::Departments,
        UnitGroup::PublicServiceUnits,
        UnitGroup::Districts,
        UnitGroup::Communes,
    ];
    for g in groups {
        if kind.is_some_and(|k| in_group(k, g)) {
            refs.push(UnitRef::Group(g).to_string());
        }
    }
    refs
}

/// The notices of the user's unit, newest first.
pub async fn for_staff(
    state: &AppState,
    staff: &Staff,
    units: &[OrgUnit],
    unread_only: bool,
) -> Result<Vec<Notice>, AppError> {
    let mut all = Vec::new();
    for r in refs_of(staff, units) {
        all.extend(state.store.unit_notices(&r, unread_only).await?);
    }
    all.sort_by_key(|n| std::cmp::Reverse((n.created_at_ms, n.id)));
    Ok(all)
}

/// One notice as listed.
pub struct NoticeRow {
    pub id: i64,
    pub kind: &'static str,
    pub message: String,
    pub at: String,
    pub read: bool,
    pub task_href: Option<String>,
}

/// The kind of a reminder notice in Vietnamese.
fn kind_label(kind: &str) -> &'static str {
    match kind {
        "plan_reminder.before7" => "Còn 7 ngày làm việc",
        "plan_reminder.before3" => "Còn 3 ngày làm việc",
        "plan_reminder.before1" => "Còn 1 ngày làm việc",
        "plan_reminder.overdue" => "Quá hạn",
        _ => "Thông báo",
    }
}

impl NoticeRow {
    /// The row of `n`.
    pub fn new(n: &Notice) -> Self {
        let task = n
            .entity
            .strip_prefix("plan_task:")
            .and_then(|full| full.split_once('/'))
            .map(|(plan, local)| task_href(plan, local));
        Self {
            id: n.id,
            kind: kind_label(&n.kind),
            message: n.message.clone(),
            at: time::format_ms(n.created_at_ms),
            read: n.read_at_ms.is_some(),
            task_href: task,
        }
    }
}

#[derive(Template)]
#[template(path = "plan/notices.html")]
struct NoticesPage {
    layout: Layout,
    unit: String,
    rows: Vec<NoticeRow>,
}

/// The most notices listed.
const LISTED: usize = 200;

/// GET `/ke-hoach/thong-bao`.
pub async fn get(staff: Staff, State(state): State<AppState>) -> Result<Response, AppError> {
    let units = state.org_units().await?;
    let notices = for_staff(&state, &staff, &units, false).await?;
    let page = NoticesPage {
        layout: Layout::new("Thông báo đôn đốc", Some(&staff.current), "ke-hoach"),
        unit: staff.unit.to_string(),
        rows: notices.iter().take(LISTED).map(NoticeRow::new).collect(),
    };
    Ok(ok(&page))
}

/// POST `/ke-hoach/thong-bao/{id}/da-doc`: marks a notice of the user's unit read.
pub async fn mark_read(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let notice = state
        .store
        .notice(id)
        .await?
        .ok_or_else(|| AppError::not_found("Không có thông báo này."))?;
    let units = state.org_units().await?;
    let mine = notice
        .unit_ref
        .as_ref()
        .is_some_and(|r| refs_of(&staff, &units).contains(r));
    if !mine {
        return Err(AppError::forbidden("Thông báo này gửi đơn vị khác."));
    }
    state
        .store
        .mark_notice_read(id, &staff.current.user.username)
        .await?;
    Ok(Redirect::to("/ke-hoach/thong-bao").into_response())
}
