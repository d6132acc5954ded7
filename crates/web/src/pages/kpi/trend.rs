//! The monthly trend of a unit over the 12 months ending with the month of the as-of instant:
//! the QĐ 766 total score and the on-time ratio of each month, drawn as SVG line charts. A
//! month without dossiers is a gap in the line, not a zero.

use super::source::Figures;
use super::view;
use crate::chart::LineChart;
use cchc_app::kpi::entered::Entered;
use cchc_domain::kpi::period::month_of;
use cchc_domain::kpi::{Definitions, Scope, Tier, Window, evaluate, stats::ratio};
use chrono::Months;

/// Months shown.
pub const MONTHS: u32 = 12;

/// One month's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Month {
    /// `03/2026`.
    pub label: String,
    pub population: u64,
    /// `None` for a month without dossiers.
    pub score: Option<f64>,
    pub max_score: f64,
    pub on_time: Option<f64>,
}

/// The months ending with the month of `window`'s instant, each seen as of that instant.
pub fn months(
    figures: &Figures,
    defs: &Definitions,
    manual: &Entered,
    scope: &Scope,
    tier: Tier,
    window: &Window,
) -> Vec<Month> {
    let at = window.at();
    let last = at.date();
    (0..MONTHS)
        .rev()
        .filter_map(|back| last.checked_sub_months(Months::new(back)))
        .filter_map(|day| {
            let period = month_of(day);
            let w = Window::new(period, at).ok()?;
            let counts = figures.counts(scope, &w);
            let own = manual.of(scope.unit(), period);
            let report = evaluate(defs, scope.unit(), period, &counts, &own, tier);
            let population = counts.population();
            Some(Month {
                label: period.start.format("%m/%Y").to_string(),
                population,
                score: (population > 0).then_some(report.total_score.into()),
                max_score: report.max_score.into(),
                on_time: ratio(counts.on_time(), population),
            })
        })
        .collect()
}

fn score_text(v: f64) -> String {
    view::score(v)
}

fn percent_text(v: f64) -> String {
    format!("{}%", (v * 100.0).round())
}

/// What the last month with data says, for the chart's description.
fn latest(
    months: &[Month],
    value: impl Fn(&Month) -> Option<f64>,
    fmt: fn(f64) -> String,
) -> String {
    months
        .iter()
        .rev()
        .find_map(|m| value(m).map(|v| format!("Tháng {}: {}.", m.label, fmt(v))))
        .unwrap_or_else(|| "Không có hồ sơ trong 12 tháng.".to_owned())
}

/// The chart of the total score.
pub fn score_chart(id: &str, unit_name: &str, months: &[Month]) -> LineChart {
    let max = months.iter().map(|m| m.max_score).fold(0.0, f64::max);
    LineChart {
        id: format!("{id}-diem"),
        title: format!("Tổng điểm QĐ 766 theo tháng — {unit_name}"),
        description: format!(
            "Tổng điểm của 12 tháng gần nhất, trên tối đa {}; tháng không có hồ sơ để trống. {}",
            view::score(max),
            latest(months, |m| m.score, score_text)
        ),
        x_label: "Tháng".into(),
        y_label: "Điểm".into(),
        labels: months.iter().map(|m| short(&m.label)).collect(),
        values: months.iter().map(|m| m.score).collect(),
        y_max: max.max(1.0),
        format: score_text,
    }
}

/// The chart of the on-time ratio.
pub fn on_time_chart(id: &str, unit_name: &str, months: &[Month]) -> LineChart {
    LineChart {
        id: format!("{id}-dunghan"),
        title: format!("Tỷ lệ hồ sơ đúng hạn theo tháng — {unit_name}"),
        description: format!(
            "Tỷ lệ đúng hạn của 12 tháng gần nhất; tháng không có hồ sơ để trống. {}",
            latest(months, |m| m.on_time, percent_text)
        ),
        x_label: "Tháng".into(),
        y_label: "Tỷ lệ đúng hạn".into(),
        labels: months.iter().map(|m| short(&m.label)).collect(),
        values: months.iter().map(|m| m.on_time).collect(),
        y_max: 1.0,
        format: percent_text,
    }
}

/// `03/2026` as `3/26` for the axis.
fn short(label: &str) -> String {
    match label.split_once('/') {
        Some((m, y)) => format!("{}/{}", m.trim_start_matches('0'), y.get(2..).unwrap_or(y)),
        None => label.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_labels_are_short() {
        assert_eq!(short("03/2026"), "3/26");
        assert_eq!(short("12/2025"), "12/25");
        assert_eq!(percent_text(0.856), "86%");
    }
}
