//! The reform plan pages: the overview `/ke-hoach`, a target
//! `/ke-hoach/muc-tieu/{id}` with its figure over time, the task board `/ke-hoach/nhiem-vu`
//! and a task `/ke-hoach/nhiem-vu/{id}`, the forms that report values and progress and
//! review values, the unit's reminder notices, evidence downloads, the public page
//! `/cong-khai/ke-hoach` and the workbook `/ke-hoach/xuat.xlsx`.
//!
//! This file resolves what every page is asked for: the plan (`year=`, default the current
//! year's provincial plan, else the latest one before it), the as-of day (`as_of=`, default
//! today) and the plan's status on that day, with the automatic indicators of the issuer's
//! subtree from the live aggregate ([`cchc_app::kpi::plan`]).

pub mod access;
pub mod board;
pub mod evidence;
pub mod export;
pub mod figure;
pub mod forms;
pub mod labels;
pub mod notices;
pub mod overview;
pub mod public;
pub mod review;
pub mod target;
mod target_data;
pub mod task;
pub mod view;

use crate::error::AppError;
use crate::state::AppState;
use crate::time;
use cchc_app::kpi::plan::PlanFigures;
use cchc_calendar::WorkCalendar;
use cchc_store::plan::{PlanRef, StoredPlan};
use cchc_store::plan_status::PlanStatus;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

/// Query of the plan pages: `year=2023`, `as_of=2023-06-30`.
#[derive(Debug, Default, Deserialize)]
pub struct PlanQuery {
    pub year: Option<String>,
    pub as_of: Option<String>,
}

/// A plan with its status as of a day.
pub struct Loaded {
    pub stored: StoredPlan,
    pub status: PlanStatus,
    pub source: PlanFigures,
    pub as_of: NaiveDate,
    /// The years that have a provincial plan, ascending.
    pub years: Vec<i32>,
}

/// The working calendar of the status rules: the province's configured one.
pub fn calendar(state: &AppState) -> &WorkCalendar {
    state.app.calendars.province()
}

/// `as_of=` as a day; empty means today.
pub fn as_of_param(text: Option<&str>) -> Result<NaiveDate, AppError> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(time::today()),
        Some(s) => time::parse_date(s).ok_or_else(|| {
            AppError::bad_request("invalid_date", "Ngày không hợp lệ (định dạng YYYY-MM-DD).")
        }),
    }
}

/// `year=` as a year; empty means absent.
fn year_param(text: Option<&str>) -> Result<Option<i32>, AppError> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=2100).contains(y))
            .map(Some)
            .ok_or_else(|| AppError::bad_request("invalid_year", "Năm không hợp lệ.")),
    }
}

/// The years of the stored provincial plans (issued by a province, not refining another).
async fn plan_years(state: &AppState) -> Result<Vec<i32>, AppError> {
    let mut years: Vec<i32> = state
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

/// The years of the selector, the shown one marked.
pub fn year_options(years: &[i32], shown: i32) -> Vec<(i32, bool)> {
    years.iter().map(|y| (*y, *y == shown)).collect()
}

/// The year asked for, or the current year when it has a plan, else the latest before it
/// (else the first one).
fn pick_year(asked: Option<i32>, years: &[i32], today: NaiveDate) -> Option<i32> {
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

/// The provincial plan of the query's year with its status as of the query's day.
pub async fn load(state: &AppState, query: &PlanQuery) -> Result<Loaded, AppError> {
    let asked = year_param(query.year.as_deref())?;
    let as_of = as_of_param(query.as_of.as_deref())?;
    let years = plan_years(state).await?;
    let not_found = || match asked {
        Some(y) => AppError::not_found(format!("Chưa có kế hoạch CCHC của tỉnh năm {y}.")),
        None => AppError::not_found("Chưa có kế hoạch CCHC nào."),
    };
    let year = pick_year(asked, &years, time::today()).ok_or_else(not_found)?;
    let stored = state
        .store
        .plan(&PlanRef::Year(year))
        .await?
        .ok_or_else(not_found)?;
    load_plan(state, stored, as_of, years).await
}

/// The status of `stored` as of `as_of`.
pub async fn load_plan(
    state: &AppState,
    stored: StoredPlan,
    as_of: NaiveDate,
    years: Vec<i32>,
) -> Result<Loaded, AppError> {
    let on = as_of.min(stored.plan.period().end);
    let source = PlanFigures::load(&state.app, &stored.plan.issuer, on).await?;
    let status = state
        .store
        .stored_plan_status(&stored, as_of, &source, calendar(state))
        .await?;
    Ok(Loaded {
        stored,
        status,
        source,
        as_of,
        years,
    })
}

/// The plan stored under `key`, as a 404 when there is none.
pub async fn plan_by_key(state: &AppState, key: &str) -> Result<StoredPlan, AppError> {
    state
        .store
        .plan(&PlanRef::Key(key.to_owned()))
        .await?
        .ok_or_else(|| AppError::not_found("Không có kế hoạch này."))
}

/// The path segment of an item's full id: `KH204-2023/NV/2.l#2` → `KH204-2023~NV~2.l%232`.
pub fn item_segment(full_id: &str) -> String {
    let mut out = String::new();
    for b in full_id.replace('/', "~").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The plan key and local id of a path segment (already percent-decoded by the router).
pub fn parse_item(segment: &str) -> Option<(String, String)> {
    let (plan, local) = segment.split_once('~')?;
    let local = local.replace('~', "/");
    (!plan.is_empty() && local.contains('/')).then(|| (plan.to_owned(), local))
}

/// The page of a target: `/ke-hoach/muc-tieu/KH204-2023~MT~2.a`.
pub fn target_href(plan: &str, local_id: &str) -> String {
    format!(
        "/ke-hoach/muc-tieu/{}",
        item_segment(&format!("{plan}/{local_id}"))
    )
}

/// The page of a task: `/ke-hoach/nhiem-vu/KH204-2023~NV~2.a`.
pub fn task_href(plan: &str, local_id: &str) -> String {
    format!(
        "/ke-hoach/nhiem-vu/{}",
        item_segment(&format!("{plan}/{local_id}"))
    )
}

/// `year=…&as_of=…` for links that keep the page's selection.
pub fn selection_query(year: i32, as_of: Option<&str>) -> String {
    match as_of.map(str::trim).filter(|s| !s.is_empty()) {
        Some(day) => {
            serde_urlencoded::to_string([("year", year.to_string()), ("as_of", day.to_owned())])
                .unwrap_or_default()
        }
        None => format!("year={year}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn item_ids_round_trip_through_a_path_segment() {
        for id in [
            "KH204-2023/NV/2.l#2",
            "KH204-2023/MT/6.đ",
            "KH-SNV-2023/PL/1",
        ] {
            let segment = item_segment(id);
            assert!(
                segment
                    .bytes()
                    .all(|b| b.is_ascii_graphic() && b != b'/' && b != b'#')
            );
            let decoded = segment.replace("%23", "#").replace("%C4%91", "đ");
            let (plan, local) = parse_item(&decoded).unwrap();
            assert_eq!(format!("{plan}/{local}"), id);
        }
        assert_eq!(item_segment("KH204-2023/NV/2.l#2"), "KH204-2023~NV~2.l%232");
        assert_eq!(parse_item("KH204-2023"), None);
        assert_eq!(parse_item("~MT~2.a"), None);
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
        assert!(year_param(Some("20x3")).is_err());
        assert!(as_of_param(Some("30/06/2023")).is_err());
    }
}
