//! Credentials: argon2id password hashes, random tokens and their SHA-256 digests.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;
use rand::rngs::OsRng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;

/// Shortest password accepted.
pub const MIN_PASSWORD_LEN: usize = 10;

fn hasher() -> Argon2<'static> {
    // OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).expect("static argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Checks a new password against the policy.
pub fn check_password_policy(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(format!(
            "password must have at least {MIN_PASSWORD_LEN} characters"
        ));
    }
    Ok(())
}

/// Hashes a password with argon2id and a random salt (PHC string). CPU-heavy: call it off
/// the async runtime.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing with valid parameters does not fail")
        .to_string()
}

/// A fixed hash verified against when the user is unknown, so that both paths cost the same.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("cchc-dummy-password-for-timing"))
}

/// Verifies a password against a stored PHC hash. CPU-heavy: call it off the async runtime.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A fresh random secret of 32 bytes, as 64 hex characters.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The SHA-256 digest of a secret as hex: the only form in which tokens are stored.
pub fn token_digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// What an API token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Read-only access to the JSON API.
    Read,
    /// Read and write access to the JSON API.
    Write,
}

impl Scope {
    /// The stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
        }
    }

    /// Whether this scope allows a request that changes data.
    pub fn allows_write(self) -> bool {
        self == Scope::Write
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Scope {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "read" => Ok(Scope::Read),
            "write" => Ok(Scope::Write),
            _ => Err(format!("unknown scope '{s}'; expected read or write")),
        }
    }
}

/// A username: 3–32 characters of lower-case ASCII letters, digits, '.', '_' or '-'.
pub fn check_username(name: &str) -> Result<(), String> {
    let ok_len = (3..=32).contains(&name.len());
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok_len && ok_chars {
        Ok(())
    } else {
        Err(format!(
            "username '{name}' must have 3–32 characters: lower-case letters, digits, '.', '_' or '-'"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_round_trip_and_rejection() {
        let hash = hash_password("mật khẩu rất dài");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("mật khẩu rất dài", &hash));
        assert!(!verify_password("mật khẩu sai", &hash));
        assert!(!verify_password("anything", "not a hash"));
        assert!(!verify_password("x", dummy_hash()));
    }

    #[test]
    fn secrets_are_random_and_digests_stable() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(token_digest("abc"), token_digest("abc"));
        assert_ne!(token_digest(&a), a);
    }

    #[test]
    fn policies() {
        assert!(check_password_policy("short").is_err());
        assert!(check_password_policy("long enough!").is_ok());
        assert!(check_username("canbo.tiepnhan").is_ok());
        assert!(check_username("Cán bộ").is_err());
        assert!("admin".parse::<Scope>().is_err());
    }
}
