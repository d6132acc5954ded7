//! `/ke-hoach/nhiem-vu?year=&as_of=&unit=&status=&page=`: the task board — tasks by unit
//! and by status in the national taxonomy (đã hoàn thành đúng hạn / quá hạn; chưa hoàn
//! thành trong hạn / quá hạn), filtered by a unit (lead or co-operating) and a status.

use super::labels::{self, TASK_STATUSES};
use super::view::UnitNames;
use super::{PlanQuery, load, selection_query, task_href};
use crate::auth::Staff;
use crate::error::AppError;
use crate::pages::{Layout, ok};
use crate::state::AppState;
use crate::time;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cchc_domain::plan::Plan;
use cchc_domain::plan::status::TaskStatus;
use cchc_store::plan_status::{TaskState, TaskSummary};
use serde::Deserialize;

/// Tasks per page.
const PER_PAGE: usize = 50;

/// Query of the board.
#[derive(Debug, Default, Deserialize)]
pub struct BoardQuery {
    pub year: Option<String>,
    pub as_of: Option<String>,
    pub unit: Option<String>,
    pub status: Option<String>,
    pub page: Option<String>,
}

/// One task as listed.
pub struct TaskRow {
    pub href: String,
    pub id: String,
    pub area: u8,
    pub label: String,
    pub text: String,
    pub lead: String,
    pub deadline: String,
    pub completed: String,
    pub status_label: &'static str,
    pub status_class: &'static str,
    pub status_code: &'static str,
}

/// One unit's counts by status.
pub struct UnitRow {
    pub code: String,
    pub name: String,
    pub counts: [usize; 4],
    pub total: usize,
}

#[derive(Template)]
#[template(path = "plan/board.html")]
struct BoardPage {
    layout: Layout,
    number: String,
    year: i32,
    years: Vec<(i32, bool)>,
    as_of: String,
    query: String,
    unit: String,
    status: String,
    units: Vec<(String, String)>,
    statuses: Vec<(&'static str, &'static str)>,
    summary: TaskSummary,
    overdue_share: String,
    by_unit: Vec<UnitRow>,
    rows: Vec<TaskRow>,
    total: usize,
    page: usize,
    pages: usize,
    prev_href: Option<String>,
    next_href: Option<String>,
}

/// The units a task involves: its lead and co-operating units (codes or groups).
fn involved(plan: &Plan, task: &TaskState) -> Vec<String> {
    let mut out = vec![task.lead_unit.clone()];
    if let Some(t) = plan.tasks().find(|t| t.id == task.id) {
        out.extend(t.cooperating.iter().map(ToString::to_string));
    }
    out
}

fn status_param(text: Option<&str>) -> Result<Option<TaskStatus>, AppError> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(code) => TASK_STATUSES
            .iter()
            .find(|(_, c)| *c == code)
            .map(|(s, _)| Some(*s))
            .ok_or_else(|| AppError::bad_request("invalid_status", "Trạng thái không hợp lệ.")),
    }
}

fn page_param(text: Option<&str>) -> Result<usize, AppError> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(1),
        Some(s) => s
            .parse::<usize>()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| AppError::bad_request("invalid_page", "Số trang không hợp lệ.")),
    }
}

