//! Our side: time spent applying changes, the cost of corrections of random old dossiers (a
//! dossier finishing, a supplement request, changed flags, a corrected procedure), and the
//! timed queries.

use std::time::{Duration, Instant};

use cchc_domain::dossier::Status;
use cchc_domain::kpi::{
    Aggregate, Counts, Definitions, DossierFacts, ManualValues, Scope, SupplementSpan, Tier,
    Window, evaluate,
};
use chrono::TimeDelta;

use crate::generate::Population;
use crate::measure::{Samples, thread_cpu};

const BATCH: usize = 10_000;

/// Time spent: on the wall clock and on a CPU (the second is not inflated by other processes).
#[derive(Debug, Clone, Copy, Default)]
pub struct Spent {
    pub wall: Duration,
    pub cpu: Duration,
}

impl Spent {
    /// Runs `f`, adding its time.
    pub fn run<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let (w, c) = (Instant::now(), thread_cpu());
        let out = f();
        self.cpu += thread_cpu().saturating_sub(c);
        self.wall += w.elapsed();
        out
    }

    /// Microseconds per event (wall, CPU).
    #[must_use]
    pub fn per_event_us(&self, events: u64) -> (f64, f64) {
        let n = events.max(1) as f64;
        (
            self.wall.as_secs_f64() * 1e6 / n,
            self.cpu.as_secs_f64() * 1e6 / n,
        )
    }
}

/// A plausible change of a dossier's facts (the kind rotates with `i`).
fn changed(old: &DossierFacts, i: u64, pop: &Population) -> DossierFacts {
    let mut new = old.clone();
    let received = old.received_at.unwrap_or_default();
    match i % 4 {
        0 => match old.finished_at {
            None => {
                let last = old.supplements.iter().filter_map(|s| s.completed_at).max();
                new.finished_at = Some(last.unwrap_or(received).max(received) + TimeDelta::days(2));
                new.terminal = Some(Status::Returned);
            }
            Some(t) => new.finished_at = Some(t + TimeDelta::days(1)),
        },
        1 if old.supplements.len() < 2 => new.supplements.push(SupplementSpan {
            requested_at: received + TimeDelta::hours(1),
            completed_at: Some(received + TimeDelta::days(1)),
            kpi_due_after: None,
        }),
        1 => {
            new.supplements.pop();
        }
        2 => {
            new.flags.paid_online = !old.flags.paid_online;
            new.flags.electronic_result = !old.flags.electronic_result;
        }
        _ => {
            let all = pop.procedures();
            let at = all.iter().position(|p| *p == old.procedure).unwrap_or(0);
            new.procedure = all[(at + 1) % all.len()].clone();
            new.flags.fee = !old.flags.fee;
        }
    }
    new
}

/// The time of replacements of `count` sampled dossiers, each replaced by a changed copy and
/// back (so the aggregate ends as it started): 2 × `count` replacements.
pub fn replace_cost(agg: &mut Aggregate, pop: &Population, count: u64) -> Result<Spent, String> {
    let mut timed = Spent::default();
    let mut i = 0u64;
    while i < count {
        let n = (count - i).min(BATCH as u64);
        let pairs: Vec<(DossierFacts, DossierFacts)> = (i..i + n)
            .map(|j| {
                let old = pop.dossier(pop.sample_key(j)).facts;
                let new = changed(&old, j, pop);
                (old, new)
            })
            .collect();
        timed.run(|| {
            for (old, new) in &pairs {
                agg.replace(old, new).map_err(|e| e.to_string())?;
            }
            for (old, new) in &pairs {
                agg.replace(new, old).map_err(|e| e.to_string())?;
            }
            Ok::<(), String>(())
        })?;
        i += n;
    }
    Ok(timed)
}

/// What a query answers with.
pub struct Query<'a> {
    pub scope: &'a Scope,
    pub window: Window,
    pub tier: Tier,
}

/// Timed answers of `kpi stats` and `kpi 766` for a query; returns the counts.
pub fn answer(
    agg: &Aggregate,
    defs: &Definitions,
    q: &Query<'_>,
    stats: &mut Samples,
    index: &mut Samples,
) -> Counts {
    let s = stats.time(|| agg.stats(q.scope, &q.window));
    std::hint::black_box(s);
    index.time(|| {
        let c = agg.counts(q.scope, &q.window);
        let r = evaluate(
            defs,
            q.scope.unit(),
            q.window.period(),
            &c,
            &ManualValues::default(),
            q.tier,
        );
        std::hint::black_box(r);
        c
    })
}
