//! `cchc plan …`: import a plan (or its appendix), show it, its status as of a day, run the
//! reminder job once, clone it into another year; report values and progress, review values.
//!
//! With `--format json` stdout holds one JSON document alone; messages go to stderr. A bad file
//! exits 2 with each problem's field path and writes nothing. Each command calls one use-case
//! of `cchc_app::plan` as the operator (`cli`), with the configured calendars.

mod report;
mod table;

use std::path::PathBuf;

use cchc_app::App;
use cchc_app::imports::ImportError;
use cchc_domain::plan::{Plan, Target};
use cchc_store::plan::{PlanRef, StoredPlan};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::{Value, json};

use crate::admin::{app, operator};
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

    fn plan_ref(&self, today: NaiveDate) -> PlanRef {
        match (&self.plan, self.year) {
            (Some(p), _) => PlanRef::parse(p),
            (None, Some(y)) => PlanRef::Year(y),
            (None, None) => PlanRef::Year(today.year()),
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
    let app = app(cfg).await?;
    match cmd {
        PlanCmd::Import { file, appendix_to } => import(&app, &file, appendix_to).await,
        PlanCmd::Show { which, format } => show(&app, &which, format).await,
        PlanCmd::Status {
            which,
            as_of,
            format,
        } => status(&app, &which, as_of.as_deref(), format).await,
        PlanCmd::Remind { as_of, format } => remind(&app, as_of.as_deref(), format, cfg).await,
        PlanCmd::Clone { which, to, format } => clone(&app, &which, to, format).await,
        PlanCmd::Report(args) => report::report(&app, args).await,
        PlanCmd::Approve { value, format } => report::review(&app, value, None, format).await,
        PlanCmd::Return {
            value,
            reason,
            format,
        } => report::review(&app, value, Some(reason), format).await,
        PlanCmd::Progress(args) => report::progress(&app, args).await,
    }
}

/// The day `s` names (YYYY-MM-DD); `None` (the app's today) when not given.
fn day(s: Option<&str>) -> Result<Option<NaiveDate>, CliError> {
    s.map(|s| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| CliError::Usage(format!("'{s}' is not a date of the form YYYY-MM-DD")))
    })
    .transpose()
}

fn print_json(value: &impl Serialize) -> Result<(), CliError> {
    let text = serde_json::to_string(value).map_err(|e| CliError::Failed(e.to_string()))?;
    println!("{text}");
    Ok(())
}

/// The plan `which` names.
async fn find(app: &App, which: &Which) -> Result<StoredPlan, CliError> {
    let which_ref = which.plan_ref(app.clock.today());
    match cchc_app::plan::find(app, &which_ref).await {
        Err(cchc_app::Error::NotFound { .. }) => Err(CliError::Usage(which.describe())),
        other => Ok(other?),
    }
}

async fn import(app: &App, file: &PathBuf, appendix_to: Option<String>) -> Result<(), CliError> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", file.display())))?;
    let actor = operator();
    let result = match &appendix_to {
        Some(p) => cchc_app::plan::import::appendix(app, &actor, &PlanRef::parse(p), &text)
            .await
            .map(|n| format!("added {n} appendix task(s) to {p}")),
        None => cchc_app::plan::import::plan(app, &actor, &text)
            .await
            .map(|c| {
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
        Err(e) => Err(rejected(file, e)),
    }
}

/// A file rejected by an import: each problem on a line of its own.
pub fn rejected<P: std::fmt::Display>(file: &std::path::Path, e: ImportError<P>) -> CliError {
    match e {
        ImportError::Rejected(problems) => CliError::Problems(
            format!("{} rejected, nothing imported:", file.display()),
            problems.iter().map(ToString::to_string).collect(),
        ),
        ImportError::Failed(e) => e.into(),
    }
}

async fn show(app: &App, which: &Which, format: Format) -> Result<(), CliError> {
    let stored = find(app, which).await?;
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

async fn status(
    app: &App,
    which: &Which,
    as_of: Option<&str>,
    format: Format,
) -> Result<(), CliError> {
    let as_of = day(as_of)?;
    let stored = find(app, which).await?;
    let status = cchc_app::plan::status::of_dossiers(app, &stored, as_of).await?;
    match format {
        Format::Json => print_json(&status),
        Format::Table => {
            print!("{}", table::status(&status));
            Ok(())
        }
    }
}

async fn remind(
    app: &App,
    as_of: Option<&str>,
    format: Format,
    cfg: &Config,
) -> Result<(), CliError> {
    let as_of = day(as_of)?.unwrap_or_else(|| app.clock.today());
    let mail = MailSettings::from_config(&cfg.smtp)?;
    let (created, emails) = mail::job::run(app, &operator(), mail.as_ref(), as_of).await?;
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

async fn clone(app: &App, which: &Which, to: i32, format: Format) -> Result<(), CliError> {
    let stored = find(app, which).await?;
    let from = PlanRef::Key(stored.key);
    let report = cchc_app::plan::rollover::clone_to_year(app, &operator(), &from, to).await?;
    match format {
        Format::Json => print_json(&report),
        Format::Table => {
            print!("{}", table::clone(&report));
            Ok(())
        }
    }
}
