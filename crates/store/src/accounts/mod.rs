//! Accounts, sessions and API tokens. Secrets are stored only as SHA-256 digests.
//!
//! - `users`: accounts and their credentials;
//! - `sessions`: browser sessions (with their CSRF token) and API tokens.

mod sessions;
mod users;

use cchc_domain::Role;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::StoreError;

/// A user account as the application sees it (never with its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// The unit a staff user belongs to; `None` for citizens.
    pub unit_code: Option<String>,
}

/// What is needed to create a user.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_code: Option<String>,
    pub password_hash: String,
}

/// A live session: its user and the CSRF token bound to it.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub csrf_token: String,
    pub expires_at_ms: i64,
}

pub(crate) const USER_COLUMNS: &str = "u.id, u.username, u.display_name, u.role, u.unit_code";

pub(crate) fn user_from_row(r: &AnyRow) -> Result<User, StoreError> {
    let role: String = r.try_get("role")?;
    Ok(User {
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        display_name: r.try_get("display_name")?,
        role: role.parse().map_err(StoreError::Corrupt)?,
        unit_code: r.try_get("unit_code")?,
    })
}
