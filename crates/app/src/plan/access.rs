//! Who may do what on the reform plan, whatever the door.
//!
//! - The plans and their status are public (the accountability page); the reported values,
//!   progress notes, evidence files and reminder notices are read by staff and operators.
//! - A value of a target is reported by a specialist or unit leader of its responsible unit
//!   (the area's lead in section III; the unit or one above it), or by the PAR admin, who also
//!   enters the external indices of the headline goals.
//! - Progress on a task is reported by a specialist or unit leader of its lead or a
//!   co-operating unit (a unit of the kind a group names counts for the group), or by the PAR
//!   admin.
//! - Reported values are approved or returned by the PAR admin (Sở Nội vụ) alone, and never
//!   by the account that reported them (`own_report`).
//! - Plans are imported, cloned into another year and linked by the PAR admin.
//!
//! An operator (the command line, without an account) transcribes what units report and what
//! the PAR admin decides, for any unit, and runs the reminder job: it holds every right
//! above. The own-report rule binds accounts: the operator reports and reviews as no one.

use crate::{Actor, Error};
use cchc_domain::Role;
use cchc_domain::org::{OrgKind, OrgUnit, UnitCode};
use cchc_domain::org_tree::is_within;
use cchc_domain::plan::{UnitGroup, UnitRef};
use cchc_store::plan_values::ReportedValue;
use chrono::NaiveDate;

/// Whether the actor is the PAR admin (Sở Nội vụ).
pub fn is_par_admin(actor: &Actor) -> bool {
    actor.role == Role::ParAdmin
}

/// Staff with a unit, or an operator: who reads what units reported.
pub fn ensure_staff(actor: &Actor) -> Result<(), Error> {
    if actor.is_operator() || actor.staff_unit().is_some() {
        Ok(())
    } else {
        Err(Error::forbidden(
            "forbidden",
            "Chức năng này dành cho cán bộ, công chức thuộc một đơn vị.",
        ))
    }
}

/// Whether the actor approves and returns reported values.
pub fn may_review(actor: &Actor) -> bool {
    is_par_admin(actor) || actor.is_operator()
}

/// [`may_review`] as a 403.
pub fn ensure_may_review(actor: &Actor) -> Result<(), Error> {
    if may_review(actor) {
        Ok(())
    } else {
        Err(Error::forbidden(
            "not_par_admin",
            "Chỉ quản trị CCHC (Sở Nội vụ) được duyệt hoặc trả lại số liệu báo cáo.",
        ))
    }
}

/// Whether `value` was reported by the actor's own account.
pub fn is_own_report(actor: &Actor, value: &ReportedValue) -> bool {
    !actor.is_operator() && value.reported_by == actor.username
}

/// Nobody approves or returns a value they reported themselves.
pub fn ensure_not_own_report(actor: &Actor, value: &ReportedValue) -> Result<(), Error> {
    if is_own_report(actor, value) {
        Err(Error::forbidden(
            "own_report",
            "Không được duyệt hoặc trả lại số liệu do chính mình báo cáo.",
        ))
    } else {
        Ok(())
    }
}

/// Whether the actor imports plans, clones them into another year and links unit plans.
pub fn may_manage(actor: &Actor) -> bool {
    is_par_admin(actor) || actor.is_operator()
}

/// [`may_manage`] as a 403.
pub fn ensure_may_manage(actor: &Actor) -> Result<(), Error> {
    if may_manage(actor) {
        Ok(())
    } else {
        Err(Error::forbidden(
            "not_par_admin",
            "Chỉ quản trị CCHC (Sở Nội vụ) được nhập, sao chép hoặc liên kết kế hoạch.",
        ))
    }
}

/// Whether a unit of `kind` belongs to `group`.
pub fn in_group(kind: OrgKind, group: UnitGroup) -> bool {
    match group {
        UnitGroup::Departments => kind == OrgKind::Department,
        UnitGroup::Districts => kind == OrgKind::District,
        UnitGroup::Communes => matches!(
            kind,
            OrgKind::Commune | OrgKind::Ward | OrgKind::Township | OrgKind::SpecialZone
        ),
        UnitGroup::PublicServiceUnits => false,
    }
}

