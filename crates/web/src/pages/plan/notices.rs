//! `/ke-hoach/thong-bao`: the reminder notices (đôn đốc) of the user's unit — those to the
//! unit itself and those to a group its kind belongs to — and marking one read.

use super::task_href;
use crate::auth::Staff;
use crate::error::AppError;
use crate::pages::{Layout, ok};
use crate::state::AppState;
use crate::time;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use cchc_domain::plan::status::ReminderKind;
use cchc_store::plan_remind::Notice;

/// One notice as listed.
pub struct NoticeRow {
    pub id: i64,
    pub kind: &'static str,
    pub message: String,
    pub at: String,
    pub read: bool,
    pub task_href: Option<String>,
}

/// The kind of a notice in Vietnamese (`plan_reminder.before7` → "Còn 7 ngày làm việc").
fn kind_label(kind: &str) -> &'static str {
    let reminder = kind
        .strip_prefix("plan_reminder.")
        .and_then(|k| k.parse::<ReminderKind>().ok());
    match reminder {
        Some(ReminderKind::Before7) => "Còn 7 ngày làm việc",
        Some(ReminderKind::Before3) => "Còn 3 ngày làm việc",
        Some(ReminderKind::Before1) => "Còn 1 ngày làm việc",
        Some(ReminderKind::Overdue) => "Quá hạn",
        None => "Thông báo",
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
    let actor = staff.current.actor();
    let notices = cchc_app::plan::notices::list(&state.app, &actor, false).await?;
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
    let actor = staff.current.actor();
    cchc_app::plan::notices::mark_read(&state.app, &actor, id).await?;
    Ok(Redirect::to("/ke-hoach/thong-bao").into_response())
}
