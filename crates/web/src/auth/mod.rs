//! Who is calling, and what they may do: the extractors that put authorization in each
//! handler's signature.
//!
//! - `CurrentUser`: any signed-in user (session cookie, or `Authorization: Bearer` on `/api`).
//! - `Staff`: a user of a staff role, with the unit whose subtree they may reach.
//! - `SystemAdmin`: a system administrator.
//!
//! No credential gives 401 (a redirect to the login page on HTML routes); a credential that
//! is not valid also gives 401 and never falls back to anonymous; the wrong role gives 403;
//! a read-scope token on a request that changes data gives 403.

pub mod client;
pub mod cookies;
mod middleware;
pub mod password;
pub mod rate_limit;
mod reader;

pub use reader::{Reader, readable_record};

pub use middleware::{UPLOAD_LIMIT, authenticate};

use crate::error::AppError;
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use cchc_domain::Role;
use cchc_domain::auth::Scope;
use cchc_domain::org::{OrgUnit, UnitCode};
use cchc_domain::org_tree;
use cchc_store::accounts::User;
use chrono::NaiveDate;

/// The credential resolved by `authenticate`, kept in the request extensions.
#[derive(Debug, Clone)]
pub(crate) enum Credential {
    /// A live session.
    Session { user: User, csrf_token: String },
    /// A live API token.
    Token { user: User, scope: Scope },
    /// A credential was presented but is not valid.
    Invalid,
}

/// How the current user authenticated.
#[derive(Debug, Clone)]
pub enum Via {
    /// A session cookie; the CSRF token bound to the session.
    Session { csrf_token: String },
    /// An API token of this scope.
    Token { scope: Scope },
}

/// Any signed-in user.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub via: Via,
}

impl CurrentUser {
    /// The CSRF token to put in forms (empty for token callers, who post no forms).
    pub fn csrf_token(&self) -> &str {
        match &self.via {
            Via::Session { csrf_token } => csrf_token,
            Via::Token { .. } => "",
        }
    }

    /// The user's role.
    pub fn role(&self) -> Role {
        self.user.role
    }

    /// The user as the application layer's actor (a staff member with their unit).
    pub fn actor(&self) -> cchc_app::Actor {
        cchc_app::Actor {
            user_id: self.user.id,
            username: self.user.username.clone(),
            role: self.user.role,
            unit: self
                .user
                .unit_code
                .as_deref()
                .and_then(|c| UnitCode::parse(c).ok()),
        }
    }
}

fn is_unsafe(method: &axum::http::Method) -> bool {
    !(method.is_safe())
}

fn current_user(parts: &Parts) -> Result<Option<CurrentUser>, AppError> {
    let Some(credential) = parts.extensions.get::<Credential>() else {
        return Ok(None);
    };
    let current = match credential.clone() {
        Credential::Invalid => return Err(AppError::unauthenticated()),
        Credential::Session { user, csrf_token } => CurrentUser {
            user,
            via: Via::Session { csrf_token },
        },
        Credential::Token { user, scope } => {
            if is_unsafe(&parts.method) && !scope.allows_write() {
                return Err(AppError::new(
                    axum::http::StatusCode::FORBIDDEN,
                    "insufficient_scope",
                    "Mã truy cập chỉ có quyền đọc (scope read).",
                ));
            }
            CurrentUser {
                user,
                via: Via::Token { scope },
            }
        }
    };
    Ok(Some(current))
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        current_user(parts)?.ok_or_else(AppError::unauthenticated)
    }
}

/// `Option<CurrentUser>`: `None` only when no credential was presented at all.
impl<S: Send + Sync> OptionalFromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        current_user(parts)
    }
}

/// A user of a staff role (every role but citizen), bound to a unit.
#[derive(Debug, Clone)]
pub struct Staff {
    pub current: CurrentUser,
    /// The user's unit: the root of the subtree they may reach.
    pub unit: UnitCode,
}

impl Staff {
    /// Whether `code` lies in this user's subtree in the tree in force on `at`.
    pub fn reaches(&self, units: &[OrgUnit], code: &UnitCode, at: NaiveDate) -> bool {
        org_tree::is_within(units, &self.unit, code, at)
    }

    /// `reaches`, as a 403 when not.
    pub fn ensure_reaches(
        &self,
        units: &[OrgUnit],
        code: &UnitCode,
        at: NaiveDate,
    ) -> Result<(), AppError> {
        if self.reaches(units, code, at) {
            Ok(())
        } else {
            Err(AppError::outside_unit())
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let current = current_user(parts)?.ok_or_else(AppError::unauthenticated)?;
        let unit = current
            .user
            .unit_code
            .as_deref()
            .and_then(|c| UnitCode::parse(c).ok());
        match unit {
            Some(unit) if current.role().is_staff() => Ok(Staff { current, unit }),
            _ => Err(AppError::forbidden(
                "Chức năng này dành cho cán bộ, công chức thuộc một đơn vị.",
            )),
        }
    }
}

/// A system administrator.
#[derive(Debug, Clone)]
pub struct SystemAdmin(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for SystemAdmin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let current = current_user(parts)?.ok_or_else(AppError::unauthenticated)?;
        if current.role() == Role::SystemAdmin {
            Ok(SystemAdmin(current))
        } else {
            Err(AppError::forbidden(
                "Chức năng này dành cho quản trị hệ thống.",
            ))
        }
    }
}

/// Who the page is shown to, for error pages rendered outside the handler.
#[derive(Debug, Clone)]
pub(crate) struct Viewer(pub CurrentUser);
