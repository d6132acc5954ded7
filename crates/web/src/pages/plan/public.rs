//! `/cong-khai/ke-hoach?year=`: the public accountability page — the plan's targets with
//! their current values and statuses, and every task with its lead unit, deadline and
//! status. No login; no personal data (no names of people, no notes, no evidence). Printable.

use super::board::TaskRow;
use super::labels;
use super::view::{AreaView, TargetRow, UnitNames, areas, status_counts};
use super::{PlanQuery, load};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::pages::{Layout, ok};
use crate::state::AppState;
use crate::time;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cchc_store::plan_status::TaskSummary;

#[derive(Template)]
#[template(path = "plan/public.html")]
struct PublicPage {
    layout: Layout,
    number: String,
    title: String,
    date: String,
    issuer: String,
    year: i32,
    years: Vec<(i32, bool)>,
    as_of: String,
    counts: [usize; 5],
    summary: TaskSummary,
    overdue_share: String,
    goals: Vec<TargetRow>,
    areas: Vec<AreaView>,
    rule: &'static str,
    /// While the automatic figures are being computed: the sentence saying so.
    computing: Option<String>,
    tasks: Vec<TaskRow>,
}

/// GET `/cong-khai/ke-hoach`: open to everyone.
pub async fn get(
    current: Option<CurrentUser>,
    State(state): State<AppState>,
    Query(query): Query<PlanQuery>,
) -> Result<Response, AppError> {
    let loaded = load(&state, &query).await?;
    let names = UnitNames::new(&state.org_units().await?);
    let plan = &loaded.stored.plan;
    let (goals, areas) = areas(&loaded, &names);
    let tasks = loaded
        .status
        .tasks
        .iter()
        .map(|t| TaskRow {
            href: String::new(),
            id: t.id.clone(),
            area: t.area,
            label: t.label.clone(),
            text: plan
                .tasks()
                .find(|x| x.id == t.id)
                .map(|x| x.text.clone())
                .unwrap_or_default(),
            lead: names.code(&t.lead_unit),
            deadline: time::format_date(t.effective_deadline),
            completed: t.completed_on.map(time::format_date).unwrap_or_default(),
            status_label: t.status_vi,
            status_class: labels::task_class(t.status),
            status_code: labels::task_code(t.status),
        })
        .collect();
    let summary = loaded.status.summary;
    let page = PublicPage {
        layout: Layout::new(
            &format!(
                "Công khai kết quả thực hiện Kế hoạch CCHC năm {}",
                plan.year
            ),
            current.as_ref(),
            "",
        ),
        number: plan.number.clone(),
        title: plan.title.clone(),
        date: time::format_date(plan.date),
        issuer: plan.issuer_name.clone(),
        year: plan.year,
        years: super::year_options(&loaded.years, plan.year),
        as_of: time::format_date(loaded.as_of),
        counts: status_counts(&loaded),
        overdue_share: labels::number(summary.overdue_share),
        summary,
        goals,
        areas,
        rule: labels::STATUS_RULE,
        computing: loaded.source.computing(),
        tasks,
    };
    Ok(ok(&page))
}
