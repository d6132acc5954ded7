//! `cchc-bench kpi`: dossier statistics and the QĐ 766 index from the incremental aggregate
//! beside the same counts computed by SQL over the same facts in SQLite and
//! PostgreSQL. A seeded population ([`crate::generate`]) is inserted into the aggregate (the
//! cost per event is timed apart from the generator), replacements are timed, then the
//! province-year (closed, and as of a morning in September) and every unit's year are asked
//! of both sides; every SQL answer must equal ours, or the run fails.

mod backends;
mod ours;
mod replay;
mod sql;
#[cfg(test)]
mod sql_tests;

use std::process::ExitCode;
use std::time::Instant;

use cchc_domain::kpi::{Counts, Definitions, Scope, Tier, Window, parse_period};
use chrono::NaiveDateTime;

use crate::generate::{PROVINCE, Population, SEED};
use crate::measure::{Samples, load_average, peak_rss_mib, positive, postgres_url, ratio, rss_mib};
use backends::Db;
use ours::Query;

/// The benchmark's options.
pub struct Options {
    pub dossiers: u64,
    pub units: usize,
    pub years: u32,
    pub seed: u64,
    /// Rounds of each province query on our side.
    pub rounds: usize,
    /// Rounds over every unit on our side.
    pub unit_rounds: usize,
    /// Rounds of each province query in SQL.
    pub sql_rounds: usize,
    pub replacements: u64,
    pub sqlite: bool,
    pub postgres: Option<String>,
    pub no_postgres: bool,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut o = Self {
            dossiers: 10_000_000,
            units: 200,
            years: 4,
            seed: SEED,
            rounds: 201,
            unit_rounds: 5,
            sql_rounds: 3,
            replacements: 0,
            sqlite: true,
            postgres: None,
            no_postgres: false,
        };
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
            match flag.as_str() {
                "--dossiers" => o.dossiers = positive(flag, value)?,
                "--units" => o.units = positive(flag, value)?,
                "--years" => o.years = positive(flag, value)?,
                "--seed" => o.seed = value.parse().map_err(|_| format!("--seed {value}"))?,
                "--rounds" => o.rounds = positive(flag, value)?,
                "--unit-rounds" => o.unit_rounds = positive(flag, value)?,
                "--sql-rounds" => o.sql_rounds = positive(flag, value)?,
                "--replacements" => o.replacements = positive(flag, value)?,
                "--pg" => o.postgres = Some(value.clone()),
                "--baselines" => {
                    o.sqlite = value.split(',').any(|b| b == "sqlite");
                    o.no_postgres = !value.split(',').any(|b| b == "postgres");
                }
                _ => return Err(format!("unknown option {flag}")),
            }
        }
        if o.years > 20 {
            return Err("--years: at most 20".to_owned());
        }
        if o.replacements == 0 {
            o.replacements = (o.dossiers / 10).clamp(1, 1_000_000);
        }
        Ok(o)
    }
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap_or_default()
}

/// The questions: the province-year closed and as of a morning, and every unit's year.
struct Questions {
    province: Scope,
    units: Vec<Scope>,
    closed: Window,
    as_of: Window,
    tiers: Vec<Tier>,
}

fn questions(pop: &Population) -> Result<Questions, String> {
    let year = parse_period("2026").map_err(|e| e.to_string())?;
    let codes: Vec<&str> = pop.unit_codes().collect();
    Ok(Questions {
        province: Scope::new(PROVINCE, codes.iter().copied()),
        units: codes.iter().map(|c| Scope::single(*c)).collect(),
        closed: Window::closed(year),
        as_of: Window::new(year, at("2026-09-30T10:30:00")).map_err(|e| e.to_string())?,
        tiers: (0..codes.len())
            .map(|u| {
                if pop.is_commune(u) {
                    Tier::Commune
                } else {
                    Tier::Province
                }
            })
            .collect(),
    })
}

