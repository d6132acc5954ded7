//! `cchc-bench lookup`: the public dossier lookup (target: p99 ≤ 5 ms at 1 million
//! dossiers). A fresh database receives the seeded population through the store's bulk path
//! (`Store::import_dossiers`, the path of `cchc import dossiers`) and a few thousand dossiers
//! handled in cchc through the dossier writer (receive, forward, finish, return: four events
//! each). Then, one client at a time, the lookup behind `GET /api/v1/public/dossiers/{code}`
//! (`cchc_web::api::public::lookup`: projection, events, procedure), the whole HTTP handler
//! through the router (`tower` oneshot, every layer, body read), and the plain
//! `SELECT … WHERE province = $1 AND code = $2` of the projection row as the baseline: for
//! known imported codes, known handled codes and unknown codes.

use std::process::ExitCode;
use std::time::Instant;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use cchc_calendar::WorkCalendar;
use cchc_domain::dossier::DossierCode;
use cchc_store::Store;
use cchc_store::import::dossiers::ImportedDossier;
use tower::ServiceExt;

use crate::dossiers::{Path, Scratch, sequence};
use crate::generate::{Population, Rng, SEED};
use crate::measure::{Samples, load_average, positive, postgres_url, ratio};

/// The benchmark's options.
pub struct Options {
    pub dossiers: u64,
    /// Dossiers handled in cchc (with events), created through the writer.
    pub handled: usize,
    /// Lookups per kind of code.
    pub lookups: usize,
    pub seed: u64,
    pub sqlite: bool,
    pub postgres: Option<String>,
    pub no_postgres: bool,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut o = Self {
            dossiers: 1_000_000,
            handled: 2_000,
            lookups: 5_000,
            seed: SEED,
            sqlite: true,
            postgres: None,
            no_postgres: false,
        };
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
            match flag.as_str() {
                "--dossiers" => o.dossiers = positive(flag, value)?,
                "--handled" => o.handled = positive(flag, value)?,
                "--lookups" => o.lookups = positive(flag, value)?,
                "--seed" => o.seed = value.parse().map_err(|_| format!("--seed {value}"))?,
                "--pg" => o.postgres = Some(value.clone()),
                "--baselines" | "--backends" => {
                    o.sqlite = value.split(',').any(|b| b == "sqlite");
                    o.no_postgres = !value.split(',').any(|b| b == "postgres");
                }
                _ => return Err(format!("unknown option {flag}")),
            }
        }
        Ok(o)
    }
}

/// Items per call of the bulk path.
const CHUNK: usize = 100_000;

/// Imports the population through `Store::import_dossiers`, in chunks; returns items/s.
async fn import(store: &Store, pop: &Population) -> Result<f64, String> {
    let started = Instant::now();
    let mut keys = pop.keys();
    let mut done = 0u64;
    loop {
        let items: Vec<ImportedDossier> = keys
            .by_ref()
            .take(CHUNK)
            .map(|k| {
                let d = pop.dossier(k);
                Ok(ImportedDossier {
                    code: DossierCode::parse(&d.facts.code)?,
                    facts: d.facts,
                    status: d.status,
                    applicant_name: d.applicant,
                })
            })
            .collect::<Result<_, String>>()?;
        if items.is_empty() {
            break;
        }
        store
            .import_dossiers(&items, "bench", |_| {})
            .await
            .map_err(|e| e.to_string())?;
        done += items.len() as u64;
        eprint!("\rimporting: {done} / {}", pop.len());
    }
    eprintln!();
    Ok(done as f64 / started.elapsed().as_secs_f64())
}

/// Creates `n` dossiers handled in cchc, 32 clients at a time; returns their codes.
async fn handled(store: &Store, n: usize) -> Result<Vec<String>, String> {
    let cal = WorkCalendar::national().map_err(|e| e.to_string())?;
    let mut codes = Vec::with_capacity(n);
    while codes.len() < n {
        let tasks: Vec<_> = (0..32.min(n - codes.len()))
            .map(|_| {
                let (store, cal) = (store.clone(), cal.clone());
                tokio::spawn(async move { sequence(&store, &cal, Path::GroupCommit).await })
            })
            .collect();
        for t in tasks {
            let code = t
                .await
                .map_err(|e| e.to_string())?
                .map_err(|e| e.to_string())?;
            codes.push(code.to_string());
        }
    }
    Ok(codes)
}

/// The codes looked up: known imported ones, handled ones, unknown ones (well formed, with a
/// daily counter no unit reaches).
struct Codes {
    imported: Vec<String>,
    handled: Vec<String>,
    unknown: Vec<String>,
}

fn codes(pop: &Population, handled: Vec<String>, n: usize, seed: u64) -> Codes {
    let mut r = Rng::new(seed, 3 << 40, 0);
    let imported: Vec<String> = (0..n)
        .map(|_| pop.dossier(pop.sample_key(r.below(pop.len()))).facts.code)
        .collect();
    let unknown = imported
        .iter()
        .map(|c| {
            let (head, _) = c.rsplit_once('-').unwrap_or((c, ""));
            format!("{head}-{}", 9_000 + r.below(999))
        })
        .collect();
    let handled = (0..n)
        .map(|i| handled[i % handled.len().max(1)].clone())
        .collect();
    Codes {
        imported,
        handled,
        unknown,
    }
}

