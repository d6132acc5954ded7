//! `cchc import dossiers …` (national portal items), `cchc kpi stats|766 …` (dossier
//! statistics and the QĐ 766 index of a unit's subtree, through the incremental aggregate)
//! `cchc kpi rebuild` (the aggregate of every dossier, and a rebuild request to the
//! servers' live aggregates) and `cchc kpi reconcile` (the portal's published figures beside
//! ours, [`reconcile`]), `cchc kpi set` (a figure entered by hand, [`enter`]).

mod enter;
mod reconcile;

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use cchc_domain::kpi::{
    Aggregate, Definitions, Period, Scope, Tier, Window, evaluate, parse_period,
};
use cchc_domain::org_tree::tree_at;
use cchc_domain::portal::{InvalidItem, parse_piece, split};
use cchc_domain::{OrgKind, UnitCode};
use cchc_store::Store;
use cchc_store::import_dossiers::{ImportSummary, ImportedDossier};
use chrono::{NaiveDateTime, Utc};

use crate::admin::open;
use crate::config::Config;
use crate::exit::CliError;
use crate::org_cmd;

/// `cchc import` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ImportCmd {
    #[command(flatten)]
    Org(org_cmd::ImportCmd),
    /// Dossiers from the national portal (a JSON array or NDJSON of DongBoHoSoMC items);
    /// all items or none, unless --skip-invalid. Re-importing a MaHoSo replaces it.
    Dossiers {
        file: PathBuf,
        /// Import the valid items and report the invalid ones.
        #[arg(long)]
        skip_invalid: bool,
    },
    /// The procedure catalogue from JSON (cchc-procedures/1) or CSV (one version per line);
    /// all procedures or none. A procedure already stored is replaced with all its versions.
    Procedures { file: PathBuf },
}

/// `cchc kpi` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum KpiCmd {
    /// Dossier statistics of a unit's subtree over a period.
    Stats(KpiArgs),
    /// The QĐ 766 service-quality index of a unit's subtree over a period.
    #[command(name = "766")]
    Index766(KpiArgs),
    /// Builds the statistics from every dossier (a check, with a progress bar) and asks every
    /// running server to rebuild its live figures the same way.
    Rebuild,
    /// A saved response of the national portal's evaluation API beside our figures: for each
    /// unit and metric, the portal's figures, our formula applied to its numerator and
    /// denominator, and our own figures for the same unit and period.
    Reconcile(reconcile::ReconcileArgs),
    /// Enters a figure cchc cannot hold (national data, a catalogue's denominator) for a
    /// unit and period (a month, quarter or year); audited, replacing the previous one.
    Set(enter::SetArgs),
}

/// What a `cchc kpi` command reports on.
#[derive(Debug, clap::Args)]
pub struct KpiArgs {
    #[arg(long, value_name = "CODE")]
    unit: String,
    /// 2026, 2026-Q3, 2026-09 or 2026-01-01..2026-03-14.
    #[arg(long)]
    period: String,
    /// The instant the figures are taken at (ISO 8601; local time without an offset);
    /// default now, capped at the end of the period.
    #[arg(long, value_name = "ISO")]
    as_of: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    format: KpiFormat,
}

/// Output format of `cchc kpi`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum KpiFormat {
    #[default]
    Json,
}

/// Runs `cchc import …`.
pub async fn import(cmd: ImportCmd, cfg: &Config) -> Result<(), CliError> {
    match cmd {
        ImportCmd::Org(cmd) => org_cmd::import(cmd, cfg).await,
        ImportCmd::Dossiers { file, skip_invalid } => {
            import_dossiers(&file, skip_invalid, cfg).await
        }
        ImportCmd::Procedures { file } => crate::procedures_cmd::import(&file, cfg).await,
    }
}

async fn import_dossiers(file: &Path, skip_invalid: bool, cfg: &Config) -> Result<(), CliError> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", file.display())))?;
    let store = open(&cfg.database_url()).await?;
    let known: HashSet<String> = store
        .org_units()
        .await?
        .into_iter()
        .map(|u| u.code.as_str().to_owned())
        .collect();
    let started = Instant::now();
    let (items, invalid) =
        parse(&text, &known).map_err(|e| CliError::Usage(format!("{}: {e}", file.display())))?;
    drop(text);
    let lines: Vec<String> = invalid.iter().map(describe).collect();
    if !invalid.is_empty() && !skip_invalid {
        return Err(CliError::Problems(
            format!(
                "{}: {} invalid item(s), nothing imported:",
                file.display(),
                invalid.len()
            ),
            lines,
        ));
    }
    for line in &lines {
        eprintln!("skipped {line}");
    }
    let mut phases = Phases::new(started, items.len());
    let summary = store
        .import_dossiers(&items, "cli", |done| phases.progress(done))
        .await?;
    phases.report(&summary, file, invalid.len());
    let out = serde_json::json!({
        "items": summary.items,
        "written": summary.written,
        "kept_native": summary.kept_native,
        "invalid": invalid.len(),
    });
    println!("{out}");
    Ok(())
}

