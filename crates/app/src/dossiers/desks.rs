//! Where a dossier is received and who decides it: the desks a citizen may submit a
//! procedure to (the service centre for a province procedure, a commune or ward for a commune
//! one) and the competent unit proposed for a procedure at a desk.

use cchc_domain::org::{OrgKind, OrgUnit};
use cchc_domain::procedure::CompetentLevel;
use chrono::NaiveDate;

/// A unit offered in a list: code and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitChoice {
    pub code: String,
    pub name: String,
}

fn choice(u: &OrgUnit) -> UnitChoice {
    UnitChoice {
        code: u.code.to_string(),
        name: u.name.clone(),
    }
}

/// The units of `province` in force on `on` (`province` itself and every code under it).
pub fn province_units(units: &[OrgUnit], province: &str, on: NaiveDate) -> Vec<UnitChoice> {
    let prefix = format!("{province}.");
    units
        .iter()
        .filter(|u| u.valid_at(on))
        .filter(|u| u.code.as_str() == province || u.code.as_str().starts_with(&prefix))
        .map(choice)
        .collect()
}

/// The desks a citizen may submit `level`'s procedures to on `on`: service centres for
/// province procedures, communes, wards and special zones for commune ones.
pub fn desks(
    units: &[OrgUnit],
    province: &str,
    level: CompetentLevel,
    on: NaiveDate,
) -> Vec<UnitChoice> {
    let prefix = format!("{province}.");
    let fits = |k: OrgKind| match level {
        CompetentLevel::Province => k == OrgKind::ServiceCenter,
        CompetentLevel::Commune => {
            matches!(k, OrgKind::Commune | OrgKind::Ward | OrgKind::SpecialZone)
        }
        CompetentLevel::District => false,
    };
    units
        .iter()
        .filter(|u| u.valid_at(on) && u.code.as_str().starts_with(&prefix) && fits(u.kind))
        .map(choice)
        .collect()
}

/// The competent unit a desk proposes: for a province procedure, the unit whose name the
/// procedure's implementing body (`unit_name`) begins with; otherwise the desk itself.
pub fn proposed_competent(
    units: &[UnitChoice],
    level: CompetentLevel,
    unit_name: Option<&str>,
    desk: &str,
) -> String {
    let lead = unit_name
        .and_then(|n| n.split(['(', ';', ',']).next())
        .map(str::trim)
        .filter(|n| !n.is_empty());
    match (level, lead) {
        (CompetentLevel::Province, Some(lead)) => units
            .iter()
            .find(|u| u.name.starts_with(lead))
            .map_or_else(|| desk.to_owned(), |u| u.code.clone()),
        _ => desk.to_owned(),
    }
}