/// The kind of `unit` in force on `on`.
fn kind_of(units: &[OrgUnit], unit: &UnitCode, on: NaiveDate) -> Option<OrgKind> {
    units
        .iter()
        .find(|u| u.code == *unit && u.valid_at(on))
        .map(|u| u.kind)
}

/// Whether `unit` is `r`, is above it, or is of the kind `r`'s group names.
pub fn unit_covers(units: &[OrgUnit], unit: &UnitCode, r: &UnitRef, on: NaiveDate) -> bool {
    match r {
        UnitRef::Unit(code) => is_within(units, unit, code, on),
        UnitRef::Group(group) => kind_of(units, unit, on).is_some_and(|k| in_group(k, *group)),
    }
}

/// Whether the role reports for a unit.
fn reporting_role(role: Role) -> bool {
    matches!(role, Role::Specialist | Role::UnitLeader | Role::ParAdmin)
}

/// Whether the actor may report for an item whose responsible units are `responsible`.
pub fn may_report(
    actor: &Actor,
    units: &[OrgUnit],
    responsible: &[UnitRef],
    on: NaiveDate,
) -> bool {
    if actor.is_operator() || is_par_admin(actor) {
        return true;
    }
    let Some(unit) = actor.staff_unit() else {
        return false;
    };
    reporting_role(actor.role) && responsible.iter().any(|r| unit_covers(units, unit, r, on))
}

/// [`may_report`] as a 403.
pub fn ensure_may_report(
    actor: &Actor,
    units: &[OrgUnit],
    responsible: &[UnitRef],
    on: NaiveDate,
) -> Result<(), Error> {
    if may_report(actor, units, responsible, on) {
        Ok(())
    } else {
        Err(Error::forbidden(
            "not_responsible",
            "Chỉ đơn vị chịu trách nhiệm (chuyên viên, lãnh đạo đơn vị) hoặc quản trị CCHC \
             được báo cáo nội dung này.",
        ))
    }
}

/// The unit a report is made for: the one named (an operator names one; staff may name their
/// own unit or one below it), else the actor's own.
pub fn reporting_unit(
    actor: &Actor,
    named: Option<&UnitCode>,
    units: &[OrgUnit],
    on: NaiveDate,
) -> Result<UnitCode, Error> {
    let missing = || {
        Error::invalid_field(
            "Chưa chọn đơn vị báo cáo.",
            "unit",
            "bắt buộc với người vận hành",
        )
    };
    match (named, actor.staff_unit()) {
        (Some(unit), _) if actor.is_operator() => Ok(unit.clone()),
        (Some(unit), Some(own)) if is_within(units, own, unit, on) => Ok(unit.clone()),
        (Some(_), Some(_)) => Err(Error::forbidden(
            "outside_unit",
            "Đơn vị này nằm ngoài phạm vi đơn vị của bạn.",
        )),
        (None, Some(own)) => Ok(own.clone()),
        (_, None) if actor.is_operator() => Err(missing()),
        (_, None) => Err(ensure_staff(actor).err().unwrap_or_else(missing)),
    }
}

/// The unit references whose notices the actor's unit reads: the unit, and each group its
/// kind belongs to (on `on`).
pub fn notice_refs(actor: &Actor, units: &[OrgUnit], on: NaiveDate) -> Vec<String> {
    let Some(unit) = actor.staff_unit() else {
        return Vec::new();
    };
    let mut refs = vec![unit.to_string()];
    let kind = kind_of(units, unit, on);
    let groups = [
        UnitGroup::Departments,
        UnitGroup::PublicServiceUnits,
        UnitGroup::Districts,
        UnitGroup::Communes,
    ];
    for g in groups {
        if kind.is_some_and(|k| in_group(k, g)) {
            refs.push(UnitRef::Group(g).to_string());
        }
    }
    refs
}
