//! `/cong-khai/chi-so?unit=&period=&rank=&min_sample=`: the public QĐ 766 scoreboard of a
//! unit (groups, total, monthly trend) and the ranking of the province's units of one kind.
//! No login; aggregate figures only: no dossier list, no personal data.

use super::dashboard::{UnitOption, format_as_of, href, province_tree, unit_options};
use super::ranking::{self, RankKind, Ranking, min_sample_param};
use super::source::{self, Figures};
use super::view::{self, Scoreboard};
use super::{HOME_PROVINCE, KpiQuery, Selection, now, period_suggestions, scope_of, trend};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::pages::{Layout, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cchc_domain::UnitCode;
use cchc_domain::kpi::{Definitions, evaluate};

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
    let units = state.store.org_units().await?;
    let sel = Selection::resolve(&units, &query, &home, now())?;
    let rank_kind = RankKind::parse(query.rank.as_deref())?;
    let min_sample = min_sample_param(query.min_sample.as_deref())?;
    let province = province_tree(&units, sel.unit(), sel.period.end).unwrap_or(sel.tree.clone());
    let figures = Figures::load(&state, &scope_of(&province)).await?;
    let defs = Definitions::shipped();
    let manual = source::manual_values(&state);
    let period_code = sel.period_code();
    let page_of = |unit: &str, kind: RankKind| {
        href(
            "/cong-khai/chi-so",
            &[
                ("unit", unit),
                ("period", &period_code),
                ("rank", kind.code()),
            ],
        )
    };
    let counts = figures.counts(&sel.scope(), &sel.window);
    let report = evaluate(&defs, sel.unit(), sel.period, &counts, &manual, sel.tier());
    let months = trend::months(
        &figures,
        &defs,
        &manual,
        &sel.scope(),
        sel.tier(),
        &sel.window,
    );
    let entries = ranking::entries(&figures, &defs, &manual, &province, rank_kind, &sel.window);
    let ranking = ranking::ranking(entries, rank_kind, min_sample, &|c| {
        Some(page_of(c, rank_kind))
    })
    .with_tabs(&|k| page_of(sel.unit(), k));
    Ok(ok(&PublicPage {
        layout: Layout::new(
            "Chỉ số phục vụ người dân, doanh nghiệp",
            current.as_ref(),
            "cong-khai-chi-so",
        ),
        unit_code: sel.unit().to_owned(),
        unit_name: sel.tree.name.clone(),
        period_label: sel.period_label(),
        as_of: format_as_of(&sel),
        units: unit_options(Some(&province), sel.unit()),
        periods: period_suggestions(sel.window.at().date()),
        board: view::scoreboard(&defs, &report, None),
        population: counts.population(),
        drill_enabled: false,
        score_svg: trend::score_chart("cong-khai", &sel.tree.name, &months).render(),
        on_time_svg: trend::on_time_chart("cong-khai", &sel.tree.name, &months).render(),
        ranking,
        period_code,
    }))
}
