//! Durable dossier actions per second: clients each run receive + forward + finish + return
//! sequences against a fresh database, once through the group-commit writer
//! (`Store::create_dossier` / `Store::apply_action`) and once with one transaction per action
//! (`Store::*_direct`, the baseline), on SQLite (a file in the temp folder, WAL,
//! `synchronous = FULL`) and on PostgreSQL when a URL is given. With `--paths
//! group,direct,app` also through the application layer (`cchc_app::dossiers::receive` and
//! `act`: the role, units and access checks, the access guard in the writer's transaction).

use std::process::ExitCode;
use std::time::Instant;

use cchc_calendar::WorkCalendar;
use cchc_domain::UnitCode;
use cchc_domain::dossier::{Action, ActionContext, Assignee, Channel, Component, DossierCode};
use cchc_store::dossiers::{Applicant, DossierError, NewDossier};
use cchc_store::{Store, StoreError};
use chrono::NaiveDateTime;
use sqlx::Row;

/// The benchmark's options.
pub struct Options {
    /// Sequences (4 actions each) per measurement, shared among the clients.
    pub sequences: usize,
    pub clients: Vec<usize>,
    /// Rounds per figure (the median is shown).
    pub rounds: usize,
    pub postgres: Option<String>,
    /// The paths measured, in the order they take turns.
    pub paths: Vec<Path>,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut opts = Self {
            sequences: 1_000,
            clients: vec![1, 8, 32],
            rounds: 3,
            postgres: std::env::var("CCHC_TEST_POSTGRES_URL")
                .ok()
                .filter(|u| !u.is_empty()),
            paths: vec![Path::GroupCommit, Path::OneTransactionEach],
        };
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
            match flag.as_str() {
                "--pg" => opts.postgres = Some(value.clone()),
                "--sequences" => opts.sequences = positive(flag, value)?,
                "--rounds" => opts.rounds = positive(flag, value)?,
                "--paths" => opts.paths = paths(value)?,
                "--clients" => {
                    opts.clients = value
                        .split(',')
                        .map(|c| c.trim().parse().ok().filter(|n: &usize| *n > 0))
                        .collect::<Option<Vec<_>>>()
                        .ok_or_else(|| format!("--clients {value}: a list like 1,8,32"))?;
                }
                _ => return Err(format!("unknown option {flag}")),
            }
        }
        Ok(opts)
    }
}

fn positive(flag: &str, value: &str) -> Result<usize, String> {
    value
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("{flag} {value}: not a positive number"))
}

fn paths(value: &str) -> Result<Vec<Path>, String> {
    let parsed = value
        .split(',')
        .map(|p| match p.trim() {
            "group" => Some(Path::GroupCommit),
            "direct" => Some(Path::OneTransactionEach),
            "app" => Some(Path::Application),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()
        .filter(|v| !v.is_empty());
    parsed.ok_or_else(|| format!("--paths {value}: a list of group, direct, app"))
}

/// How actions reach the database.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Path {
    GroupCommit,
    OneTransactionEach,
    /// `cchc_app::dossiers::receive` and `act` (group commit, access guard in the writer).
    Application,
}

impl Path {
    fn label(self) -> &'static str {
        match self {
            Path::GroupCommit => "group commit",
            Path::OneTransactionEach => "one transaction per action",
            Path::Application => "application layer",
        }
    }
}

pub(crate) const DESK: &str = "H31.VPUB.TTPVHCC";
const PROCEDURE: &str = "1.004873";

pub(crate) fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap_or_default()
}

pub(crate) fn new_dossier() -> NewDossier {
    NewDossier {
        procedure_code: PROCEDURE.to_owned(),
        channel: Channel::Direct,
        applicant: Applicant {
            name: "Nguyễn Văn Thử".to_owned(),
            id_number: Some("033000000000".to_owned()),
            phone: None,
            address: None,
        },
        components: vec![Component::provided("Tờ khai")],
        vneid_verified: false,
        national_databases: vec![],
        competent_unit: None,
        submitted_by: None,
    }
}

