//! The plan's automatic indicators, computed from dossier facts (targets 2.a, 2.c and 6.g of
//! KH 204), for the whole scope or one sector group: [`DossierIndicators`], an
//! [`IndicatorSource`].
//!
//! For a period the window is the whole period, as of its last second (kpi [`Window::closed`]);
//! the plan's status asks for its year up to the as-of day. In percent:
//!
//! - `dossier.on_time_ratio`: (finished early or on time + unfinished within the deadline) ÷
//!   population: the on-time ratio of the dossier statistics (`kpi::stats`, QĐ 766 view);
//! - `dossier.early_ratio`: finished early ÷ finished in the period;
//! - `dossier.online_share`: of the dossiers received in the period whose procedure is offered
//!   toàn trình (its latest version), those received online (target 6.g);
//! - `satisfaction.rate`: of the dossiers of the population the applicant rated, those not
//!   marked dissatisfied (no "dislike", no complaint about the dossier).
//!
//! Each takes a suffix naming a sector group of `data/plan/sectors.toml` (`.land`,
//! `.construction`, `.investment`) or every group together (`.land_construction_investment`),
//! which counts only the dossiers of procedures of those sectors. A figure whose denominator
//! is zero is unknown (`None`), and so is every other indicator and every other unit.
//!
//! Two sources give the same figures: [`DossierIndicators`], one pass over the facts of the
//! subtree's dossiers (the reference, and what the one-shot commands use), and
//! [`super::auto_agg::AggregateIndicators`], from the incremental KPI aggregate (the server's).

use std::collections::HashMap;

use super::sectors::{ALL_GROUPS_KEY, SectorGroup};
use super::{IndicatorId, Period};
use crate::dossier::{Channel, Progress, Timeliness, Verdict};
use crate::indicator::IndicatorSource;
use crate::kpi::{Counts, DossierFacts, Window};
use crate::org::UnitCode;

/// The computed figures, by the id of their base indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AutoIndicator {
    OnTime,
    Early,
    OnlineShare,
    Satisfaction,
}

impl AutoIndicator {
    /// Every base indicator with its id.
    pub const ALL: [(Self, &'static str); 4] = [
        (Self::OnTime, "dossier.on_time_ratio"),
        (Self::Early, "dossier.early_ratio"),
        (Self::OnlineShare, "dossier.online_share"),
        (Self::Satisfaction, "satisfaction.rate"),
    ];

    /// The base indicator and the sector suffix of `id` (`None` for the whole scope).
    pub fn parse(id: &str) -> Option<(Self, Option<&str>)> {
        Self::ALL.iter().find_map(|(kind, base)| {
            let rest = id.strip_prefix(base)?;
            match rest {
                "" => Some((*kind, None)),
                _ => rest.strip_prefix('.').map(|s| (*kind, Some(s))),
            }
        })
    }
}

/// What the figures need to know of a procedure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcedureTraits {
    pub sector_name: String,
    pub sector_code: Option<String>,
    /// Offered toàn trình (online level "full") in its latest version.
    pub full_online: bool,
}

/// Counts of one pass over the facts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub population: u64,
    pub on_time: u64,
    pub finished: u64,
    pub early: u64,
    pub full_online_received: u64,
    pub full_online_online: u64,
    pub rated: u64,
    pub satisfied: u64,
}

impl Tally {
    /// Adds one dossier, judged in `w`; `full_online` tells whether its procedure is toàn trình.
    pub fn add(&mut self, f: &DossierFacts, w: &Window, full_online: bool) {
        if full_online && f.received_in(w) {
            self.full_online_received += 1;
            self.full_online_online += u64::from(f.channel == Channel::Online);
        }
        if !f.in_population(w) {
            return;
        }
        self.population += 1;
        match f.verdict_at(w.at()) {
            Some(Verdict::Finished(t)) => {
                self.finished += 1;
                self.early += u64::from(t == Timeliness::Early);
                self.on_time += u64::from(t != Timeliness::Late);
            }
            Some(Verdict::Open(p)) => self.on_time += u64::from(p == Progress::Within),
            None => {}
        }
        if f.flags.rated {
            self.rated += 1;
            self.satisfied += u64::from(!f.flags.dissatisfied);
        }
    }

    /// The tally of `counts` (the dossiers the figures count) and of `full_online_received`
    /// (received by channel: those of toàn trình procedures).
    #[must_use]
    pub fn from_counts(counts: &Counts, full_online_received: [u64; 3]) -> Self {
        Self {
            population: counts.population(),
            on_time: counts.on_time(),
            finished: counts.finished.iter().sum(),
            early: counts.finished[0],
            full_online_received: full_online_received.iter().sum(),
            full_online_online: full_online_received[1],
            rated: counts.rated,
            satisfied: counts.rated.saturating_sub(counts.rated_dissatisfied),
        }
    }

