//! `cchc kpi stats|766 …` (dossier statistics and the QĐ 766 index of a unit's subtree,
//! through the incremental aggregate),
//! `cchc kpi rebuild` (the aggregate of every dossier, and a rebuild request to the
//! servers' live aggregates) and `cchc kpi reconcile` (the portal's published figures beside
//! ours, [`reconcile`]), `cchc kpi set` (a figure entered by hand, [`enter`]).

mod enter;
mod reconcile;

use std::io::Write;
use std::time::Instant;

use cchc_domain::kpi::{
    Aggregate, Definitions, Period, Scope, Tier, Window, evaluate, parse_period,
};
use cchc_domain::org_tree::tree_at;
use cchc_domain::{OrgKind, UnitCode};
use cchc_store::Store;
use chrono::{NaiveDateTime, Utc};

use crate::admin::open;
use crate::config::Config;
use crate::exit::CliError;

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
