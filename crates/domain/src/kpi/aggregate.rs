//! The incremental aggregate: per unit, a [`Timeline`] of the dossiers' entries
//! ([`super::events`]) and, per procedure, the sorted receipt times of dossiers with fee data,
//! paid online or connected to citizen data (for the distinct-procedure counts of 3.5 and
//! 4.5a). A change of one dossier's facts removes its old entries and adds its new ones; a
//! query reads two prefix sums per unit of the subtree.

use std::collections::{HashMap, HashSet};

use super::counts::{Counts, Scope};
use super::events::{KINDS, Kind, entries};
use super::facts::DossierFacts;
use super::period::{Window, secs};
use super::stats::Stats;
use super::timeline::{Tally, Timeline};

/// A change of one dossier's facts.
#[derive(Debug, Clone, Copy)]
pub enum Change<'a> {
    Insert(&'a DossierFacts),
    Replace {
        old: &'a DossierFacts,
        new: &'a DossierFacts,
    },
    Remove(&'a DossierFacts),
}

/// The facts to remove were never added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the aggregate holds no facts of dossier {0} as given: nothing was changed")]
pub struct NotInAggregate(pub String);

/// Statistics kept up to date fact by fact.
#[derive(Debug, Clone, Default)]
pub struct Aggregate {
    units: HashMap<String, UnitAgg>,
}

#[derive(Debug, Clone, Default)]
struct UnitAgg {
    timeline: Timeline<KINDS>,
    procedures: HashMap<String, [Vec<i64>; 3]>,
}

/// Index of the procedure lists: fee data, paid online, citizen data.
fn procedure_marks(f: &DossierFacts) -> [bool; 3] {
    [f.flags.fee, f.flags.paid_online, f.flags.citizen_data()]
}

impl Aggregate {
    /// An empty aggregate.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The aggregate of `facts`.
    #[must_use]
    pub fn from_facts<'a>(facts: impl IntoIterator<Item = &'a DossierFacts>) -> Self {
        let mut a = Self::new();
        for f in facts {
            a.insert(f);
        }
        a
    }

    /// Applies one change.
    pub fn apply(&mut self, change: Change<'_>) -> Result<(), NotInAggregate> {
        match change {
            Change::Insert(f) => {
                self.insert(f);
                Ok(())
            }
            Change::Replace { old, new } => self.replace(old, new),
            Change::Remove(f) => self.remove(f),
        }
    }

    /// Adds a dossier's facts.
    pub fn insert(&mut self, f: &DossierFacts) {
        let Some(received) = f.received_at else {
            return;
        };
        let unit = self.units.entry(f.unit.clone()).or_default();
        for &(t, mask) in entries(f).as_slice() {
            unit.timeline.add(t, mask);
        }
        let marks = procedure_marks(f);
        if marks.contains(&true) {
            let r = secs(received);
            let lists = unit.procedures.entry(f.procedure.clone()).or_default();
            for (list, _) in lists.iter_mut().zip(marks).filter(|(_, on)| *on) {
                let i = list.partition_point(|x| *x <= r);
                list.insert(i, r);
            }
        }
    }

    /// Removes a dossier's facts, exactly as they were added.
    pub fn remove(&mut self, f: &DossierFacts) -> Result<(), NotInAggregate> {
        let Some(received) = f.received_at else {
            return Ok(());
        };
        let missing = || NotInAggregate(f.code.clone());
        let unit = self.units.get_mut(&f.unit).ok_or_else(missing)?;
        let list = entries(f);
        for (i, &(t, mask)) in list.as_slice().iter().enumerate() {
            if !unit.timeline.remove(t, mask) {
                for &(t, mask) in &list.as_slice()[..i] {
                    unit.timeline.add(t, mask);
                }
                return Err(missing());
            }
        }
        let r = secs(received);
        if let Some(lists) = unit.procedures.get_mut(&f.procedure) {
            for (list, _) in lists
                .iter_mut()
                .zip(procedure_marks(f))
                .filter(|(_, on)| *on)
            {
                if let Ok(i) = list.binary_search(&r) {
                    list.remove(i);
                }
            }
            if lists.iter().all(Vec::is_empty) {
                unit.procedures.remove(&f.procedure);
            }
        }
        if unit.timeline.is_empty() && unit.procedures.is_empty() {
            self.units.remove(&f.unit);
        }
        Ok(())
    }

    /// Replaces a dossier's facts.
    pub fn replace(
        &mut self,
        old: &DossierFacts,
        new: &DossierFacts,
    ) -> Result<(), NotInAggregate> {
        self.remove(old)?;
        self.insert(new);
        Ok(())
    }

    /// Number of timeline entries kept (about 2–3 per received dossier).
    #[must_use]
    pub fn entry_count(&self) -> usize {
        self.units.values().map(|u| u.timeline.len()).sum()
    }

    /// The counts of `scope` for `window`.
    #[must_use]
    pub fn counts(&self, scope: &Scope, window: &Window) -> Counts {
        let (s, t) = (secs(window.start()), secs(window.at()));
        let mut sum = Sums::default();
        let mut procedures: [HashSet<&str>; 3] = Default::default();
        for unit in scope.members().filter_map(|m| self.units.get(m)) {
            sum.add(&unit.timeline.prefix(s - 1), &unit.timeline.prefix(t));
            for (code, lists) in &unit.procedures {
                for (set, list) in procedures.iter_mut().zip(lists) {
                    let i = list.partition_point(|x| *x < s);
                    if list.get(i).is_some_and(|x| *x <= t) {
                        set.insert(code.as_str());
                    }
                }
            }
        }
        let mut c = sum.counts();
        c.procedures_with_fee = procedures[0].len() as u64;
        c.procedures_paid_online = procedures[1].len() as u64;
        c.procedures_citizen_data = procedures[2].len() as u64;
        c
    }

    /// The statistics of `scope` for `window`.
    #[must_use]
    pub fn stats(&self, scope: &Scope, window: &Window) -> Stats {
        Stats::from_counts(scope.unit(), window.period(), &self.counts(scope, window))
    }
}

