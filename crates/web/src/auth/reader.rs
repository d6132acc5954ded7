//! Who reads dossiers through the web: a signed-in staff user (by unit) or a citizen (their
//! own). The rules themselves are the application layer's ([`cchc_app::dossiers::access`]).

use crate::auth::{CurrentUser, Staff};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use cchc_app::Actor;
use cchc_domain::Role;
use cchc_domain::dossier::DossierCode;
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

    /// The reader as the application layer's actor.
    pub fn actor(&self) -> Actor {
        self.current().actor()
    }
}

/// The record of `code` for `reader`: 404 when unknown, 403 when not theirs to see.
pub async fn readable_record(
    state: &AppState,
    reader: &Reader,
    code: &str,
) -> Result<(DossierCode, DossierRecord), AppError> {
    Ok(cchc_app::dossiers::record(&state.app, &reader.actor(), code).await?)
}
