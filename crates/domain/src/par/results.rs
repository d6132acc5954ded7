//! The PAR Index of each unit of a campaign: final points of every leaf, the index in per
//! cent of the applicable maximum, the rank within the group and the band (docs/PAR.md).
//! Exact: points are hundredths held as integers, the index is rounded half-up once.

use std::collections::BTreeMap;

use serde::Serialize;

use super::template::{Band, Method, Template};
use crate::kpi::exact::{Dec, div_half_up};

/// One stage's entry for a leaf: points, or a declaration that the leaf does not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Score {
    Points(Dec),
    NotApplicable,
}

/// What was entered for one leaf of one unit, by stage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeafEntry {
    /// Điểm tự chấm.
    pub self_score: Option<Score>,
    /// Điểm thẩm định lần 1.
    pub appraisal_1: Option<Score>,
    /// Điểm thẩm định lần 2 (final when given).
    pub appraisal_2: Option<Score>,
    /// Điểm điều tra xã hội học.
    pub survey: Option<Score>,
    /// The value computed from the system's figures (auto leaves).
    pub computed: Option<Dec>,
}

/// What was entered for one unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitEntries {
    pub unit: String,
    pub name: String,
    /// By leaf code.
    pub leaves: BTreeMap<String, LeafEntry>,
    pub bonus: Option<Dec>,
    pub penalty: Option<Dec>,
}

/// The figures of one area (top-level item) of one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaResult {
    pub code: String,
    pub name: String,
    pub points: Dec,
    pub max: Dec,
    /// `points ÷ max × 100`, half-up to 2 decimals; `None` when nothing in it applies.
    #[serde(skip)]
    pub percent: Option<Dec>,
}

/// The result of one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitResult {
    pub unit: String,
    pub name: String,
    /// Σ final points of the applicable leaves.
    pub points: Dec,
    /// The bonus counted (capped at the template's `bonus_max`).
    pub bonus: Dec,
    /// The penalty counted (capped at the template's `penalty_max`).
    pub penalty: Dec,
    pub applicable_max: Dec,
    pub index: Dec,
    pub rank: u32,
    pub band: Option<String>,
    pub areas: Vec<AreaResult>,
}

/// The results of a campaign, ordered by rank then unit code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CampaignResults {
    pub year: i32,
    pub template: String,
    pub units: Vec<UnitResult>,
}

/// A leaf's final points, or `None` when it does not apply. Self-assessed leaves: appraisal 2,
/// else appraisal 1, else the self-score; auto leaves: an appraiser's figure, else the computed
/// one; survey leaves: the survey's. The stage that decides also decides applicability.
#[must_use]
pub fn leaf_points(method: Method, e: &LeafEntry) -> Option<Dec> {
    let decided = match method {
        Method::SelfAssessed => e.appraisal_2.or(e.appraisal_1).or(e.self_score),
        Method::Auto => e
            .appraisal_2
            .or(e.appraisal_1)
            .or(e.computed.map(Score::Points)),
        Method::Survey => e.survey,
    };
    match decided {
        Some(Score::NotApplicable) => None,
        Some(Score::Points(p)) => Some(p),
        None => Some(Dec::ZERO),
    }
}

/// Hundredths of a non-negative value with at most two decimals (validated input).
fn cents(d: Dec) -> i128 {
    d.hundredths()
        .and_then(|h| i128::try_from(h).ok())
        .unwrap_or(0)
}

fn from_cents(c: i128) -> Dec {
    Dec::new(i64::try_from(c).unwrap_or(i64::MAX), 2)
}

/// `(points + bonus − penalty) ÷ max × 100`, clamped to [0, 100], half-up to 2 decimals, in
/// hundredths of a per cent. A maximum of 0 (nothing applies) gives 0.
#[must_use]
pub fn index_cents(points: i128, bonus: i128, penalty: i128, max: i128) -> i128 {
    let total = points + bonus - penalty;
    if max <= 0 || total <= 0 {
        return 0;
    }
    if total >= max {
        return 10_000;
    }
    let q = div_half_up(total.unsigned_abs() * 10_000, max.unsigned_abs());
    i128::try_from(q).unwrap_or(10_000)
}

/// The result of one unit (rank left at 0).
#[must_use]
pub fn unit_result(t: &Template, e: &UnitEntries) -> UnitResult {
    let empty = LeafEntry::default();
    let mut areas = Vec::with_capacity(t.items.len());
    let (mut points, mut max) = (0i128, 0i128);
    for area in &t.items {
        let (mut p, mut m) = (0i128, 0i128);
        for leaf in area.leaves() {
            let entry = e.leaves.get(&leaf.code).unwrap_or(&empty);
            if let Some(got) = leaf_points(leaf.method(), entry) {
                p += cents(got).min(cents(leaf.max.unwrap_or(Dec::ZERO)));
                m += cents(leaf.max.unwrap_or(Dec::ZERO));
            }
        }
        points += p;
        max += m;
        areas.push(AreaResult {
            code: area.code.clone(),
            name: area.name.clone(),
            points: from_cents(p),
            max: from_cents(m),
            percent: (m > 0).then(|| from_cents(index_cents(p, 0, 0, m))),
        });
    }
    let bonus = cents(e.bonus.unwrap_or(Dec::ZERO)).min(cents(t.bonus_max));
    let penalty = cents(e.penalty.unwrap_or(Dec::ZERO)).min(cents(t.penalty_max));
    let index = from_cents(index_cents(points, bonus, penalty, max));
    UnitResult {
        unit: e.unit.clone(),
        name: e.name.clone(),
        points: from_cents(points),
        bonus: from_cents(bonus),
        penalty: from_cents(penalty),
        applicable_max: from_cents(max),
        index,
        rank: 0,
        band: band_of(&t.bands, index),
        areas,
    }
}

/// The first band (highest minimum first) whose minimum the index reaches.
#[must_use]
pub fn band_of(bands: &[Band], index: Dec) -> Option<String> {
    let mut sorted: Vec<&Band> = bands.iter().collect();
    sorted.sort_by_key(|b| std::cmp::Reverse(b.min));
    sorted
        .into_iter()
        .find(|b| b.min <= index)
        .map(|b| b.label.clone())
}

/// Ranks by index, highest first; equal indices share a rank and the next rank skips
/// (1, 2, 2, 4). Orders by rank, then unit code.
pub fn rank(units: &mut [UnitResult]) {
    units.sort_by(|a, b| b.index.cmp(&a.index).then_with(|| a.unit.cmp(&b.unit)));
    let mut previous: Option<Dec> = None;
    let mut current = 0u32;
    for (position, u) in (1u32..).zip(units.iter_mut()) {
        if previous != Some(u.index) {
            current = position;
            previous = Some(u.index);
        }
        u.rank = current;
    }
}

/// The results of every unit of a campaign.
#[must_use]
pub fn campaign_results(t: &Template, year: i32, units: &[UnitEntries]) -> CampaignResults {
    let mut out: Vec<UnitResult> = units.iter().map(|u| unit_result(t, u)).collect();
    rank(&mut out);
    CampaignResults {
        year,
        template: t.code.clone(),
        units: out,
    }
}
