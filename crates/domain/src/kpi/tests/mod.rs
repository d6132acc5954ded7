//! Tests of the statistics, the incremental aggregate and the QĐ 766 formulas: fixtures.

mod classes;
mod dossier;
mod drill;
mod evidence;
mod i766;
pub(crate) mod incremental;
mod reconcile;
mod rounding;
mod stats;

use chrono::NaiveDateTime;

use super::{Aggregate, DossierFacts, Flags, Scope, Stats, SupplementSpan, Window, count};
use crate::dossier::{Channel, Status};

/// `2026-03-02T08:00` or `2026-03-02T08:00:30`.
pub(super) fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// A dossier of unit `H31.1` received at `received`, due at `due`, direct.
pub(super) fn dossier(code: &str, received: &str, due: &str) -> DossierFacts {
    DossierFacts {
        code: code.to_owned(),
        unit: "H31.1".to_owned(),
        procedure: "1.000001".to_owned(),
        channel: Channel::Direct,
        received_at: Some(at(received)),
        due_at: Some(at(due)),
        finished_at: None,
        terminal: None,
        supplements: Vec::new(),
        flags: Flags::default(),
    }
}

/// Builder steps.
pub(super) trait Build {
    fn finished(self, when: &str, status: Status) -> Self;
    fn resolved(self, when: &str) -> Self;
    fn supplement(self, requested: &str, completed: Option<&str>) -> Self;
    fn channel(self, c: Channel) -> Self;
    fn unit(self, u: &str) -> Self;
    fn with(self, f: impl FnOnce(&mut Flags)) -> Self;
}

impl Build for DossierFacts {
    fn finished(mut self, when: &str, status: Status) -> Self {
        self.finished_at = Some(at(when));
        self.terminal = Some(status);
        self
    }

    fn resolved(self, when: &str) -> Self {
        self.finished(when, Status::Resolved)
    }

    fn supplement(mut self, requested: &str, completed: Option<&str>) -> Self {
        self.supplements.push(SupplementSpan {
            requested_at: at(requested),
            completed_at: completed.map(at),
            kpi_due_after: None,
        });
        self
    }

    fn channel(mut self, c: Channel) -> Self {
        self.channel = c;
        self
    }

    fn unit(mut self, u: &str) -> Self {
        u.clone_into(&mut self.unit);
        self
    }

    fn with(mut self, f: impl FnOnce(&mut Flags)) -> Self {
        f(&mut self.flags);
        self
    }
}

/// The window of `period` as of `as_of`.
pub(super) fn window(period: &str, as_of: &str) -> Window {
    Window::new(super::parse_period(period).unwrap(), at(as_of)).unwrap()
}

/// The scope of unit `H31` with children `H31.1` and `H31.2`.
pub(super) fn province() -> Scope {
    Scope::new("H31", ["H31.1", "H31.2"])
}

/// The statistics by the reference, checked equal to the aggregate's (counts included).
pub(super) fn both(facts: &[DossierFacts], w: &Window) -> Stats {
    let scope = province();
    let agg = Aggregate::from_facts(facts);
    assert_eq!(
        agg.counts(&scope, w),
        count(facts, &scope, w),
        "aggregate vs reference"
    );
    let s = super::stats(facts, &scope, w);
    assert_eq!(agg.stats(&scope, w), s);
    s
}
