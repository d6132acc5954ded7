//! `/ke-hoach/nhiem-vu/{id}`: one task — text, units, deadline, status, its progress updates
//! with evidence and the reminders sent — and the form with which its lead or a co-operating
//! unit reports progress (POST `/ke-hoach/nhiem-vu/{id}/tien-do`, evidence files included).

use super::access::{ensure_may_report, may_report};
use super::forms::{self, Submitted};
use super::view::UnitNames;
use super::{as_of_param, calendar, labels, parse_item, plan_by_key, task_href};
use crate::auth::Staff;
use crate::error::AppError;
use crate::pages::{Layout, render};
use crate::state::AppState;
use crate::time;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use cchc_domain::plan::{Task, UnitRef};
use cchc_store::plan::StoredPlan;
use cchc_store::plan_evidence::{EvidenceInfo, EvidenceOwner};
use cchc_store::plan_status::task_state;
use serde::Deserialize;

/// Query of the task page.
#[derive(Debug, Default, Deserialize)]
pub struct TaskQuery {
    pub as_of: Option<String>,
    pub done: Option<String>,
}

/// A progress update as listed.
pub struct UpdateRow {
    pub at: String,
    pub unit: String,
    pub actor: String,
    pub note: String,
    pub percent: String,
    pub completed: String,
    pub references: Vec<String>,
    pub files: Vec<EvidenceInfo>,
}

#[derive(Template)]
#[template(path = "plan/task.html")]
struct TaskPage {
    layout: Layout,
    plan_number: String,
    year: i32,
    full_id: String,
    area: String,
    label: String,
    text: String,
    lead: String,
    cooperating: String,
    deadline: String,
    effective: String,
    deadline_given: bool,
    expected: String,
    as_of: String,
    status_label: &'static str,
    status_class: &'static str,
    updates: Vec<UpdateRow>,
    reminders: Vec<String>,
    may_report: bool,
    action: String,
    note: String,
    percent: String,
    completed_on: String,
    evidence: String,
    problems: Vec<String>,
    done: bool,
}

/// The stored plan and the task a path segment names (404 otherwise).
async fn find(state: &AppState, segment: &str) -> Result<(StoredPlan, Task), AppError> {
    let missing = || AppError::not_found("Không có nhiệm vụ này.");
    let (key, local) = parse_item(segment).ok_or_else(missing)?;
    let stored = plan_by_key(state, &key).await?;
    let task = stored
        .plan
        .tasks()
        .find(|t| t.id == local)
        .cloned()
        .ok_or_else(missing)?;
    Ok((stored, task))
}

fn responsible(task: &Task) -> Vec<UnitRef> {
    std::iter::once(task.lead_unit.clone())
        .chain(task.cooperating.iter().cloned())
        .collect()
}

/// What the form shows again after a refused submission.
#[derive(Default)]
struct Draft {
    note: String,
    percent: String,
    completed_on: String,
    evidence: String,
    problems: Vec<String>,
    done: bool,
}

async fn updates(
    state: &AppState,
    full_id: &str,
    names: &UnitNames,
) -> Result<Vec<UpdateRow>, AppError> {
    let mut rows = Vec::new();
    for u in state.store.task_progress(full_id).await? {
        rows.push(UpdateRow {
            at: time::format_ms(u.at_ms),
            unit: names.code(&u.unit),
            actor: u.actor.clone(),
            note: u.note.clone(),
            percent: u.percent.map(|p| format!("{p} %")).unwrap_or_default(),
            completed: u.completed_on.map(time::format_date).unwrap_or_default(),
            references: u.evidence.clone(),
            files: state
                .store
                .evidence_files(EvidenceOwner::Update(u.id))
                .await?,
        });
    }
    Ok(rows)
}

/// The reminders sent for a task, as read.
async fn reminder_lines(state: &AppState, full_id: &str) -> Result<Vec<String>, AppError> {
    Ok(state
        .store
        .plan_reminders()
        .await?
        .into_iter()
        .filter(|r| r.task == full_id)
        .map(|r| {
            let what = match r.kind.working_days() {
                Some(d) => format!("Còn {d} ngày làm việc"),
                None => "Quá hạn".to_owned(),
            };
            format!("{what} — gửi ngày {}", time::format_date(r.reached_on))
        })
        .collect())
}

