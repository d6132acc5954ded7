//! `/cong-khai/chi-so?unit=&period=&rank=&min_sample=`: the public QĐ 766 scoreboard of a
//! unit (groups, total, monthly trend) and the ranking of the province's units of one kind.
//! No login; aggregate figures only: no dossier list, no personal data.

use super::board::{Board, RankAsk, UnitOption, province_tree, unit_options};
use super::ranking::{RankKind, Ranking, min_sample_param};
use super::view::{self, Scoreboard};
use super::{HOME_PROVINCE, KpiQuery, Selection, format_as_of, href, now, period_suggestions};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::pages::{Layout, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cchc_domain::UnitCode;

#[derive(Template)]
#[template(path = "kpi/public.html")]
struct PublicPage {
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
    ranking: Ranking,
}

/// GET `/cong-khai/chi-so`: open to everyone; the default unit is the home province.
pub async fn get(
    current: Option<CurrentUser>,
    State(state): State<AppState>,
    Query(query): Query<KpiQuery>,
) -> Result<Response, AppError> {
    let home = UnitCode::parse(HOME_PROVINCE).map_err(AppError::internal)?;
    let units = state.org_units().await?;
    let sel = Selection::resolve(&units, &query, &home, now())?;
    let kind = RankKind::parse(query.rank.as_deref())?;
    let min_sample = min_sample_param(query.min_sample.as_deref())?;
    let period_code = sel.period_code();
    let page_of = |unit: &str, k: RankKind| {
        let params = [("unit", unit), ("period", &period_code), ("rank", k.code())];
        href("/cong-khai/chi-so", &params)
    };
    let rank = RankAsk {
        kind,
        min_sample,
        unit_link: &|c| Some(page_of(c, kind)),
        kind_link: &|k| page_of(sel.unit(), k),
    };
    let b = Board::load(&state, &units, &sel, &rank, "cong-khai").await?;
    let province = province_tree(&units, sel.unit(), sel.period.end);
    Ok(ok(&PublicPage {
        layout: Layout::new(
            "Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)",
            current.as_ref(),
            "cong-khai-chi-so",
        ),
        unit_code: sel.unit().to_owned(),
        unit_name: sel.tree.name.clone(),
        period_label: sel.period_label(),
        as_of: format_as_of(&sel),
        units: unit_options(province.as_ref().or(Some(&sel.tree)), sel.unit()),
        periods: period_suggestions(sel.window.at().date()),
        board: view::scoreboard(&b.defs, &b.report, None),
        population: b.population,
        drill_enabled: false,
        score_svg: b.score_svg,
        on_time_svg: b.on_time_svg,
        ranking: b.ranking,
        period_code,
    }))
}
