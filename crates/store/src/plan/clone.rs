//! Year rollover: a plan cloned into another year as a draft — structure, targets and tasks,
//! deadlines moved by whole years, units that were merged or renamed mapped to their successors.
//!
//! A unit is kept when it is in force at the end of the new year; otherwise it is followed to
//! its successor (`org_units.successor_code`, else the single unit `org_lineage` names after
//! it) until one in force then is found. A unit with no single successor (a district dissolved
//! into several communes) is kept as it was and listed as unmapped; groups are kept.

use std::collections::{BTreeMap, BTreeSet};

use cchc_domain::org::{OrgUnit, UnitCode};
use cchc_domain::plan::{Plan, UnitRef};
use chrono::{Months, NaiveDate};
use serde::Serialize;
use sqlx::Row;

use crate::plan::{PlanCounts, PlanRef};
use crate::{Store, StoreError};

/// A lineage row: (from, to, effective).
type Lineage = Vec<(UnitCode, UnitCode, NaiveDate)>;

/// What a clone did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CloneReport {
    /// The new plan's id.
    pub key: String,
    pub from: String,
    pub year: i32,
    pub counts: PlanCounts,
    /// Units replaced by their successors: (old, new).
    pub mapped: Vec<(String, String)>,
    /// Units no longer in force that have no single successor (kept as they were).
    pub unmapped: Vec<String>,
}

/// Maps the units of a plan to those in force on a day.
pub struct UnitMapper<'a> {
    units: &'a [OrgUnit],
    lineage: &'a Lineage,
    on: NaiveDate,
    mapped: BTreeMap<String, String>,
    unmapped: BTreeSet<String>,
}

impl<'a> UnitMapper<'a> {
    /// A mapper to the units in force on `on`.
    pub fn new(units: &'a [OrgUnit], lineage: &'a Lineage, on: NaiveDate) -> Self {
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
        for _ in 0..16 {
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
            .filter(|(from, _, effective)| from == code && *effective <= self.on)
            .map(|(_, to, _)| to)
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

impl Store {
    /// Clones a plan into `year` as a draft; returns what it did.
    pub async fn clone_plan_to_year(
        &self,
        which: &PlanRef,
        year: i32,
        actor: &str,
    ) -> Result<CloneReport, StoreError> {
        let source = self
            .plan(which)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("no plan {which:?}")))?;
        if year == source.plan.year {
            return Err(StoreError::Invalid(format!(
                "the plan is already for {year}"
            )));
        }
        let mut plan = redate(&source.plan, year).ok_or_else(|| {
            StoreError::Invalid(format!("cannot move the plan's dates to {year}"))
        })?;
        if self.plan(&PlanRef::Key(plan.id.clone())).await?.is_some() {
            return Err(StoreError::Conflict(format!(
                "plan '{}' is already stored",
                plan.id
            )));
        }
        let units = self.org_units().await?;
        let lineage = self.lineage().await?;
        let mut mapper = UnitMapper::new(&units, &lineage, plan.default_deadline);
        mapper.map_plan(&mut plan);
        self.store_plan(&plan, Some(source.row_id), actor, "")
            .await?;
        Ok(CloneReport {
            key: plan.id.clone(),
            from: source.key,
            year,
            counts: PlanCounts::of(&plan),
            mapped: mapper.mapped.into_iter().collect(),
            unmapped: mapper.unmapped.into_iter().collect(),
        })
    }

    async fn lineage(&self) -> Result<Lineage, StoreError> {
        let rows = sqlx::query("SELECT from_code, to_code, effective FROM org_lineage")
            .fetch_all(self.pool())
            .await?;
        let invalid = StoreError::Invalid;
        rows.iter()
            .map(|r| {
                Ok((
                    UnitCode::parse(&r.try_get::<String, _>("from_code")?).map_err(invalid)?,
                    UnitCode::parse(&r.try_get::<String, _>("to_code")?).map_err(invalid)?,
                    crate::plan::iso_date(&r.try_get::<String, _>("effective")?)?,
                ))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn years_shift_and_keys_follow_the_year() {
        assert_eq!(shift_years(d("2023-12-31"), 1), Some(d("2024-12-31")));
        assert_eq!(shift_years(d("2024-02-29"), 1), Some(d("2025-02-28")));
        assert_eq!(shift_years(d("2024-06-30"), -1), Some(d("2023-06-30")));
        assert_eq!(clone_key("KH204-2023", 2023, 2024), "KH204-2024");
        assert_eq!(clone_key("KH-SNV", 2023, 2024), "KH-SNV-2024");
    }

    #[test]
    fn units_follow_successors_and_lineage_until_one_is_in_force() {
        let csv = "code,name,kind,parent_code,valid_from,valid_to,successor_code\n\
            H31,Hưng Yên,province,,1997-01-01,,\n\
            H31.SKHCN,Sở KH&CN,department,H31,2020-01-01,,\n\
            H31.STTTT,Sở TT&TT,department,H31,2020-01-01,2025-02-28,H31.SKHCN\n\
            H31.SX,Sở X,department,H31,2020-01-01,2024-06-30,\n\
            H31.SY,Sở Y,department,H31,2020-01-01,2024-06-30,\n";
        let units = cchc_domain::org_import::parse_org_units(csv, &[]).unwrap();
        let code = |s: &str| UnitCode::parse(s).unwrap();
        let lineage = vec![(code("H31.SX"), code("H31.STTTT"), d("2024-07-01"))];
        let mut m = UnitMapper::new(&units, &lineage, d("2025-12-31"));
        assert_eq!(m.map(&code("H31.STTTT")), code("H31.SKHCN"));
        assert_eq!(m.map(&code("H31.SX")), code("H31.SKHCN"));
        assert_eq!(m.map(&code("H31.SY")), code("H31.SY"));
        assert_eq!(m.map(&code("H31")), code("H31"));
        assert_eq!(m.unmapped.iter().collect::<Vec<_>>(), ["H31.SY"]);
        let mut before = UnitMapper::new(&units, &lineage, d("2024-12-31"));
        assert_eq!(before.map(&code("H31.STTTT")), code("H31.STTTT"));
        assert!(before.mapped.is_empty());
    }
}
