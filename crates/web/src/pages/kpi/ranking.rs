//! The ranking of the units of one kind (the communes and wards of a province, or its
//! departments) by their QĐ 766 score over the same period. A unit with fewer dossiers than
//! the minimum sample is not ranked: it is listed apart as "chưa đủ mẫu", since a handful of
//! dossiers makes a score of chance.

use super::source::Figures;
use super::{scope_of, view};
use crate::error::AppError;
use cchc_app::kpi::entered::Entered;
use cchc_domain::OrgKind;
use cchc_domain::kpi::{Definitions, Tier, Window, evaluate};
use cchc_domain::org_tree::TreeNode;

/// Default minimum number of dossiers (the population of the period) to be ranked.
pub const MIN_SAMPLE: u64 = 10;

/// Which units are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankKind {
    /// Xã, phường, đặc khu (and former thị trấn).
    Commune,
    /// Sở, ban, ngành.
    Department,
}

impl RankKind {
    /// `rank=` (default communes).
    pub fn parse(text: Option<&str>) -> Result<RankKind, AppError> {
        match text.map(str::trim).unwrap_or("") {
            "" | "commune" => Ok(RankKind::Commune),
            "department" => Ok(RankKind::Department),
            _ => Err(AppError::bad_request(
                "invalid_rank",
                "Loại đơn vị xếp hạng không hợp lệ: commune hoặc department.",
            )),
        }
    }

    /// The parameter value.
    pub fn code(self) -> &'static str {
        match self {
            RankKind::Commune => "commune",
            RankKind::Department => "department",
        }
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            RankKind::Commune => "xã, phường, đặc khu",
            RankKind::Department => "sở, ban, ngành",
        }
    }

    /// Whether units of `kind` are ranked under this kind.
    pub fn includes(self, kind: OrgKind) -> bool {
        match self {
            RankKind::Commune => kind.is_commune_level(),
            RankKind::Department => kind == OrgKind::Department,
        }
    }
}

/// `min_sample=` (default [`MIN_SAMPLE`]).
pub fn min_sample_param(text: Option<&str>) -> Result<u64, AppError> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(MIN_SAMPLE),
        Some(s) => s
            .parse::<u64>()
            .ok()
            .filter(|n| (1..=1_000_000).contains(n))
            .ok_or_else(|| {
                AppError::bad_request(
                    "invalid_min_sample",
                    "Số hồ sơ tối thiểu để xếp hạng phải là số nguyên từ 1 đến 1.000.000.",
                )
            }),
    }
}

/// A unit's score and sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub code: String,
    pub name: String,
    pub total: f64,
    pub max: f64,
    /// Dossiers of the period (received plus carried over).
    pub population: u64,
    pub on_time: Option<f64>,
}

impl Entry {
    /// The score on a 100-point scale, in hundredths (the precision shown), for ties.
    fn key(&self) -> i64 {
        if self.max > 0.0 {
            #[expect(clippy::cast_possible_truncation, reason = "0 ≤ value ≤ 10 000")]
            let k = (self.total / self.max * 10_000.0).round() as i64;
            k
        } else {
            0
        }
    }
}

/// Ranks the entries with at least `min_sample` dossiers, best first; equal scores (to the
/// hundredth shown) share a rank (1, 2, 2, 4). Returns the ranked and, apart, the others.
pub fn rank(mut entries: Vec<Entry>, min_sample: u64) -> (Vec<(usize, Entry)>, Vec<Entry>) {
    entries.sort_by(|a, b| b.key().cmp(&a.key()).then_with(|| a.code.cmp(&b.code)));
    let (big, mut small): (Vec<Entry>, Vec<Entry>) = entries
        .into_iter()
        .partition(|e| e.population >= min_sample);
    small.sort_by(|a, b| a.code.cmp(&b.code));
    let mut ranked: Vec<(usize, Entry)> = Vec::with_capacity(big.len());
    for (i, e) in big.into_iter().enumerate() {
        let rank = match ranked.last() {
            Some((r, prev)) if prev.key() == e.key() => *r,
            _ => i + 1,
        };
        ranked.push((rank, e));
    }
    (ranked, small)
}

/// A row as shown.
pub struct RankRow {
    pub rank: usize,
    pub code: String,
    pub name: String,
    pub total: String,
    pub max: String,
    pub scaled: String,
    pub population: String,
    pub on_time: String,
    pub link: Option<String>,
}

/// A link to the ranking of another kind of units.
pub struct RankTab {
    pub label: &'static str,
    pub href: String,
    pub current: bool,
}

/// The ranking as shown.
pub struct Ranking {
    pub kind: RankKind,
    pub min_sample: u64,
    pub ranked: Vec<RankRow>,
    pub small: Vec<RankRow>,
    /// Units without any dossier in the period, by name.
    pub without: Vec<String>,
    /// The kinds one can switch to (set by the page).
    pub tabs: Vec<RankTab>,
}

