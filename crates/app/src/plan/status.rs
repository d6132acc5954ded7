//! A plan and its status as of a day: the plan a command or a page names (a page's default is
//! the current year's provincial plan, else the latest one before it), each target's value and
//! status and each task's status, judged with the province's configured calendar. The
//! automatic indicators of the issuer's subtree come from the live aggregate (pages,
//! [`live`]) or from one pass over the stored dossiers (one-shot commands, [`of_dossiers`]);
//! both give the same figures.

use super::{unknown_plan, unknown_task};
use crate::kpi::plan::PlanFigures;
use crate::{App, Error};
use cchc_domain::indicator::IndicatorSource;
use cchc_store::plan::rows::TaskRow;
use cchc_store::plan::{PlanRef, StoredPlan};
use cchc_store::plan_status::{PlanStatus, TaskState, task_state};
use chrono::{Datelike, NaiveDate};

/// The plan `which` names.
pub async fn find(app: &App, which: &PlanRef) -> Result<StoredPlan, Error> {
    app.store.plan(which).await?.ok_or_else(unknown_plan)
}

/// The years of the stored provincial plans (issued by a province, not refining another),
/// ascending.
pub async fn provincial_years(app: &App) -> Result<Vec<i32>, Error> {
    let mut years: Vec<i32> = app
        .store
        .plans()
        .await?
        .into_iter()
        .filter(|p| p.parent.is_none() && !p.plan.issuer.as_str().contains('.'))
        .map(|p| p.plan.year)
        .collect();
    years.sort_unstable();
    years.dedup();
    Ok(years)
}

/// The year asked for, or the current year when it has a plan, else the latest before it
/// (else the first one).
pub fn pick_year(asked: Option<i32>, years: &[i32], today: NaiveDate) -> Option<i32> {
    if let Some(y) = asked {
        return years.contains(&y).then_some(y);
    }
    let current = today.year();
    years
        .iter()
        .rev()
        .find(|y| **y <= current)
        .or(years.first())
        .copied()
}

/// The provincial plan of the year asked for (by default as [`pick_year`] says, today by
/// the app's clock), with the years that have one.
pub async fn provincial(app: &App, asked: Option<i32>) -> Result<(StoredPlan, Vec<i32>), Error> {
    let years = provincial_years(app).await?;
    let not_found = || match asked {
        Some(y) => Error::not_found(format!("Chưa có kế hoạch CCHC của tỉnh năm {y}.")),
        None => Error::not_found("Chưa có kế hoạch CCHC nào."),
    };
    let year = pick_year(asked, &years, app.clock.today()).ok_or_else(not_found)?;
    let stored = app
        .store
        .plan(&PlanRef::Year(year))
        .await?
        .ok_or_else(not_found)?;
    Ok((stored, years))
}

/// The day the automatic indicators are taken on: the as-of day, at most the plan's last.
pub fn indicator_day(stored: &StoredPlan, as_of: NaiveDate) -> NaiveDate {
    as_of.min(stored.plan.period().end)
}

/// A plan's status from the live aggregate, with the figures it was computed from (the
/// pages also show their series and counts).
pub struct LiveStatus {
    pub status: PlanStatus,
    pub figures: PlanFigures,
    pub as_of: NaiveDate,
}

/// The status of `stored` as of `as_of` (default today), the automatic indicators from the
/// live aggregate.
pub async fn live(
    app: &App,
    stored: &StoredPlan,
    as_of: Option<NaiveDate>,
) -> Result<LiveStatus, Error> {
    let as_of = as_of.unwrap_or_else(|| app.clock.today());
    let on = indicator_day(stored, as_of);
    let figures = PlanFigures::load(app, &stored.plan.issuer, on).await?;
    let status = judged(app, stored, as_of, &figures).await?;
    Ok(LiveStatus {
        status,
        figures,
        as_of,
    })
}

/// The status of `stored` as of `as_of` (default today), the automatic indicators from one
/// pass over the stored dossiers of the issuer's subtree.
pub async fn of_dossiers(
    app: &App,
    stored: &StoredPlan,
    as_of: Option<NaiveDate>,
) -> Result<PlanStatus, Error> {
    let as_of = as_of.unwrap_or_else(|| app.clock.today());
    let on = indicator_day(stored, as_of);
    let source = app
        .store
        .dossier_indicators(&stored.plan.issuer, on)
        .await?;
    judged(app, stored, as_of, &source).await
}

/// The status of `stored` as of `as_of` with `source`, by the province's calendar.
async fn judged(
    app: &App,
    stored: &StoredPlan,
    as_of: NaiveDate,
    source: &dyn IndicatorSource,
) -> Result<PlanStatus, Error> {
    let cal = app.calendars.province();
    Ok(app
        .store
        .stored_plan_status(stored, as_of, source, cal)
        .await?)
}

/// The task with full id `full_id` and its state as of `as_of` (default today).
pub async fn task(
    app: &App,
    full_id: &str,
    as_of: Option<NaiveDate>,
) -> Result<(TaskRow, TaskState), Error> {
    let row = app
        .store
        .plan_task(full_id)
        .await?
        .ok_or_else(unknown_task)?;
    let as_of = as_of.unwrap_or_else(|| app.clock.today());
    let state = task_state(&row, as_of, app.calendars.province())?;
    Ok((row, state))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_default_year_is_the_current_one_or_the_latest_before() {
        let years = [2023, 2026];
        assert_eq!(pick_year(None, &years, d("2026-11-27")), Some(2026));
        assert_eq!(pick_year(None, &years, d("2025-05-01")), Some(2023));
        assert_eq!(pick_year(None, &years, d("2020-05-01")), Some(2023));
        assert_eq!(pick_year(Some(2024), &years, d("2026-11-27")), None);
        assert_eq!(pick_year(Some(2023), &years, d("2026-11-27")), Some(2023));
        assert_eq!(pick_year(None, &[], d("2026-11-27")), None);
    }
}