    /// The figure of `kind` in percent; `None` when its denominator is zero.
    pub fn percent(&self, kind: AutoIndicator) -> Option<f64> {
        let (n, d) = match kind {
            AutoIndicator::OnTime => (self.on_time, self.population),
            AutoIndicator::Early => (self.early, self.finished),
            AutoIndicator::OnlineShare => (self.full_online_online, self.full_online_received),
            AutoIndicator::Satisfaction => (self.satisfied, self.rated),
        };
        crate::kpi::stats::ratio(n, d).map(|r| 100.0 * r)
    }
}

/// What a dossier's procedure says about it: toàn trình, and the groups of its sector (bit
/// `i` for `groups[i]`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct Class {
    pub(crate) full_online: bool,
    pub(crate) groups: u64,
}

impl Class {
    /// The class of a procedure with traits `p`, among `groups` (the first 64 count).
    pub(crate) fn of(p: &ProcedureTraits, groups: &[SectorGroup]) -> Self {
        let groups = groups
            .iter()
            .take(64)
            .enumerate()
            .filter(|(_, g)| g.covers(&p.sector_name, p.sector_code.as_deref()))
            .fold(0u64, |mask, (i, _)| mask | (1 << i));
        Class {
            full_online: p.full_online,
            groups,
        }
    }
}

/// The groups a sector suffix stands for (a bit per group); `None` for an unknown key.
pub(crate) fn group_mask(groups: &[SectorGroup], key: &str) -> Option<u64> {
    if key == ALL_GROUPS_KEY {
        return Some(u64::MAX);
    }
    let i = groups.iter().take(64).position(|g| g.key == key)?;
    Some(1 << i)
}

/// Whether `id` is an automatic indicator with `groups` (whatever the data).
pub fn computes(groups: &[SectorGroup], id: &IndicatorId) -> bool {
    match AutoIndicator::parse(id.as_str()) {
        Some((_, None)) => true,
        Some((_, Some(key))) => group_mask(groups, key).is_some(),
        None => false,
    }
}

/// The automatic indicators of one unit's subtree, over the facts of its dossiers.
#[derive(Debug, Clone, Default)]
pub struct DossierIndicators {
    unit: String,
    facts: Vec<DossierFacts>,
    procedures: HashMap<String, Class>,
    groups: Vec<SectorGroup>,
}

impl DossierIndicators {
    /// The indicators of `unit`, over `facts` (the dossiers of its subtree), with the traits
    /// of the procedures and the sector groups.
    pub fn new(
        unit: &UnitCode,
        facts: Vec<DossierFacts>,
        procedures: HashMap<String, ProcedureTraits>,
        groups: Vec<SectorGroup>,
    ) -> Self {
        let procedures = procedures
            .into_iter()
            .map(|(code, p)| {
                let class = Class::of(&p, &groups);
                (code, class)
            })
            .collect();
        Self {
            unit: unit.as_str().to_owned(),
            facts,
            procedures,
            groups,
        }
    }

    /// The sector groups, in file order.
    pub fn groups(&self) -> &[SectorGroup] {
        &self.groups
    }

    /// Whether this source computes `id` (whatever the data).
    pub fn computes(&self, id: &IndicatorId) -> bool {
        computes(&self.groups, id)
    }

    /// The counts over `period` of the dossiers of the sector suffix `key` (all when `None`).
    pub fn tally(&self, period: Period, key: Option<&str>) -> Tally {
        let w = Window::closed(period);
        let mut tally = Tally::default();
        let Some(wanted) = key.map_or(Some(None), |k| group_mask(&self.groups, k).map(Some)) else {
            return tally;
        };
        for f in &self.facts {
            let class = self
                .procedures
                .get(&f.procedure)
                .copied()
                .unwrap_or_default();
            if wanted.is_some_and(|m| class.groups & m == 0) {
                continue;
            }
            tally.add(f, &w, class.full_online);
        }
        tally
    }
}

impl IndicatorSource for DossierIndicators {
    fn value(&self, indicator: &IndicatorId, scope_unit: &UnitCode, period: Period) -> Option<f64> {
        if scope_unit.as_str() != self.unit || !self.computes(indicator) {
            return None;
        }
        let (kind, key) = AutoIndicator::parse(indicator.as_str())?;
        self.tally(period, key).percent(kind)
    }
}

#[cfg(test)]
#[path = "auto_tests.rs"]
mod tests;
