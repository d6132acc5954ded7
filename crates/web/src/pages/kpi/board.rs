//! What the officer dashboard and the public page both show of a unit: its QĐ 766 report,
//! the 12-month trend charts and the ranking of the province's units of one kind; and the
//! unit selector over a tree.

use super::ranking::{self, RankKind, Ranking};
use super::source::{Figures, entered};
use super::{Selection, trend};
use crate::state::AppState;
use cchc_domain::kpi::{Definitions, Report, evaluate};
use cchc_domain::org_tree::{TreeNode, tree_at};
use cchc_domain::{OrgUnit, UnitCode};

/// A choice of the unit selector.
pub struct UnitOption {
    pub code: String,
    pub label: String,
    pub selected: bool,
}

/// The units of a tree, indented by depth, for the selector.
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

/// How the ranking is asked for and linked.
pub struct RankAsk<'a> {
    pub kind: RankKind,
    pub min_sample: u64,
    /// A ranked unit's page, when the viewer may open it.
    pub unit_link: &'a (dyn Fn(&str) -> Option<String> + Sync),
    /// The page ranking another kind of units.
    pub kind_link: &'a (dyn Fn(RankKind) -> String + Sync),
}

/// The unit's figures as both pages show them.
pub struct Board {
    pub figures: Figures,
    pub defs: Definitions,
    pub report: Report,
    /// Dossiers of the period (received plus carried over).
    pub population: u64,
    pub score_svg: String,
    pub on_time_svg: String,
    pub ranking: Ranking,
}

impl Board {
    /// Loads the figures of the unit's province and computes the report, the trend (charts
    /// with ids prefixed `chart_id`) and the ranking.
    pub async fn load(
        state: &AppState,
        units: &[OrgUnit],
        sel: &Selection,
        rank: &RankAsk<'_>,
        chart_id: &str,
    ) -> Result<Board, crate::error::AppError> {
        let province =
            province_tree(units, sel.unit(), sel.period.end).unwrap_or_else(|| sel.tree.clone());
        let figures = Figures::load(state, &super::scope_of(&province)).await?;
        let defs = Definitions::shipped();
        let manual = entered(state).await?;
        let (scope, tier) = (sel.scope(), sel.tier());
        let counts = figures.counts(&scope, &sel.window);
        let own = manual.of(sel.unit(), sel.period);
        let report = evaluate(&defs, sel.unit(), sel.period, &counts, &own, tier);
        let months = trend::months(&figures, &defs, &manual, &scope, tier, &sel.window);
        let name = &sel.tree.name;
        let entries = ranking::entries(&figures, &defs, &manual, &province, rank.kind, &sel.window);
        let ranking = ranking::ranking(entries, rank.kind, rank.min_sample, rank.unit_link)
            .with_tabs(rank.kind_link);
        Ok(Board {
            population: counts.population(),
            score_svg: trend::score_chart(chart_id, name, &months).render(),
            on_time_svg: trend::on_time_chart(chart_id, name, &months).render(),
            figures,
            defs,
            report,
            ranking,
        })
    }
}
