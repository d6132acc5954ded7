//! `cchc plan report|approve|return|progress`: a responsible unit reports a target's value
//! or a task's progress (with evidence files); the PAR admin approves or returns a value.
//!
//! Every check runs before anything is written; bad input exits 2 and writes nothing.

use std::path::PathBuf;

use cchc_domain::UnitCode;
use cchc_domain::kpi::parse_period;
use cchc_domain::plan::evidence::{EvidenceFile, check_count};
use cchc_domain::plan::{IndicatorId, Scope, Target, Threshold};
use cchc_store::plan::StoredPlan;
use cchc_store::plan_progress::NewProgress;
use cchc_store::plan_values::{NewValue, Review};
use serde_json::json;

use super::{Which, find, print_json};
use crate::admin::open;
use crate::config::Config;
use crate::exit::CliError;
use crate::org_cmd::Format;

/// The actor recorded for changes made from the command line.
const ACTOR: &str = "cli";

/// `cchc plan report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    which: Which,
    /// The target: label (`2.a`, `G.1`) or local id (`MT/6.b`).
    #[arg(long)]
    target: String,
    /// The reporting unit (a unit code).
    #[arg(long, value_name = "CODE")]
    unit: String,
    /// 2023, 2023-Q2, 2023-06 or 2023-01-01..2023-06-30, within the plan's year.
    #[arg(long)]
    period: String,
    #[arg(long)]
    value: f64,
    #[arg(long, default_value = "")]
    note: String,
    /// The indicator, when the target has several.
    #[arg(long)]
    indicator: Option<String>,
    /// The tier (provincial, district, commune), when the target sets one figure per tier.
    #[arg(long)]
    tier: Option<String>,
    /// An evidence file (repeatable).
    #[arg(long, value_name = "FILE")]
    evidence: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// `cchc plan progress`.
#[derive(Debug, clap::Args)]
pub struct ProgressArgs {
    /// The task: full id (`KH204-2023/NV/2.a`), or with --year/--plan a local id (`NV/2.a`,
    /// `PL/1`) or an area task's `area.label` (`2.a`).
    #[arg(long)]
    task: String,
    #[arg(long)]
    year: Option<i32>,
    #[arg(long, value_name = "ID|NUMBER", conflicts_with = "year")]
    plan: Option<String>,
    /// The reporting unit (a unit code).
    #[arg(long, value_name = "CODE")]
    unit: String,
    #[arg(long)]
    note: String,
    /// Share done, 0–100.
    #[arg(long)]
    percent: Option<u8>,
    /// The day the task was completed (YYYY-MM-DD), when it was.
    #[arg(long, value_name = "YYYY-MM-DD")]
    completed_on: Option<String>,
    /// An evidence file (repeatable).
    #[arg(long, value_name = "FILE")]
    evidence: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

fn unit_code(s: &str) -> Result<UnitCode, CliError> {
    UnitCode::parse(s).map_err(CliError::Usage)
}

/// Reads and checks the evidence files.
fn evidence(paths: &[PathBuf]) -> Result<Vec<EvidenceFile>, CliError> {
    check_count(paths.len()).map_err(CliError::Usage)?;
    paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p)
                .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", p.display())))?;
            EvidenceFile::new(&p.display().to_string(), bytes).map_err(CliError::Usage)
        })
        .collect()
}

/// The name of a tier as written on the command line (`district`).
fn tier_name(tier: Scope) -> String {
    serde_json::to_value(tier)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The threshold of `target` the value is for.
fn threshold<'a>(
    target: &'a Target,
    indicator: Option<&str>,
    tier: Option<&str>,
) -> Result<&'a Threshold, CliError> {
    let tier: Option<Scope> = tier
        .map(|t| serde_json::from_value(json!(t)))
        .transpose()
        .map_err(|_| CliError::Usage(format!("unknown tier '{}'", tier.unwrap_or(""))))?;
    let matching: Vec<&Threshold> = target
        .thresholds
        .iter()
        .filter(|t| indicator.is_none_or(|i| t.indicator.as_str() == i))
        .filter(|t| tier.is_none() || t.scope == tier)
        .collect();
    match matching.as_slice() {
        [one] => Ok(one),
        _ => {
            let choices: Vec<String> = target
                .thresholds
                .iter()
                .map(|t| match t.scope {
                    Some(s) => format!("{} (--tier {})", t.indicator, tier_name(s)),
                    None => t.indicator.to_string(),
                })
                .collect();
            Err(CliError::Usage(format!(
                "target {} has {} matching figure(s); name one with --indicator/--tier: {}",
                target.id,
                matching.len(),
                choices.join(", ")
            )))
        }
    }
}

