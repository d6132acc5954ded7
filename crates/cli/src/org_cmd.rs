//! `cchc org …` and the database side of `cchc calendar …`.

use crate::admin::open;
use crate::calendar_cmd::{self, CalendarCmd};
use crate::config::Config;
use crate::exit::CliError;
use cchc_calendar::WorkCalendar;
use cchc_domain::UnitCode;
use cchc_domain::org_tree::{render_table, tree_at};
use chrono::NaiveDate;

/// Output format of listing commands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
}

/// `cchc org` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum OrgCmd {
    /// The unit's subtree as it stood on a date.
    Tree {
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// Date (YYYY-MM-DD); default today.
        #[arg(long, value_name = "YYYY-MM-DD")]
        at: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// Runs `cchc org …`.
pub async fn org(cmd: OrgCmd, cfg: &Config) -> Result<(), CliError> {
    let OrgCmd::Tree { unit, at, format } = cmd;
    let code = UnitCode::parse(&unit).map_err(CliError::Usage)?;
    let at = match at {
        Some(s) => parse_date(&s)?,
        None => chrono::Local::now().date_naive(),
    };
    let store = open(&cfg.database_url()).await?;
    let units = store.org_units().await?;
    let tree = tree_at(&units, &code, at)
        .ok_or_else(|| CliError::Usage(format!("no unit {code} is in force on {at}")))?;
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string(&tree).map_err(|e| CliError::Failed(e.to_string()))?
        ),
        Format::Table => print!("{}", render_table(&tree)),
    }
    Ok(())
}

/// Runs `cchc calendar …`; only `--unit` needs the database.
pub async fn calendar(cmd: CalendarCmd, cfg: &Config) -> Result<(), CliError> {
    let unit = calendar_cmd::unit_code(&cmd);
    let cal = WorkCalendar::new(&cfg.calendar_config(unit)?)?;
    if let Some(code) = unit {
        let store = open(&cfg.database_url()).await?;
        if !store.org_unit_exists(code).await? {
            return Err(CliError::Usage(format!("unknown unit {code}")));
        }
    }
    let out = calendar_cmd::run(&cmd, &cal)?;
    println!("{out}");
    Ok(())
}

fn parse_date(s: &str) -> Result<NaiveDate, CliError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| CliError::Usage(format!("'{s}' is not a date of the form YYYY-MM-DD")))
}