/// The three ways of looking a code up.
#[derive(Clone, Copy)]
enum Way {
    Store,
    Http,
    PlainSelect,
}

async fn look_up(
    way: Way,
    app: &cchc_app::App,
    router: &axum::Router,
    code: &str,
    i: usize,
) -> Result<bool, String> {
    match way {
        Way::Store => cchc_app::dossiers::lookup::lookup(app, code)
            .await
            .map(|v| v.is_some())
            .map_err(|e| format!("{e:?}")),
        Way::Http => {
            // A different client address each time: the per-address limit is not measured.
            let peer = std::net::SocketAddr::from((
                [10, (i >> 16) as u8, (i >> 8) as u8, i as u8],
                40_000,
            ));
            let req = Request::get(format!("/api/v1/public/dossiers/{code}"))
                .extension(ConnectInfo(peer))
                .body(Body::empty())
                .map_err(|e| e.to_string())?;
            let res = router
                .clone()
                .oneshot(req)
                .await
                .map_err(|e| e.to_string())?;
            let status = res.status();
            let body = axum::body::to_bytes(res.into_body(), 1 << 20)
                .await
                .map_err(|e| e.to_string())?;
            std::hint::black_box(body);
            match status {
                StatusCode::OK => Ok(true),
                StatusCode::NOT_FOUND => Ok(false),
                s => Err(format!("GET {code}: {s}")),
            }
        }
        Way::PlainSelect => {
            let province = code.split(['.', '-']).next().unwrap_or("");
            let row = sqlx::query("SELECT * FROM dossiers WHERE province = $1 AND code = $2")
                .bind(province.to_owned())
                .bind(code.to_owned())
                .fetch_optional(app.store.pool())
                .await
                .map_err(|e| e.to_string())?;
            Ok(row.is_some())
        }
    }
}

/// Times every code of `codes` each way (plain SELECT, lookup, HTTP), the ways taking turns
/// code by code so that they see the same caches; checks each is found or not as expected.
async fn time_ways(
    app: &cchc_app::App,
    router: &axum::Router,
    codes: &[String],
    found: bool,
) -> Result<[Samples; 3], String> {
    let ways = [Way::PlainSelect, Way::Store, Way::Http];
    let mut samples: [Samples; 3] = Default::default();
    for (i, code) in codes.iter().enumerate() {
        for k in 0..3 {
            let w = (i + k) % 3;
            let hit = samples[w]
                .time_async(look_up(ways[w], app, router, code, i))
                .await?;
            if hit != found {
                return Err(format!("lookup of {code}: found {hit}, expected {found}"));
            }
        }
    }
    Ok(samples)
}

async fn backend(o: &Options, pop: &Population, postgres: Option<&str>) -> Result<(), String> {
    let label = if postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let db = Scratch::open(postgres, 0).await?;
    let result = async {
        // Handled ones first: imports do not advance the daily counters of dossier codes, so
        // a dossier received in cchc afterwards could draw a code already imported.
        let made = handled(&db.store, o.handled).await?;
        let rate = import(&db.store, pop).await?;
        println!(
            "\n{label}: {} dossiers imported through the bulk path ({rate:.0} items/s), {} \
             handled in cchc (4 events each)",
            pop.len(),
            made.len()
        );
        let c = codes(pop, made, o.lookups, o.seed);
        let state = cchc_web::AppState::new(db.store.clone(), cchc_web::WebConfig::default());
        let app = state.app.clone();
        let router = cchc_web::app(state);
        println!(
            "{label} (ms)                         p50     p99   | plain SELECT p50     p99   ratio p99"
        );
        for (what, list, found) in [
            ("known, imported", &c.imported, true),
            ("known, handled in cchc", &c.handled, true),
            ("unknown", &c.unknown, false),
        ] {
            // Warm-up: one pass over every code.
            for code in list {
                look_up(Way::Store, &app, &router, code, 0).await?;
            }
            let [plain, lookup, http] = time_ways(&app, &router, list, found).await?;
            for (s, name) in [(lookup, "lookup"), (http, "HTTP")] {
                println!(
                    "{:<34} {:>7.3} {:>7.3}   |    {:>7.3} {:>7.3}   {:>6}",
                    format!("{what}, {name}"),
                    s.p50(),
                    s.p99(),
                    plain.p50(),
                    plain.p99(),
                    ratio(s.p99(), plain.p99())
                );
            }
        }
        Ok(())
    }
    .await;
    db.close().await;
    result
}

pub fn run(o: &Options) -> ExitCode {
    let result = (|| {
        let pop = Population::new(o.seed, o.dossiers, 200, 4)?;
        println!(
            "cchc-bench lookup: {} dossiers over 200 units of H31, 2023–2026, seed {}; {} \
             lookups of each kind, one at a time; load average {}",
            pop.len(),
            o.seed,
            o.lookups,
            load_average()
        );
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        rt.block_on(async {
            if o.sqlite {
                backend(o, &pop, None).await?;
            }
            if o.no_postgres {
                return Ok(());
            }
            match postgres_url(o.postgres.as_deref()).await {
                Some(url) => backend(o, &pop, Some(&url)).await,
                None => {
                    println!("\nPostgreSQL: skipped (no server answered)");
                    Ok(())
                }
            }
        })
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\n{e}");
            ExitCode::FAILURE
        }
    }
}
