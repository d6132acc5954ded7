//! `/chi-so?unit=&period=&rank=&min_sample=`: the officer dashboard of a unit in the
//! viewer's subtree: the QĐ 766 scoreboard with a link from each metric to its dossiers, the
//! monthly trend (SVG), the statistics table of the unit and of each child, and the ranking
//! of the province's units of one kind.

use super::board::{Board, RankAsk, UnitOption, unit_options};
use super::ranking::{RankKind, Ranking, min_sample_param};
use super::source::Figures;
use super::view::{self, Scoreboard, StatsRow, filters};
use super::{
    KpiQuery, Selection, format_as_of, href, period_suggestions, scope_of, staff_selection,
};
use crate::auth::Staff;
use crate::error::AppError;
use crate::pages::{Layout, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cchc_app::kpi::reception::{ReceptionRow, received_by_department};
use cchc_domain::UnitCode;
use cchc_domain::kpi::Stats;
use cchc_domain::org_tree::{TreeNode, tree_at};

#[derive(Template)]
#[template(path = "kpi/dashboard.html")]
struct DashboardPage {
    layout: Layout,
    unit_code: String,
    unit_name: String,
    period_code: String,
    period_label: String,
    as_of: String,
    units: Vec<UnitOption>,
    periods: Vec<(String, String)>,
    board: Scoreboard,
    /// Dossiers of the period (received plus carried over).
    population: u64,
    drill_enabled: bool,
    score_svg: String,
    on_time_svg: String,
    stats: Vec<StatsRow>,
    ranking: Ranking,
    /// A public-administration centre's receptions by competent unit.
    reception: Option<Vec<ReceptionRow>>,
    export_href: String,
}

/// The statistics rows: the subtree's total, then each child's subtree.
pub fn stats_rows(
    figures: &Figures,
    sel: &Selection,
    link: &dyn Fn(&TreeNode) -> Option<String>,
) -> Vec<StatsRow> {
    let row = |node: &TreeNode, total: bool| StatsRow {
        code: node.code.clone(),
        name: node.name.clone(),
        total,
        link: if total { None } else { link(node) },
        stats: Stats::from_counts(
            &node.code,
            sel.period,
            &figures.counts(&scope_of(node), &sel.window),
        ),
    };
    std::iter::once(row(&sel.tree, true))
        .chain(sel.tree.children.iter().map(|c| row(c, false)))
        .collect()
}

/// GET `/chi-so`: staff; a unit outside the viewer's subtree is a 403.
pub async fn get(
    staff: Staff,
    State(state): State<AppState>,
    Query(query): Query<KpiQuery>,
) -> Result<Response, AppError> {
    let (units, sel) = staff_selection(&staff, &state, &query).await?;
    let kind = RankKind::parse(query.rank.as_deref())?;
    let min_sample = min_sample_param(query.min_sample.as_deref())?;
    let period_code = sel.period_code();
    let page_of = |unit: &str, k: RankKind| {
        let params = [("unit", unit), ("period", &period_code), ("rank", k.code())];
        href("/chi-so", &params)
    };
    let reach =
        |c: &str| UnitCode::parse(c).is_ok_and(|c| staff.reaches(&units, &c, sel.period.end));
    let rank = RankAsk {
        kind,
        min_sample,
        unit_link: &|c| reach(c).then(|| page_of(c, kind)),
        kind_link: &|k| page_of(sel.unit(), k),
    };
    let b = Board::load(&state, &units, &sel, &rank, "xu-huong").await?;
    let drill = |metric: &str| {
        let params = [("unit", sel.unit()), ("period", &period_code)];
        href(&format!("/chi-so/{metric}/ho-so"), &params)
    };
    let viewer_tree = tree_at(&units, &staff.unit, sel.period.end);
    let unit_code = UnitCode::parse(sel.unit()).map_err(AppError::internal)?;
    let reception = received_by_department(&state.app, &unit_code, &sel.window).await?;
    Ok(ok(&DashboardPage {
        layout: Layout::new(
            "Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)",
            Some(&staff.current),
            "chi-so",
        ),
        unit_code: sel.unit().to_owned(),
        unit_name: sel.tree.name.clone(),
        period_label: sel.period_label(),
        as_of: format_as_of(&sel),
        units: unit_options(viewer_tree.as_ref(), sel.unit()),
        periods: period_suggestions(sel.window.at().date()),
        board: view::scoreboard(&b.defs, &b.report, Some(&drill)),
        population: b.population,
        drill_enabled: true,
        stats: stats_rows(&b.figures, &sel, &|n| Some(page_of(&n.code, kind))),
        score_svg: b.score_svg,
        on_time_svg: b.on_time_svg,
        ranking: b.ranking,
        reception,
        export_href: href(
            "/chi-so/xuat.xlsx",
            &[("unit", sel.unit()), ("period", &period_code)],
        ),
        period_code,
    }))
}
