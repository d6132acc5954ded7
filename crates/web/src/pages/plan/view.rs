//! What the overview, the public page and the workbook show of a plan: its areas with their
//! targets (every figure with its value, threshold and status) and the names of units.

use std::collections::HashMap;

use super::labels;
use super::{Loaded, target_href};
use cchc_domain::OrgUnit;
use cchc_domain::plan::{Target, UnitRef};
use cchc_store::plan_status::{TargetState, ThresholdState};

/// The names of units by code (the latest version of each).
pub struct UnitNames(HashMap<String, String>);

impl UnitNames {
    /// The names of `units`.
    pub fn new(units: &[OrgUnit]) -> Self {
        let mut names = HashMap::new();
        for u in units {
            // Versions come in `valid_from` order: the last one written is the latest.
            names.insert(u.code.as_str().to_owned(), u.name.clone());
        }
        Self(names)
    }

    /// The name of a unit code (the code itself when unknown).
    pub fn code(&self, code: &str) -> String {
        if let Some(group) = code.strip_prefix(UnitRef::GROUP_PREFIX) {
            return group_name(group).to_owned();
        }
        self.0.get(code).cloned().unwrap_or_else(|| code.to_owned())
    }

    /// The name of a unit or group.
    pub fn unit_ref(&self, r: &UnitRef) -> String {
        self.code(&r.to_string())
    }
}

/// A group of units in Vietnamese (`group:districts` → its name).
fn group_name(group: &str) -> &'static str {
    match group {
        "departments" => "Các sở, ban, ngành thuộc tỉnh",
        "public_service_units" => "Các đơn vị sự nghiệp công lập thuộc UBND tỉnh",
        "districts" => "UBND các huyện, thị xã, thành phố",
        "communes" => "UBND các xã, phường",
        _ => "Nhóm đơn vị",
    }
}

/// One figure of a target as shown.
pub struct FigureCell {
    /// What is measured: the indicator's Vietnamese name, or its id.
    pub what: String,
    pub tier: &'static str,
    pub threshold: String,
    pub value: String,
    pub origin: &'static str,
    pub status_label: &'static str,
    pub status_class: &'static str,
    pub aspirational: bool,
}

impl FigureCell {
    /// The cell of `state`, the threshold of `target` at the same position.
    pub fn new(state: &ThresholdState, aspirational: bool) -> Self {
        let id = state.indicator.as_str();
        Self {
            what: labels::auto_name(id).map_or_else(|| id.to_owned(), str::to_owned),
            tier: labels::tier(state.tier),
            threshold: labels::threshold(state.comparator, state.threshold, state.unit),
            value: labels::value(state.value, state.unit),
            origin: labels::origin(state.origin),
            status_label: labels::target_status(state.status),
            status_class: labels::target_class(state.status),
            aspirational,
        }
    }
}

/// One target as listed.
pub struct TargetRow {
    pub id: String,
    pub href: String,
    pub label: String,
    pub text: String,
    pub status_label: &'static str,
    pub status_class: &'static str,
    pub status_code: &'static str,
    pub figures: Vec<FigureCell>,
}

impl TargetRow {
    fn new(plan_key: &str, target: &Target, state: &TargetState) -> Self {
        let figures = state
            .thresholds
            .iter()
            .zip(&target.thresholds)
            .map(|(s, t)| FigureCell::new(s, t.aspirational))
            .collect();
        Self {
            id: target.id.clone(),
            href: target_href(plan_key, &target.id),
            label: target.label.clone(),
            text: target.text.clone(),
            status_label: labels::target_status(state.status),
            status_class: labels::target_class(state.status),
            status_code: labels::target_code(state.status),
            figures,
        }
    }
}

/// An area with its targets.
pub struct AreaView {
    pub code: u8,
    pub title: String,
    pub lead: String,
    pub targets: Vec<TargetRow>,
}

/// The headline goals and the areas, each target with its state.
pub fn areas(loaded: &Loaded, names: &UnitNames) -> (Vec<TargetRow>, Vec<AreaView>) {
    let plan = &loaded.stored.plan;
    let key = &loaded.stored.key;
    let row = |t: &Target| {
        loaded
            .status
            .targets
            .iter()
            .find(|s| s.id == t.id)
            .map(|s| TargetRow::new(key, t, s))
    };
    let goals = plan.headline.goals.iter().filter_map(row).collect();
    let areas = plan
        .areas
        .iter()
        .map(|a| AreaView {
            code: a.code,
            title: a.title.clone(),
            lead: names.unit_ref(&a.lead_unit),
            targets: a.targets.iter().filter_map(row).collect(),
        })
        .collect();
    (goals, areas)
}

/// How many targets have each status: met, on track, at risk, missed, without data.
pub fn status_counts(loaded: &Loaded) -> [usize; 5] {
    let mut counts = [0; 5];
    for t in &loaded.status.targets {
        let i = match labels::target_code(t.status) {
            "met" => 0,
            "on_track" => 1,
            "at_risk" => 2,
            "missed" => 3,
            _ => 4,
        };
        counts[i] += 1;
    }
    counts
}
