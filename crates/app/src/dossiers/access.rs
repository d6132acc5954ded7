//! Who may read and act on a dossier: staff whose subtree holds one of the dossier's units
//! (receiving desk, competent unit, current holder), or the citizen who submitted it online;
//! an action also needs the role ([`cchc_domain::dossier::role_may`]) and, for staff, a unit
//! reaching the side of the dossier that takes it (the receiving desk or the current holder).

use crate::{Actor, Error};
use cchc_domain::dossier::{ActingUnit, ActionKind, acting_unit, role_may};
use cchc_domain::org::OrgUnit;
use cchc_domain::org_tree::is_within;
use cchc_domain::{Role, UnitCode};
use cchc_store::dossiers::{Denial, DossierRecord, Guard};
use chrono::NaiveDate;
use std::sync::Arc;

/// Whether staff `actor` reaches `unit` in the tree in force on `on`.
pub fn reaches(actor: &Actor, units: &[OrgUnit], unit: &UnitCode, on: NaiveDate) -> bool {
    actor
        .staff_unit()
        .is_some_and(|own| is_within(units, own, unit, on))
}

/// Whether `actor` may read `record`.
pub fn may_read(actor: &Actor, units: &[OrgUnit], record: &DossierRecord, on: NaiveDate) -> bool {
    if actor.is_citizen() {
        return record.submitted_by == Some(actor.user_id);
    }
    [
        &record.receiving_unit,
        &record.competent_unit,
        &record.holder_unit,
    ]
    .into_iter()
    .any(|u| reaches(actor, units, u, on))
}

/// [`may_read`] as the error the caller gets: 403 with the reason.
pub fn ensure_readable(
    actor: &Actor,
    units: &[OrgUnit],
    record: &DossierRecord,
    on: NaiveDate,
) -> Result<(), Error> {
    if may_read(actor, units, record, on) {
        Ok(())
    } else if actor.is_citizen() {
        Err(Error::forbidden(
            "not_own_dossier",
            "Bạn chỉ xem được hồ sơ do chính mình nộp trực tuyến.",
        ))
    } else {
        Err(Error::forbidden(
            "outside_unit",
            "Đơn vị này nằm ngoài phạm vi đơn vị của bạn.",
        ))
    }
}

/// The unit of `record` on the side that takes actions of `kind`.
pub fn acting_side(record: &DossierRecord, kind: ActionKind) -> &UnitCode {
    match acting_unit(kind) {
        ActingUnit::Receiving => &record.receiving_unit,
        ActingUnit::Holder => &record.holder_unit,
    }
}

/// Whether `actor` may take an action of `kind` on `record` (the status aside: the state
/// machine decides that, with its own sentence).
pub fn may_act(
    actor: &Actor,
    units: &[OrgUnit],
    record: &DossierRecord,
    kind: ActionKind,
    on: NaiveDate,
) -> bool {
    if !role_may(actor.role, kind) {
        return false;
    }
    if actor.is_citizen() {
        return record.submitted_by == Some(actor.user_id);
    }
    reaches(actor, units, acting_side(record, kind), on)
}

/// Why `actor`'s role never takes actions of `kind`.
pub fn role_refusal(role: Role, kind: ActionKind) -> Denial {
    Denial {
        code: "action_not_for_role",
        message: format!(
            "Vai trò {} không thực hiện việc {}.",
            role.label_vi(),
            kind.label_vi()
        ),
    }
}

/// Why `actor` may not take an action of `kind` on `record`, or `None` when they may.
pub fn act_refusal(
    actor: &Actor,
    units: &[OrgUnit],
    record: &DossierRecord,
    kind: ActionKind,
    on: NaiveDate,
) -> Option<Denial> {
    if let Err(e) = ensure_readable(actor, units, record, on) {
        let Error::Forbidden { code, message } = e else {
            return None;
        };
        return Some(Denial { code, message });
    }
    if may_act(actor, units, record, kind, on) {
        return None;
    }
    if !role_may(actor.role, kind) {
        return Some(role_refusal(actor.role, kind));
    }
    Some(Denial {
        code: "action_not_for_role",
        message: format!(
            "Việc {} do đơn vị {} thực hiện, ngoài phạm vi đơn vị của bạn.",
            kind.label_vi(),
            acting_side(record, kind)
        ),
    })
}

/// The check the writer runs on the locked dossier before applying `actor`'s action of
/// `kind`: the org units and the date are those of the request; the dossier's holder, desk
/// and owner are those at commit.
pub fn guard(actor: &Actor, units: Arc<Vec<OrgUnit>>, kind: ActionKind, on: NaiveDate) -> Guard {
    let actor = actor.clone();
    Arc::new(
        move |record: &DossierRecord| match act_refusal(&actor, &units, record, kind, on) {
            Some(denial) => Err(denial),
            None => Ok(()),
        },
    )
}
