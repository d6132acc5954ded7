//! `cchc kpi set --unit U --period P --metric CODE [--numerator N] --denominator D`: a figure
//! of the QĐ 766 index cchc cannot hold, entered as the operator through the application's
//! use-case ([`cchc_app::kpi::entered::set`]); bad input exits 2 and writes nothing.

use cchc_app::kpi::entered::{EntryInput, set as enter};
use cchc_app::{Actor, App, Error};
use cchc_domain::Role;

use crate::admin::open;
use crate::config::Config;
use crate::exit::CliError;

/// What `cchc kpi set` enters.
#[derive(Debug, clap::Args)]
pub struct SetArgs {
    #[arg(long, value_name = "CODE")]
    unit: String,
    /// A month (2026-09), a quarter (2026-Q3) or a year (2026).
    #[arg(long)]
    period: String,
    /// The row's code (PUBLISH_ON_TIME, DOSSIER_SYNC …, as in `cchc kpi 766`).
    #[arg(long, value_name = "CODE")]
    metric: String,
    /// Absent for a row whose numerator cchc counts (3.5 B and C, 4.5a).
    #[arg(long)]
    numerator: Option<u64>,
    #[arg(long)]
    denominator: u64,
}

/// The operator: no account, recorded as `cli`, a system administrator's rights.
fn operator() -> Actor {
    Actor {
        user_id: 0,
        username: "cli".to_owned(),
        role: Role::SystemAdmin,
        unit: None,
    }
}

fn cli_error(e: Error) -> CliError {
    match e {
        Error::Internal(detail) => CliError::Failed(detail),
        Error::Unavailable { message, .. } => CliError::Failed(message),
        Error::Invalid { message, fields } => CliError::Problems(
            message,
            fields
                .iter()
                .map(|f| format!("--{}: {}", f.field.as_deref().unwrap_or("?"), f.message))
                .collect(),
        ),
        other => CliError::Usage(other.to_string()),
    }
}

/// Runs `cchc kpi set`; prints the value entered as JSON.
pub async fn set(args: SetArgs, cfg: &Config) -> Result<(), CliError> {
    let store = open(&cfg.database_url()).await?;
    let app = App::without_live_statistics(store, cfg.calendars()?);
    let input = EntryInput {
        unit: args.unit,
        period: args.period,
        metric: args.metric,
        numerator: args.numerator,
        denominator: args.denominator,
    };
    let v = enter(&app, &operator(), &input).await.map_err(cli_error)?;
    let out = serde_json::json!({
        "unit": v.unit, "period_start": v.period.start, "period_end": v.period.end,
        "metric": v.metric, "numerator": v.numerator, "denominator": v.denominator,
    });
    println!("{out}");
    Ok(())
}
