//! `cchc-bench import`: `cchc import dossiers FILE` on SQLite (target: ≥ 100,000
//! items/s). The seeded population is written as an NDJSON file of `DongBoHoSoMC` items, a
//! fresh database is prepared by `cchc migrate`, then the real binary imports the file (and
//! imports it again: every item replaces its row). The baseline writes the same rows (the
//! same 24 columns of the dossier projection, facts JSON included, prepared beforehand) into a
//! database prepared the same way with one prepared single-row `INSERT` each, in one
//! transaction, with the store's settings (WAL, `synchronous = FULL`). A second reference is
//! SQLite alone: the rows and change-log rows the import wrote, copied by `INSERT … SELECT`
//! into a fresh database with the same indexes rebuilt and one commit, which is what writing
//! them costs without any parsing, binding or driver.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use cchc_domain::portal::{parse_piece, split};
use cchc_domain::text::fold;
use cchc_store::dossiers::{local_to_ms, province_of};
use cchc_store::import::dossiers::ImportedDossier;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqliteSynchronous};
use sqlx::{Connection, Executor, Row};

use crate::generate::{Population, SEED};
use crate::measure::{load_average, positive, postgres_url, ratio};
use crate::portal_file::write_ndjson;

/// The benchmark's options.
pub struct Options {
    pub items: u64,
    pub seed: u64,
    pub keep: bool,
    pub postgres: Option<String>,
    pub no_postgres: bool,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut o = Self {
            items: 1_000_000,
            seed: SEED,
            keep: false,
            postgres: None,
            no_postgres: false,
        };
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            if flag == "--keep" {
                o.keep = true;
                continue;
            }
            let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
            match flag.as_str() {
                "--items" => o.items = positive(flag, value)?,
                "--seed" => o.seed = value.parse().map_err(|_| format!("--seed {value}"))?,
                "--pg" => o.postgres = Some(value.clone()),
                "--backends" => {
                    o.no_postgres = !value.split(',').any(|b| b == "postgres");
                }
                _ => return Err(format!("unknown option {flag}")),
            }
        }
        Ok(o)
    }
}

/// The `cchc` binary next to this one (same target folder).
fn cchc_binary() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let bin = exe.with_file_name(format!("cchc{}", std::env::consts::EXE_SUFFIX));
    if bin.exists() {
        Ok(bin)
    } else {
        Err(format!(
            "{} not found: build it first (cargo build --release -p cchc)",
            bin.display()
        ))
    }
}

/// Runs `cchc --db URL args…`; returns the wall time in seconds and the standard error.
fn cchc(bin: &Path, db: &str, args: &[&str]) -> Result<(f64, String), String> {
    let started = Instant::now();
    let out = Command::new(bin)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .map_err(|e| e.to_string())?;
    let secs = started.elapsed().as_secs_f64();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() {
        return Err(format!("cchc {}: {}\n{err}", args.join(" "), out.status));
    }
    Ok((secs, err))
}

