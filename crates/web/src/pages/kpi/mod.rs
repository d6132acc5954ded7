//! The dossier statistics and QĐ 766 pages: the officer dashboard
//! `/chi-so`, the drill-down `/chi-so/{metric}/ho-so`, the public scoreboard
//! `/cong-khai/chi-so` and the workbook `/chi-so/xuat.xlsx`. This file resolves what every
//! one of them is asked for: a unit (its subtree in force at the end of the period), a period
//! and the window "as of now, capped at the period end".

pub mod board;
pub mod dashboard;
pub mod drill;
pub mod export;
pub mod public;
pub mod ranking;
pub mod source;
pub mod trend;
pub mod view;

use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use crate::time;
use cchc_domain::kpi::{Period, Scope, Tier, Window, parse_period};
use cchc_domain::org_tree::{TreeNode, tree_at};
use cchc_domain::{OrgUnit, UnitCode};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Deserialize;

/// The province the public page shows by default (the deployment's own).
pub const HOME_PROVINCE: &str = "H31";

/// Query of the KPI pages: `unit=CODE`, `period=2026|2026-Q3|2026-09|2026-01-01..2026-03-14`,
/// `rank=commune|department` (the kind of units ranked), `min_sample=N`, `page=N`.
#[derive(Debug, Default, Deserialize)]
pub struct KpiQuery {
    pub unit: Option<String>,
    pub period: Option<String>,
    pub rank: Option<String>,
    pub min_sample: Option<String>,
    pub page: Option<String>,
}

/// What a page reports on.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The unit's subtree in force at the end of the period.
    pub tree: TreeNode,
    pub period: Period,
    pub window: Window,
}

impl Selection {
    /// Resolves `unit` (default `fallback`) and `period` (default the current year) among
    /// `units` as of `now`: 400 for malformed input, 404 for a unit not in force in the period.
    pub fn resolve(
        units: &[OrgUnit],
        query: &KpiQuery,
        fallback: &UnitCode,
        now: NaiveDateTime,
    ) -> Result<Selection, AppError> {
        let unit = unit_param(query.unit.as_deref())?.unwrap_or_else(|| fallback.clone());
        let period = period_param(query.period.as_deref(), now.date())?;
        let window = Window::new(period, now).map_err(|_| {
            AppError::bad_request(
                "period_not_started",
                "Kỳ báo cáo chưa bắt đầu: chưa có số liệu.",
            )
        })?;
        let tree = tree_at(units, &unit, period.end).ok_or_else(|| {
            AppError::not_found(format!(
                "Đơn vị {unit} không có hiệu lực vào cuối kỳ báo cáo."
            ))
        })?;
        Ok(Selection {
            tree,
            period,
            window,
        })
    }

    /// The unit's code.
    pub fn unit(&self) -> &str {
        &self.tree.code
    }

    /// The unit and its subtree.
    pub fn scope(&self) -> Scope {
        scope_of(&self.tree)
    }

    /// The unit's QĐ 766 tier.
    pub fn tier(&self) -> Tier {
        Tier::of(self.tree.kind)
    }

    /// The period as typed in links (`2026`, `2026-Q3`, `2026-09`, `a..b`).
    pub fn period_code(&self) -> String {
        period_code(self.period)
    }

    /// The period in Vietnamese.
    pub fn period_label(&self) -> String {
        period_label(self.period)
    }
}

/// The selection of a staff page (default: the viewer's unit) and the org units it was
/// resolved among; a unit outside the viewer's subtree is a 403.
pub async fn staff_selection(
    staff: &Staff,
    state: &AppState,
    query: &KpiQuery,
) -> Result<(std::sync::Arc<Vec<OrgUnit>>, Selection), AppError> {
    let units = state.org_units().await?;
    let sel = Selection::resolve(&units, query, &staff.unit, now())?;
    let code = UnitCode::parse(sel.unit()).map_err(AppError::internal)?;
    if code != staff.unit {
        staff.ensure_reaches(&units, &code, sel.period.end)?;
    }
    Ok((units, sel))
}

/// A link with a query string.
pub fn href(path: &str, params: &[(&str, &str)]) -> String {
    let query = serde_urlencoded::to_string(params).unwrap_or_default();
    format!("{path}?{query}")
}

/// The instant the figures are taken at, as read: `27/11/2026 11:00`.
pub fn format_as_of(sel: &Selection) -> String {
    let at = sel.window.at();
    format!("{} {}", time::format_date(at.date()), at.format("%H:%M"))
}

/// The scope of a subtree: its root and every unit below.
pub fn scope_of(node: &TreeNode) -> Scope {
    Scope::new(
        node.code.clone(),
        node.walk().iter().map(|n| n.code.clone()),
    )
}

/// `unit=` as a code; empty means absent.
pub fn unit_param(text: Option<&str>) -> Result<Option<UnitCode>, AppError> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => UnitCode::parse(s)
            .map(Some)
            .map_err(|_| AppError::bad_request("invalid_unit_code", "Mã đơn vị không hợp lệ.")),
    }
}

