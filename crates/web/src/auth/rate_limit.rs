//! Login rate limit: a sliding one-minute window per username and per client address.
//!
//! Counted in memory, so each server instance counts on its own: behind a load balancer
//! with N instances a client gets up to N times the limit. Behind a reverse proxy every
//! client shares the proxy's address, so the per-address limit then caps the whole site.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);
/// A client address may serve several people (an office behind one NAT).
const ADDRESS_FACTOR: u32 = 4;
/// Above this many keys, stale keys are swept on the next attempt.
const SWEEP_ABOVE: usize = 1024;

/// Attempts in the window, per key.
pub struct LoginLimiter {
    per_username: u32,
    attempts: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimiter {
    /// Allows `per_username` attempts a minute per username (at least one).
    pub fn new(per_username: u32) -> LoginLimiter {
        LoginLimiter {
            per_username: per_username.max(1),
            attempts: Mutex::new(HashMap::new()),
        }
    }

    /// Records an attempt for `username` from `address` if both are under their limit;
    /// returns whether the attempt may go ahead. Refused attempts are not counted.
    pub fn try_attempt(&self, username: &str, address: &str) -> bool {
        self.try_at(username, address, Instant::now())
    }

    fn try_at(&self, username: &str, address: &str, now: Instant) -> bool {
        let keys = [
            (
                format!("u:{}", username.trim().to_lowercase()),
                self.per_username,
            ),
            (
                format!("a:{address}"),
                self.per_username.saturating_mul(ADDRESS_FACTOR),
            ),
        ];
        let mut map = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > SWEEP_ABOVE {
            map.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < WINDOW)
            });
        }
        let allowed = keys.iter().all(|(key, limit)| {
            map.get_mut(key).is_none_or(|times| {
                while times
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= WINDOW)
                {
                    times.pop_front();
                }
                times.len() < *limit as usize
            })
        });
        if allowed {
            for (key, _) in keys {
                map.entry(key).or_default().push_back(now);
            }
        }
        allowed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_username_and_per_address_in_a_sliding_window() {
        let limiter = LoginLimiter::new(2);
        let t0 = Instant::now();
        assert!(limiter.try_at("An", "1.1.1.1", t0));
        assert!(limiter.try_at("an", "2.2.2.2", t0));
        assert!(!limiter.try_at("AN ", "3.3.3.3", t0));
        assert!(limiter.try_at("an", "3.3.3.3", t0 + WINDOW));
        for i in 0..8 {
            assert!(limiter.try_at(&format!("u{i}"), "9.9.9.9", t0));
        }
        assert!(!limiter.try_at("u7", "9.9.9.9", t0));
        assert!(limiter.try_at("u7", "9.9.9.9", t0 + WINDOW));
    }
}

/// Lookups a minute per client address.
pub const LOOKUPS_PER_MINUTE: u32 = 120;

/// The lookup limiter: the login limiter keyed by the address alone.
#[derive(Clone)]
pub struct LookupLimiter(pub Arc<LoginLimiter>);

impl LookupLimiter {
    /// A limiter of [`LOOKUPS_PER_MINUTE`] per address.
    pub fn new() -> LookupLimiter {
        LookupLimiter(Arc::new(LoginLimiter::new(LOOKUPS_PER_MINUTE)))
    }

    /// Whether `address` may look up now (the address stands in for the username too, so
    /// the per-username limit is the per-address one).
    pub fn allow(&self, address: &str) -> bool {
        self.0.try_attempt(address, address)
    }
}

impl Default for LookupLimiter {
    fn default() -> Self {
        LookupLimiter::new()
    }
}

/// 429 when the client address is over its limit.
pub fn rate_limited() -> crate::error::AppError {
    crate::error::AppError::new(
        axum::http::StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        "Quá nhiều lượt tra cứu. Vui lòng thử lại sau ít phút.",
    )
}
