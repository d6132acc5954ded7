//! The counts behind the statistics and the QĐ 766 metrics for a unit subtree and a window,
//! and their reference computation: a full pass over the facts, the definition the
//! incremental [`super::Aggregate`] must equal.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::facts::DossierFacts;
use super::period::Window;
use crate::dossier::{Channel, Progress, Timeliness, Verdict};

/// The units a query covers: a unit and the codes of its subtree (the unit included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    unit: String,
    members: HashSet<String>,
}

impl Scope {
    /// `unit` and the codes below it (the caller resolves the tree; `unit` is added).
    pub fn new<S: Into<String>>(
        unit: impl Into<String>,
        below: impl IntoIterator<Item = S>,
    ) -> Self {
        let unit = unit.into();
        let mut members: HashSet<String> = below.into_iter().map(Into::into).collect();
        members.insert(unit.clone());
        Self { unit, members }
    }

    /// A unit alone.
    pub fn single(unit: impl Into<String>) -> Self {
        Self::new(unit, Vec::<String>::new())
    }

    /// The unit the figures are reported for.
    #[must_use]
    pub fn unit(&self) -> &str {
        &self.unit
    }

    /// Whether `code` is in the subtree.
    #[must_use]
    pub fn contains(&self, code: &str) -> bool {
        self.members.contains(code)
    }

    /// The codes of the subtree, in no order.
    pub fn members(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(String::as_str)
    }
}

/// Everything counted for a window. `received`, `finished`, `unfinished` are indexed by
/// [`Channel`], [`Timeliness`] and [`Progress`] order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Received before the period, not finished before it.
    pub carried_over: u64,
    /// Received in the period: direct, online, postal.
    pub received: [u64; 3],
    /// Finished in the period: early, on time, late.
    pub finished: [u64; 3],
    /// Unfinished at the window's instant: within, overdue.
    pub unfinished: [u64; 2],
    /// Among those received in the period: with reused digitised data (the index counts
    /// the population: [`Counts::in_population`]).
    pub reused_data: u64,
    /// … with a component from the personal data store.
    pub personal_store: u64,
    /// … connected to citizen data.
    pub citizen_data: u64,
    /// … with a financial obligation (3.6 denominator).
    pub fee_obligation: u64,
    /// … paid online (3.6 numerator).
    pub paid_online: u64,
    /// Among those finished in the period: with a result.
    pub with_result: u64,
    /// … with an electronic result.
    pub electronic_result: u64,
    /// … with attachments and an electronic result.
    pub digitised_result: u64,
    /// In the population: rated by the applicant (the plan's satisfaction rate).
    pub rated: u64,
    /// In the population: late, overdue, disliked or complained about (5.4 counts the
    /// others).
    pub unsatisfied: u64,
    /// In the population: rated and disliked or complained about (the plan's satisfaction
    /// rate counts the rated ones not so marked).
    #[serde(default)]
    pub rated_dissatisfied: u64,
    /// In the population: those with each digitisation fact (the numerators of 4.1–4.5b,
    /// whose denominator is the population).
    #[serde(default)]
    pub in_population: Digitisation,
    /// Distinct procedures with a dossier received in the period carrying fee data (3.5 C).
    pub procedures_with_fee: u64,
    /// … with a dossier paid online (3.5 B).
    pub procedures_paid_online: u64,
    /// … with a dossier connected to citizen data (4.5a).
    pub procedures_citizen_data: u64,
}

/// Dossiers of the population with each digitisation fact (as known now: a dossier open at
/// the window's instant and resolved since counts with its result).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Digitisation {
    /// Ended with a result carrying an electronic file (4.1).
    pub electronic_result: u64,
    /// … and with attachments (4.2).
    pub digitised_result: u64,
    /// With reused digitised data (4.3).
    pub reused_data: u64,
    /// With a component from the personal data store (4.4).
    pub personal_store: u64,
    /// Connected to citizen data (4.5b).
    pub citizen_data: u64,
}

