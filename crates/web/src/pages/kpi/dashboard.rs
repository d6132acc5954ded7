//! `/chi-so?unit=&period=&rank=&min_sample=`: the officer dashboard of a unit in the
//! viewer's subtree: the QĐ 766 scoreboard with a link from each metric to its dossiers, the
//! monthly trend (SVG), the statistics table of the unit and of each child, and the ranking
//! of the province's units of one kind.

use super::ranking::{self, RankKind, Ranking, min_sample_param};
use super::source::{self, Figures};
use super::view::{self, Scoreboard, StatsRow, filters};
use super::{KpiQuery, Selection, now, period_suggestions, scope_of, trend};
use crate::auth::Staff;
use crate::error::AppError;
use crate::pages::{Layout, ok};
use crate::state::AppState;
use crate::time::format_date;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cchc_domain::kpi::{Definitions, Stats, evaluate};
use cchc_domain::org_tree::{TreeNode, tree_at};
use cchc_domain::{OrgUnit, UnitCode};

/// A choice of the unit selector.
pub struct UnitOption {
    pub code: String,
    pub label: String,
    pub selected: bool,
}

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
    export_href: String,
}

/// A link to a page of this section with `unit` and `period`.
pub fn href(path: &str, params: &[(&str, &str)]) -> String {
    let query = serde_urlencoded::to_string(params).unwrap_or_default();
    format!("{path}?{query}")
}

/// The units of the viewer's subtree, indented by depth, for the selector.
pub fn unit_options(node: Option<&TreeNode>, selected: &str) -> Vec<UnitOption> {
    fn walk(n: &TreeNode, depth: usize, selected: &str, out: &mut Vec<UnitOption>) {
        out.push(UnitOption {
            code: n.code.clone(),
            label: format!("{}{}", "— ".repeat(depth), n.name),
            selected: n.code == selected,
        });
        for c in &n.children {
            walk(c, depth + 1, selected, out);
        }
    }
    let mut out = Vec::new();
    if let Some(n) = node {
        walk(n, 0, selected, &mut out);
    }
    out
}

/// The province (first segment of the code) of a unit, in force at `at`.
pub fn province_tree(units: &[OrgUnit], unit: &str, at: chrono::NaiveDate) -> Option<TreeNode> {
    let code = UnitCode::parse(unit.split('.').next().unwrap_or(unit)).ok()?;
    tree_at(units, &code, at)
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
    let units = state.store.org_units().await?;
    let sel = Selection::resolve(&units, &query, &staff.unit, now())?;
    let rank_kind = RankKind::parse(query.rank.as_deref())?;
    let min_sample = min_sample_param(query.min_sample.as_deref())?;
    let code = UnitCode::parse(sel.unit()).map_err(AppError::internal)?;
    if code != staff.unit {
        staff.ensure_reaches(&units, &code, sel.period.end)?;
    }
    let province = province_tree(&units, sel.unit(), sel.period.end).unwrap_or(sel.tree.clone());
    let figures = Figures::load(&state, &scope_of(&province)).await?;
    let defs = Definitions::shipped();
    let manual = source::manual_values(&state);
    let period_code = sel.period_code();
    let page_of = |unit: &str| {
        href(
            "/chi-so",
            &[
                ("unit", unit),
                ("period", &period_code),
                ("rank", rank_kind.code()),
            ],
        )
    };
    let counts = figures.counts(&sel.scope(), &sel.window);
    let report = evaluate(&defs, sel.unit(), sel.period, &counts, &manual, sel.tier());
    let drill = |metric: &str| {
        href(
            &format!("/chi-so/{metric}/ho-so"),
            &[("unit", sel.unit()), ("period", &period_code)],
        )
    };
    let months = trend::months(
        &figures,
        &defs,
        &manual,
        &sel.scope(),
        sel.tier(),
        &sel.window,
    );
    let reach =
        |c: &str| UnitCode::parse(c).is_ok_and(|c| staff.reaches(&units, &c, sel.period.end));
    let entries = ranking::entries(&figures, &defs, &manual, &province, rank_kind, &sel.window);
    let ranking = ranking::ranking(entries, rank_kind, min_sample, &|c| {
        reach(c).then(|| page_of(c))
    })
    .with_tabs(&|k| {
        href(
            "/chi-so",
            &[
                ("unit", sel.unit()),
                ("period", &period_code),
                ("rank", k.code()),
            ],
        )
    });
    let stats = stats_rows(&figures, &sel, &|n| Some(page_of(&n.code)));
    let viewer_tree = tree_at(&units, &staff.unit, sel.period.end);
    Ok(ok(&DashboardPage {
        layout: Layout::new("Chỉ số CCHC", Some(&staff.current), "chi-so"),
        unit_code: sel.unit().to_owned(),
        unit_name: sel.tree.name.clone(),
        period_label: sel.period_label(),
        as_of: format_as_of(&sel),
        units: unit_options(viewer_tree.as_ref(), sel.unit()),
        periods: period_suggestions(sel.window.at().date()),
        board: view::scoreboard(&defs, &report, Some(&drill)),
        population: counts.population(),
        drill_enabled: true,
        score_svg: trend::score_chart("xu-huong", &sel.tree.name, &months).render(),
        on_time_svg: trend::on_time_chart("xu-huong", &sel.tree.name, &months).render(),
        stats,
        ranking,
        export_href: href(
            "/chi-so/xuat.xlsx",
            &[("unit", sel.unit()), ("period", &period_code)],
        ),
        period_code,
    }))
}

/// The instant the figures are taken at, as read: `27/11/2026 11:00`.
pub fn format_as_of(sel: &Selection) -> String {
    let at = sel.window.at();
    format!("{} {}", format_date(at.date()), at.format("%H:%M"))
}
