//! Demonstration data for `cchc serve --demo`: one hook ([`load`]) that every feature adds
//! its data to, and the demonstration accounts.
//!
//! - [`plan`]: values, progress and a unit plan on KH 204/KH-UBND (2023);
//! - [`plan_year`]: the plan cloned into the demonstration's year, with dated tasks;
//! - [`dossiers`]: a few thousand dossiers written through the state machine.

pub mod dossiers;
pub mod plan;
pub mod plan_year;

use crate::accounts::NewUser;
use crate::{Store, StoreError};
use cchc_domain::Role;

/// The password of every demonstration account. Demo databases only.
pub const DEMO_PASSWORD: &str = "cchc-demo-2026";

/// The demonstration accounts: (username, display name, role, unit).
pub const DEMO_USERS: [(&str, &str, Role, Option<&str>); 7] = [
    ("congdan", "Nguyễn Văn An", Role::Citizen, None),
    (
        "tiepnhan",
        "Trần Thị Bình",
        Role::ReceptionOfficer,
        Some(DEMO_SERVICE_CENTER),
    ),
    (
        "chuyenvien",
        "Lê Văn Cường",
        Role::Specialist,
        Some("H31.SNV"),
    ),
    (
        "lanhdao",
        "Phạm Thị Dung",
        Role::UnitLeader,
        Some("H31.SNV"),
    ),
    (
        "quantricchc",
        "Hoàng Văn Em",
        Role::ParAdmin,
        Some("H31.SNV"),
    ),
    ("thamdinh", "Vũ Thị Giang", Role::Appraiser, Some("H31.SNV")),
    ("quantri", "Đỗ Văn Hùng", Role::SystemAdmin, Some("H31")),
];

/// The provincial public administrative service centre used for the reception demo account.
pub const DEMO_SERVICE_CENTER: &str = "H31.VPUB.TTPVHCC";

/// Loads demonstration data once (idempotent). Returns whether anything was added.
pub async fn load(
    store: &Store,
    calendars: &dyn crate::dossiers::UnitCalendars,
) -> Result<bool, StoreError> {
    if store.setting("demo_loaded").await?.is_some() {
        return Ok(false);
    }
    let hash = tokio::task::spawn_blocking(|| cchc_domain::auth::hash_password(DEMO_PASSWORD))
        .await
        .map_err(|e| StoreError::Invalid(format!("hashing failed: {e}")))?;
    for (username, name, role, unit) in DEMO_USERS {
        let new = NewUser {
            username: username.to_owned(),
            display_name: name.to_owned(),
            role,
            unit_code: unit.map(str::to_owned),
            password_hash: hash.clone(),
        };
        store.create_user(&new, crate::base::SYSTEM_ACTOR).await?;
    }
    crate::demo::plan::load(store).await?;
    crate::demo::plan_year::load(store).await?;
    crate::demo::dossiers::load(store, calendars).await?;
    store
        .set_setting("demo_loaded", "1", crate::base::SYSTEM_ACTOR)
        .await?;
    Ok(true)
}
