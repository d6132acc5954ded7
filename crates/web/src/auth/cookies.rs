//! The two cookies of cchc: the session (`cchc_session`) and the pre-session CSRF token of the
//! login form (`cchc_login_csrf`). Both HttpOnly and SameSite=Strict; Secure when configured.

use axum::http::{HeaderMap, HeaderValue, header};

/// Holds the session secret; the database keeps only its SHA-256 digest.
pub const SESSION: &str = "cchc_session";
/// Holds the CSRF token of the login form until a session exists.
pub const LOGIN_CSRF: &str = "cchc_login_csrf";

/// The value of cookie `name` in the request, if sent.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value that sets `name` for `max_age_secs`.
pub fn set(name: &str, value: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let text = format!(
        "{name}={value}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Strict{secure}"
    );
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A `Set-Cookie` value that removes `name`.
pub fn clear(name: &str, secure: bool) -> HeaderValue {
    set(name, "", 0, secure)
}

/// Whether a cookie value looks like one of our secrets (64 hex characters).
pub fn is_secret(value: &str) -> bool {
    value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Compares two secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    if a.len() != b.len() || a.is_empty() {
        return false;
    }
    a.bytes()
        .zip(b.bytes())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_cookies() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; cchc_session=abc ; b="),
        );
        assert_eq!(get(&h, SESSION), Some("abc"));
        assert_eq!(get(&h, "b"), None);
        assert_eq!(get(&h, "c"), None);
        let v = set(SESSION, "x", 60, true);
        assert_eq!(
            v.to_str().unwrap(),
            "cchc_session=x; Path=/; Max-Age=60; HttpOnly; SameSite=Strict; Secure"
        );
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("", ""));
    }
}
