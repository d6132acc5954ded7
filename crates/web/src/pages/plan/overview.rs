//! `/ke-hoach?year=&as_of=`: the plan's overview for staff — areas → targets with their
//! status (RAG by the documented rule), current values against thresholds, the VPCP task
//! summary, the unit's unread reminder notices, and for the PAR admin the values awaiting
//! review.

use super::notices::NoticeRow;
use super::view::{AreaView, TargetRow, UnitNames, areas, status_counts};
use super::{Loaded, PlanQuery, labels, load, selection_query, target_href};
use crate::auth::Staff;
use crate::error::AppError;
use crate::pages::{Layout, ok};
use crate::state::AppState;
use crate::time;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cchc_store::plan_status::TaskSummary;
use cchc_store::plan_values::ReportedValue;

/// A value awaiting review, as listed for the PAR admin.
pub struct PendingRow {
    pub target: String,
    pub href: String,
    pub what: String,
    pub period: String,
    pub value: String,
    pub unit: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "plan/overview.html")]
struct OverviewPage {
    layout: Layout,
    number: String,
    title: String,
    date: String,
    issuer: String,
    years: Vec<(i32, bool)>,
    as_of: String,
    as_of_value: String,
    query: String,
    counts: [usize; 5],
    summary: TaskSummary,
    overdue_share: String,
    goals: Vec<TargetRow>,
    areas: Vec<AreaView>,
    rule: &'static str,
    /// While the automatic figures are being computed: the sentence saying so.
    computing: Option<String>,
    pending: Option<Vec<PendingRow>>,
    notices: Vec<NoticeRow>,
}

/// The pending row of `v`, linked to the first target measured by its indicator and tier.
fn pending_row(loaded: &Loaded, names: &UnitNames, v: &ReportedValue) -> PendingRow {
    let plan = &loaded.stored.plan;
    let target = plan.headline.goals.iter().chain(plan.targets()).find(|t| {
        t.thresholds
            .iter()
            .any(|th| th.indicator == v.indicator && th.scope == v.tier)
    });
    let unit = target
        .and_then(|t| t.thresholds.first())
        .map_or(cchc_domain::plan::MeasureUnit::Percent, |t| t.unit);
    let id = v.indicator.as_str();
    let tier = labels::tier(v.tier);
    PendingRow {
        target: target.map_or_else(|| "—".into(), |t| t.id.clone()),
        href: target.map_or_else(String::new, |t| target_href(&loaded.stored.key, &t.id)),
        what: match tier {
            "" => id.to_owned(),
            t => format!("{id} ({t})"),
        },
        period: format!(
            "{} – {}",
            time::format_date(v.period_start),
            time::format_date(v.period_end)
        ),
        value: labels::value(Some(v.value), unit),
        unit: names.code(&v.reporting_unit),
        at: time::format_ms(v.reported_at_ms),
    }
}

/// GET `/ke-hoach`.
pub async fn get(
    staff: Staff,
    State(state): State<AppState>,
    Query(query): Query<PlanQuery>,
) -> Result<Response, AppError> {
    let loaded = load(&state, &query).await?;
    let units = state.org_units().await?;
    let names = UnitNames::new(&units);
    let plan = &loaded.stored.plan;
    let actor = staff.current.actor();
    let pending = if cchc_app::plan::access::may_review(&actor) {
        let values = cchc_app::plan::review::pending(&state.app, &actor, plan.period()).await?;
        Some(
            values
                .iter()
                .map(|v| pending_row(&loaded, &names, v))
                .collect(),
        )
    } else {
        None
    };
    let notices = cchc_app::plan::notices::list(&state.app, &actor, true).await?;
    let (goals, areas) = areas(&loaded, &names);
    let summary = loaded.status.summary;
    let page = OverviewPage {
        layout: Layout::new(
            &format!("Kế hoạch CCHC năm {}", plan.year),
            Some(&staff.current),
            "ke-hoach",
        ),
        number: plan.number.clone(),
        title: plan.title.clone(),
        date: time::format_date(plan.date),
        issuer: plan.issuer_name.clone(),
        years: super::year_options(&loaded.years, plan.year),
        as_of: time::format_date(loaded.as_of),
        as_of_value: query.as_of.clone().unwrap_or_default(),
        query: selection_query(plan.year, query.as_of.as_deref()),
        counts: status_counts(&loaded),
        overdue_share: labels::number(summary.overdue_share),
        summary,
        goals,
        areas,
        rule: labels::STATUS_RULE,
        computing: loaded.source.computing(),
        pending,
        notices: notices.iter().take(5).map(NoticeRow::new).collect(),
    };
    Ok(ok(&page))
}