/// Prefix sums before the period (`a`, entries before its start) and at the instant (`b`).
#[derive(Debug, Default)]
struct Sums {
    a: Tally<KINDS>,
    b: Tally<KINDS>,
}

impl Sums {
    fn add(&mut self, a: &Tally<KINDS>, b: &Tally<KINDS>) {
        for k in 0..KINDS {
            self.a[k] += a[k];
            self.b[k] += b[k];
        }
    }

    /// Entries of kind `k` in the period, up to the instant.
    fn in_window(&self, k: Kind) -> i64 {
        self.b[k as usize] - self.a[k as usize]
    }

    fn sum(t: &Tally<KINDS>, kinds: &[Kind]) -> i64 {
        kinds.iter().map(|k| t[*k as usize]).sum()
    }

    fn counts(&self) -> Counts {
        use Kind::*;
        let n = |v: i64| u64::try_from(v).unwrap_or(0);
        let (a, b) = (&self.a, &self.b);
        let recv = [RecvDirect, RecvOnline, RecvPostal];
        let fin = [FinEarly, FinOnTime, FinLate];
        let open = Self::sum(b, &recv) - Self::sum(b, &fin);
        let within = b[WithinStart as usize] - b[WithinEnd as usize];
        let late = self.in_window(FinLate);
        let bad_population = b[RecvBad as usize] - a[FinBad as usize];
        let bad_open = b[RecvBad as usize] - b[FinBad as usize];
        let bad_within = b[BadWithinStart as usize] - b[BadWithinEnd as usize];
        let unsatisfied = late + (open - within) + bad_population
            - self.in_window(FinLateBad)
            - (bad_open - bad_within);
        Counts {
            carried_over: n(Self::sum(a, &recv) - Self::sum(a, &fin)),
            received: recv.map(|k| n(self.in_window(k))),
            finished: fin.map(|k| n(self.in_window(k))),
            unfinished: [n(within), n(open - within)],
            reused_data: n(self.in_window(RecvReused)),
            personal_store: n(self.in_window(RecvPersonal)),
            citizen_data: n(self.in_window(RecvCitizen)),
            fee_obligation: n(self.in_window(RecvFee)),
            paid_online: n(self.in_window(RecvPaid)),
            with_result: n(self.in_window(FinResult)),
            electronic_result: n(self.in_window(FinElectronic)),
            digitised_result: n(self.in_window(FinDigitised)),
            rated: n(b[RecvRated as usize] - a[FinRated as usize]),
            unsatisfied: n(unsatisfied),
            procedures_with_fee: 0,
            procedures_paid_online: 0,
            procedures_citizen_data: 0,
        }
    }
}
