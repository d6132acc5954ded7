//! `cchc plan report|approve|return|progress`: a responsible unit reports a target's value
//! or a task's progress (with evidence files); the PAR admin approves or returns a value.
//!
//! The command names the target, figure and period with its flags; the use-cases
//! (`cchc_app::plan::report`, `review`) check every rule, as the operator (`cli`) acting for
//! the unit given. Bad input exits 2 and writes nothing.

use std::path::PathBuf;

use cchc_app::App;
use cchc_app::plan::report::{Entry, ProgressReport, Upload, ValueReport};
use cchc_app::plan::review::{Decision, ReviewRequest};
use cchc_domain::UnitCode;
use cchc_domain::kpi::parse_period;
use cchc_domain::plan::{Scope, Target};
use cchc_store::plan::StoredPlan;
use serde_json::json;

use super::{Which, find, print_json};
use crate::admin::operator;
use crate::exit::CliError;
use crate::org_cmd::Format;

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

/// Reads the evidence files (their checks are the use-case's).
fn evidence(paths: &[PathBuf]) -> Result<Vec<Upload>, CliError> {
    paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p)
                .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", p.display())))?;
            Ok(Upload {
                name: p.display().to_string(),
                bytes,
            })
        })
        .collect()
}

/// The position of the figure of `target` the value is for.
fn threshold(
    target: &Target,
    indicator: Option<&str>,
    tier: Option<&str>,
) -> Result<usize, CliError> {
    let tier: Option<Scope> = tier
        .map(str::parse)
        .transpose()
        .map_err(|_| CliError::Usage(format!("unknown tier '{}'", tier.unwrap_or(""))))?;
    let matching: Vec<usize> = (0..target.thresholds.len())
        .filter(|i| {
            let t = &target.thresholds[*i];
            indicator.is_none_or(|i| t.indicator.as_str() == i)
                && (tier.is_none() || t.scope == tier)
        })
        .collect();
    match matching.as_slice() {
        [one] => Ok(*one),
        _ => {
            let choices: Vec<String> = target
                .thresholds
                .iter()
                .map(|t| match t.scope {
                    Some(s) => format!("{} (--tier {})", t.indicator, s.as_str()),
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

/// The value a `report` describes, its target and period read against the plan.
fn value_report(args: &ReportArgs, stored: &StoredPlan) -> Result<ValueReport, CliError> {
    let plan = &stored.plan;
    let (_, target) = plan.find_target(&args.target).ok_or_else(|| {
        CliError::Usage(format!(
            "plan {} has no target '{}'",
            stored.key, args.target
        ))
    })?;
    let threshold = threshold(target, args.indicator.as_deref(), args.tier.as_deref())?;
    let period = parse_period(&args.period).map_err(|e| CliError::Usage(e.to_string()))?;
    let year = plan.period();
    if period.start < year.start || period.end > year.end {
        return Err(CliError::Usage(format!(
            "period {}..{} is not within the plan's year {}",
            period.start, period.end, plan.year
        )));
    }
    Ok(ValueReport {
        plan: stored.key.clone(),
        target: target.id.clone(),
        threshold: Entry::Value(threshold),
        period_start: Entry::Value(period.start),
        period_end: Entry::Value(period.end),
        value: Entry::Value(args.value),
        note: args.note.clone(),
        references: Vec::new(),
        files: evidence(&args.evidence)?,
        unit: Some(unit_code(&args.unit)?),
    })
}

/// Runs `cchc plan report`.
pub async fn report(app: &App, args: ReportArgs) -> Result<(), CliError> {
    let stored = find(app, &args.which).await?;
    let new = value_report(&args, &stored)?;
    let files = new.files.len();
    let value = cchc_app::plan::report::value(app, &operator(), new).await?;
    match args.format {
        Format::Json => print_json(&json!({ "value": value, "files": files })),
        Format::Table => {
            println!(
                "value {} submitted for {} ({}), awaiting review",
                value.id, args.target, value.indicator
            );
            Ok(())
        }
    }
}

/// Runs `cchc plan approve` (no reason) or `cchc plan return` (with the reason).
pub async fn review(
    app: &App,
    id: i64,
    reason: Option<String>,
    format: Format,
) -> Result<(), CliError> {
    let request = match reason {
        None => ReviewRequest {
            value: id,
            decision: Some(Decision::Approve),
            reason: String::new(),
        },
        Some(r) if r.trim().is_empty() => {
            return Err(CliError::Usage("a returned value needs a --reason".into()));
        }
        Some(r) => ReviewRequest {
            value: id,
            decision: Some(Decision::Return),
            reason: r,
        },
    };
    let value = match cchc_app::plan::review::review(app, &operator(), &request).await {
        Err(cchc_app::Error::NotFound { .. }) => {
            return Err(CliError::Usage(format!("no reported value {id}")));
        }
        Err(cchc_app::Error::Conflict {
            code: "already_reviewed",
            details,
            ..
        }) => {
            let state = details["state"].as_str().unwrap_or("reviewed");
            return Err(CliError::Usage(format!("value {id} is already {state}")));
        }
        other => other?,
    };
    match format {
        Format::Json => print_json(&value),
        Format::Table => {
            println!("value {id} is now {:?}", value.state);
            Ok(())
        }
    }
}

/// The full id of the task `args` names.
async fn task_id(app: &App, args: &ProgressArgs) -> Result<String, CliError> {
    let which = match (args.year, &args.plan) {
        (None, None) => return Ok(args.task.trim().to_owned()),
        (year, plan) => Which::new(year, plan.clone()),
    };
    let stored = find(app, &which).await?;
    let task = stored.plan.find_task(&args.task).ok_or_else(|| {
        CliError::Usage(format!("plan {} has no task '{}'", stored.key, args.task))
    })?;
    Ok(stored.plan.full_id(&task.id))
}

/// Runs `cchc plan progress`.
pub async fn progress(app: &App, args: ProgressArgs) -> Result<(), CliError> {
    let completed_on = super::day(args.completed_on.as_deref())?;
    if args.note.trim().is_empty() {
        return Err(CliError::Usage("--note must say what was done".into()));
    }
    if args.percent.is_some_and(|p| p > 100) {
        return Err(CliError::Usage("--percent must be 0–100".into()));
    }
    let task = task_id(app, &args).await?;
    let report = ProgressReport {
        task: task.clone(),
        note: args.note.clone(),
        percent: args.percent.into(),
        completed_on: completed_on.into(),
        references: Vec::new(),
        files: evidence(&args.evidence)?,
        unit: Some(unit_code(&args.unit)?),
    };
    let files = report.files.len();
    let id = match cchc_app::plan::report::progress(app, &operator(), report).await {
        Err(cchc_app::Error::NotFound { .. }) => {
            return Err(CliError::Usage(format!("no plan task {task}")));
        }
        other => other?,
    };
    match args.format {
        Format::Json => print_json(&json!({ "task": task, "update": id, "files": files })),
        Format::Table => {
            println!("progress {id} recorded on {task}");
            Ok(())
        }
    }
}
