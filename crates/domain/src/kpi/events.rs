//! What one dossier adds to the incremental aggregate: a few timestamped entries, each a set
//! of counter kinds, such that every count of a window is a difference of prefix sums
//! ("entries of kind k at or before x").
//!
//! - At the receipt: the channel and the flags counted among dossiers received.
//! - At the end: the KPI timeliness (fixed once finished), the result flags, and the flags
//!   of the receipt again: the population's count of a flag is its receipts by the instant
//!   less its ends before the period.
//! - The instants where the dossier starts and stops being "unfinished within the deadline":
//!   as a function of time it is within on at most three intervals (before the first supplement
//!   request, while that request is awaited if it was made in time, after its completion with
//!   the due extended), cut to `[receipt, end)` and to before a second request.

use super::facts::DossierFacts;
use super::period::secs;
use crate::dossier::Timeliness;

/// A counter kind; its discriminant is its bit in an entry's mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Kind {
    RecvDirect,
    RecvOnline,
    RecvPostal,
    RecvReused,
    RecvPersonal,
    RecvCitizen,
    RecvFee,
    RecvPaid,
    RecvRated,
    RecvBad,
    /// Rated and marked dissatisfied (the plan's satisfaction rate).
    RecvRatedBad,
    /// Ended with an electronic result (as known now): with its end's `FinElectronic`, the
    /// population's count (4.1).
    RecvElectronic,
    /// … with attachments too (4.2).
    RecvDigitised,
    FinEarly,
    FinOnTime,
    FinLate,
    FinResult,
    FinElectronic,
    FinDigitised,
    FinRated,
    FinBad,
    FinLateBad,
    FinRatedBad,
    /// The receipt's digitisation flags again at the end, for the population's counts.
    FinReused,
    FinPersonal,
    FinCitizen,
    WithinStart,
    WithinEnd,
    BadWithinStart,
    BadWithinEnd,
}

/// Number of kinds (at most 32: a mask is a `u32`).
pub(crate) const KINDS: usize = Kind::BadWithinEnd as usize + 1;
const _: () = assert!(KINDS <= 32);

/// The bit of a kind.
pub(crate) const fn bit(k: Kind) -> u32 {
    1 << k as u32
}

/// The kinds of a receipt's channel: what a class kept as receipts only counts.
pub(crate) const CHANNELS: u32 =
    bit(Kind::RecvDirect) | bit(Kind::RecvOnline) | bit(Kind::RecvPostal);

const CAPACITY: usize = 8;

/// A dossier's entries `(seconds, mask)`, in time order, at most one per instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entries {
    buf: [(i64, u32); CAPACITY],
    len: usize,
}

impl Entries {
    fn push(&mut self, t: i64, mask: u32) {
        if mask != 0 && self.len < CAPACITY {
            self.buf[self.len] = (t, mask);
            self.len += 1;
        }
    }

    /// The entries.
    pub(crate) fn as_slice(&self) -> &[(i64, u32)] {
        &self.buf[..self.len]
    }

    /// The entries with only the kinds of `keep`, those left with none dropped.
    pub(crate) fn masked(&self, keep: u32) -> Entries {
        let mut out = Entries {
            buf: [(0, 0); CAPACITY],
            len: 0,
        };
        for &(t, mask) in self.as_slice() {
            out.push(t, mask & keep);
        }
        out
    }

    /// The entries of `self` not in `other`, those of `other` not in `self`, and those of
    /// both (as multisets).
    pub(crate) fn difference(&self, other: &Entries) -> (Entries, Entries, Entries) {
        let empty = Entries {
            buf: [(0, 0); CAPACITY],
            len: 0,
        };
        let (mut gone, mut added, mut kept) = (empty, empty, empty);
        let mut matched = [false; CAPACITY];
        for &e in self.as_slice() {
            let found = other
                .as_slice()
                .iter()
                .enumerate()
                .position(|(i, o)| !matched[i] && *o == e);
            match found {
                Some(i) => {
                    matched[i] = true;
                    kept.push(e.0, e.1);
                }
                None => gone.push(e.0, e.1),
            }
        }
        for (i, &e) in other.as_slice().iter().enumerate() {
            if !matched[i] {
                added.push(e.0, e.1);
            }
        }
        (gone, added, kept)
    }

    /// Sorts by time and merges entries of one instant with disjoint kinds.
    fn merge(&mut self) {
        let v = &mut self.buf[..self.len];
        v.sort_unstable_by_key(|e| e.0);
        let mut out = 0;
        for i in 0..self.len {
            let (t, m) = self.buf[i];
            if out > 0 && self.buf[out - 1].0 == t && self.buf[out - 1].1 & m == 0 {
                self.buf[out - 1].1 |= m;
            } else {
                self.buf[out] = (t, m);
                out += 1;
            }
        }
        self.len = out;
    }
}

