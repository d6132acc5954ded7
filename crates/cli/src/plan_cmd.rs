//! `cchc plan …`: import a plan (or its appendix), show it, its status as of a day, run the
//! reminder job once, clone it into another year; report values and progress, review values.
//!
//! With `--format json` stdout holds one JSON document alone; messages go to stderr. A bad file
//! exits 2 with each problem's field path and writes nothing.

mod report;
mod table;

use std::path::PathBuf;

use cchc_calendar::WorkCalendar;
use cchc_domain::plan::auto::DossierIndicators;
use cchc_domain::plan::{Plan, Target};
use cchc_store::Store;
use cchc_store::plan::{PlanImportError, PlanRef, StoredPlan};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::{Value, json};

use crate::admin::open;
use crate::config::Config;
use crate::exit::CliError;
use crate::mail::{self, MailSettings};
use crate::org_cmd::Format;

/// Which plan: the provincial plan of a year, or a plan by id or number.
#[derive(Debug, Clone, clap::Args)]
#[group(required = true, multiple = false)]
pub struct Which {
    /// The year whose provincial plan is meant.
    #[arg(long)]
    year: Option<i32>,
    /// A plan id (`KH204-2023`) or number as printed (`204/KH-UBND`).
    #[arg(long, value_name = "ID|NUMBER")]
    plan: Option<String>,
}

impl Which {
    fn new(year: Option<i32>, plan: Option<String>) -> Which {
        Which { year, plan }
    }

    fn plan_ref(&self) -> PlanRef {
        match (&self.plan, self.year) {
            (Some(p), _) => PlanRef::parse(p),
            (None, Some(y)) => PlanRef::Year(y),
            (None, None) => PlanRef::Year(today().year()),
        }
    }

    fn describe(&self) -> String {
        match (&self.plan, self.year) {
            (Some(p), _) => format!("no plan '{p}'"),
            (None, Some(y)) => format!("no provincial plan for {y}"),
            (None, None) => "no plan".into(),
        }
    }
}