/// Our timings: (stats, 766) per question kind, and the counts of each answer.
struct Ours {
    province: [(Samples, Samples); 2],
    units: (Samples, Samples),
    province_counts: [Counts; 2],
    unit_counts: Vec<Counts>,
}

fn run_ours(agg: &cchc_domain::kpi::Aggregate, q: &Questions, o: &Options) -> Ours {
    let defs = Definitions::shipped();
    let mut out = Ours {
        province: Default::default(),
        units: Default::default(),
        province_counts: [Counts::default(); 2],
        unit_counts: vec![Counts::default(); q.units.len()],
    };
    for (k, window) in [q.closed, q.as_of].into_iter().enumerate() {
        let query = Query {
            scope: &q.province,
            window,
            tier: Tier::Province,
        };
        let (s, i) = &mut out.province[k];
        for _ in 0..o.rounds {
            out.province_counts[k] = ours::answer(agg, &defs, &query, s, i);
        }
    }
    for _ in 0..o.unit_rounds {
        for (u, scope) in q.units.iter().enumerate() {
            let query = Query {
                scope,
                window: q.closed,
                tier: q.tiers[u],
            };
            let (s, i) = &mut out.units;
            out.unit_counts[u] = ours::answer(agg, &defs, &query, s, i);
        }
    }
    out
}

fn line(label: &str, s: &Samples, i: &Samples) {
    println!(
        "{label:<46} {:>9.3} {:>9.3}   {:>9.3} {:>9.3}   ({} samples)",
        s.p50(),
        s.p99(),
        i.p50(),
        i.p99(),
        s.len()
    );
}

const LABELS: [&str; 3] = [
    "province, year 2026 (closed)",
    "province, 2026 as of 2026-09-30T10:30:00",
    "each unit, year 2026 (closed)",
];

pub fn run(o: &Options) -> ExitCode {
    match run_all(o) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\n{e}");
            ExitCode::FAILURE
        }
    }
}

fn run_all(o: &Options) -> Result<(), String> {
    let pop = Population::new(o.seed, o.dossiers, o.units, o.years)?;
    println!(
        "cchc-bench kpi: {} dossiers, {} units of {PROVINCE}, received over {}–2026 (data end {}), \
         seed {}",
        pop.len(),
        o.units,
        2027 - o.years,
        pop.end(),
        o.seed
    );
    println!("load average at the start: {}", load_average());
    let started = Instant::now();
    let mut built = replay::replay(&pop)?;
    let events = built.inserts + built.replacements;
    let (wall, cpu) = built.spent.per_event_us(events);
    println!(
        "replayed in {:.1} s (generator included): {events} events ({} receipts inserted, {} \
         changes replaced) at {wall:.3} µs per event ({cpu:.3} µs on CPU); {} entries; peak \
         RSS {:.0} MiB (now {:.0} MiB)",
        started.elapsed().as_secs_f64(),
        built.inserts,
        built.replacements,
        built.agg.entry_count(),
        peak_rss_mib(),
        rss_mib()
    );
    let replaced = ours::replace_cost(&mut built.agg, &pop, o.replacements)?;
    let (wall, cpu) = replaced.per_event_us(2 * o.replacements);
    println!(
        "corrections of random old dossiers (cold caches): {wall:.3} µs per replacement \
         ({cpu:.3} µs on CPU) over {} replacements (a sample changed and back)",
        2 * o.replacements
    );
    let q = questions(&pop)?;
    let mine = run_ours(&built.agg, &q, o);
    println!("peak RSS after the queries: {:.0} MiB", peak_rss_mib());
    println!(
        "\nours (ms)                                      stats p50       p99     766 p50       p99"
    );
    for (k, (s, i)) in mine.province.iter().enumerate() {
        line(LABELS[k], s, i);
    }
    line(LABELS[2], &mine.units.0, &mine.units.1);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(baselines(o, &pop, &q, &mine))?;
    println!(
        "\npeak RSS of the whole run (SQLite's cache included): {:.0} MiB; load average at \
         the end: {}",
        peak_rss_mib(),
        load_average()
    );
    Ok(())
}

