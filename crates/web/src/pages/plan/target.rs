//! `/ke-hoach/muc-tieu/{id}`: one target — its text, status, each figure over the year as an
//! SVG with the data behind it (dossier counts, sectors, reported values with their review
//! and evidence) — the form with which a responsible unit reports a value (POST
//! `/ke-hoach/muc-tieu/{id}/bao-cao`, evidence files included), and for the PAR admin the
//! approve / return forms of values awaiting review.

use super::forms::{self, Submitted};
use super::target_data::{FigureView, ValueRow, figures, value_row};
use super::view::UnitNames;
use super::{Loaded, as_of_param, labels, load_plan, parse_item, target_href};
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
use cchc_app::plan::report::ValueForm;
use cchc_app::plan::review::may_review_value;
use cchc_app::{Actor, plan};
use cchc_domain::plan::Target;
use cchc_store::plan::StoredPlan;
use cchc_store::plan_values::ReportedValue;
use serde::Deserialize;

/// Query of the target page.
#[derive(Debug, Default, Deserialize)]
pub struct TargetQuery {
    pub as_of: Option<String>,
    /// Set after a report (`1`) or a review (`approved`, `returned`).
    pub done: Option<String>,
}

/// What the report form shows again after a refused submission.
#[derive(Debug, Default, Clone)]
pub struct Draft {
    pub threshold: String,
    pub period_start: String,
    pub period_end: String,
    pub value: String,
    pub note: String,
    pub evidence: String,
}

#[derive(Template)]
#[template(path = "plan/target.html")]
struct TargetPage {
    layout: Layout,
    plan_key: String,
    plan_number: String,
    year: i32,
    overview_href: String,
    id: String,
    label: String,
    text: String,
    area: String,
    responsible: String,
    baseline: String,
    as_of: String,
    status_label: &'static str,
    status_class: &'static str,
    rule: &'static str,
    /// While the automatic figures are being computed: the sentence saying so.
    computing: Option<String>,
    figures: Vec<FigureView>,
    values: Vec<ValueRow>,
    may_report: bool,
    action: String,
    self_href: String,
    options: Vec<(usize, String)>,
    draft: Draft,
    problems: Vec<String>,
    done: String,
}

/// The plan and target a path segment names, with the target's responsible units (404
/// otherwise).
async fn find(state: &AppState, segment: &str) -> Result<ValueForm, AppError> {
    let (key, local) = parse_item(segment).ok_or_else(plan::unknown_target)?;
    Ok(plan::report::target(&state.app, &key, &local).await?)
}

/// Everything the page shows besides the form state.
struct Shown {
    loaded: Loaded,
    area: Option<u8>,
    target: Target,
    responsible: Vec<cchc_domain::plan::UnitRef>,
}

impl Shown {
    fn new(loaded: Loaded, form: ValueForm) -> Shown {
        Shown {
            loaded,
            area: form.area,
            target: form.target,
            responsible: form.responsible,
        }
    }
}

async fn page(
    state: &AppState,
    staff: &Staff,
    shown: Shown,
    draft: Draft,
    problems: Vec<String>,
    done: String,
) -> Result<Response, AppError> {
    let Shown {
        loaded,
        area,
        target,
        responsible: responsible_units,
    } = shown;
    let actor = staff.current.actor();
    let units = state.org_units().await?;
    let names = UnitNames::new(&units);
    let stored = &loaded.stored;
    let plan = &stored.plan;
    let state_of = loaded
        .status
        .targets
        .iter()
        .find(|t| t.id == target.id)
        .ok_or_else(|| AppError::internal("target without a state"))?;
    let (reported, rows) = reported_values(state, &actor, stored, &target, &names).await?;
    let on = loaded
        .as_of
        .min(plan.period().end)
        .min(state.app.clock.today());
    let options = threshold_options(&target);
    let href = target_href(&stored.key, &target.id);
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = TargetPage {
        layout: Layout::new(
            &format!("Mục tiêu {}", target.id),
            Some(&staff.current),
            "ke-hoach",
        ),
        plan_key: stored.key.clone(),
        plan_number: plan.number.clone(),
        year: plan.year,
        overview_href: format!("/ke-hoach?year={}", plan.year),
        id: target.id.clone(),
        label: target.label.clone(),
        text: target.text.clone(),
        area: area.and_then(|a| plan.area(a)).map_or_else(
            || "Mục tiêu chung".to_owned(),
            |a| format!("{}. {}", a.code, a.title),
        ),
        responsible: if responsible_units.is_empty() {
            "Sở Nội vụ (quản trị CCHC) nhập kết quả các chỉ số".to_owned()
        } else {
            responsible_units
                .iter()
                .map(|r| names.unit_ref(r))
                .collect::<Vec<_>>()
                .join(", ")
        },
        baseline: target
            .baseline
            .map(|b| format!("So với năm {}", b.year))
            .unwrap_or_default(),
        as_of: time::format_date(loaded.as_of),
        status_label: labels::target_status(state_of.status),
        status_class: labels::target_class(state_of.status),
        rule: labels::STATUS_RULE,
        computing: loaded.source.computing(),
        figures: figures(&loaded, &target.thresholds, &state_of.thresholds, &reported),
        values: rows,
        may_report: may_report(&actor, &units, &responsible_units, on),
        action: format!("{href}/bao-cao"),
        self_href: href,
        options,
        draft,
        problems,
        done,
    };
    Ok(render(status, &view))
}