/// The value a `report` describes, checked against the plan.
fn new_value(args: &ReportArgs, stored: &StoredPlan) -> Result<NewValue, CliError> {
    let plan = &stored.plan;
    let (_, target) = plan.find_target(&args.target).ok_or_else(|| {
        CliError::Usage(format!(
            "plan {} has no target '{}'",
            stored.key, args.target
        ))
    })?;
    let t = threshold(target, args.indicator.as_deref(), args.tier.as_deref())?;
    let period = parse_period(&args.period).map_err(|e| CliError::Usage(e.to_string()))?;
    let year = plan.period();
    if period.start < year.start || period.end > year.end {
        return Err(CliError::Usage(format!(
            "period {}..{} is not within the plan's year {}",
            period.start, period.end, plan.year
        )));
    }
    let indicator = IndicatorId::parse(t.indicator.as_str()).map_err(CliError::Usage)?;
    Ok(NewValue {
        indicator,
        scope_unit: plan.issuer.clone(),
        tier: t.scope,
        period,
        value: args.value,
        note: args.note.trim().to_owned(),
        evidence: Vec::new(),
        reporting_unit: unit_code(&args.unit)?,
    })
}

/// Runs `cchc plan report`.
pub async fn report(args: ReportArgs, cfg: &Config) -> Result<(), CliError> {
    let files = evidence(&args.evidence)?;
    let store = open(&cfg.database_url()).await?;
    let stored = find(&store, &args.which).await?;
    let new = new_value(&args, &stored)?;
    let id = store.report_value_with_files(&new, &files, ACTOR).await?;
    let value = store.indicator_value(id).await?;
    match args.format {
        Format::Json => print_json(&json!({ "value": value, "files": files.len() })),
        Format::Table => {
            println!(
                "value {id} submitted for {} ({}), awaiting review",
                args.target, new.indicator
            );
            Ok(())
        }
    }
}

/// Runs `cchc plan approve` (no reason) or `cchc plan return` (with the reason).
pub async fn review(
    id: i64,
    reason: Option<String>,
    format: Format,
    cfg: &Config,
) -> Result<(), CliError> {
    let review = match reason {
        None => Review::Approve,
        Some(r) if r.trim().is_empty() => {
            return Err(CliError::Usage("a returned value needs a --reason".into()));
        }
        Some(r) => Review::Return(r.trim().to_owned()),
    };
    let store = open(&cfg.database_url()).await?;
    let value = store.review_value(id, &review, ACTOR).await?;
    match format {
        Format::Json => print_json(&value),
        Format::Table => {
            println!("value {id} is now {:?}", value.state);
            Ok(())
        }
    }
}

/// The full id of the task `args` names.
async fn task_id(args: &ProgressArgs, cfg: &Config) -> Result<String, CliError> {
    let which = match (args.year, &args.plan) {
        (None, None) => return Ok(args.task.trim().to_owned()),
        (year, plan) => Which::new(year, plan.clone()),
    };
    let store = open(&cfg.database_url()).await?;
    let stored = find(&store, &which).await?;
    let task = stored.plan.find_task(&args.task).ok_or_else(|| {
        CliError::Usage(format!("plan {} has no task '{}'", stored.key, args.task))
    })?;
    Ok(stored.plan.full_id(&task.id))
}

/// Runs `cchc plan progress`.
pub async fn progress(args: ProgressArgs, cfg: &Config) -> Result<(), CliError> {
    let files = evidence(&args.evidence)?;
    let completed_on = args
        .completed_on
        .as_deref()
        .map(|s| super::day(Some(s)))
        .transpose()?;
    if args.note.trim().is_empty() {
        return Err(CliError::Usage("--note must say what was done".into()));
    }
    if args.percent.is_some_and(|p| p > 100) {
        return Err(CliError::Usage("--percent must be 0–100".into()));
    }
    let new = NewProgress {
        unit: unit_code(&args.unit)?,
        note: args.note.trim().to_owned(),
        percent: args.percent,
        completed_on,
        evidence: Vec::new(),
    };
    let task = task_id(&args, cfg).await?;
    let store = open(&cfg.database_url()).await?;
    let id = store
        .report_progress_with_files(&task, &new, &files, ACTOR)
        .await?;
    match args.format {
        Format::Json => print_json(&json!({ "task": task, "update": id, "files": files.len() })),
        Format::Table => {
            println!("progress {id} recorded on {task}");
            Ok(())
        }
    }
}