/// The counts by lead unit, units with overdue tasks first.
fn by_unit(tasks: &[&TaskState], names: &UnitNames) -> Vec<UnitRow> {
    let mut rows: Vec<UnitRow> = Vec::new();
    for t in tasks {
        let i = TASK_STATUSES
            .iter()
            .position(|(s, _)| *s == t.status)
            .unwrap_or(0);
        match rows.iter_mut().find(|r| r.code == t.lead_unit) {
            Some(r) => {
                r.counts[i] += 1;
                r.total += 1;
            }
            None => {
                let mut counts = [0; 4];
                counts[i] = 1;
                rows.push(UnitRow {
                    code: t.lead_unit.clone(),
                    name: names.code(&t.lead_unit),
                    counts,
                    total: 1,
                });
            }
        }
    }
    rows.sort_by(|a, b| {
        b.counts[3]
            .cmp(&a.counts[3])
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

/// Every unit the tasks involve as (code, name), by name.
fn unit_options(plan: &Plan, tasks: &[TaskState], names: &UnitNames) -> Vec<(String, String)> {
    let mut units: Vec<(String, String)> = Vec::new();
    for t in tasks {
        for u in involved(plan, t) {
            if !units.iter().any(|(_, c)| *c == u) {
                units.push((names.code(&u), u));
            }
        }
    }
    units.sort();
    units.into_iter().map(|(name, code)| (code, name)).collect()
}

fn row(plan: &Plan, key: &str, t: &TaskState, names: &UnitNames) -> TaskRow {
    let text = plan
        .tasks()
        .find(|x| x.id == t.id)
        .map(|x| x.text.clone())
        .unwrap_or_default();
    TaskRow {
        href: task_href(key, &t.id),
        id: t.id.clone(),
        area: t.area,
        label: t.label.clone(),
        text,
        lead: names.code(&t.lead_unit),
        deadline: time::format_date(t.effective_deadline),
        completed: t.completed_on.map(time::format_date).unwrap_or_default(),
        status_label: t.status_vi,
        status_class: labels::task_class(t.status),
        status_code: labels::task_code(t.status),
    }
}

/// GET `/ke-hoach/nhiem-vu`.
pub async fn get(
    staff: Staff,
    State(state): State<AppState>,
    Query(query): Query<BoardQuery>,
) -> Result<Response, AppError> {
    let status = status_param(query.status.as_deref())?;
    let page = page_param(query.page.as_deref())?;
    let unit = query
        .unit
        .as_deref()
        .map(str::trim)
        .unwrap_or("")
        .to_owned();
    let plan_query = PlanQuery {
        year: query.year.clone(),
        as_of: query.as_of.clone(),
    };
    let loaded = load(&state, &plan_query).await?;
    let names = UnitNames::new(&state.org_units().await?);
    let plan = &loaded.stored.plan;
    let of_unit: Vec<&TaskState> = loaded
        .status
        .tasks
        .iter()
        .filter(|t| unit.is_empty() || involved(plan, t).contains(&unit))
        .collect();
    let shown: Vec<&TaskState> = of_unit
        .iter()
        .copied()
        .filter(|t| status.is_none_or(|s| t.status == s))
        .collect();
    let pages = shown.len().div_ceil(PER_PAGE).max(1);
    let selection = selection_query(plan.year, query.as_of.as_deref());
    let status_code = status.map(labels::task_code).unwrap_or("");
    let link = |p: usize| {
        let extra = serde_urlencoded::to_string([("unit", unit.as_str()), ("status", status_code)])
            .unwrap_or_default();
        format!("/ke-hoach/nhiem-vu?{selection}&{extra}&page={p}")
    };
    let summary = TaskSummary::of(&of_unit.iter().map(|t| (*t).clone()).collect::<Vec<_>>());
    let view = BoardPage {
        layout: Layout::new("Theo dõi nhiệm vụ", Some(&staff.current), "ke-hoach"),
        number: plan.number.clone(),
        year: plan.year,
        years: super::year_options(&loaded.years, plan.year),
        as_of: time::format_date(loaded.as_of),
        query: selection.clone(),
        statuses: TASK_STATUSES
            .iter()
            .map(|(s, c)| (*c, s.label_vi()))
            .collect(),
        units: unit_options(plan, &loaded.status.tasks, &names),
        overdue_share: labels::number(summary.overdue_share),
        summary,
        by_unit: by_unit(&of_unit, &names),
        rows: shown
            .iter()
            .skip((page - 1) * PER_PAGE)
            .take(PER_PAGE)
            .map(|t| row(plan, &loaded.stored.key, t, &names))
            .collect(),
        total: shown.len(),
        page,
        pages,
        prev_href: (page > 1).then(|| link(page - 1)),
        next_href: (page < pages).then(|| link(page + 1)),
        unit,
        status: status_code.to_owned(),
    };
    Ok(ok(&view))
}
