//! Password checks off the async runtime, with the same cost for unknown users.

use crate::error::AppError;
use cchc_domain::auth::{dummy_hash, verify_password};
use cchc_store::Store;
use cchc_store::accounts::User;

/// The user whose username and password match, if any. argon2id runs in
/// `spawn_blocking`; an unknown username is verified against a dummy hash so that both
/// answers take the same time.
pub async fn check(
    store: &Store,
    username: &str,
    password: &str,
) -> Result<Option<User>, AppError> {
    let found = store.user_credentials(username).await?;
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let password = password.to_owned();
    let ok = tokio::task::spawn_blocking(move || {
        let hash = hash.as_deref().unwrap_or_else(|| dummy_hash());
        verify_password(&password, hash)
    })
    .await
    .map_err(AppError::internal)?;
    Ok(user.filter(|_| ok))
}

/// Hashes a new password off the async runtime.
pub async fn hash(password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || cchc_domain::auth::hash_password(&password))
        .await
        .map_err(AppError::internal)
}