/// The rate the import reported itself ("… in X s (N items/s)").
fn reported(stderr: &str) -> String {
    stderr
        .rsplit("imported ")
        .next()
        .and_then(|l| l.lines().next())
        .unwrap_or("")
        .to_owned()
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// The real import, twice (new rows, then replacements), on a database prepared by `cchc
/// migrate`.
fn real_import(bin: &Path, db: &str, file: &Path, items: u64) -> Result<(f64, f64), String> {
    cchc(bin, db, &["migrate"])?;
    let file = file.to_string_lossy();
    let mut rates = [0.0; 2];
    for (k, what) in ["new rows", "every item replaces its row"]
        .iter()
        .enumerate()
    {
        let (secs, err) = cchc(bin, db, &["import", "dossiers", &file])?;
        rates[k] = items as f64 / secs;
        println!(
            "  cchc import dossiers ({what}): {secs:.2} s end to end = {:.0} items/s; it \
             reported: {}",
            rates[k],
            reported(&err)
        );
    }
    Ok((rates[0], rates[1]))
}

/// Parses the file with the portal parser (one thread); returns the items and the seconds.
fn parse(text: &str) -> Result<(Vec<ImportedDossier>, f64), String> {
    let started = Instant::now();
    let known: std::collections::HashSet<&str> = cchc_domain::base::ORG_UNITS_CSV
        .lines()
        .filter_map(|l| l.split(',').next())
        .collect();
    let pieces = split(text).map_err(|e| e.to_string())?;
    let mut items = Vec::with_capacity(pieces.len());
    for p in pieces {
        let v = parse_piece(p, &|u: &str| known.contains(u)).map_err(|e| e.reason)?;
        items.push(ImportedDossier::from_item(&v)?);
    }
    Ok((items, started.elapsed().as_secs_f64()))
}

const INSERT: &str = "INSERT INTO dossiers (province, code, receiving_unit, competent_unit, \
    holder_unit, procedure_code, procedure_version, rule_set, channel, status, applicant_name, \
    applicant_folded, submitted_at, received_at, due_legal_at, due_kpi_at, finished_at, \
    returned_at, supplement_count, seq, state, created_at, updated_at, facts) VALUES \
    (?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, 0, 'null', ?, ?, ?)";

/// The baseline: the same rows, one prepared `INSERT` each, in one transaction; items/s.
async fn plain_inserts(db: &Path, items: &[ImportedDossier]) -> Result<f64, String> {
    let err = |e: sqlx::Error| e.to_string();
    let ms = |t: Option<chrono::NaiveDateTime>| t.map(local_to_ms);
    // Prepared beforehand: the rows' values (facts JSON included).
    let rows: Vec<_> = items
        .iter()
        .map(|d| {
            let f = &d.facts;
            let returned = f.finished_at.filter(|_| d.status.code() == 10);
            let json = serde_json::to_string(f).unwrap_or_default();
            (
                d,
                province_of(d.code.unit()),
                fold(&d.applicant_name),
                ms(returned),
                json,
            )
        })
        .collect();
    let opts = SqliteConnectOptions::new()
        .filename(db)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true);
    let mut c = SqliteConnection::connect_with(&opts).await.map_err(err)?;
    let started = Instant::now();
    c.execute("BEGIN").await.map_err(err)?;
    for (d, province, folded, returned, json) in &rows {
        let f = &d.facts;
        sqlx::query(INSERT)
            .bind(province)
            .bind(&f.code)
            .bind(&f.unit)
            .bind(&f.unit)
            .bind(&f.unit)
            .bind(&f.procedure)
            .bind(i64::from(f.channel.code()))
            .bind(i64::from(d.status.code()))
            .bind(&d.applicant_name)
            .bind(folded)
            .bind(ms(f.received_at))
            .bind(ms(f.due_at))
            .bind(ms(f.due_at))
            .bind(ms(f.finished_at))
            .bind(*returned)
            .bind(f.supplements.len() as i64)
            .bind(0_i64)
            .bind(0_i64)
            .bind(json)
            .execute(&mut c)
            .await
            .map_err(err)?;
    }
    c.execute("COMMIT").await.map_err(err)?;
    let rate = items.len() as f64 / started.elapsed().as_secs_f64();
    let _ = c.close().await;
    Ok(rate)
}

/// The secondary indexes of `dossiers`, as `migrate` creates them.
async fn index_definitions(c: &mut SqliteConnection) -> Result<Vec<(String, String)>, String> {
    let rows = sqlx::query(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dossiers' \
         AND sql IS NOT NULL",
    )
    .fetch_all(&mut *c)
    .await
    .map_err(|e| e.to_string())?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get(0).map_err(|e| e.to_string())?,
                r.try_get(1).map_err(|e| e.to_string())?,
            ))
        })
        .collect()
}

/// What SQLite itself needs to write what the import wrote: the dossier rows and the first
/// import's change-log rows of `imported`, copied by `INSERT … SELECT` (no value crosses into
/// Rust) into a fresh migrated database, its secondary indexes dropped and rebuilt, in one
/// transaction with the import's settings; items/s.
async fn sqlite_floor(bin: &Path, imported: &Path, items: u64) -> Result<f64, String> {
    let err = |e: sqlx::Error| e.to_string();
    let db = std::env::temp_dir().join(format!("cchc_bench_floor_{}.db", std::process::id()));
    remove_db(&db);
    cchc(bin, &format!("sqlite:{}", db.display()), &["migrate"])?;
    let opts = SqliteConnectOptions::new()
        .filename(&db)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full);
    let mut c = SqliteConnection::connect_with(&opts).await.map_err(err)?;
    let indexes = index_definitions(&mut c).await?;
    let columns = "province, code, receiving_unit, competent_unit, holder_unit, procedure_code, \
        procedure_version, rule_set, channel, status, applicant_name, applicant_folded, \
        submitted_at, received_at, due_legal_at, due_kpi_at, finished_at, returned_at, \
        supplement_count, seq, state, created_at, updated_at, facts";
    let started = Instant::now();
    c.execute(format!("ATTACH '{}' AS src", imported.display()).as_str())
        .await
        .map_err(err)?;
    c.execute("PRAGMA main.cache_size = -1048576")
        .await
        .map_err(err)?;
    c.execute("BEGIN").await.map_err(err)?;
    for (name, _) in &indexes {
        c.execute(format!("DROP INDEX \"{name}\"").as_str())
            .await
            .map_err(err)?;
    }
    let copy = format!("INSERT INTO main.dossiers ({columns}) SELECT {columns} FROM src.dossiers");
    c.execute(copy.as_str()).await.map_err(err)?;
    c.execute(
        "INSERT INTO main.dossier_changes (txn, n, code, old_facts, new_facts) \
         SELECT txn, n, code, old_facts, new_facts FROM src.dossier_changes \
         WHERE txn = (SELECT min(txn) FROM src.dossier_changes)",
    )
    .await
    .map_err(err)?;
    c.execute("PRAGMA threads = 2").await.map_err(err)?;
    for (_, sql) in &indexes {
        c.execute(sql.as_str()).await.map_err(err)?;
    }
    c.execute("COMMIT").await.map_err(err)?;
    c.execute("DETACH src").await.map_err(err)?;
    let _ = c.close().await;
    let rate = items as f64 / started.elapsed().as_secs_f64();
    remove_db(&db);
    Ok(rate)
}