/// `period=`; empty means the year of `today`.
pub fn period_param(text: Option<&str>, today: NaiveDate) -> Result<Period, AppError> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Period::year(today.year())
            .ok_or_else(|| AppError::bad_request("invalid_period", "Năm không hợp lệ.")),
        Some(s) => parse_period(s).map_err(|_| {
            AppError::bad_request(
                "invalid_period",
                "Kỳ báo cáo không hợp lệ: nhập năm (2026), quý (2026-Q3), tháng (2026-09) \
                 hoặc khoảng ngày (2026-01-01..2026-03-14).",
            )
        }),
    }
}

/// `page=` (default 1).
pub fn page_param(text: Option<&str>) -> Result<u32, AppError> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(1),
        Some(s) => s
            .parse::<u32>()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| AppError::bad_request("invalid_page", "Số trang không hợp lệ.")),
    }
}

/// The current local time (the pages' as-of).
pub fn now() -> NaiveDateTime {
    time::now()
}

/// What kind of period `p` is: a whole year, quarter or month, or a range.
enum Shape {
    Year(i32),
    Quarter(i32, u32),
    Month(i32, u32),
    Range,
}

fn shape(p: Period) -> Shape {
    let (s, e) = (p.start, p.end);
    let last_of_month = e.succ_opt().is_some_and(|n| n.day() == 1);
    if s.day() != 1 || !last_of_month || s.year() != e.year() {
        return Shape::Range;
    }
    match (s.month(), e.month()) {
        (1, 12) => Shape::Year(s.year()),
        (a, b) if a == b => Shape::Month(s.year(), a),
        (a, b) if a % 3 == 1 && b == a + 2 => Shape::Quarter(s.year(), a / 3 + 1),
        _ => Shape::Range,
    }
}

/// The period as the `period=` parameter writes it.
pub fn period_code(p: Period) -> String {
    match shape(p) {
        Shape::Year(y) => format!("{y}"),
        Shape::Quarter(y, q) => format!("{y}-Q{q}"),
        Shape::Month(y, m) => format!("{y}-{m:02}"),
        Shape::Range => format!("{}..{}", p.start, p.end),
    }
}

/// The period in Vietnamese: `năm 2026`, `quý III/2026`, `tháng 09/2026`, `từ … đến …`.
pub fn period_label(p: Period) -> String {
    match shape(p) {
        Shape::Year(y) => format!("năm {y}"),
        Shape::Quarter(y, q) => {
            let roman = ["I", "II", "III", "IV"][(q as usize).clamp(1, 4) - 1];
            format!("quý {roman}/{y}")
        }
        Shape::Month(y, m) => format!("tháng {m:02}/{y}"),
        Shape::Range => format!(
            "từ {} đến {}",
            time::format_date(p.start),
            time::format_date(p.end)
        ),
    }
}

/// Suggestions of the period field: this year, quarter and month, and last year.
pub fn period_suggestions(today: NaiveDate) -> Vec<(String, String)> {
    let y = today.year();
    let q = (today.month() - 1) / 3 + 1;
    let codes = [
        format!("{y}"),
        format!("{y}-Q{q}"),
        format!("{y}-{:02}", today.month()),
        format!("{}", y - 1),
    ];
    codes
        .into_iter()
        .filter_map(|c| parse_period(&c).ok().map(|p| (c, period_label(p))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        parse_period(s).unwrap()
    }

    #[test]
    fn periods_are_written_back_and_named_in_vietnamese() {
        for code in [
            "2026",
            "2026-Q3",
            "2026-09",
            "2024-02",
            "2026-01-01..2026-03-14",
        ] {
            assert_eq!(period_code(p(code)), code);
        }
        assert_eq!(period_code(p("2026-07-01..2026-09-30")), "2026-Q3");
        assert_eq!(period_label(p("2026")), "năm 2026");
        assert_eq!(period_label(p("2026-Q4")), "quý IV/2026");
        assert_eq!(period_label(p("2026-02")), "tháng 02/2026");
        assert_eq!(
            period_label(p("2026-01-01..2026-03-14")),
            "từ 01/01/2026 đến 14/03/2026"
        );
        assert_eq!(
            period_label(p("2026-02-01..2026-04-30")),
            "từ 01/02/2026 đến 30/04/2026"
        );
    }

    #[test]
    fn bad_parameters_are_400() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(period_param(None, today).unwrap(), p("2026"));
        assert_eq!(period_param(Some(" "), today).unwrap(), p("2026"));
        assert_eq!(
            period_param(Some("2026-13"), today).unwrap_err().status,
            400
        );
        assert_eq!(unit_param(Some("h 31")).unwrap_err().status, 400);
        assert_eq!(page_param(Some("0")).unwrap_err().status, 400);
        assert_eq!(page_param(Some("x")).unwrap_err().status, 400);
        assert_eq!(page_param(None).unwrap(), 1);
    }
}
