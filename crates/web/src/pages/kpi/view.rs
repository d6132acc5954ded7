//! What the KPI pages show, ready for the templates: the QĐ 766 scoreboard (groups and metric
//! rows, with "không tính được" for rows the system cannot compute), the statistics rows of a
//! unit and its children, and numbers written the Vietnamese way (`1.234`, `17,35`, `86,7%`;
//! the index's exact figures as the national portal shows them: `4,33`, `72,23%`).

use cchc_app::kpi::drill::drillable;
use cchc_domain::kpi::{Dec, Definitions, MetricRow, Report, Stats};

/// `1234567` as `1.234.567`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A score with two decimals and a decimal comma: `17,35`.
pub fn score(v: f64) -> String {
    format!("{v:.2}").replace('.', ",")
}

/// A ratio in [0, 1] as a percentage with one decimal: `86,7%`.
pub fn percent(r: f64) -> String {
    format!("{:.1}%", r * 100.0).replace('.', ",")
}

/// An exact score of the index with two decimals: `4,33`.
pub fn points(v: Dec) -> String {
    v.fixed2().replace('.', ",")
}

/// A numerator or denominator: a count (`1.234`), else two decimals.
fn amount(v: Dec) -> String {
    v.whole().map_or_else(|| points(v), count)
}

/// Filters of the KPI templates.
pub mod filters {
    /// `{{ n|count }}`.
    pub fn count(n: impl std::borrow::Borrow<u64>) -> askama::Result<String> {
        Ok(super::count(*n.borrow()))
    }

    /// `{{ ratio|ratio }}`: a percentage, or a dash when there is no ratio.
    pub fn ratio(r: impl std::borrow::Borrow<Option<f64>>) -> askama::Result<String> {
        Ok(r.borrow().map_or_else(|| "—".to_owned(), super::percent))
    }
}

/// A group of the scoreboard.
pub struct GroupView {
    pub code: String,
    pub name: String,
    /// `None`: none of its rows could be computed.
    pub score: Option<String>,
    pub max: String,
}

/// A metric row of the scoreboard.
pub struct MetricView {
    pub code: String,
    /// The indicator number of QĐ 766 (`2.1`), when it has one.
    pub number: String,
    pub name: String,
    pub group: String,
    pub numerator: String,
    pub denominator: String,
    pub ratio: String,
    pub score: String,
    pub max: String,
    pub computable: bool,
    /// The drill-down page, on the officer dashboard, for rows with dossiers behind them.
    pub drill: Option<String>,
}

/// The scoreboard of one unit.
pub struct Scoreboard {
    pub total: String,
    pub max: String,
    /// Total ÷ max on a 100-point scale.
    pub scaled: String,
    pub groups: Vec<GroupView>,
    pub metrics: Vec<MetricView>,
    /// Rows that could not be computed.
    pub not_computable: usize,
}

/// How a metric's ratio and score read.
fn ratio_and_score(row: &MetricRow) -> (String, String) {
    if !row.computable {
        return ("không tính được".into(), "không tính được".into());
    }
    let ratio = row
        .percent()
        .map_or_else(|| "mẫu số bằng 0".to_owned(), |p| format!("{}%", points(p)));
    let score = match (row.score, row.ratio) {
        (Some(s), _) => points(s),
        (None, None) => "—".to_owned(),
        (None, Some(_)) => "theo dõi".to_owned(),
    };
    (ratio, score)
}

/// The scoreboard of `report`; `drill(code)` gives the drill-down link of a drillable row.
pub fn scoreboard(
    defs: &Definitions,
    report: &Report,
    drill: Option<&dyn Fn(&str) -> String>,
) -> Scoreboard {
    let metrics: Vec<MetricView> = report
        .metrics
        .iter()
        .map(|m| {
            let def = defs.indicator(&m.code);
            let (ratio, score_text) = ratio_and_score(m);
            let can_drill = def.is_some_and(|d| drillable(d.measure)) && m.computable;
            MetricView {
                code: m.code.clone(),
                number: def.and_then(|d| d.number.clone()).unwrap_or_default(),
                name: m.name.clone(),
                group: def.map(|d| d.group.clone()).unwrap_or_default(),
                numerator: m.numerator.map_or_else(|| "—".to_owned(), amount),
                denominator: m.denominator.map_or_else(|| "—".to_owned(), amount),
                ratio,
                score: score_text,
                max: points(m.max_score),
                computable: m.computable,
                drill: drill.filter(|_| can_drill).map(|f| f(&m.code)),
            }
        })
        .collect();
    let scaled = if report.max_score > Dec::ZERO {
        score(report.total_score.to_f64() / report.max_score.to_f64() * 100.0)
    } else {
        "—".to_owned()
    };
    Scoreboard {
        total: points(report.total_score),
        max: points(report.max_score),
        scaled,
        groups: report
            .groups
            .iter()
            .map(|g| GroupView {
                code: g.code.clone(),
                name: g.name.clone(),
                score: g.score.map(points),
                max: points(g.max_score),
            })
            .collect(),
        not_computable: metrics.iter().filter(|m| !m.computable).count(),
        metrics,
    }
}

/// One row of the statistics table: a unit (or the whole subtree) and its figures.
pub struct StatsRow {
    pub code: String,
    pub name: String,
    /// The subtree's total (the first row).
    pub total: bool,
    /// The unit's own dashboard, for a child with a subtree the viewer may open.
    pub link: Option<String>,
    pub stats: Stats,
}

impl StatsRow {
    /// Received in the period, all channels.
    pub fn received(&self) -> u64 {
        let r = &self.stats.received;
        r.direct + r.online + r.postal
    }

    /// Finished in the period.
    pub fn finished(&self) -> u64 {
        let f = &self.stats.finished;
        f.early + f.on_time + f.late
    }

    /// Unfinished at the as-of instant.
    pub fn unfinished(&self) -> u64 {
        self.stats.unfinished.within + self.stats.unfinished.overdue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_vietnamese_way() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1.000");
        assert_eq!(count(1_234_567), "1.234.567");
        assert_eq!(score(17.345_1), "17,35");
        assert_eq!(score(0.0), "0,00");
        assert_eq!(percent(0.8667), "86,7%");
        assert_eq!(percent(1.0), "100,0%");
        let dec = |s: &str| Dec::parse(s).unwrap();
        assert_eq!(amount(dec("1234")), "1.234");
        assert_eq!(amount(dec("2.5")), "2,50");
        assert_eq!(points(dec("4.33")), "4,33");
        assert_eq!(points(dec("3.2")), "3,20");
    }
}
