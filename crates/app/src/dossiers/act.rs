//! Acting on a dossier (page form, API, any door): the role is checked at once; who may act on
//! this dossier, the state machine and "imported" are decided by the store's writer on the
//! dossier it has locked in the write transaction, so a hand-over committed just before
//! cannot let a unit that no longer holds the dossier act on it.

use super::access::{guard, role_refusal};
use super::{parse_code, unknown};
use crate::{Actor, App, Error};
use cchc_domain::dossier::{Action, ActionContext, role_may};
use cchc_domain::org::OrgUnit;
use cchc_store::StoreError;
use cchc_store::dossiers::{Applied, DossierError};
use chrono::NaiveDate;

/// The units an action names (the unit a dossier is forwarded to) must be in force: a dossier
/// handed to a unit that does not exist could never be acted on again.
fn check_units(action: &Action, units: &[OrgUnit], on: NaiveDate) -> Result<(), Error> {
    let Action::Forward { to, .. } = action else {
        return Ok(());
    };
    if units.iter().any(|u| u.code == to.unit && u.valid_at(on)) {
        return Ok(());
    }
    Err(Error::invalid_field(
        "Đơn vị nhận hồ sơ không có trong danh mục đơn vị đang hoạt động.",
        "to.unit",
        to.unit.to_string(),
    ))
}

/// Applies `action` to the dossier `code` now, as `actor`. The dossier is read once, by the
/// writer, under its lock.
pub async fn act(app: &App, actor: &Actor, code: &str, action: &Action) -> Result<Applied, Error> {
    let parsed = parse_code(code)?;
    let kind = action.kind();
    if !role_may(actor.role, kind) {
        // Unknown or unreadable first (404, 403), as for a read; then the role's refusal.
        super::record(app, actor, code).await?;
        let denial = role_refusal(actor.role, kind);
        return Err(Error::forbidden(denial.code, denial.message));
    }
    let units = app.org_units().await?;
    let now = app.clock.now();
    check_units(action, &units, now.date())?;
    // A citizen acts through the desk that received the dossier: the unit in its code.
    let unit = actor.staff_unit().unwrap_or(parsed.unit()).clone();
    let ctx = ActionContext {
        actor: &actor.username,
        unit: &unit,
        at: now,
        calendar: app.calendars.for_unit(parsed.unit()),
    };
    let check = guard(actor, units, kind, now.date());
    match app
        .store
        .apply_action_guarded(&parsed, action, &ctx, check)
        .await
    {
        Err(DossierError::Store(StoreError::NotFound(_))) => Err(unknown(code)),
        other => other.map_err(Error::from),
    }
}
