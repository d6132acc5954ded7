//! Who may read and act on a dossier, shared by the API and the pages: staff whose subtree
//! holds one of the dossier's units, or the citizen who submitted it online; an action also
//! needs the user's role ([`cchc_domain::dossier::role_may`]) and, for staff, a unit reaching
//! the side of the dossier that takes it (the receiving desk or the current holder).

use super::dossiers::{ensure_reaches_dossier, unknown};
use crate::auth::{CurrentUser, Staff};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use cchc_domain::Role;
use cchc_domain::UnitCode;
use cchc_domain::dossier::{ActingUnit, ActionKind, DossierCode, acting_unit, role_may};
use cchc_domain::org::OrgUnit;
use cchc_store::dossiers::DossierRecord;

/// A signed-in reader of dossiers: a staff user (by unit) or a citizen (their own).
#[derive(Debug, Clone)]
pub enum Reader {
    Staff(Staff),
    Citizen(CurrentUser),
}

impl<S: Send + Sync> FromRequestParts<S> for Reader {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let current = CurrentUser::from_request_parts(parts, state).await?;
        if current.role() == Role::Citizen {
            return Ok(Reader::Citizen(current));
        }
        Staff::from_request_parts(parts, state)
            .await
            .map(Reader::Staff)
    }
}

impl Reader {
    /// The signed-in user.
    pub fn current(&self) -> &CurrentUser {
        match self {
            Reader::Staff(s) => &s.current,
            Reader::Citizen(c) => c,
        }
    }

    /// The user's role.
    pub fn role(&self) -> Role {
        self.current().role()
    }
}

/// 403 for a citizen asking for someone else's dossier.
pub fn not_own() -> AppError {
    AppError::new(
        axum::http::StatusCode::FORBIDDEN,
        "not_own_dossier",
        "Bạn chỉ xem được hồ sơ do chính mình nộp trực tuyến.",
    )
}

/// Whether `reader` may see `record` (403 otherwise); `units` is the org tree.
pub fn ensure_readable(
    reader: &Reader,
    units: &[OrgUnit],
    record: &DossierRecord,
) -> Result<(), AppError> {
    match reader {
        Reader::Staff(staff) => ensure_reaches_dossier(staff, units, record),
        Reader::Citizen(c) if record.submitted_by == Some(c.user.id) => Ok(()),
        Reader::Citizen(_) => Err(not_own()),
    }
}

/// The record of `code` for `reader`: 404 when unknown, 403 when not theirs to see.
pub async fn readable_record(
    state: &AppState,
    reader: &Reader,
    code: &str,
) -> Result<(DossierCode, DossierRecord), AppError> {
    let parsed = DossierCode::parse(code.trim()).map_err(|_| unknown(code))?;
    let record = state
        .store
        .dossier_record(&parsed)
        .await?
        .ok_or_else(|| unknown(code))?;
    if let Reader::Staff(_) = reader {
        let units = state.org_units().await?;
        ensure_readable(reader, &units, &record)?;
    } else {
        ensure_readable(reader, &[], &record)?;
    }
    Ok((parsed, record))
}

/// The unit of `record` on the side that takes actions of `kind`.
pub fn acting_side(record: &DossierRecord, kind: ActionKind) -> &UnitCode {
    match acting_unit(kind) {
        ActingUnit::Receiving => &record.receiving_unit,
        ActingUnit::Holder => &record.holder_unit,
    }
}

/// Whether `reader` may take an action of `kind` on `record` (status aside: the state machine
/// decides that, with its own sentence).
pub fn may_act(
    reader: &Reader,
    units: &[OrgUnit],
    record: &DossierRecord,
    kind: ActionKind,
) -> bool {
    if !role_may(reader.role(), kind) {
        return false;
    }
    match reader {
        Reader::Citizen(c) => record.submitted_by == Some(c.user.id),
        Reader::Staff(s) => s.reaches(units, acting_side(record, kind), crate::time::today()),
    }
}

/// [`may_act`] as a 403 with the reason.
pub fn ensure_may_act(
    reader: &Reader,
    units: &[OrgUnit],
    record: &DossierRecord,
    kind: ActionKind,
) -> Result<(), AppError> {
    if may_act(reader, units, record, kind) {
        return Ok(());
    }
    let message = if role_may(reader.role(), kind) {
        format!(
            "Việc {} do đơn vị {} thực hiện, ngoài phạm vi đơn vị của bạn.",
            kind.label_vi(),
            acting_side(record, kind)
        )
    } else {
        format!(
            "Vai trò {} không thực hiện việc {}.",
            reader.role().label_vi(),
            kind.label_vi()
        )
    };
    Err(AppError::new(
        axum::http::StatusCode::FORBIDDEN,
        "action_not_for_role",
        message,
    ))
}