async fn baselines(
    o: &Options,
    pop: &Population,
    q: &Questions,
    mine: &Ours,
) -> Result<(), String> {
    if o.sqlite {
        baseline(Db::sqlite().await?, o, pop, q, mine).await?;
    }
    if o.no_postgres {
        return Ok(());
    }
    match postgres_url(o.postgres.as_deref()).await {
        Some(url) => baseline(Db::postgres(&url).await?, o, pop, q, mine).await,
        None => {
            println!("\nPostgreSQL: skipped (no server answered; set CCHC_BENCH_POSTGRES_URL)");
            Ok(())
        }
    }
}

fn check(what: &str, sql: &Counts, ours: &Counts) -> Result<(), String> {
    if sql == ours {
        Ok(())
    } else {
        Err(format!(
            "the SQL answer differs from ours for {what}:\n SQL  {sql:?}\n ours {ours:?}"
        ))
    }
}

fn secs(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp()
}

async fn baseline(
    mut db: Db,
    o: &Options,
    pop: &Population,
    q: &Questions,
    mine: &Ours,
) -> Result<(), String> {
    let label = db.label();
    let result = async {
        let loaded = db.load(pop).await?;
        println!("\n{label}: loaded, indexed and analysed in {:.1} s", loaded.as_secs_f64());
        println!(
            "{label} (ms)                                  p50       p99   ratio p50 (stats | 766)  ratio p99 (stats | 766)"
        );
        let all: Vec<String> = (0..q.units.len()).map(|u| u.to_string()).collect();
        let scope = format!("unit IN ({})", all.join(", "));
        for (k, w) in [q.closed, q.as_of].into_iter().enumerate() {
            let text = sql::counts_query(&scope, secs(w.start()), secs(w.at()), false);
            let mut samples = Samples::default();
            for round in 0..o.sql_rounds {
                eprint!("\r{label}: {}, round {} of {}", LABELS[k], round + 1, o.sql_rounds);
                let c = samples.time_async(db.counts(&text)).await?;
                check(LABELS[k], &c, &mine.province_counts[k])?;
            }
            eprintln!();
            show(LABELS[k], &samples, &mine.province[k]);
        }
        let (s, t) = (secs(q.closed.start()), secs(q.closed.at()));
        let mut samples = Samples::default();
        for u in 0..q.units.len() {
            if (u + 1) % 50 == 0 {
                eprint!("\r{label}: unit {} of {}", u + 1, q.units.len());
            }
            let text = sql::counts_query(&format!("unit = {u}"), s, t, false);
            let c = samples.time_async(db.counts(&text)).await?;
            check(q.units[u].unit(), &c, &mine.unit_counts[u])?;
        }
        show(LABELS[2], &samples, &mine.units);
        let text = sql::counts_query("1 = 1", s, t, true);
        let started = Instant::now();
        let rows = db.counts_by_unit(&text).await?;
        let took = started.elapsed().as_secs_f64() * 1e3;
        for (u, c) in &rows {
            let u = usize::try_from(*u).map_err(|e| e.to_string())?;
            check(q.units[u].unit(), c, &mine.unit_counts[u])?;
        }
        let ours_all = mine.units.0.p50() * q.units.len() as f64;
        println!(
            "every unit in one GROUP BY unit: {took:.1} ms ({} rows, all equal to ours); \
             ours, one query per unit: {ours_all:.1} ms in all (p50 × units) — {}",
            rows.len(),
            ratio(took, ours_all)
        );
        Ok(())
    }
    .await;
    db.close().await;
    result
}

fn show(label: &str, sql: &Samples, ours: &(Samples, Samples)) {
    println!(
        "{label:<46} {:>9.1} {:>9.1}   {:>9} | {:<9}  {:>9} | {:<9}",
        sql.p50(),
        sql.p99(),
        ratio(sql.p50(), ours.0.p50()),
        ratio(sql.p50(), ours.1.p50()),
        ratio(sql.p99(), ours.0.p99()),
        ratio(sql.p99(), ours.1.p99()),
    );
}
