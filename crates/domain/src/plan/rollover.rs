//! Year rollover: a plan cloned into another year as a draft — structure, targets and tasks,
//! deadlines moved by whole years, units that were merged or renamed mapped to their successors.
//!
//! A unit is kept when it is in force at the end of the new year; otherwise it is followed to
//! its successor (`successor_code` of its last version, else the single unit the lineage names
//! after it) until one in force then is found. A unit with no single successor (a district
//! dissolved into several communes) is kept as it was and listed as unmapped; groups are kept.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Months, NaiveDate};

use super::{Plan, UnitRef};
use crate::org::{OrgUnit, UnitCode};

/// How many successors are followed from one unit before giving up.
const MAX_STEPS: usize = 16;

/// A lineage row: `from`'s work passes (wholly or in part) to `to` on `effective`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Succession {
    pub from: UnitCode,
    pub to: UnitCode,
    pub effective: NaiveDate,
}

/// What the mapping of a plan's units did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitMapping {
    /// Units replaced by their successors: (old, new), by old code.
    pub mapped: Vec<(String, String)>,
    /// Units no longer in force that have no single successor (kept as they were).
    pub unmapped: Vec<String>,
}

/// Maps the units of a plan to those in force on a day.
pub struct UnitMapper<'a> {
    units: &'a [OrgUnit],
    lineage: &'a [Succession],
    on: NaiveDate,
    mapped: BTreeMap<String, String>,
    unmapped: BTreeSet<String>,
}

impl<'a> UnitMapper<'a> {
    /// A mapper to the units in force on `on`.
    pub fn new(units: &'a [OrgUnit], lineage: &'a [Succession], on: NaiveDate) -> Self {
        Self {
            units,
            lineage,
            on,
            mapped: BTreeMap::new(),
            unmapped: BTreeSet::new(),
        }
    }

    /// The unit in force on the mapper's day that carries on `code`'s work.
    pub fn map(&mut self, code: &UnitCode) -> UnitCode {
        let mut current = code.clone();
        for _ in 0..MAX_STEPS {
            let versions: Vec<&OrgUnit> = self.units.iter().filter(|u| u.code == current).collect();
            if versions.iter().any(|u| u.valid_at(self.on)) {
                if &current != code {
                    self.mapped.insert(code.to_string(), current.to_string());
                }
                return current;
            }
            let ended = versions
                .iter()
                .max_by_key(|u| u.valid_from)
                .filter(|u| u.valid_from <= self.on);
            let next = ended
                .and_then(|u| u.successor_code.clone())
                .or_else(|| self.single_successor(&current));
            match next {
                Some(n) => current = n,
                None => break,
            }
        }
        self.unmapped.insert(code.to_string());
        code.clone()
    }

    fn single_successor(&self, code: &UnitCode) -> Option<UnitCode> {
        let targets: BTreeSet<&UnitCode> = self
            .lineage
            .iter()
            .filter(|s| &s.from == code && s.effective <= self.on)
            .map(|s| &s.to)
            .collect();
        match targets.len() {
            1 => targets.into_iter().next().cloned(),
            _ => None,
        }
    }

    fn map_ref(&mut self, r: &mut UnitRef) {
        if let UnitRef::Unit(code) = r {
            *code = self.map(code);
        }
    }

    /// Maps every unit a plan names: issuer, area leads, task leads and co-operating units,
    /// the bodies of section III.
    pub fn map_plan(&mut self, plan: &mut Plan) {
        plan.issuer = self.map(&plan.issuer);
        for area in &mut plan.areas {
            self.map_ref(&mut area.lead_unit);
            for task in &mut area.tasks {
                self.map_ref(&mut task.lead_unit);
                task.cooperating.iter_mut().for_each(|r| self.map_ref(r));
            }
        }
        for task in &mut plan.appendix_tasks {
            self.map_ref(&mut task.lead_unit);
            task.cooperating.iter_mut().for_each(|r| self.map_ref(r));
        }
        for body in &mut plan.responsibilities {
            body.units.iter_mut().for_each(|r| self.map_ref(r));
        }
    }

    /// What the mapper did so far.
    pub fn mapping(&self) -> UnitMapping {
        UnitMapping {
            mapped: self.mapped.clone().into_iter().collect(),
            unmapped: self.unmapped.iter().cloned().collect(),
        }
    }
}

/// `d` moved by `years` whole years (29 February becomes 28 February).
pub fn shift_years(d: NaiveDate, years: i32) -> Option<NaiveDate> {
    let months = Months::new(12 * years.unsigned_abs());
    if years >= 0 {
        d.checked_add_months(months)
    } else {
        d.checked_sub_months(months)
    }
}

/// The id of the clone: `KH204-2023` → `KH204-2024`; otherwise `<id>-<year>`.
pub fn clone_key(key: &str, from: i32, to: i32) -> String {
    match key.strip_suffix(&format!("-{from}")) {
        Some(stem) => format!("{stem}-{to}"),
        None => format!("{key}-{to}"),
    }
}

/// The plan re-dated into `year`: id, title, dates and deadlines.
pub fn redate(source: &Plan, year: i32) -> Option<Plan> {
    let years = year - source.year;
    let mut plan = source.clone();
    plan.id = clone_key(&source.id, source.year, year);
    plan.title = source
        .title
        .replace(&format!("năm {}", source.year), &format!("năm {year}"));
    plan.year = year;
    plan.date = shift_years(source.date, years)?;
    plan.default_deadline = shift_years(source.default_deadline, years)?;
    for area in &mut plan.areas {
        for task in &mut area.tasks {
            task.deadline = shift_years(task.deadline, years)?;
        }
    }
    for task in &mut plan.appendix_tasks {
        task.deadline = shift_years(task.deadline, years)?;
    }
    Some(plan)
}

/// The draft of `source` for `year`, re-dated, before its units are mapped; refused for the
/// plan's own year or a year its dates cannot move to.
pub fn rollover_draft(source: &Plan, year: i32) -> Result<Plan, String> {
    if year == source.year {
        return Err(format!("the plan is already for {year}"));
    }
    redate(source, year).ok_or_else(|| format!("cannot move the plan's dates to {year}"))
}

/// Maps the units of a draft to those in force at the end of its year (its default deadline).
pub fn map_units(plan: &mut Plan, units: &[OrgUnit], lineage: &[Succession]) -> UnitMapping {
    let mut mapper = UnitMapper::new(units, lineage, plan.default_deadline);
    mapper.map_plan(plan);
    mapper.mapping()
}

#[cfg(test)]
#[path = "rollover_tests.rs"]
mod tests;