/// `cchc plan` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum PlanCmd {
    /// Import a plan file (TOML, see data/plan/README.md), all or nothing; with
    /// --appendix-to, an appendix file adding tasks to a stored plan.
    Import {
        file: PathBuf,
        /// The plan (id or number) whose appendix the file holds.
        #[arg(long, value_name = "PLAN")]
        appendix_to: Option<String>,
    },
    /// A plan: areas, targets, tasks, section III and headline goals.
    Show {
        #[command(flatten)]
        which: Which,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Each target's value and status and each task's status as of a day.
    Status {
        #[command(flatten)]
        which: Which,
        /// Day (YYYY-MM-DD); default today (Asia/Ho_Chi_Minh).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Run the reminder job once (7, 3, 1 working days before a deadline, and overdue); with
    /// `[smtp]` configured, e-mail each reminder not yet sent.
    Remind {
        /// Day (YYYY-MM-DD); default today (Asia/Ho_Chi_Minh).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Report a target's value for a period (a responsible unit), with evidence files; it
    /// awaits the PAR admin's review.
    Report(report::ReportArgs),
    /// Approve a reported value (the PAR admin).
    Approve {
        /// The id of the reported value.
        #[arg(long)]
        value: i64,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Return a reported value to its unit with the reason (the PAR admin).
    Return {
        /// The id of the reported value.
        #[arg(long)]
        value: i64,
        #[arg(long)]
        reason: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Report progress on a task (optionally its completion), with evidence files.
    Progress(report::ProgressArgs),
    /// Clone a plan into another year as a draft, mapping merged or renamed units.
    Clone {
        #[command(flatten)]
        which: Which,
        /// The year of the new plan.
        #[arg(long)]
        to: i32,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// Runs `cchc plan …`.
pub async fn plan(cmd: PlanCmd, cfg: &Config) -> Result<(), CliError> {
    match cmd {
        PlanCmd::Import { file, appendix_to } => import(&file, appendix_to, cfg).await,
        PlanCmd::Show { which, format } => show(&which, format, cfg).await,
        PlanCmd::Status {
            which,
            as_of,
            format,
        } => status(&which, as_of.as_deref(), format, cfg).await,
        PlanCmd::Remind { as_of, format } => remind(as_of.as_deref(), format, cfg).await,
        PlanCmd::Clone { which, to, format } => clone(&which, to, format, cfg).await,
        PlanCmd::Report(args) => report::report(args, cfg).await,
        PlanCmd::Approve { value, format } => report::review(value, None, format, cfg).await,
        PlanCmd::Return {
            value,
            reason,
            format,
        } => report::review(value, Some(reason), format, cfg).await,
        PlanCmd::Progress(args) => report::progress(args, cfg).await,
    }
}

/// Today in Vietnam (UTC+7).
pub(crate) fn today() -> NaiveDate {
    cchc_calendar::local::today()
}

fn day(s: Option<&str>) -> Result<NaiveDate, CliError> {
    match s {
        None => Ok(today()),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| CliError::Usage(format!("'{s}' is not a date of the form YYYY-MM-DD"))),
    }
}

fn print_json(value: &impl Serialize) -> Result<(), CliError> {
    let text = serde_json::to_string(value).map_err(|e| CliError::Failed(e.to_string()))?;
    println!("{text}");
    Ok(())
}

async fn find(store: &Store, which: &Which) -> Result<StoredPlan, CliError> {
    store
        .plan(&which.plan_ref())
        .await?
        .ok_or_else(|| CliError::Usage(which.describe()))
}

async fn import(file: &PathBuf, appendix_to: Option<String>, cfg: &Config) -> Result<(), CliError> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", file.display())))?;
    let store = open(&cfg.database_url()).await?;
    let result = match &appendix_to {
        Some(p) => store
            .import_appendix(&PlanRef::parse(p), &text, "cli")
            .await
            .map(|n| format!("added {n} appendix task(s) to {p}")),
        None => store.import_plan(&text, "cli").await.map(|c| {
            format!(
                "imported plan {} ({} targets, {} tasks, {} section III items)",
                c.key, c.targets, c.tasks, c.responsibility_items
            )
        }),
    };
    match result {
        Ok(message) => {
            eprintln!("{message} from {}", file.display());
            Ok(())
        }
        Err(PlanImportError::Rejected(problems)) => Err(CliError::Problems(
            format!("{} rejected, nothing imported:", file.display()),
            problems.iter().map(ToString::to_string).collect(),
        )),
        Err(PlanImportError::Store(e)) => Err(e.into()),
    }
}

async fn show(which: &Which, format: Format, cfg: &Config) -> Result<(), CliError> {
    let store = open(&cfg.database_url()).await?;
    let stored = find(&store, which).await?;
    match format {
        Format::Json => print_json(&show_json(&stored.plan)),
        Format::Table => {
            print!("{}", table::plan(&stored.plan));
            Ok(())
        }
    }
}

fn target_json(t: &Target) -> Value {
    json!({ "label": t.label, "text": t.text, "thresholds": t.thresholds })
}

/// The plan as `plan show` prints it.
pub fn show_json(plan: &Plan) -> Value {
    let areas: Vec<Value> = plan
        .areas
        .iter()
        .map(|a| {
            let tasks: Vec<Value> = a
                .tasks
                .iter()
                .map(|t| json!({ "label": t.label, "text": t.text, "lead_unit": t.lead_unit }))
                .collect();
            let targets: Vec<Value> = a.targets.iter().map(target_json).collect();
            json!({ "code": a.code, "title": a.title, "targets": targets, "tasks": tasks })
        })
        .collect();
    let responsibilities: Vec<Value> = plan
        .responsibilities
        .iter()
        .map(|b| {
            let items: Vec<Value> = b
                .items
                .iter()
                .map(|i| json!({ "label": i.label, "text": i.text }))
                .collect();
            json!({ "body": b.name, "items": items })
        })
        .collect();
    let goals: Vec<Value> = plan.headline.goals.iter().map(target_json).collect();
    json!({
        "number": plan.number,
        "date": plan.date,
        "areas": areas,
        "responsibilities": responsibilities,
        "headline_goals": goals,
    })
}

fn calendar(cfg: &Config) -> Result<WorkCalendar, CliError> {
    Ok(WorkCalendar::new(&cfg.calendar_config(None)?)?)
}

async fn status(
    which: &Which,
    as_of: Option<&str>,
    format: Format,
    cfg: &Config,
) -> Result<(), CliError> {
    let as_of = day(as_of)?;
    let cal = calendar(cfg)?;
    let store = open(&cfg.database_url()).await?;
    let stored = find(&store, which).await?;
    let source = automatic(&store, &stored, as_of).await?;
    let status = store
        .stored_plan_status(&stored, as_of, &source, &cal)
        .await?;
    match format {
        Format::Json => print_json(&status),
        Format::Table => {
            print!("{}", table::status(&status));
            Ok(())
        }
    }
}

/// The automatic indicators of the plan's issuer over the units in force on the as-of day
/// (at most the plan's last day).
pub(crate) async fn automatic(
    store: &Store,
    stored: &StoredPlan,
    as_of: NaiveDate,
) -> Result<DossierIndicators, CliError> {
    let on = as_of.min(stored.plan.period().end);
    Ok(store.dossier_indicators(&stored.plan.issuer, on).await?)
}

async fn remind(as_of: Option<&str>, format: Format, cfg: &Config) -> Result<(), CliError> {
    let as_of = day(as_of)?;
    let cal = calendar(cfg)?;
    let mail = MailSettings::from_config(&cfg.smtp)?;
    let store = open(&cfg.database_url()).await?;
    let (created, emails) = mail::job::run(&store, &cal, mail.as_ref(), as_of).await?;
    match format {
        Format::Json => {
            let mut out = json!({ "as_of": as_of, "created": created });
            if let Some(e) = emails {
                out["emails"] = json!(e);
            }
            print_json(&out)
        }
        Format::Table => {
            println!("{created} reminder(s) created as of {as_of}");
            if let Some(e) = emails {
                println!(
                    "e-mails: {} sent, {} failed (retried later), {} skipped",
                    e.sent, e.failed, e.skipped
                );
            }
            Ok(())
        }
    }
}

async fn clone(which: &Which, to: i32, format: Format, cfg: &Config) -> Result<(), CliError> {
    let store = open(&cfg.database_url()).await?;
    let stored = find(&store, which).await?;
    let report = store
        .clone_plan_to_year(&PlanRef::Key(stored.key), to, "cli")
        .await?;
    match format {
        Format::Json => print_json(&report),
        Format::Table => {
            print!("{}", table::clone(&report));
            Ok(())
        }
    }
}