impl Ranking {
    /// Sets the switch between kinds: `href(kind)` is the page ranking that kind.
    pub fn with_tabs(mut self, href: &dyn Fn(RankKind) -> String) -> Ranking {
        self.tabs = [RankKind::Commune, RankKind::Department]
            .into_iter()
            .map(|k| RankTab {
                label: k.label(),
                href: href(k),
                current: k == self.kind,
            })
            .collect();
        self
    }
}

/// The entries of the units of `kind` in `root`'s subtree for `window`.
pub fn entries(
    figures: &Figures,
    defs: &Definitions,
    manual: &Entered,
    root: &TreeNode,
    kind: RankKind,
    window: &Window,
) -> Vec<Entry> {
    root.walk()
        .into_iter()
        .filter(|n| kind.includes(n.kind))
        .map(|n| {
            let counts = figures.counts(&scope_of(n), window);
            let report = evaluate(
                defs,
                &n.code,
                window.period(),
                &counts,
                &manual.of(&n.code, window.period()),
                Tier::of(n.kind),
            );
            let on_time = cchc_domain::kpi::stats::ratio(counts.on_time(), counts.population());
            Entry {
                code: n.code.clone(),
                name: n.name.clone(),
                total: report.total_score.into(),
                max: report.max_score.into(),
                population: counts.population(),
                on_time,
            }
        })
        .collect()
}

/// The ranking of `entries`; `link(code)` gives a unit's page, when there is one to open.
pub fn ranking(
    entries: Vec<Entry>,
    kind: RankKind,
    min_sample: u64,
    link: &dyn Fn(&str) -> Option<String>,
) -> Ranking {
    let row = |rank: usize, e: Entry| RankRow {
        rank,
        link: link(&e.code),
        total: view::score(e.total),
        max: view::score(e.max),
        scaled: if e.max > 0.0 {
            view::score(e.total / e.max * 100.0)
        } else {
            "—".into()
        },
        population: view::count(e.population),
        on_time: e.on_time.map_or_else(|| "—".into(), view::percent),
        code: e.code,
        name: e.name,
    };
    let (ranked, small) = rank(entries, min_sample);
    let (small, without): (Vec<Entry>, Vec<Entry>) =
        small.into_iter().partition(|e| e.population > 0);
    let mut without: Vec<String> = without.into_iter().map(|e| e.name).collect();
    without.sort_by_cached_key(|n| (cchc_domain::text::fold(n), n.clone()));
    Ranking {
        kind,
        min_sample,
        ranked: ranked.into_iter().map(|(r, e)| row(r, e)).collect(),
        small: small.into_iter().map(|e| row(0, e)).collect(),
        without,
        tabs: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(code: &str, total: f64, max: f64, population: u64) -> Entry {
        Entry {
            code: code.into(),
            name: code.into(),
            total,
            max,
            population,
            on_time: None,
        }
    }

    #[test]
    fn ties_share_a_rank_and_small_samples_are_apart() {
        let (ranked, small) = rank(
            vec![
                e("A", 40.0, 50.0, 30),
                e("B", 45.0, 50.0, 12),
                e("C", 32.0, 40.0, 10),
                e("D", 50.0, 50.0, 9),
                e("E", 10.0, 50.0, 100),
            ],
            10,
        );
        let got: Vec<(usize, &str)> = ranked.iter().map(|(r, e)| (*r, e.code.as_str())).collect();
        // A and C both score 80 on 100: same rank, by code; E comes fourth.
        assert_eq!(got, [(1, "B"), (2, "A"), (2, "C"), (4, "E")]);
        assert_eq!(
            small.iter().map(|e| e.code.as_str()).collect::<Vec<_>>(),
            ["D"]
        );
    }

    #[test]
    fn a_unit_without_a_maximum_scores_zero() {
        let (ranked, _) = rank(vec![e("A", 0.0, 0.0, 50), e("B", 1.0, 50.0, 50)], 1);
        assert_eq!(ranked[0].1.code, "B");
        assert_eq!(ranked[1].0, 2);
    }

    #[test]
    fn parameters_are_checked() {
        assert_eq!(RankKind::parse(None).unwrap(), RankKind::Commune);
        assert_eq!(
            RankKind::parse(Some("department")).unwrap(),
            RankKind::Department
        );
        assert_eq!(RankKind::parse(Some("x")).unwrap_err().status, 400);
        assert_eq!(min_sample_param(None).unwrap(), MIN_SAMPLE);
        assert_eq!(min_sample_param(Some("25")).unwrap(), 25);
        assert_eq!(min_sample_param(Some("0")).unwrap_err().status, 400);
    }
}
