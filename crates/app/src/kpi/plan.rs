//! The reform plan's automatic indicators from the live aggregate: what the plan pages read
//! instead of the facts of every dossier of the issuer's subtree. Each figure is the one
//! `cchc plan status` computes from the dossiers (`Store::dossier_indicators`), for the same
//! subtree (the issuer's in force on the as-of day, capped at the plan's end): the aggregate
//! counts the plan's sector groups and toàn trình procedures apart
//! ([`cchc_domain::plan::auto_agg`]).
//!
//! A page asks for a handful of (period, sector) tallies, a few times each (the status, the
//! monthly series, the counts under a figure): each is computed once per request, under a
//! short read lock. Before the aggregate's first build the figures are unknown and the page
//! says they are being computed ([`PlanFigures::computing`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use cchc_domain::UnitCode;
use cchc_domain::indicator::IndicatorSource;
use cchc_domain::plan::auto::{AutoIndicator, Tally, computes};
use cchc_domain::plan::auto_agg::AggregateIndicators;
use cchc_domain::plan::sectors::{SectorGroup, shipped_sectors};
use cchc_domain::plan::{IndicatorId, Period};
use chrono::NaiveDate;

use super::scope::UnitScope;
use super::tail::{LiveKpi, NotReady};
use crate::App;

/// The automatic indicators of a unit's subtree, read from the live aggregate on demand.
pub struct PlanFigures {
    live: Arc<LiveKpi>,
    unit: UnitCode,
    /// The subtree; `None` when the unit is not in force that day (no dossier counts).
    scope: Option<Arc<UnitScope>>,
    groups: Vec<SectorGroup>,
    /// Set while the aggregate is being built for the first time.
    building: Option<NotReady>,
    tallies: Mutex<HashMap<(Period, Option<String>), Tally>>,
}

impl PlanFigures {
    /// The figures of `unit` and the units below it in force on `on`, after applying the
    /// changes committed so far (a writer sees its own dossiers).
    pub async fn load(
        app: &App,
        unit: &UnitCode,
        on: NaiveDate,
    ) -> Result<Self, cchc_store::StoreError> {
        let scope = app.org.scope(&app.store, unit, on).await?;
        app.kpi.live.sync(&app.store).await;
        let building = app.kpi.live.read(|_| ()).err();
        Ok(Self::new(Arc::clone(&app.kpi.live), unit, scope, building))
    }

    fn new(
        live: Arc<LiveKpi>,
        unit: &UnitCode,
        scope: Option<Arc<UnitScope>>,
        building: Option<NotReady>,
    ) -> Self {
        Self {
            live,
            unit: unit.clone(),
            scope,
            groups: shipped_sectors(),
            building,
            tallies: Mutex::new(HashMap::new()),
        }
    }

    /// While the aggregate is first built: the sentence the pages show.
    pub fn computing(&self) -> Option<String> {
        self.building.map(|n| {
            format!(
                "Các chỉ tiêu tính tự động từ dữ liệu hồ sơ đang được tổng hợp (đã đọc {} / {} \
                 hồ sơ): trong lúc này trang chỉ hiển thị số liệu báo cáo đã được duyệt. \
                 Vui lòng tải lại trang sau ít phút.",
                n.done, n.total
            )
        })
    }

    /// Whether the aggregate is being built for the first time (every figure unknown).
    pub fn is_building(&self) -> bool {
        self.building.is_some()
    }

    /// The sector groups, in file order.
    pub fn groups(&self) -> &[SectorGroup] {
        &self.groups
    }

    /// Whether `id` is an automatic indicator (whatever the data).
    pub fn computes(&self, id: &IndicatorId) -> bool {
        computes(&self.groups, id)
    }

    /// The counts over `period` of the dossiers of the sector suffix `key` (all when `None`);
    /// `None` while the aggregate is being built.
    pub fn tally(&self, period: Period, key: Option<&str>) -> Option<Tally> {
        if self.building.is_some() {
            return None;
        }
        let Some(scope) = &self.scope else {
            return Some(Tally::default());
        };
        let cache_key = (period, key.map(str::to_owned));
        let mut tallies = self.tallies.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(t) = tallies.get(&cache_key) {
            return Some(*t);
        }
        let tally = self
            .live
            .read_classified(|agg, classes| {
                AggregateIndicators::new(agg, classes, &scope.scope).tally(period, key)
            })
            .ok()?;
        tallies.insert(cache_key, tally);
        Some(tally)
    }
}

impl IndicatorSource for PlanFigures {
    fn value(&self, indicator: &IndicatorId, scope_unit: &UnitCode, period: Period) -> Option<f64> {
        if *scope_unit != self.unit || !self.computes(indicator) {
            return None;
        }
        let (kind, key) = AutoIndicator::parse(indicator.as_str())?;
        self.tally(period, key)?.percent(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn before_the_first_build_the_figures_are_unknown_and_said_to_be_computed() {
        let live = Arc::new(LiveKpi::default());
        let building = live.read(|_| ()).err();
        let h31 = UnitCode::parse("H31").unwrap();
        let figures = PlanFigures::new(live, &h31, None, building);
        let year = Period::year(2023).unwrap();
        let on_time = IndicatorId::parse("dossier.on_time_ratio").unwrap();
        assert!(figures.computes(&on_time));
        assert_eq!(figures.value(&on_time, &h31, year), None);
        assert_eq!(figures.tally(year, None), None);
        let said = figures.computing().unwrap();
        assert!(
            said.contains("đang được tổng hợp (đã đọc 0 / 0 hồ sơ)"),
            "{said}"
        );
    }
}