/// The progress bar and the times of an import's phases: reading and checking the file,
/// writing the rows, then building indexes and committing.
struct Phases {
    started: Instant,
    checked: Instant,
    written: Option<Instant>,
    total: usize,
    shown: usize,
}

impl Phases {
    fn new(started: Instant, total: usize) -> Self {
        Self {
            started,
            checked: Instant::now(),
            written: None,
            total,
            shown: usize::MAX,
        }
    }

    fn progress(&mut self, done: usize) {
        let percent = done * 100 / self.total.max(1);
        if percent != self.shown {
            self.shown = percent;
            progress(done, self.total, percent);
        }
        if done >= self.total {
            self.written = Some(Instant::now());
        }
    }

    fn report(&self, summary: &ImportSummary, file: &Path, invalid: usize) {
        let now = Instant::now();
        let secs = (now - self.started).as_secs_f64();
        let written = self.written.unwrap_or(now);
        eprintln!(
            "\nimported {} dossier(s) from {} in {secs:.2} s ({:.0} items/s); {invalid} invalid \
             skipped; read and checked in {:.2} s, rows written in {:.2} s, indexes and commit \
             {:.2} s",
            summary.written,
            file.display(),
            rate(self.total, secs),
            (self.checked - self.started).as_secs_f64(),
            (written - self.checked).as_secs_f64(),
            (now - written).as_secs_f64(),
        );
    }
}

#[expect(clippy::cast_precision_loss, reason = "a rate for display")]
fn rate(n: usize, secs: f64) -> f64 {
    n as f64 / secs.max(1e-9)
}

fn progress(done: usize, total: usize, percent: usize) {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "\rimporting dossiers: {done}/{total} ({percent} %)");
    let _ = err.flush();
}

/// One invalid item, by index (the code is a dossier code, not personal data).
fn describe(i: &InvalidItem) -> String {
    match &i.code {
        Some(code) => format!("item {} (line {}, {code}): {}", i.index, i.line, i.reason),
        None => format!("item {} (line {}): {}", i.index, i.line, i.reason),
    }
}

/// Parses the file on every core: the dossiers to write and the invalid items, by index.
fn parse(
    text: &str,
    known: &HashSet<String>,
) -> Result<(Vec<ImportedDossier>, Vec<InvalidItem>), String> {
    let pieces = split(text).map_err(|e| e.to_string())?;
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let per = pieces.len().div_ceil(threads).max(1);
    let known_unit = |u: &str| known.contains(u);
    let parts: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = pieces
            .chunks(per)
            .map(|chunk| s.spawn(move || parse_chunk(chunk, &known_unit)))
            .collect();
        handles.into_iter().map(|h| h.join()).collect()
    });
    let (mut items, mut invalid) = (Vec::with_capacity(pieces.len()), Vec::new());
    for part in parts {
        let (v, i) = part.map_err(|_| "a parser thread failed".to_owned())?;
        items.extend(v);
        invalid.extend(i);
    }
    Ok((items, invalid))
}