async fn page(
    state: &AppState,
    staff: &Staff,
    stored: &StoredPlan,
    task: &Task,
    as_of: chrono::NaiveDate,
    draft: Draft,
) -> Result<Response, AppError> {
    let full_id = stored.plan.full_id(&task.id);
    let row = state
        .store
        .plan_task(&full_id)
        .await?
        .ok_or_else(|| AppError::not_found("Không có nhiệm vụ này."))?;
    let st = task_state(&row, as_of, calendar(state))?;
    let units = state.org_units().await?;
    let names = UnitNames::new(&units);
    let reminders = reminder_lines(state, &full_id).await?;
    let on = time::today().min(stored.plan.period().end);
    let status = if draft.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = TaskPage {
        layout: Layout::new(
            &format!("Nhiệm vụ {}", task.id),
            Some(&staff.current),
            "ke-hoach",
        ),
        plan_number: stored.plan.number.clone(),
        year: stored.plan.year,
        area: stored
            .plan
            .area(task.area)
            .map_or_else(String::new, |a| format!("{}. {}", a.code, a.task_title)),
        label: task.label.clone(),
        text: task.text.clone(),
        lead: names.unit_ref(&task.lead_unit),
        cooperating: task
            .cooperating
            .iter()
            .map(|r| names.unit_ref(r))
            .collect::<Vec<_>>()
            .join("; "),
        deadline: time::format_date(task.deadline),
        effective: time::format_date(st.effective_deadline),
        deadline_given: task.deadline_given,
        expected: task.expected_output.clone().unwrap_or_default(),
        as_of: time::format_date(as_of),
        status_label: st.status_vi,
        status_class: labels::task_class(st.status),
        updates: updates(state, &full_id, &names).await?,
        reminders,
        may_report: may_report(staff, &units, &responsible(task), on),
        action: format!("{}/tien-do", task_href(&stored.key, &task.id)),
        full_id,
        note: draft.note,
        percent: draft.percent,
        completed_on: draft.completed_on,
        evidence: draft.evidence,
        problems: draft.problems,
        done: draft.done,
    };
    Ok(render(status, &view))
}

/// GET `/ke-hoach/nhiem-vu/{id}`.
pub async fn get(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<TaskQuery>,
) -> Result<Response, AppError> {
    let (stored, task) = find(&state, &id).await?;
    let as_of = as_of_param(query.as_of.as_deref())?;
    let draft = Draft {
        done: query.done.is_some(),
        ..Draft::default()
    };
    page(&state, &staff, &stored, &task, as_of, draft).await
}

/// POST `/ke-hoach/nhiem-vu/{id}/tien-do`: the lead or a co-operating unit reports progress
/// (a completion day marks the task completed).
pub async fn report(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let (stored, task) = find(&state, &id).await?;
    let units = state.org_units().await?;
    let today = time::today();
    ensure_may_report(
        &staff,
        &units,
        &responsible(&task),
        today.min(stored.plan.period().end),
    )?;
    let form = Submitted::read(&headers, &body)?;
    let mut problems = Vec::new();
    let files = form.evidence_files(&mut problems);
    match forms::progress(&form, &staff.unit, today) {
        Ok(progress) if problems.is_empty() => {
            let full_id = stored.plan.full_id(&task.id);
            let by = &staff.current.user.username;
            state
                .store
                .report_progress_with_files(&full_id, &progress, &files, by)
                .await?;
            let href = task_href(&stored.key, &task.id);
            Ok(Redirect::to(&format!("{href}?done=1")).into_response())
        }
        result => {
            problems.extend(result.err().unwrap_or_default());
            let draft = Draft {
                note: form.get("note").to_owned(),
                percent: form.get("percent").to_owned(),
                completed_on: form.get("completed_on").to_owned(),
                evidence: form.get("evidence").to_owned(),
                problems,
                done: false,
            };
            page(&state, &staff, &stored, &task, today, draft).await
        }
    }
}
