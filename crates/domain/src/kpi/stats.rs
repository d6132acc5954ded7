//! Dossier statistics of a unit subtree for a period as of an instant, in
//! the layout officials know: carried over, received by channel, finished early / on time /
//! late, unfinished within / overdue, on-time ratio.
//!
//! Definitions, for the window `[start, at]` with `at = min(T, end of period)`:
//!
//! - **population**: received in `[start, at]`, plus **carried over**: received before
//!   `start` and not finished before `start`;
//! - **finished**: the terminal status's time lies in `[start, at]`; its KPI timeliness
//!   ([`DossierFacts::finished_timeliness`]): late after more than one supplement request,
//!   else its end against the due extended by every completed supplement interval;
//! - **unfinished** at `at`: within the deadline or overdue
//!   ([`DossierFacts::open_progress`]); one awaiting a supplement is judged at the request;
//! - **on-time ratio** = (early + on time + unfinished within) ÷ population; `null` for an
//!   empty population.

use serde::{Deserialize, Serialize};

use super::counts::{Counts, Scope, count};
use super::facts::DossierFacts;
use super::period::{Period, Window};

/// The statistics, serialised as `{"unit","period":{"start","end"},"population",
/// "carried_over","received":{…},"finished":{…},"unfinished":{…},"on_time_ratio"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub unit: String,
    pub period: Period,
    pub population: u64,
    pub carried_over: u64,
    pub received: Received,
    pub finished: Finished,
    pub unfinished: Unfinished,
    pub on_time_ratio: Option<f64>,
}

/// Received in the period by channel (kỳ này tiếp nhận).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Received {
    pub direct: u64,
    pub online: u64,
    pub postal: u64,
}

/// Finished in the period (đã giải quyết).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finished {
    pub early: u64,
    pub on_time: u64,
    pub late: u64,
}

/// Unfinished at the window's instant (đang giải quyết).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unfinished {
    pub within: u64,
    pub overdue: u64,
}

impl Stats {
    /// The statistics of `counts` for `unit` over `period`.
    #[must_use]
    pub fn from_counts(unit: &str, period: Period, c: &Counts) -> Self {
        let population = c.population();
        Self {
            unit: unit.to_owned(),
            period,
            population,
            carried_over: c.carried_over,
            received: Received {
                direct: c.received[0],
                online: c.received[1],
                postal: c.received[2],
            },
            finished: Finished {
                early: c.finished[0],
                on_time: c.finished[1],
                late: c.finished[2],
            },
            unfinished: Unfinished {
                within: c.unfinished[0],
                overdue: c.unfinished[1],
            },
            on_time_ratio: ratio(c.on_time(), population),
        }
    }
}

/// `n ÷ d`, `None` when `d = 0`.
#[must_use]
#[expect(clippy::cast_precision_loss, reason = "counts stay far below 2^52")]
pub fn ratio(n: u64, d: u64) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

/// The statistics of `facts` in `scope` for `window` by a full pass (the reference).
#[must_use]
pub fn stats(facts: &[DossierFacts], scope: &Scope, window: &Window) -> Stats {
    Stats::from_counts(scope.unit(), window.period(), &count(facts, scope, window))
}
