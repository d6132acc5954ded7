//! Who may do what on the plan pages.
//!
//! - Every staff user reads the plan, its targets, tasks and evidence.
//! - A value of a target is reported by a specialist or unit leader of its responsible unit
//!   (the area's lead in section III; the unit or one above it), or by the PAR admin, who
//!   also enters the external indices of the headline goals.
//! - Progress on a task is reported by a specialist or unit leader of its lead or a
//!   co-operating unit (a unit of the kind a group names counts for the group), or by the
//!   PAR admin.
//! - Reported values are approved or returned by the PAR admin (Sở Nội vụ) alone.

use crate::auth::Staff;
use crate::error::AppError;
use cchc_domain::plan::{UnitGroup, UnitRef};
use cchc_domain::{OrgKind, OrgUnit, Role};
use chrono::NaiveDate;

/// Whether the user is the PAR admin.
pub fn is_par_admin(staff: &Staff) -> bool {
    staff.current.role() == Role::ParAdmin
}

/// Whether the role reports for a unit.
fn reporting_role(role: Role) -> bool {
    matches!(role, Role::Specialist | Role::UnitLeader | Role::ParAdmin)
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

/// Whether the user's unit is `r`, is above it, or is of the kind `r`'s group names.
pub fn covers(staff: &Staff, units: &[OrgUnit], r: &UnitRef, on: NaiveDate) -> bool {
    match r {
        UnitRef::Unit(code) => staff.reaches(units, code, on),
        UnitRef::Group(group) => units
            .iter()
            .find(|u| u.code == staff.unit && u.valid_at(on))
            .is_some_and(|u| in_group(u.kind, *group)),
    }
}

/// Whether the user may report for an item whose responsible units are `responsible`.
pub fn may_report(
    staff: &Staff,
    units: &[OrgUnit],
    responsible: &[UnitRef],
    on: NaiveDate,
) -> bool {
    let role = staff.current.role();
    role == Role::ParAdmin
        || (reporting_role(role) && responsible.iter().any(|r| covers(staff, units, r, on)))
}

/// `may_report` as a 403.
pub fn ensure_may_report(
    staff: &Staff,
    units: &[OrgUnit],
    responsible: &[UnitRef],
    on: NaiveDate,
) -> Result<(), AppError> {
    if may_report(staff, units, responsible, on) {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "Chỉ đơn vị chịu trách nhiệm (chuyên viên, lãnh đạo đơn vị) hoặc quản trị CCHC \
             được báo cáo nội dung này.",
        ))
    }
}

/// The PAR admin alone, as a 403 for anyone else.
pub fn ensure_par_admin(staff: &Staff) -> Result<(), AppError> {
    if is_par_admin(staff) {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "Chỉ quản trị CCHC (Sở Nội vụ) được duyệt hoặc trả lại số liệu báo cáo.",
        ))
    }
}
