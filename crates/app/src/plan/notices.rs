//! The reminder notices (đôn đốc) of the actor's unit — those to the unit itself and those to
//! a group its kind belongs to — and marking one read.

use super::access::{ensure_staff, notice_refs};
use crate::{Actor, App, Error};
use cchc_store::plan_remind::Notice;

/// The notices of the actor's unit, newest first (the unread ones only when `unread_only`).
pub async fn list(app: &App, actor: &Actor, unread_only: bool) -> Result<Vec<Notice>, Error> {
    ensure_staff(actor)?;
    let units = app.org_units().await?;
    let mut all = Vec::new();
    for r in notice_refs(actor, &units, app.clock.today()) {
        all.extend(app.store.unit_notices(&r, unread_only).await?);
    }
    all.sort_by_key(|n| std::cmp::Reverse((n.created_at_ms, n.id)));
    Ok(all)
}

/// Marks the notice `id` of the actor's unit read; returns whether it was unread.
pub async fn mark_read(app: &App, actor: &Actor, id: i64) -> Result<bool, Error> {
    ensure_staff(actor)?;
    let notice = app
        .store
        .notice(id)
        .await?
        .ok_or_else(|| Error::not_found("Không có thông báo này."))?;
    let units = app.org_units().await?;
    let mine = notice
        .unit_ref
        .as_ref()
        .is_some_and(|r| notice_refs(actor, &units, app.clock.today()).contains(r));
    if !mine {
        return Err(Error::forbidden(
            "outside_unit",
            "Thông báo này gửi đơn vị khác.",
        ));
    }
    Ok(app.store.mark_notice_read(id, &actor.username).await?)
}
