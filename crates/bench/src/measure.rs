//! Helpers shared by the benchmarks: percentiles of timed samples, peak memory, option parsing.

use std::time::{Duration, Instant};

/// Timed samples of one operation.
#[derive(Debug, Default, Clone)]
pub struct Samples(Vec<Duration>);

impl Samples {
    /// Times `f` once and keeps its result.
    pub fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let out = f();
        self.0.push(started.elapsed());
        out
    }

    /// Times a future once and keeps its output.
    pub async fn time_async<T>(&mut self, f: impl std::future::Future<Output = T>) -> T {
        let started = Instant::now();
        let out = f.await;
        self.0.push(started.elapsed());
        out
    }

    /// Number of samples.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The `p`-th percentile (0–100, nearest rank), in milliseconds.
    #[must_use]
    pub fn percentile_ms(&self, p: f64) -> f64 {
        let mut v = self.0.clone();
        v.sort();
        if v.is_empty() {
            return f64::NAN;
        }
        #[expect(clippy::cast_precision_loss, reason = "sample counts are small")]
        let rank = (p / 100.0 * v.len() as f64).ceil().max(1.0);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "rank ≥ 1"
        )]
        let i = (rank as usize).min(v.len()) - 1;
        v[i].as_secs_f64() * 1e3
    }

    /// The median in milliseconds.
    #[must_use]
    pub fn p50(&self) -> f64 {
        self.percentile_ms(50.0)
    }

    /// The 99th percentile in milliseconds.
    #[must_use]
    pub fn p99(&self) -> f64 {
        self.percentile_ms(99.0)
    }
}

/// A line from `/proc/self/status` in MiB (`VmHWM` is the peak resident set, `VmRSS` the
/// current one); `None` off Linux.
#[must_use]
pub fn proc_status_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Time the calling thread has spent on a CPU (`/proc/thread-self/schedstat`): unlike the
/// wall clock, not inflated when other processes share the cores. Zero when unknown.
#[must_use]
pub fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

/// The load averages (1, 5, 15 minutes), as `/proc/loadavg` shows them.
#[must_use]
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

/// Peak resident set in MiB, or NaN when unknown.
#[must_use]
pub fn peak_rss_mib() -> f64 {
    proc_status_mib("VmHWM:").unwrap_or(f64::NAN)
}

/// Current resident set in MiB, or NaN when unknown.
#[must_use]
pub fn rss_mib() -> f64 {
    proc_status_mib("VmRSS:").unwrap_or(f64::NAN)
}

/// A positive number given to `flag`.
pub fn positive<T: std::str::FromStr + PartialOrd + Default>(
    flag: &str,
    value: &str,
) -> Result<T, String> {
    value
        .replace('_', "")
        .parse()
        .ok()
        .filter(|n| *n > T::default())
        .ok_or_else(|| format!("{flag} {value}: not a positive number"))
}

/// A ratio `a ÷ b` for display ("12.3×").
#[must_use]
pub fn ratio(a: f64, b: f64) -> String {
    if b > 0.0 && a.is_finite() {
        format!("{:.1}×", a / b)
    } else {
        "-".to_owned()
    }
}

/// The PostgreSQL URL of a baseline: the given one, else `CCHC_BENCH_POSTGRES_URL`, else the
/// usual local server when it answers.
pub async fn postgres_url(given: Option<&str>) -> Option<String> {
    let candidates: Vec<String> = match given {
        Some(u) => vec![u.to_owned()],
        None => std::env::var("CCHC_BENCH_POSTGRES_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .into_iter()
            .chain(["postgres://postgres@127.0.0.1:5432/postgres".to_owned()])
            .collect(),
    };
    for url in candidates {
        let probe = tokio::time::timeout(Duration::from_secs(3), async {
            use sqlx::Connection;
            let c = sqlx::postgres::PgConnection::connect(&url).await.ok()?;
            c.close().await.ok()
        });
        if matches!(probe.await, Ok(Some(()))) {
            return Some(url);
        }
    }
    None
}
