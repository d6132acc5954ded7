//! The unit subtrees the statistics cover, computed from the shared org units
//! ([`crate::org_cache::OrgCache`], which keeps each (unit, date) subtree once per load).

use cchc_domain::kpi::Scope;
use cchc_domain::org::OrgUnit;
use cchc_domain::org_tree::tree_at;
use cchc_domain::{OrgKind, UnitCode};
use chrono::NaiveDate;

/// A unit's subtree in force on a date, with the unit's kind (its QĐ 766 tier).
#[derive(Debug, Clone)]
pub struct UnitScope {
    pub scope: Scope,
    pub kind: OrgKind,
    pub name: String,
}

/// The subtree of `code` in force on `date` among `units`; `None` when not in force then.
pub(crate) fn subtree(units: &[OrgUnit], code: &UnitCode, date: NaiveDate) -> Option<UnitScope> {
    let tree = tree_at(units, code, date)?;
    let below: Vec<String> = tree.walk().iter().map(|n| n.code.clone()).collect();
    Some(UnitScope {
        scope: Scope::new(code.as_str(), below),
        kind: tree.kind,
        name: tree.name.clone(),
    })
}
