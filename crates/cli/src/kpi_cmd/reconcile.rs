//! `cchc kpi reconcile FILE --period P [--map MAP.csv]`: a saved response of the national
//! portal's evaluation API beside our figures. For every unit and metric row of the response:
//! the portal's figures, the score our formula table gives from the portal's own numerator
//! and denominator, and our figures for the same unit and period (docs/QD766.md).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use cchc_domain::kpi::{
    Aggregate, Definitions, ManualValues, Period, PortalUnit, Reconciliation, Report, Scope, Tier,
    Window, check_unit, evaluate, parse_evaluation, parse_period,
};
use cchc_domain::org_tree::tree_at;
use cchc_domain::{OrgKind, OrgUnit};

use super::{KpiFormat, now_local, parse_as_of};
use crate::admin::open;
use crate::config::Config;
use crate::exit::CliError;

/// What `cchc kpi reconcile` compares.
#[derive(Debug, clap::Args)]
pub struct ReconcileArgs {
    /// The portal's response (`{"code":"OK","data":{"overview":…,"evaluation":[…]}}`).
    file: PathBuf,
    /// The period the response was asked for (the response does not say): 2026-08,
    /// 2026-Q3, 2026.
    #[arg(long)]
    period: String,
    /// A CSV of `portal_code,unit_code` lines (a header line is allowed): the portal's
    /// department codes that differ from ours. Unlisted codes are taken as ours.
    #[arg(long, value_name = "FILE.csv")]
    map: Option<PathBuf>,
    /// The instant our figures are taken at (default now, capped at the period's end).
    #[arg(long, value_name = "ISO")]
    as_of: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    format: KpiFormat,
}

fn read(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", path.display())))
}

/// The mapping file: portal code → our code.
fn mapping(path: &Path) -> Result<HashMap<String, String>, CliError> {
    let text = read(path)?;
    let mut map = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || (i == 0 && line.starts_with("portal_code")) {
            continue;
        }
        let mut cols = line.split(',').map(str::trim);
        match (cols.next(), cols.next(), cols.next()) {
            (Some(portal), Some(ours), None) if !portal.is_empty() && !ours.is_empty() => {
                map.insert(portal.to_owned(), ours.to_owned());
            }
            _ => {
                return Err(CliError::Usage(format!(
                    "{} line {}: expected portal_code,unit_code",
                    path.display(),
                    i + 1
                )));
            }
        }
    }
    Ok(map)
}

/// Runs `cchc kpi reconcile`.
pub async fn reconcile(args: ReconcileArgs, cfg: &Config) -> Result<(), CliError> {
    let KpiFormat::Json = args.format;
    let text = read(&args.file)?;
    let units = parse_evaluation(&text)
        .map_err(|e| CliError::Usage(format!("{}: {e}", args.file.display())))?;
    let period = parse_period(&args.period).map_err(|e| CliError::Usage(e.to_string()))?;
    let map = match &args.map {
        Some(path) => mapping(path)?,
        None => HashMap::new(),
    };
    let as_of = match &args.as_of {
        Some(s) => parse_as_of(s)?,
        None => now_local(),
    };
    let window = Window::new(period, as_of).map_err(|e| CliError::Usage(e.to_string()))?;
    let store = open(&cfg.database_url()).await?;
    let org = store.org_units().await?;
    let ours: Vec<Option<String>> = units
        .iter()
        .map(|u| u.code.as_ref().map(|c| map.get(c).unwrap_or(c).clone()))
        .collect();
    let scopes: Vec<Option<(Scope, OrgKind)>> = ours
        .iter()
        .map(|c| c.as_deref().and_then(|c| scope_of(&org, c, period)))
        .collect();
    let mut members: Vec<String> = scopes
        .iter()
        .flatten()
        .flat_map(|(s, _)| s.members().map(str::to_owned))
        .collect();
    members.sort_unstable();
    members.dedup();
    let agg = Aggregate::from_facts(&store.dossier_facts(&members).await?);
    let mut entered = HashMap::new();
    for (scope, _) in scopes.iter().flatten() {
        let values = store.entered_values(scope.unit(), &period).await?;
        entered.insert(scope.unit().to_owned(), values);
    }
    let out = compare(&units, &ours, &scopes, &Ours { agg, entered }, &window);
    let json = serde_json::to_string(&out).map_err(|e| CliError::Failed(e.to_string()))?;
    println!("{json}");
    Ok(())
}

/// The scope and kind of `code`'s subtree at the end of `period`, when we have the unit.
fn scope_of(org: &[OrgUnit], code: &str, period: Period) -> Option<(Scope, OrgKind)> {
    let code = cchc_domain::UnitCode::parse(code).ok()?;
    let tree = tree_at(org, &code, period.end)?;
    let below: Vec<String> = tree.walk().iter().map(|n| n.code.clone()).collect();
    Some((Scope::new(code.as_str(), below), tree.kind))
}

/// Our figures: the counts of the dossiers, and the values entered for each unit.
struct Ours {
    agg: Aggregate,
    entered: HashMap<String, ManualValues>,
}

fn compare(
    units: &[PortalUnit],
    ours: &[Option<String>],
    scopes: &[Option<(Scope, OrgKind)>],
    figures: &Ours,
    window: &Window,
) -> Reconciliation {
    let defs = Definitions::shipped();
    let report = |(scope, kind): &(Scope, OrgKind)| -> Report {
        let counts = figures.agg.counts(scope, window);
        let manual = figures
            .entered
            .get(scope.unit())
            .cloned()
            .unwrap_or_default();
        let period = window.period();
        evaluate(
            &defs,
            scope.unit(),
            period,
            &counts,
            &manual,
            Tier::of(*kind),
        )
    };
    Reconciliation {
        period: window.period(),
        units: units
            .iter()
            .zip(ours.iter().zip(scopes))
            .map(|(u, (code, scope))| {
                let ours = scope.as_ref().map(report);
                check_unit(&defs, u, code.as_deref(), ours.as_ref())
            })
            .collect(),
    }
}