/// The values reported for the target's figures within the plan's year, and their rows with
/// evidence files (with the review forms where `actor` may review).
async fn reported_values(
    state: &AppState,
    actor: &Actor,
    stored: &StoredPlan,
    target: &Target,
    names: &UnitNames,
) -> Result<(Vec<ReportedValue>, Vec<ValueRow>), AppError> {
    let read = plan::read::target_values(&state.app, actor, stored, target).await?;
    let mut reported = Vec::new();
    let mut rows = Vec::new();
    for v in read {
        let reviewable = may_review_value(actor, &v.value);
        rows.push(value_row(
            &v.value,
            &target.thresholds,
            v.files,
            names,
            reviewable,
        ));
        reported.push(v.value);
    }
    Ok((reported, rows))
}

/// The figures a value may be reported for, as the form's choices.
fn threshold_options(target: &Target) -> Vec<(usize, String)> {
    target
        .thresholds
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let what = labels::auto_name(t.indicator.as_str())
                .map_or_else(|| t.indicator.to_string(), str::to_owned);
            let threshold = labels::threshold(t.comparator, t.value, t.unit);
            let label = match labels::tier(t.scope) {
                "" => format!("{what} ({threshold})"),
                tier => format!("{what} — {tier} ({threshold})"),
            };
            (i, label)
        })
        .collect()
}

/// The form's first state: the first figure, the year up to `today`.
fn blank_draft(stored: &StoredPlan, today: chrono::NaiveDate) -> Draft {
    let year = stored.plan.period();
    Draft {
        threshold: "0".into(),
        period_start: year.start.to_string(),
        period_end: today.clamp(year.start, year.end).to_string(),
        ..Draft::default()
    }
}

/// GET `/ke-hoach/muc-tieu/{id}`.
pub async fn get(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<TargetQuery>,
) -> Result<Response, AppError> {
    let form = find(&state, &id).await?;
    let as_of = as_of_param(query.as_of.as_deref())?;
    let draft = blank_draft(&form.stored, state.app.clock.today());
    let loaded = load_plan(&state, form.stored.clone(), as_of, Vec::new()).await?;
    let done = match query.done.as_deref() {
        Some("1") => "Đã gửi số liệu; số liệu được tính khi quản trị CCHC duyệt.",
        Some("approved") => "Đã duyệt số liệu.",
        Some("returned") => "Đã trả lại số liệu cho đơn vị.",
        _ => "",
    };
    let shown = Shown::new(loaded, form);
    page(&state, &staff, shown, draft, Vec::new(), done.into()).await
}

/// POST `/ke-hoach/muc-tieu/{id}/bao-cao`: a responsible unit reports a value (with
/// evidence files); it awaits the PAR admin's review.
pub async fn report(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let (key, local) = parse_item(&id).ok_or_else(plan::unknown_target)?;
    let actor = staff.current.actor();
    let form = plan::report::value_form(&state.app, &actor, &key, &local).await?;
    let submitted = Submitted::read(&headers, body).await?;
    let draft = Draft {
        threshold: submitted.get("threshold").to_owned(),
        period_start: submitted.get("period_start").to_owned(),
        period_end: submitted.get("period_end").to_owned(),
        value: submitted.get("value").to_owned(),
        note: submitted.get("note").to_owned(),
        evidence: submitted.get("evidence").to_owned(),
    };
    let report = forms::value(submitted, &form.stored.key, &form.target.id);
    let err = match plan::report::value(&state.app, &actor, report).await {
        Ok(_) => {
            let href = target_href(&form.stored.key, &form.target.id);
            return Ok(Redirect::to(&format!("{href}?done=1")).into_response());
        }
        Err(err) => err,
    };
    let problems = forms::problems(&err).ok_or(err)?;
    let loaded = load_plan(&state, form.stored.clone(), None, Vec::new()).await?;
    let shown = Shown::new(loaded, form);
    page(&state, &staff, shown, draft, problems, String::new()).await
}
