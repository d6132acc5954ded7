//! `cchc report period|values import|rollup`: periodic reporting from the command line, through
//! the application layer (`cchc_app::report`) as the operator.

use std::path::PathBuf;

use cchc_app::{Actor, App, Error};
use cchc_domain::Role;

use crate::admin::open;
use crate::config::Config;
use crate::exit::CliError;

/// `cchc report` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ReportCmd {
    /// A regime's period: data window, due date and internal due dates per level.
    Period {
        #[arg(long, value_name = "CODE")]
        regime: String,
        #[arg(long)]
        year: i32,
        /// The period's number in the year (quarter, half, month); omitted when the regime
        /// reports one period a year.
        #[arg(long)]
        number: Option<u32>,
        #[arg(long, value_enum, default_value_t)]
        format: ReportFormat,
    },
    /// Units' report values.
    #[command(subcommand)]
    Values(ValuesCmd),
    /// The roll-up of a unit's subtree for one regime and period.
    Rollup {
        #[arg(long, value_name = "CODE")]
        regime: String,
        /// 2026-Q1, 2026-H1, 2026-Q3, 2026 or 2026-03, as the regime's frequency.
        #[arg(long)]
        period: String,
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(long, value_enum, default_value_t)]
        format: ReportFormat,
    },
}

/// `cchc report values` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ValuesCmd {
    /// Imports a CSV file (`regime,period,unit,indicator,value,note`): every line or none.
    Import { file: PathBuf },
}

/// Output format of `cchc report`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    #[default]
    Json,
}

/// The operator running a command: a system administrator bound to no unit.
fn operator() -> Actor {
    Actor {
        user_id: 0,
        username: "cli".to_owned(),
        role: Role::SystemAdmin,
        unit: None,
    }
}

/// Runs `cchc report …`.
pub async fn report(cmd: ReportCmd, cfg: &Config) -> Result<(), CliError> {
    let calendars = cfg.calendars()?;
    let store = open(&cfg.database_url()).await?;
    let app = App::without_live_statistics(store, calendars);
    let actor = operator();
    let json = match cmd {
        ReportCmd::Period {
            regime,
            year,
            number,
            format: ReportFormat::Json,
        } => {
            let p =
                cchc_app::report::period(&app, &actor, &regime, year, number).map_err(failure)?;
            serde_json::to_value(p)
        }
        ReportCmd::Values(ValuesCmd::Import { file }) => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", file.display())))?;
            let source = file.display().to_string();
            let done = cchc_app::report::import_values(&app, &actor, &text, &source)
                .await
                .map_err(failure)?;
            serde_json::to_value(done)
        }
        ReportCmd::Rollup {
            regime,
            period,
            unit,
            format: ReportFormat::Json,
        } => {
            let r = cchc_app::report::rollup(&app, &actor, &regime, &period, &unit)
                .await
                .map_err(failure)?;
            serde_json::to_value(r)
        }
    };
    let json = json.map_err(|e| CliError::Failed(e.to_string()))?;
    println!(
        "{}",
        serde_json::to_string_pretty(&json).map_err(|e| CliError::Failed(e.to_string()))?
    );
    Ok(())
}

/// Bad input (exit 2, one line per problem) or a failure (exit 1).
fn failure(e: Error) -> CliError {
    match e {
        Error::Invalid { message, fields } => {
            CliError::Problems(message, fields.into_iter().map(|f| f.message).collect())
        }
        Error::Internal(detail) => CliError::Failed(detail),
        other => CliError::Usage(other.to_string()),
    }
}
