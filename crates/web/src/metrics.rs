//! Prometheus metrics in the text format: requests by method, route and status, a latency
//! histogram by method and route, and the database pool. Read by a system administrator's
//! session, or with `Authorization: Bearer` and the configured metrics token.

use crate::auth::CurrentUser;
use crate::auth::cookies::same_secret;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::IntoResponse;
use cchc_domain::Role;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Default)]
struct Histogram {
    /// Cumulative counts per bucket.
    counts: [u64; BUCKETS.len()],
    sum: f64,
    count: u64,
}

#[derive(Default)]
struct Inner {
    requests: BTreeMap<(&'static str, String, u16), u64>,
    latency: BTreeMap<(&'static str, String), Histogram>,
}

/// Request counters of this process.
#[derive(Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

impl Metrics {
    /// Records one served request. `route` is a matched route template (bounded).
    pub fn record(&self, method: &'static str, route: &str, status: u16, elapsed: Duration) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        *inner
            .requests
            .entry((method, route.to_owned(), status))
            .or_default() += 1;
        let h = inner.latency.entry((method, route.to_owned())).or_default();
        let secs = elapsed.as_secs_f64();
        for (i, bound) in BUCKETS.iter().enumerate() {
            if secs <= *bound {
                h.counts[i] += 1;
            }
        }
        h.sum += secs;
        h.count += 1;
    }

    /// The counters in the Prometheus text format.
    pub fn render(&self, pool: (u32, usize)) -> String {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = String::new();
        out.push_str("# HELP cchc_http_requests_total HTTP requests served.\n");
        out.push_str("# TYPE cchc_http_requests_total counter\n");
        for ((method, route, status), n) in &inner.requests {
            let _ = writeln!(
                out,
                "cchc_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                escape(route)
            );
        }
        out.push_str("# HELP cchc_http_request_duration_seconds Time to serve a request.\n");
        out.push_str("# TYPE cchc_http_request_duration_seconds histogram\n");
        for ((method, route), h) in &inner.latency {
            render_histogram(&mut out, method, &escape(route), h);
        }
        render_pool(&mut out, pool);
        out
    }
}

fn render_histogram(out: &mut String, method: &str, route: &str, h: &Histogram) {
    let name = "cchc_http_request_duration_seconds";
    let labels = format!("method=\"{method}\",route=\"{route}\"");
    for (bound, n) in BUCKETS.iter().zip(h.counts) {
        let _ = writeln!(out, "{name}_bucket{{{labels},le=\"{bound}\"}} {n}");
    }
    let _ = writeln!(out, "{name}_bucket{{{labels},le=\"+Inf\"}} {}", h.count);
    let _ = writeln!(out, "{name}_sum{{{labels}}} {}", h.sum);
    let _ = writeln!(out, "{name}_count{{{labels}}} {}", h.count);
}

fn render_pool(out: &mut String, (size, idle): (u32, usize)) {
    out.push_str("# HELP cchc_db_pool_connections Open database connections.\n");
    out.push_str("# TYPE cchc_db_pool_connections gauge\n");
    let _ = writeln!(out, "cchc_db_pool_connections {size}");
    out.push_str("# HELP cchc_db_pool_idle_connections Idle database connections.\n");
    out.push_str("# TYPE cchc_db_pool_idle_connections gauge\n");
    let _ = writeln!(out, "cchc_db_pool_idle_connections {idle}");
}

fn escape(label: &str) -> String {
    label
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The path of the metrics (its errors use the JSON envelope, as under `/api`).
pub const PATH: &str = "/metrics";

/// Whether the caller may read the metrics: with an `Authorization` header, only the
/// configured token (anything else is 401, never a fallback to the session); without one,
/// a system administrator's session (no session 401, another role 403).
fn ensure_may_read(
    state: &AppState,
    headers: &HeaderMap,
    current: Option<&CurrentUser>,
) -> Result<(), AppError> {
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let sent = value
            .to_str()
            .ok()
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim());
        return match (sent, state.config.metrics_token.as_deref()) {
            (Some(sent), Some(token)) if same_secret(sent, token) => Ok(()),
            _ => Err(AppError::unauthenticated()),
        };
    }
    match current {
        None => Err(AppError::unauthenticated()),
        Some(c) if c.role() == Role::SystemAdmin => Ok(()),
        Some(_) => Err(AppError::forbidden(
            "Số liệu vận hành dành cho quản trị hệ thống.",
        )),
    }
}

/// `/metrics`.
pub async fn handler(
    State(state): State<AppState>,
    current: Option<CurrentUser>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, AppError> {
    ensure_may_read(&state, &headers, current.as_ref())?;
    let body = state.metrics.render(state.store.pool_stats());
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    ))
}
