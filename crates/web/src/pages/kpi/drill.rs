//! `/chi-so/{metric}/ho-so?unit=&period=&page=`: the dossiers that cost points of one QĐ 766
//! metric for a unit's subtree and period (late, overdue, no electronic result, not
//! digitised …), with the reason in Vietnamese, latest receipt first, 50 a page, each linking
//! to its dossier page. Staff only, within their subtree; no personal data is shown.

use super::source::{self, Figures, LossRow};
use super::view::{self, MetricView};
use super::{KpiQuery, Selection, format_as_of, href, page_param, staff_selection};
use crate::auth::Staff;
use crate::error::AppError;
use crate::pages::{Layout, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use cchc_app::kpi::drill::drillable;
use cchc_domain::kpi::{Definitions, IndicatorDef, evaluate};
use chrono::NaiveDateTime;

/// Dossiers a page.
pub const PER_PAGE: u32 = 50;

/// One dossier as listed.
pub struct DrillRow {
    pub code: String,
    pub href: String,
    pub procedure: String,
    pub received: String,
    pub due: String,
    pub finished: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "kpi/drill.html")]
struct DrillPage {
    layout: Layout,
    unit_code: String,
    unit_name: String,
    period_label: String,
    as_of: String,
    metric: MetricView,
    rows: Vec<DrillRow>,
    total: String,
    first: u64,
    last: u64,
    page: u32,
    pages: u32,
    prev: Option<String>,
    next: Option<String>,
    back: String,
}

fn when(t: Option<NaiveDateTime>) -> String {
    t.map_or_else(
        || "—".to_owned(),
        |t| t.format("%d/%m/%Y %H:%M").to_string(),
    )
}

fn row(r: &LossRow) -> DrillRow {
    let f = &r.facts;
    DrillRow {
        href: format!("/ho-so/{}", f.code),
        code: f.code.clone(),
        procedure: f.procedure.clone(),
        received: when(f.received_at),
        due: when(f.due_at),
        finished: when(f.finished_at),
        reason: r.reason_vi(),
    }
}

/// The indicator of row `code`: 404 when unknown or without dossiers behind it.
fn drillable_indicator(defs: &Definitions, code: &str) -> Result<IndicatorDef, AppError> {
    let def = defs
        .indicator(code)
        .ok_or_else(|| AppError::not_found("Không có chỉ tiêu với mã này."))?;
    if !drillable(def.measure) {
        return Err(AppError::not_found(
            "Chỉ tiêu này được tính theo thủ tục hành chính hoặc theo số liệu quốc gia nhập tay: \
             không có danh sách hồ sơ.",
        ));
    }
    Ok(def.clone())
}

/// The scoreboard row `code` of the selection.
async fn metric_row(
    state: &AppState,
    defs: &Definitions,
    sel: &Selection,
    code: &str,
) -> Result<MetricView, AppError> {
    let scope = sel.scope();
    let figures = Figures::load(state, &scope).await?;
    let manual = source::entered(state).await?.of(sel.unit(), sel.period);
    let counts = figures.counts(&scope, &sel.window);
    let report = evaluate(defs, sel.unit(), sel.period, &counts, &manual, sel.tier());
    view::scoreboard(defs, &report, None)
        .metrics
        .into_iter()
        .find(|m| m.code == code)
        .ok_or_else(|| AppError::internal("metric row missing from its report"))
}

/// GET `/chi-so/{metric}/ho-so`: 404 for an unknown metric or one without dossiers behind it.
pub async fn get(
    staff: Staff,
    State(state): State<AppState>,
    Path(metric): Path<String>,
    Query(query): Query<KpiQuery>,
) -> Result<Response, AppError> {
    let defs = Definitions::shipped();
    let def = drillable_indicator(&defs, &metric)?;
    let page = page_param(query.page.as_deref())?;
    let (_, sel) = staff_selection(&staff, &state, &query).await?;
    let scope = sel.scope();
    let metric_view = metric_row(&state, &defs, &sel, &def.code).await?;
    let (items, total) =
        source::losses(&state, def.measure, &scope, &sel.window, page, PER_PAGE).await?;
    let pages = u32::try_from(total.div_ceil(u64::from(PER_PAGE)))
        .unwrap_or(u32::MAX)
        .max(1);
    let first = u64::from(page - 1) * u64::from(PER_PAGE) + 1;
    let period_code = sel.period_code();
    let page_href = |p: u32| {
        href(
            &format!("/chi-so/{}/ho-so", def.code),
            &[
                ("unit", sel.unit()),
                ("period", &period_code),
                ("page", &p.to_string()),
            ],
        )
    };
    Ok(ok(&DrillPage {
        layout: Layout::new(
            &format!("Hồ sơ mất điểm — {}", def.name),
            Some(&staff.current),
            "chi-so",
        ),
        unit_code: sel.unit().to_owned(),
        unit_name: sel.tree.name.clone(),
        period_label: sel.period_label(),
        as_of: format_as_of(&sel),
        metric: metric_view,
        last: first + items.len() as u64 - u64::from(!items.is_empty()),
        rows: items.iter().map(row).collect(),
        total: view::count(total),
        first,
        page,
        pages,
        prev: (page > 1).then(|| page_href(page - 1)),
        next: (page < pages).then(|| page_href(page + 1)),
        back: href("/chi-so", &[("unit", sel.unit()), ("period", &period_code)]),
    }))
}
