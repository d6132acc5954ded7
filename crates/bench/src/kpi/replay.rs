//! The aggregate built as it is in service: every dossier's life replayed in time order, one
//! change per event — inserted when received (open, no supplement yet), then replaced at each
//! supplement request, each supplement completion and at its end. Once every event up to the
//! data's end is applied, the aggregate holds each dossier's final facts. Dossiers are
//! regenerated from their key for each event (not timed), so nothing but the aggregate is kept.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::Write;

use cchc_domain::kpi::{Aggregate, DossierFacts};
use chrono::NaiveDateTime;

use super::ours::Spent;
use crate::generate::{Key, Population};

const BATCH: usize = 10_000;

/// The replayed aggregate and what its events cost.
pub struct Replayed {
    pub agg: Aggregate,
    pub spent: Spent,
    pub inserts: u64,
    pub replacements: u64,
}

/// The instants of a dossier's events after its receipt, in order, without repeats.
fn event_times(f: &DossierFacts) -> Vec<NaiveDateTime> {
    let mut t: Vec<NaiveDateTime> = f
        .supplements
        .iter()
        .flat_map(|s| [Some(s.requested_at), s.completed_at])
        .chain([f.finished_at])
        .flatten()
        .collect();
    t.sort();
    t.dedup();
    t
}

/// The facts of `f` as they stood at `t` (at or after its receipt): supplements requested and
/// completed by then, the end if it had come (the result's electronic file with it).
fn as_of(f: &DossierFacts, t: NaiveDateTime) -> DossierFacts {
    let mut g = f.clone();
    g.supplements.retain(|s| s.requested_at <= t);
    for s in &mut g.supplements {
        s.completed_at = s.completed_at.filter(|c| *c <= t);
    }
    g.finished_at = f.finished_at.filter(|e| *e <= t);
    if g.finished_at.is_none() {
        g.terminal = None;
        g.flags.electronic_result = false;
    }
    g
}

/// A change to apply.
enum Step {
    Insert(DossierFacts),
    Replace(DossierFacts, DossierFacts),
}

/// An event waiting for its time: (seconds, unit, rank, index of the event).
type Pending = Reverse<(i64, u32, u32, usize)>;

fn secs(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp()
}

/// The change of event `k` (0 = the receipt) of the dossier `key` with final facts `f`, and
/// the next event to wait for.
fn step(f: &DossierFacts, key: Key, k: usize) -> (Step, Option<Pending>) {
    let times = event_times(f);
    let received = f.received_at.unwrap_or_default();
    let at = |k: usize| if k == 0 { received } else { times[k - 1] };
    let next = times
        .get(k)
        .map(|t| Reverse((secs(*t), key.unit, key.rank, k + 1)));
    let change = if k == 0 {
        Step::Insert(as_of(f, received))
    } else {
        Step::Replace(as_of(f, at(k - 1)), as_of(f, at(k)))
    };
    (change, next)
}

/// Replays every dossier's life in time order.
pub fn replay(pop: &Population) -> Result<Replayed, String> {
    let mut out = Replayed {
        agg: Aggregate::new(),
        spent: Spent::default(),
        inserts: 0,
        replacements: 0,
    };
    let mut pending: BinaryHeap<Pending> = BinaryHeap::new();
    let mut keys = pop.keys();
    let mut upcoming = keys.next().map(|k| (k, pop.dossier(k).facts));
    let mut batch: Vec<Step> = Vec::with_capacity(BATCH);
    let mut received = 0u64;
    loop {
        batch.clear();
        while batch.len() < BATCH {
            let receipt = upcoming
                .as_ref()
                .map(|(_, f)| f.received_at.map_or(i64::MIN, secs));
            let take_pending = match (pending.peek(), receipt) {
                (Some(p), Some(r)) => p.0.0 <= r,
                (Some(_), None) => true,
                (None, _) => false,
            };
            let (change, next) = if take_pending {
                let Some(Reverse((_, unit, rank, k))) = pending.pop() else {
                    break;
                };
                let key = Key { unit, rank };
                step(&pop.dossier(key).facts, key, k)
            } else if let Some((key, f)) = upcoming.take() {
                upcoming = keys.next().map(|k| (k, pop.dossier(k).facts));
                received += 1;
                step(&f, key, 0)
            } else {
                break;
            };
            pending.extend(next);
            batch.push(change);
        }
        if batch.is_empty() {
            break;
        }
        apply(&mut out, &batch)?;
        if received % 1_000_000 < BATCH as u64 / 2 {
            let mut e = std::io::stderr().lock();
            let _ = write!(
                e,
                "\rreplaying: {received} / {} dossiers received",
                pop.len()
            );
            let _ = e.flush();
        }
    }
    eprintln!();
    Ok(out)
}

fn apply(out: &mut Replayed, batch: &[Step]) -> Result<(), String> {
    let agg = &mut out.agg;
    let (mut inserts, mut replacements) = (0, 0);
    out.spent.run(|| {
        for s in batch {
            match s {
                Step::Insert(f) => {
                    agg.insert(f);
                    inserts += 1;
                }
                Step::Replace(old, new) => {
                    agg.replace(old, new).map_err(|e| e.to_string())?;
                    replacements += 1;
                }
            }
        }
        Ok::<(), String>(())
    })?;
    out.inserts += inserts;
    out.replacements += replacements;
    Ok(())
}