/// The entries of a dossier; none for a dossier never received.
pub(crate) fn entries(f: &DossierFacts) -> Entries {
    let mut e = Entries {
        buf: [(0, 0); CAPACITY],
        len: 0,
    };
    let Some(received) = f.received_at else {
        return e;
    };
    e.push(secs(received), receipt_mask(f));
    if let Some(end) = f.finished_at {
        e.push(secs(end), end_mask(f));
    }
    let bad = f.flags.dissatisfied;
    for (a, b) in within_intervals(f) {
        if a < b {
            e.push(
                a,
                bit(Kind::WithinStart) | if bad { bit(Kind::BadWithinStart) } else { 0 },
            );
            if b != i64::MAX {
                e.push(
                    b,
                    bit(Kind::WithinEnd) | if bad { bit(Kind::BadWithinEnd) } else { 0 },
                );
            }
        }
    }
    e.merge();
    e
}

fn receipt_mask(f: &DossierFacts) -> u32 {
    let fl = &f.flags;
    let channel = match f.channel.code() {
        1 => Kind::RecvDirect,
        2 => Kind::RecvOnline,
        _ => Kind::RecvPostal,
    };
    [
        (true, channel),
        (fl.reused_data, Kind::RecvReused),
        (fl.personal_store, Kind::RecvPersonal),
        (fl.citizen_data(), Kind::RecvCitizen),
        (fl.fee_obligation(), Kind::RecvFee),
        (fl.paid_online, Kind::RecvPaid),
        (fl.rated, Kind::RecvRated),
        (fl.dissatisfied, Kind::RecvBad),
        (fl.rated && fl.dissatisfied, Kind::RecvRatedBad),
        (f.has_result() && fl.electronic_result, Kind::RecvElectronic),
        (f.has_result() && fl.digitised_result(), Kind::RecvDigitised),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .fold(0, |m, (_, k)| m | bit(k))
}

fn end_mask(f: &DossierFacts) -> u32 {
    let fl = &f.flags;
    let verdict = f.finished_timeliness().unwrap_or(Timeliness::OnTime);
    let late = verdict == Timeliness::Late;
    let result = f.has_result();
    let timeliness = match verdict {
        Timeliness::Early => Kind::FinEarly,
        Timeliness::OnTime => Kind::FinOnTime,
        Timeliness::Late => Kind::FinLate,
    };
    [
        (true, timeliness),
        (result, Kind::FinResult),
        (result && fl.electronic_result, Kind::FinElectronic),
        (result && fl.digitised_result(), Kind::FinDigitised),
        (fl.rated, Kind::FinRated),
        (fl.dissatisfied, Kind::FinBad),
        (fl.dissatisfied && late, Kind::FinLateBad),
        (fl.rated && fl.dissatisfied, Kind::FinRatedBad),
        (fl.reused_data, Kind::FinReused),
        (fl.personal_store, Kind::FinPersonal),
        (fl.citizen_data(), Kind::FinCitizen),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .fold(0, |m, (_, k)| m | bit(k))
}

/// A supplement in seconds: request, completion, exclusive KPI due after the completion.
type Request = (i64, Option<i64>, Option<i64>);

/// The half-open intervals (seconds) in which the unfinished dossier is within its deadline;
/// an interval with `start ≥ end` is empty.
fn within_intervals(f: &DossierFacts) -> [(i64, i64); 3] {
    let empty = [(0, 0); 3];
    let Some(received) = f.received_at else {
        return empty;
    };
    let r = secs(received);
    let end = f.finished_at.map_or(i64::MAX, secs);
    // `t ≤ due` for whole seconds is `t < due + 1`.
    let due_excl = f.due_at.map_or(i64::MAX, |d| secs(d).saturating_add(1));
    let mut requests: [Option<Request>; 2] = [None, None];
    for s in &f.supplements {
        let q = (
            secs(s.requested_at),
            s.completed_at.map(secs),
            s.kpi_due_after
                .filter(|_| f.due_at.is_some())
                .map(|d| secs(d).saturating_add(1)),
        );
        match requests {
            [None, _] => requests[0] = Some(q),
            [Some(a), _] if q.0 < a.0 => requests = [Some(q), requests[0]],
            [Some(_), None] => requests[1] = Some(q),
            [Some(_), Some(b)] if q.0 < b.0 => requests[1] = Some(q),
            _ => {}
        }
    }
    let second = requests[1].map_or(i64::MAX, |q| q.0);
    let Some((q1, c1, due_after)) = requests[0] else {
        return [(r, due_excl.min(end)), (0, 0), (0, 0)];
    };
    let first = (r, q1.min(due_excl).min(end));
    let awaiting = if q1 < due_excl {
        (r.max(q1), c1.unwrap_or(i64::MAX).min(second).min(end))
    } else {
        (0, 0)
    };
    let after = c1.map_or((0, 0), |c| {
        let due = due_after.unwrap_or_else(|| due_excl.saturating_add(c - q1));
        (r.max(c), second.min(due).min(end))
    });
    [first, awaiting, after]
}