/// One receive + forward + finish + return sequence; returns the dossier's code.
pub async fn sequence(
    store: &Store,
    cal: &WorkCalendar,
    path: Path,
) -> Result<DossierCode, DossierError> {
    let desk = UnitCode::parse(DESK).map_err(StoreError::Invalid)?;
    let ctx = |t: &str| ActionContext {
        actor: "bench",
        unit: &desk,
        at: at(t),
        calendar: cal,
    };
    let c = ctx("2026-03-02T09:00");
    let made = match path {
        Path::OneTransactionEach => store.create_dossier_direct(&new_dossier(), &c).await?,
        Path::GroupCommit | Path::Application => store.create_dossier(&new_dossier(), &c).await?,
    };
    let code = made.dossier.record.code;
    let to = Assignee {
        unit: desk.clone(),
        officer: None,
    };
    let steps = [
        (
            "2026-03-02T09:30",
            Action::Forward {
                to,
                budget_hours: 8,
            },
        ),
        (
            "2026-03-02T10:00",
            Action::Finish {
                result_codes: vec!["KQ".to_owned()],
                files: vec![],
                electronic: false,
            },
        ),
        (
            "2026-03-02T10:30",
            Action::Return {
                channel: Channel::Direct,
                at: at("2026-03-02T10:30"),
            },
        ),
    ];
    for (t, action) in &steps {
        match path {
            Path::OneTransactionEach => store.apply_action_direct(&code, action, &ctx(t)).await?,
            Path::GroupCommit | Path::Application => {
                store.apply_action(&code, action, &ctx(t)).await?
            }
        };
    }
    Ok(code)
}

/// Durable actions per second with `clients` clients sharing `sequences` sequences.
async fn measure(
    store: &Store,
    cal: &WorkCalendar,
    path: Path,
    clients: usize,
    sequences: usize,
) -> Result<f64, String> {
    let per_client = sequences.div_ceil(clients);
    let app = match path {
        Path::Application => Some(crate::dossiers_app::context(store).await?),
        Path::GroupCommit | Path::OneTransactionEach => None,
    };
    let started = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            let (store, cal, app) = (store.clone(), cal.clone(), app.clone());
            tokio::spawn(async move {
                for _ in 0..per_client {
                    if let Some(app) = &app {
                        crate::dossiers_app::sequence(app).await?;
                    } else {
                        sequence(&store, &cal, path)
                            .await
                            .map_err(|e| e.to_string())?;
                    }
                }
                Ok::<(), String>(())
            })
        })
        .collect();
    for t in tasks {
        t.await
            .map_err(|e| format!("client failed: {e}"))?
            .map_err(|e| format!("action failed: {e}"))?;
    }
    let secs = started.elapsed().as_secs_f64();
    Ok((per_client * clients * 4) as f64 / secs)
}

/// A fresh, migrated database with the shipped procedures; dropped by [`Scratch::close`].
pub struct Scratch {
    pub store: Store,
    drop: Option<(String, String)>,
    file: Option<std::path::PathBuf>,
}

fn unique() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("cchc_bench_{}_{nanos}", std::process::id())
}

impl Scratch {
    pub async fn open(postgres: Option<&str>, n: usize) -> Result<Scratch, String> {
        let name = format!("{}_{n}", unique());
        let (store, drop, file) = match postgres {
            None => {
                let path = std::env::temp_dir().join(format!("{name}.db"));
                let url = format!("sqlite:{}", path.display());
                let store = Store::connect(&url).await.map_err(|e| e.to_string())?;
                (store, None, Some(path))
            }
            Some(admin) => {
                let a = Store::connect(admin).await.map_err(|e| e.to_string())?;
                sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
                    .execute(a.pool())
                    .await
                    .map_err(|e| e.to_string())?;
                a.close().await;
                let url = cchc_store::replace_db_name(admin, &name);
                let store = Store::connect(&url).await.map_err(|e| e.to_string())?;
                (store, Some((admin.to_owned(), name)), None)
            }
        };
        store.migrate().await.map_err(|e| e.to_string())?;
        store
            .load_base_procedures_if_empty()
            .await
            .map_err(|e| e.to_string())?;
        Ok(Scratch { store, drop, file })
    }

    pub async fn close(self) {
        self.store.close().await;
        if let Some((admin, name)) = self.drop
            && let Ok(a) = Store::connect(&admin).await
        {
            let _ = sqlx::raw_sql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(a.pool())
                .await;
            a.close().await;
        }
        if let Some(path) = self.file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
    }
}