fn parse_chunk(
    chunk: &[cchc_domain::portal::Piece<'_>],
    known_unit: &impl Fn(&str) -> bool,
) -> (Vec<ImportedDossier>, Vec<InvalidItem>) {
    let (mut items, mut invalid) = (Vec::with_capacity(chunk.len()), Vec::new());
    for p in chunk {
        match parse_piece(*p, known_unit) {
            Ok(v) => match ImportedDossier::from_item(&v) {
                Ok(d) => items.push(d),
                Err(reason) => invalid.push(InvalidItem {
                    index: p.index,
                    line: p.line,
                    code: Some(v.facts.code.clone()),
                    reason,
                }),
            },
            Err(e) => invalid.push(e),
        }
    }
    (items, invalid)
}

/// Runs `cchc kpi …`.
pub async fn kpi(cmd: KpiCmd, cfg: &Config) -> Result<(), CliError> {
    let (args, index) = match cmd {
        KpiCmd::Stats(a) => (a, false),
        KpiCmd::Index766(a) => (a, true),
        KpiCmd::Rebuild => return rebuild(cfg).await,
        KpiCmd::Reconcile(a) => return reconcile::reconcile(a, cfg).await,
        KpiCmd::Set(a) => return enter::set(a, cfg).await,
    };
    let KpiFormat::Json = args.format;
    let code = UnitCode::parse(&args.unit).map_err(CliError::Usage)?;
    let period = parse_period(&args.period).map_err(|e| CliError::Usage(e.to_string()))?;
    let as_of = match &args.as_of {
        Some(s) => parse_as_of(s)?,
        None => now_local(),
    };
    let window = Window::new(period, as_of).map_err(|e| CliError::Usage(e.to_string()))?;
    let store = open(&cfg.database_url()).await?;
    let (scope, kind) = subtree(&store, &code, period).await?;
    let members: Vec<String> = scope.members().map(str::to_owned).collect();
    let facts = store.dossier_facts(&members).await?;
    let agg = Aggregate::from_facts(&facts);
    let json = if index {
        let counts = agg.counts(&scope, &window);
        let entered = store.entered_values(code.as_str(), &period).await?;
        let report = evaluate(
            &Definitions::shipped(),
            code.as_str(),
            period,
            &counts,
            &entered,
            Tier::of(kind),
        );
        serde_json::to_string(&report)
    } else {
        serde_json::to_string(&agg.stats(&scope, &window))
    };
    println!("{}", json.map_err(|e| CliError::Failed(e.to_string()))?);
    Ok(())
}

/// `cchc kpi rebuild`: the aggregate of every received dossier, read from one snapshot with
/// a progress bar on stderr, then a rebuild request to the servers (they rebuild within a
/// tick of the change log). Prints what was built.
async fn rebuild(cfg: &Config) -> Result<(), CliError> {
    let store = open(&cfg.database_url()).await?;
    let started = Instant::now();
    let mut agg = Aggregate::new();
    let (mut dossiers, mut shown) = (0, u64::MAX);
    let head = store
        .kpi_scan(
            |f| agg.insert(&f),
            |done, total| {
                dossiers = done;
                let percent = done * 100 / total.max(1);
                if percent != shown {
                    shown = percent;
                    let mut err = std::io::stderr().lock();
                    let _ = write!(err, "\rbuilding statistics: {done}/{total} ({percent} %)");
                    let _ = err.flush();
                }
            },
        )
        .await?;
    let rebuilds = store.request_kpi_rebuild("cli").await?;
    eprintln!(
        "\nbuilt from {dossiers} dossier(s) in {:.2} s; running servers rebuild theirs",
        started.elapsed().as_secs_f64()
    );
    let out = serde_json::json!({
        "dossiers": dossiers,
        "entries": agg.entry_count(),
        "seq": head.last_seq,
        "rebuilds": rebuilds,
    });
    println!("{out}");
    Ok(())
}

/// The scope of `code`'s subtree among the units in force at the end of `period`.
async fn subtree(
    store: &Store,
    code: &UnitCode,
    period: Period,
) -> Result<(Scope, OrgKind), CliError> {
    let units = store.org_units().await?;
    let tree = tree_at(&units, code, period.end).ok_or_else(|| {
        CliError::Usage(format!(
            "unknown unit {code} (none in force on {})",
            period.end
        ))
    })?;
    let below: Vec<String> = tree.walk().iter().map(|n| n.code.clone()).collect();
    Ok((Scope::new(code.as_str(), below), tree.kind))
}

/// Now in Asia/Ho_Chi_Minh (UTC+7), whole seconds.
fn now_local() -> NaiveDateTime {
    cchc_calendar::local::from_utc(Utc::now())
}

/// An ISO instant (see [`cchc_domain::kpi::parse_as_of`]).
fn parse_as_of(s: &str) -> Result<NaiveDateTime, CliError> {
    cchc_domain::kpi::parse_as_of(s).map_err(|e| CliError::Usage(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_accepts_local_times_offsets_and_dates() {
        let local = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
        let p = |s: &str| parse_as_of(s).unwrap();
        assert_eq!(p("2026-09-30T10:00:00"), local("2026-09-30 10:00:00"));
        assert_eq!(p("2026-09-30T03:00:00Z"), local("2026-09-30 10:00:00"));
        assert_eq!(p("2026-09-30"), local("2026-09-30 23:59:59"));
        assert!(parse_as_of("yesterday").is_err());
    }
}
