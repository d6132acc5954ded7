//! The plan's automatic indicators from the incremental KPI aggregate ([`crate::kpi::Aggregate`])
//! instead of a pass over the dossiers: the same [`Tally`] as [`DossierIndicators::tally`],
//! whatever the number of dossiers.
//!
//! The figures of the whole scope are the aggregate's counts of the subtree (population, on
//! time, finished early, rated and rated dissatisfied). Those of a sector group need the
//! dossiers of its procedures, and the online share those of the toàn trình procedures: the
//! procedures are put in classes by their traits ([`PlanClasses`]: one class per distinct
//! pair of sector groups and toàn trình), and the aggregate, created with these classes,
//! counts each class apart ([`crate::kpi::classes`]): whole when its procedures belong to a
//! group, by receipts alone when they are only toàn trình. A procedure of no group and not
//! toàn trình (or unknown to the catalogue) has no class, as it has no group in
//! [`DossierIndicators`].
//!
//! [`DossierIndicators`]: super::auto::DossierIndicators
//! [`DossierIndicators::tally`]: super::auto::DossierIndicators::tally

use std::collections::HashMap;

use super::auto::{AutoIndicator, Class, ProcedureTraits, Tally, computes, group_mask};
use super::sectors::SectorGroup;
use super::{IndicatorId, Period};
use crate::indicator::IndicatorSource;
use crate::kpi::{Aggregate, ClassId, Keep, ProcedureClasses, Scope, Window};
use crate::org::UnitCode;

/// The procedures' classes for the plan, with what each class stands for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanClasses {
    procedures: ProcedureClasses,
    /// `classes[i]` is class `i + 1`'s.
    classes: Vec<Class>,
    groups: Vec<SectorGroup>,
}

impl PlanClasses {
    /// The classes of `procedures` (by code) among the sector `groups`.
    #[must_use]
    pub fn new(procedures: &HashMap<String, ProcedureTraits>, groups: Vec<SectorGroup>) -> Self {
        let mut codes: Vec<(&String, Class)> = procedures
            .iter()
            .map(|(code, p)| (code, Class::of(p, &groups)))
            .filter(|(_, class)| *class != Class::default())
            .collect();
        codes.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut out = Self {
            groups,
            ..Self::default()
        };
        for (code, class) in codes {
            let id = match out.classes.iter().position(|c| *c == class) {
                Some(i) => ClassId::try_from(i + 1).unwrap_or(ClassId::MAX),
                None => {
                    out.classes.push(class);
                    let keep = if class.groups == 0 {
                        Keep::Receipts
                    } else {
                        Keep::Whole
                    };
                    out.procedures.add_class(keep)
                }
            };
            out.procedures.assign(code.clone(), id);
        }
        out
    }

    /// The classes to create the aggregate with ([`Aggregate::with_classes`]).
    #[must_use]
    pub fn procedure_classes(&self) -> &ProcedureClasses {
        &self.procedures
    }

    /// The sector groups, in file order.
    #[must_use]
    pub fn groups(&self) -> &[SectorGroup] {
        &self.groups
    }

    fn class(&self, id: ClassId) -> Class {
        usize::from(id)
            .checked_sub(1)
            .and_then(|i| self.classes.get(i))
            .copied()
            .unwrap_or_default()
    }
}

/// The automatic indicators of `scope` from an aggregate created with `classes`.
#[derive(Debug, Clone, Copy)]
pub struct AggregateIndicators<'a> {
    aggregate: &'a Aggregate,
    classes: &'a PlanClasses,
    scope: &'a Scope,
}

impl<'a> AggregateIndicators<'a> {
    /// The indicators of `scope` (the issuer's subtree) over `aggregate`, which was created
    /// with `classes.procedure_classes()`.
    #[must_use]
    pub fn new(aggregate: &'a Aggregate, classes: &'a PlanClasses, scope: &'a Scope) -> Self {
        debug_assert!(
            aggregate.classes() == classes.procedure_classes(),
            "the aggregate counts other classes"
        );
        Self {
            aggregate,
            classes,
            scope,
        }
    }

    /// The counts over `period` of the dossiers of the sector suffix `key` (all when `None`),
    /// as [`super::auto::DossierIndicators::tally`] gives them.
    #[must_use]
    pub fn tally(&self, period: Period, key: Option<&str>) -> Tally {
        let w = Window::closed(period);
        let wanted = match key.map(|k| group_mask(self.classes.groups(), k)) {
            None => None,
            Some(Some(mask)) => Some(mask),
            Some(None) => return Tally::default(),
        };
        let in_groups = |id: ClassId| wanted.is_none_or(|m| self.classes.class(id).groups & m != 0);
        let counts = match wanted {
            None => self.aggregate.counts(self.scope, &w),
            Some(_) => self.aggregate.class_counts(self.scope, &w, in_groups),
        };
        let full_online = |id: ClassId| self.classes.class(id).full_online && in_groups(id);
        let received = self.aggregate.class_received(self.scope, &w, full_online);
        Tally::from_counts(&counts, received)
    }
}

impl IndicatorSource for AggregateIndicators<'_> {
    fn value(&self, indicator: &IndicatorId, scope_unit: &UnitCode, period: Period) -> Option<f64> {
        if scope_unit.as_str() != self.scope.unit() || !computes(self.classes.groups(), indicator) {
            return None;
        }
        let (kind, key) = AutoIndicator::parse(indicator.as_str())?;
        self.tally(period, key).percent(kind)
    }
}

#[cfg(test)]
#[path = "auto_agg_tests.rs"]
mod tests;