/// The durability settings in force, as the database reports them.
async fn durability(store: &Store, postgres: bool) -> String {
    let query = if postgres {
        "SELECT current_setting('synchronous_commit') || ', fsync ' || current_setting('fsync') AS s"
    } else {
        "SELECT 'synchronous ' || (SELECT synchronous FROM pragma_synchronous) || ' (2 = FULL), journal ' || (SELECT journal_mode FROM pragma_journal_mode) AS s"
    };
    match sqlx::query(query).fetch_one(store.pool()).await {
        Ok(row) => row.try_get::<String, _>("s").unwrap_or_default(),
        Err(e) => format!("unknown ({e})"),
    }
}

/// The median of `rates` (sorted in place).
fn median(rates: &mut [f64]) -> f64 {
    rates.sort_by(f64::total_cmp);
    rates.get(rates.len() / 2).copied().unwrap_or(0.0)
}

/// One figure per path for `clients` clients: the median of the rounds, the paths taking
/// turns so that they see the same machine load; each round on a fresh database.
async fn figures(
    opts: &Options,
    cal: &WorkCalendar,
    postgres: Option<&str>,
    clients: usize,
) -> Result<Vec<Vec<f64>>, String> {
    let mut rates = vec![Vec::new(); opts.paths.len()];
    for round in 0..opts.rounds {
        for (k, path) in opts.paths.iter().copied().enumerate() {
            let db = Scratch::open(postgres, clients * 100 + round * 3 + k).await?;
            measure(&db.store, cal, path, clients, 8).await?;
            rates[k].push(measure(&db.store, cal, path, clients, opts.sequences).await?);
            db.close().await;
        }
    }
    Ok(rates)
}

/// Runs every measurement on one backend and prints its table.
async fn backend(opts: &Options, cal: &WorkCalendar, postgres: Option<&str>) -> Result<(), String> {
    let label = if postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let probe = Scratch::open(postgres, 0).await?;
    println!(
        "\n{label}: {}",
        durability(&probe.store, postgres.is_some()).await
    );
    probe.close().await;
    let heads: Vec<String> = opts
        .paths
        .iter()
        .map(|p| format!("{} (actions/s)", p.label()))
        .collect();
    println!(
        "clients  {}  ratio (first / second)   rounds (in the same order)",
        heads.join("  ")
    );
    for clients in &opts.clients {
        let mut rates = figures(opts, cal, postgres, *clients).await?;
        let show = |r: &[f64]| {
            r.iter()
                .map(|x| format!("{x:.0}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let rounds: Vec<String> = rates.iter().map(|r| show(r)).collect();
        let medians: Vec<f64> = rates.iter_mut().map(|r| median(r)).collect();
        let cells: Vec<String> = medians
            .iter()
            .zip(&heads)
            .map(|(m, h)| format!("{m:>w$.0}", w = h.chars().count()))
            .collect();
        let ratio = match medians.as_slice() {
            [a, b, ..] => format!("{:.2}×", a / b),
            _ => "—".to_owned(),
        };
        println!(
            "{clients:>7}  {}  {ratio:>22}   {}",
            cells.join("  "),
            rounds.join(" | ")
        );
    }
    Ok(())
}

pub fn run(opts: &Options) -> ExitCode {
    let Ok(cal) = WorkCalendar::national() else {
        eprintln!("cannot build the national calendar");
        return ExitCode::FAILURE;
    };
    let Ok(rt) = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    else {
        eprintln!("cannot start the runtime");
        return ExitCode::FAILURE;
    };
    println!(
        "cchc-bench dossiers: {} receive + forward + finish + return sequences (4 durable actions \
         each) per measurement, shared by the clients, after 8 warm-up sequences; a fresh \
         database per measurement; median of {} rounds",
        opts.sequences, opts.rounds
    );
    let result = rt.block_on(async {
        backend(opts, &cal, None).await?;
        match &opts.postgres {
            Some(url) => backend(opts, &cal, Some(url)).await,
            None => {
                println!("\nPostgreSQL: skipped (give --pg URL or set CCHC_TEST_POSTGRES_URL)");
                Ok(())
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
