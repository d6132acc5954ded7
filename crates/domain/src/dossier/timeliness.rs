//! Timeliness of steps and dossiers in the legal view and the QĐ 766 KPI view (docs/DOMAIN.md
//! § Timeliness, § Extension with apology).
//!
//! Definitions (local time, minute resolution; `u` is a due time):
//!
//! - **Finished** at `f`: [`Timeliness::Early`] (trước hạn) if `f ≤ u` and the date of `f` is
//!   before the date of `u`; [`Timeliness::OnTime`] (đúng hạn) if `f` is on the date of `u` and
//!   `f ≤ u`; [`Timeliness::Late`] (quá hạn) if `f > u`. Finishing exactly at `u` is on time,
//!   one minute after is late, the day before is early.
//! - **Unfinished** at `t`: [`Progress::Within`] (trong hạn) if `t ≤ u`, else
//!   [`Progress::Overdue`] (quá hạn).
//! - **Step** (a row of the control sheet): `u` is the hand-over time plus the step's budget in
//!   working hours, moved by supplement pauses; the step is done at its completion, else at its
//!   hand-over. The reception desk's step has no budget and no timeliness.
//! - **Dossier end**: the result (status 9), else the return (10), else the stop, refusal or
//!   withdrawal (QĐ 766 priority). A dossier whose end is after `t` is unfinished at `t`.
//! - **Legal view** at `t`: `u` is the legal due in force at the end (or at `t`): the
//!   appointment, restarted (NĐ 61) or paused (NĐ 118) by supplements, and replaced by the
//!   extension. A dossier waiting for a supplement at `t` is judged at the request time (its
//!   clock is stopped).
//! - **KPI view** at a period end `t`: `u` is the appointment moved only by the working time of
//!   completed supplement pauses: never restarted and never moved by an extension, so an
//!   extension never makes a late dossier on time. More than one supplement request by `t`
//!   makes the dossier late (finished) or overdue (unfinished) whatever the dates. A dossier
//!   whose only supplement request was never answered is judged at the request time,
//!   whether it is still waiting or has since ended (refused, stopped, withdrawn, finished):
//!   the waiting time is the applicant's.
//! - A dossier never received (refused, or withdrawn before receipt) has no timeliness, nor has
//!   any dossier before its receipt.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::state::{Dossier, Step};

/// How a finished step or dossier met its due time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timeliness {
    Early,
    OnTime,
    Late,
}

/// Where an unfinished step or dossier stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    Within,
    Overdue,
}

/// Timeliness of a finished item, or progress of an unfinished one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Finished(Timeliness),
    Open(Progress),
}

/// Which due time a dossier is judged against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// The rule set's due (restart or pause, extension).
    Legal,
    /// QĐ 766 indicator 2.1 (pause only, no extension, two supplements = late).
    Kpi,
}

impl Timeliness {
    /// Vietnamese label of the control sheet.
    #[must_use]
    pub const fn label_vi(self) -> &'static str {
        match self {
            Timeliness::Early => "trước hạn",
            Timeliness::OnTime => "đúng hạn",
            Timeliness::Late => "quá hạn",
        }
    }
}

impl Progress {
    /// Vietnamese label.
    #[must_use]
    pub const fn label_vi(self) -> &'static str {
        match self {
            Progress::Within => "trong hạn",
            Progress::Overdue => "quá hạn",
        }
    }
}

/// Timeliness of an item finished at `finished` with due time `due`.
#[must_use]
pub fn classify(finished: NaiveDateTime, due: NaiveDateTime) -> Timeliness {
    if finished > due {
        Timeliness::Late
    } else if finished.date() < due.date() {
        Timeliness::Early
    } else {
        Timeliness::OnTime
    }
}

/// Progress at `at` of an item due at `due`.
#[must_use]
pub fn progress(at: NaiveDateTime, due: NaiveDateTime) -> Progress {
    if at > due {
        Progress::Overdue
    } else {
        Progress::Within
    }
}

/// A step's verdict at `at`; `None` without a budget or before the step started.
#[must_use]
pub fn step_verdict(step: &Step, at: NaiveDateTime) -> Option<Verdict> {
    let due = step.due_at?;
    if at < step.started_at {
        return None;
    }
    Some(match step.done_at() {
        Some(done) if done <= at => Verdict::Finished(classify(done, due)),
        _ => Verdict::Open(progress(at, due)),
    })
}

/// A dossier's verdict at `at` in `view`.
#[must_use]
pub fn dossier_verdict(d: &Dossier, view: View, at: NaiveDateTime) -> Option<Verdict> {
    let receipt = d.receipt.as_ref()?;
    if at < receipt.at {
        return None;
    }
    let end = d.ended_at().filter(|e| *e <= at);
    let judged_at = match (view, end) {
        // The KPI view judges a dossier that ended while its supplement was awaited at the
        // request: the wait is the applicant's.
        (View::Kpi, Some(e)) => waiting_since(d, e).unwrap_or(e),
        (View::Legal, Some(e)) => e,
        (_, None) => waiting_since(d, at).unwrap_or(at),
    };
    let entry = d.due_as_of(judged_at)?;
    let due = match view {
        View::Legal => entry.legal,
        View::Kpi => entry.kpi,
    };
    let repeated = view == View::Kpi && requests_by(d, at) > 1;
    Some(match (end, repeated) {
        (Some(_), true) => Verdict::Finished(Timeliness::Late),
        (None, true) => Verdict::Open(Progress::Overdue),
        (Some(_), false) => Verdict::Finished(classify(judged_at, due)),
        (None, false) => Verdict::Open(progress(judged_at, due)),
    })
}

/// The legal view at `at`.
#[must_use]
pub fn legal_verdict(d: &Dossier, at: NaiveDateTime) -> Option<Verdict> {
    dossier_verdict(d, View::Legal, at)
}

/// The KPI view at the period end `at`.
#[must_use]
pub fn kpi_verdict(d: &Dossier, at: NaiveDateTime) -> Option<Verdict> {
    dossier_verdict(d, View::Kpi, at)
}

/// The request time of a supplement still awaited at `at`.
fn waiting_since(d: &Dossier, at: NaiveDateTime) -> Option<NaiveDateTime> {
    d.supplements
        .iter()
        .find(|s| s.requested_at <= at && s.completed_at.is_none_or(|c| c > at))
        .map(|s| s.requested_at)
}

/// Supplement requests made by `at`.
fn requests_by(d: &Dossier, at: NaiveDateTime) -> usize {
    d.supplements
        .iter()
        .filter(|s| s.requested_at <= at)
        .count()
}
