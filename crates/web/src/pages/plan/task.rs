//! `/ke-hoach/nhiem-vu/{id}`: one task — text, units, deadline, status, its progress updates
//! with evidence and the reminders sent — and the form with which its lead or a co-operating
//! unit reports progress (POST `/ke-hoach/nhiem-vu/{id}/tien-do`, evidence files included).

use super::forms::{self, Submitted};
use super::view::UnitNames;
use super::{as_of_param, labels, parse_item, task_href};
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
use cchc_app::plan::access::may_report;
use cchc_app::plan::report::ProgressForm;
use cchc_app::{Actor, plan};
use cchc_store::plan_evidence::EvidenceInfo;
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

/// The full id of the task a path segment names (404 when it names none).
fn full_id(segment: &str) -> Result<String, AppError> {
    let (key, local) = parse_item(segment).ok_or_else(plan::unknown_task)?;
    Ok(format!("{key}/{local}"))
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
    actor: &Actor,
    full_id: &str,
    names: &UnitNames,
) -> Result<Vec<UpdateRow>, AppError> {
    let read = plan::read::task_updates(&state.app, actor, full_id).await?;
    Ok(read
        .into_iter()
        .map(|u| {
            let files = u.files;
            let u = u.update;
            UpdateRow {
                at: time::format_ms(u.at_ms),
                unit: names.code(&u.unit),
                actor: u.actor,
                note: u.note,
                percent: u.percent.map(|p| format!("{p} %")).unwrap_or_default(),
                completed: u.completed_on.map(time::format_date).unwrap_or_default(),
                references: u.evidence,
                files,
            }
        })
        .collect())
}

/// The reminders sent for a task, as read.
async fn reminder_lines(
    state: &AppState,
    actor: &Actor,
    full_id: &str,
) -> Result<Vec<String>, AppError> {
    Ok(plan::read::task_reminders(&state.app, actor, full_id)
        .await?
        .into_iter()
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
    form: &ProgressForm,
    as_of: Option<chrono::NaiveDate>,
    draft: Draft,
) -> Result<Response, AppError> {
    let (stored, task) = (&form.stored, &form.task);
    let actor = staff.current.actor();
    let full_id = stored.plan.full_id(&task.id);
    let (_, st) = plan::status::task(&state.app, &full_id, as_of).await?;
    let as_of = as_of.unwrap_or_else(|| state.app.clock.today());
    let units = state.org_units().await?;
    let names = UnitNames::new(&units);
    let reminders = reminder_lines(state, &actor, &full_id).await?;
    let on = state.app.clock.today().min(stored.plan.period().end);
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
        updates: updates(state, &actor, &full_id, &names).await?,
        reminders,
        may_report: may_report(&actor, &units, &form.responsible, on),
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
    let form = plan::report::task(&state.app, &full_id(&id)?).await?;
    let as_of = as_of_param(query.as_of.as_deref())?;
    let draft = Draft {
        done: query.done.is_some(),
        ..Draft::default()
    };
    page(&state, &staff, &form, as_of, draft).await
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
    let actor = staff.current.actor();
    let form = plan::report::progress_form(&state.app, &actor, &full_id(&id)?).await?;
    let submitted = Submitted::read(&headers, body).await?;
    let mut draft = Draft {
        note: submitted.get("note").to_owned(),
        percent: submitted.get("percent").to_owned(),
        completed_on: submitted.get("completed_on").to_owned(),
        evidence: submitted.get("evidence").to_owned(),
        problems: Vec::new(),
        done: false,
    };
    let full_id = form.stored.plan.full_id(&form.task.id);
    let report = forms::progress(submitted, &full_id);
    match plan::report::progress(&state.app, &actor, report).await {
        Ok(_) => {
            let href = task_href(&form.stored.key, &form.task.id);
            Ok(Redirect::to(&format!("{href}?done=1")).into_response())
        }
        Err(err) => {
            draft.problems = forms::problems(&err).ok_or(err)?;
            page(&state, &staff, &form, None, draft).await
        }
    }
}
