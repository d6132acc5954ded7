//! The reform plan pages: the overview `/ke-hoach`, a target
//! `/ke-hoach/muc-tieu/{id}` with its figure over time, the task board `/ke-hoach/nhiem-vu`
//! and a task `/ke-hoach/nhiem-vu/{id}`, the forms that report values and progress and
//! review values, the unit's reminder notices, evidence downloads, the public page
//! `/cong-khai/ke-hoach` and the workbook `/ke-hoach/xuat.xlsx`.
//!
//! This file reads what every page is asked for (`year=`, `as_of=`) and loads the plan and
//! its status through [`cchc_app::plan`]: the year's provincial plan (default the current
//! year's, else the latest one before it), its status on the day (default today, by the
//! application's clock), with the automatic indicators from the live aggregate. Who may do
//! what is decided there too ([`cchc_app::plan::access`]); the pages parse and render.

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
use cchc_store::plan::StoredPlan;
use cchc_store::plan_status::PlanStatus;
use chrono::NaiveDate;
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

/// `as_of=` as a day; empty means `None` (today, by the application's clock).
pub fn as_of_param(text: Option<&str>) -> Result<Option<NaiveDate>, AppError> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => time::parse_date(s).map(Some).ok_or_else(|| {
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

/// The years of the selector, the shown one marked.
pub fn year_options(years: &[i32], shown: i32) -> Vec<(i32, bool)> {
    years.iter().map(|y| (*y, *y == shown)).collect()
}

/// The provincial plan of the query's year with its status as of the query's day.
pub async fn load(state: &AppState, query: &PlanQuery) -> Result<Loaded, AppError> {
    let asked = year_param(query.year.as_deref())?;
    let as_of = as_of_param(query.as_of.as_deref())?;
    let (stored, years) = cchc_app::plan::provincial(&state.app, asked).await?;
    load_plan(state, stored, as_of, years).await
}

/// The status of `stored` as of `as_of` (default today).
pub async fn load_plan(
    state: &AppState,
    stored: StoredPlan,
    as_of: Option<NaiveDate>,
    years: Vec<i32>,
) -> Result<Loaded, AppError> {
    let live = cchc_app::plan::status::live(&state.app, &stored, as_of).await?;
    Ok(Loaded {
        stored,
        status: live.status,
        source: live.figures,
        as_of: live.as_of,
        years,
    })
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
    fn bad_years_and_days_are_refused() {
        assert!(year_param(Some("20x3")).is_err());
        assert_eq!(year_param(Some(" 2023 ")).unwrap(), Some(2023));
        assert!(as_of_param(Some("30/06/2023")).is_err());
        assert_eq!(as_of_param(Some("")).unwrap(), None);
    }
}
