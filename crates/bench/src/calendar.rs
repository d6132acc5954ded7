//! Deadline throughput: 10 million random (start, duration) pairs over 2000–2060 with a fixed
//! seed, timed single-threaded for working-day and working-hour durations, with numpy's
//! `busday_offset` on the same inputs and holidays as the baseline.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use cchc_calendar::{WorkCalendar, WorkDuration};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::numpy;

/// Seed of the input generator.
pub const SEED: u64 = 20_260_227;

pub struct Options {
    pub pairs: usize,
    pub rounds: usize,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut opts = Self {
            pairs: 10_000_000,
            rounds: 5,
        };
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
            let n: usize = value
                .parse()
                .map_err(|_| format!("{flag} {value}: not a number"))?;
            match flag.as_str() {
                "--pairs" if n > 0 => opts.pairs = n,
                "--rounds" if n > 0 => opts.rounds = n,
                _ => return Err(format!("unknown or zero option {flag} {value}")),
            }
        }
        Ok(opts)
    }
}

/// The random inputs.
pub struct Inputs {
    pub starts: Vec<NaiveDateTime>,
    /// 1–60 working days.
    pub working_days: Vec<u32>,
    /// 1–480 working hours.
    pub hours: Vec<u32>,
}

fn generate(n: usize) -> Inputs {
    let mut rng = StdRng::seed_from_u64(SEED);
    let base = NaiveDate::from_ymd_opt(2000, 1, 1)
        .unwrap_or_default()
        .and_time(NaiveTime::MIN);
    let end = NaiveDate::from_ymd_opt(2061, 1, 1)
        .unwrap_or_default()
        .and_time(NaiveTime::MIN);
    let minutes = (end - base).num_minutes();
    let mut inputs = Inputs {
        starts: Vec::with_capacity(n),
        working_days: Vec::with_capacity(n),
        hours: Vec::with_capacity(n),
    };
    for _ in 0..n {
        inputs
            .starts
            .push(base + Duration::minutes(rng.gen_range(0..minutes)));
        inputs.working_days.push(rng.gen_range(1..=60));
        inputs.hours.push(rng.gen_range(1..=480));
    }
    inputs
}

/// Median nanoseconds per call of `f` over all inputs, over `rounds` rounds.
fn time_rounds(rounds: usize, n: usize, mut f: impl FnMut() -> usize) -> (f64, Vec<f64>) {
    let mut per_round: Vec<f64> = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            let failures = f();
            assert_eq!(failures, 0, "every deadline is inside the calendar's range");
            t.elapsed().as_nanos() as f64 / n as f64
        })
        .collect();
    let shown = per_round.clone();
    per_round.sort_by(f64::total_cmp);
    (per_round[per_round.len() / 2], shown)
}

fn deadlines(
    cal: &WorkCalendar,
    starts: &[NaiveDateTime],
    counts: &[u32],
    unit: fn(u32) -> WorkDuration,
) -> usize {
    let mut failures = 0;
    for (s, n) in starts.iter().zip(counts) {
        match cal.due(*s, unit(*n)) {
            Ok(due) => {
                black_box(due);
            }
            Err(_) => failures += 1,
        }
    }
    failures
}

fn show(label: &str, median: f64, rounds: &[f64]) {
    let r: Vec<String> = rounds.iter().map(|x| format!("{x:.1}")).collect();
    println!(
        "{label:<52} median {median:>6.1} ns   (rounds: {})",
        r.join(", ")
    );
}

pub fn run(opts: &Options) -> ExitCode {
    let Ok(cal) = WorkCalendar::national() else {
        eprintln!("cannot build the national calendar");
        return ExitCode::FAILURE;
    };
    let n = opts.pairs;
    println!(
        "cchc-bench calendar: {n} random (start, duration) pairs, starts 2000-01-01..2060-12-31 \
         (any minute), seed {SEED}, {} rounds, single thread",
        opts.rounds
    );
    let inputs = generate(n);
    let (wd, wd_rounds) = time_rounds(opts.rounds, n, || {
        deadlines(
            &cal,
            &inputs.starts,
            &inputs.working_days,
            WorkDuration::WorkingDays,
        )
    });
    show("working-day deadline (1-60 wd), ours:", wd, &wd_rounds);
    let (h, h_rounds) = time_rounds(opts.rounds, n, || {
        deadlines(&cal, &inputs.starts, &inputs.hours, WorkDuration::Hours)
    });
    show("working-hour deadline (1-480 h), ours:", h, &h_rounds);
    let dates: Vec<NaiveDate> = inputs.starts.iter().map(NaiveDateTime::date).collect();
    let (busday, busday_rounds) = time_rounds(opts.rounds, n, || {
        let mut failures = 0;
        for (d, k) in dates.iter().zip(&inputs.working_days) {
            match cal.add_working_days(*d, *k) {
                Ok(r) => {
                    black_box(r);
                }
                Err(_) => failures += 1,
            }
        }
        failures
    });
    show(
        "date-only offset (numpy's operation), ours:",
        busday,
        &busday_rounds,
    );
    println!("targets: <= 20 ns per working-day deadline, <= 100 ns per working-hour deadline");
    numpy::compare(&cal, &dates, &inputs.working_days, opts.rounds, wd, busday)
}