async fn run_all(o: &Options) -> Result<(), String> {
    let bin = cchc_binary()?;
    let pop = Population::new(o.seed, o.items, 200, 4)?;
    let tmp = std::env::temp_dir();
    let file = tmp.join(format!("cchc_bench_import_{}.ndjson", std::process::id()));
    println!(
        "cchc-bench import: {} DongBoHoSoMC items (NDJSON) of 200 units of H31, 2023–2026, seed \
         {}; load average {}",
        pop.len(),
        o.seed,
        load_average()
    );
    let started = Instant::now();
    let bytes = write_ndjson(&pop, &file)?;
    println!(
        "file: {} ({:.0} MB, {:.0} bytes per item), written in {:.1} s",
        file.display(),
        bytes as f64 / 1e6,
        bytes as f64 / pop.len() as f64,
        started.elapsed().as_secs_f64()
    );
    let result = compare(o, &bin, &file, pop.len()).await;
    if !o.keep {
        let _ = std::fs::remove_file(&file);
    }
    result
}

async fn compare(o: &Options, bin: &Path, file: &Path, items: u64) -> Result<(), String> {
    let tmp = std::env::temp_dir();
    let real_db = tmp.join(format!("cchc_bench_import_{}.db", std::process::id()));
    remove_db(&real_db);
    println!("SQLite:");
    let real = real_import(bin, &format!("sqlite:{}", real_db.display()), file, items);
    let floor = match real {
        Ok(_) => sqlite_floor(bin, &real_db, items).await,
        Err(_) => Ok(0.0),
    };
    remove_db(&real_db);
    let (first, again) = real?;
    let floor = floor?;
    let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    let (parsed, parse_secs) = parse(&text)?;
    drop(text);
    println!(
        "  portal parser alone, one thread: {:.0} items/s",
        parsed.len() as f64 / parse_secs
    );
    let base_db = tmp.join(format!("cchc_bench_import_{}_plain.db", std::process::id()));
    remove_db(&base_db);
    cchc(bin, &format!("sqlite:{}", base_db.display()), &["migrate"])?;
    let plain = plain_inserts(&base_db, &parsed).await;
    remove_db(&base_db);
    let plain = plain?;
    println!(
        "  baseline, the same rows by one prepared INSERT each (values prepared beforehand): \
         {plain:.0} items/s\n  ratio cchc import / baseline: {} (new rows), {} (replacements)",
        ratio(first, plain),
        ratio(again, plain)
    );
    println!(
        "  SQLite alone, copying the imported rows and change-log rows into a fresh database \
         (INSERT … SELECT, indexes rebuilt, one commit): {floor:.0} items/s; cchc import / \
         SQLite alone: {}",
        ratio(first, floor)
    );
    if o.no_postgres {
        return Ok(());
    }
    match postgres_url(o.postgres.as_deref()).await {
        Some(url) => postgres(bin, &url, file, items).await,
        None => {
            println!("PostgreSQL: skipped (no server answered)");
            Ok(())
        }
    }
}

async fn postgres(bin: &Path, admin: &str, file: &Path, items: u64) -> Result<(), String> {
    let name = format!("cchc_bench_import_{}", std::process::id());
    let mut a = sqlx::postgres::PgConnection::connect(admin)
        .await
        .map_err(|e| e.to_string())?;
    a.execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .map_err(|e| e.to_string())?;
    println!("PostgreSQL:");
    let url = cchc_store::replace_db_name(admin, &name);
    let result = real_import(bin, &url, file, items);
    let _ = a
        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await;
    let _ = a.close().await;
    result.map(|_| ())
}

pub fn run(o: &Options) -> ExitCode {
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(run_all(o)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\n{e}");
            ExitCode::FAILURE
        }
    }
}