impl Digitisation {
    /// Adds a dossier of the population.
    fn add(&mut self, f: &DossierFacts) {
        let (fl, result) = (&f.flags, f.has_result());
        self.electronic_result += u64::from(result && fl.electronic_result);
        self.digitised_result += u64::from(result && fl.digitised_result());
        self.reused_data += u64::from(fl.reused_data);
        self.personal_store += u64::from(fl.personal_store);
        self.citizen_data += u64::from(fl.citizen_data());
    }
}

impl Counts {
    /// Received in the period, all channels.
    #[must_use]
    pub fn received_total(&self) -> u64 {
        self.received.iter().sum()
    }

    /// Received in the period plus carried over.
    #[must_use]
    pub fn population(&self) -> u64 {
        self.received_total() + self.carried_over
    }

    /// Finished early or on time, plus unfinished within the deadline.
    #[must_use]
    pub fn on_time(&self) -> u64 {
        self.finished[0] + self.finished[1] + self.unfinished[0]
    }

    /// On time and neither disliked nor complained about (5.4's numerator): the population
    /// less those late, overdue, disliked or complained about.
    #[must_use]
    pub fn satisfied(&self) -> u64 {
        self.population() - self.unsatisfied.min(self.population())
    }
}

/// Index of a channel in [`Counts::received`].
pub(crate) const fn channel_index(c: Channel) -> usize {
    c.code() as usize - 1
}

/// Index of a timeliness in [`Counts::finished`].
pub(crate) const fn timeliness_index(t: Timeliness) -> usize {
    match t {
        Timeliness::Early => 0,
        Timeliness::OnTime => 1,
        Timeliness::Late => 2,
    }
}

/// The counts of `facts` in `scope` for `window`, by a full pass (the reference).
#[must_use]
pub fn count(facts: &[DossierFacts], scope: &Scope, window: &Window) -> Counts {
    let mut c = Counts::default();
    let mut fee = HashSet::new();
    let mut paid = HashSet::new();
    let mut citizen = HashSet::new();
    for f in facts.iter().filter(|f| scope.contains(&f.unit)) {
        if !count_one(&mut c, f, window) {
            continue;
        }
        if f.received_in(window) {
            let p = f.procedure.as_str();
            if f.flags.fee {
                fee.insert(p);
            }
            if f.flags.paid_online {
                paid.insert(p);
            }
            if f.flags.citizen_data() {
                citizen.insert(p);
            }
        }
    }
    c.procedures_with_fee = fee.len() as u64;
    c.procedures_paid_online = paid.len() as u64;
    c.procedures_citizen_data = citizen.len() as u64;
    c
}

/// Adds one dossier; `false` when it is outside the population.
fn count_one(c: &mut Counts, f: &DossierFacts, w: &Window) -> bool {
    if !f.in_population(w) {
        return false;
    }
    if f.received_in(w) {
        c.received[channel_index(f.channel)] += 1;
        let fl = &f.flags;
        c.reused_data += u64::from(fl.reused_data);
        c.personal_store += u64::from(fl.personal_store);
        c.citizen_data += u64::from(fl.citizen_data());
        c.fee_obligation += u64::from(fl.fee_obligation());
        c.paid_online += u64::from(fl.paid_online);
    } else {
        c.carried_over += 1;
    }
    c.in_population.add(f);
    let bad = match f.verdict_at(w.at()) {
        Some(Verdict::Finished(t)) => {
            c.finished[timeliness_index(t)] += 1;
            if f.has_result() {
                c.with_result += 1;
                c.electronic_result += u64::from(f.flags.electronic_result);
                c.digitised_result += u64::from(f.flags.digitised_result());
            }
            t == Timeliness::Late
        }
        Some(Verdict::Open(p)) => {
            c.unfinished[usize::from(p == Progress::Overdue)] += 1;
            p == Progress::Overdue
        }
        None => false,
    };
    c.rated += u64::from(f.flags.rated);
    c.rated_dissatisfied += u64::from(f.flags.rated && f.flags.dissatisfied);
    c.unsatisfied += u64::from(bad || f.flags.dissatisfied);
    true
}
