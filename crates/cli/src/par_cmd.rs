//! `cchc par …`: the PAR Index of the province's units (Chỉ số CCHC): criteria templates,
//! campaigns, scores and results, through the `cchc_app::par` use-cases (docs/PAR.md).

use std::path::{Path, PathBuf};

use cchc_app::{Actor, App, Error};
use cchc_domain::Role;
use cchc_domain::par::CampaignResults;
use cchc_store::par::CampaignKey;

use crate::admin::open;
use crate::config::Config;
use crate::exit::CliError;

/// `cchc par` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ParCmd {
    /// Criteria templates (bộ tiêu chí).
    #[command(subcommand)]
    Template(TemplateCmd),
    /// Campaigns (đợt đánh giá), one per year and template.
    #[command(subcommand)]
    Campaign(CampaignCmd),
    /// Scores of a campaign.
    #[command(subcommand)]
    Scores(ScoresCmd),
    /// The index, rank and band of every unit of a campaign.
    Results {
        #[command(flatten)]
        campaign: CampaignArgs,
        #[arg(long, value_enum, default_value_t)]
        format: ResultsFormat,
    },
}

/// `cchc par template` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum TemplateCmd {
    /// Imports a template file (JSON), checked whole; replaces a template of the same code
    /// that no campaign uses.
    Import { file: PathBuf },
    /// Writes a stored template as JSON on stdout.
    Export {
        code: String,
        #[arg(long, value_enum, default_value_t)]
        format: JsonFormat,
    },
}

/// `cchc par campaign` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum CampaignCmd {
    /// Opens a campaign; by default for every unit of the template's group in force on
    /// 1 January of the year.
    Create {
        #[command(flatten)]
        campaign: CampaignArgs,
        /// The units scored, comma-separated.
        #[arg(long, value_delimiter = ',', value_name = "A,B,…")]
        units: Option<Vec<String>>,
    },
}

/// `cchc par scores` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ScoresCmd {
    /// Imports a CSV `unit,criterion,stage,points,not_applicable,note`, all or nothing.
    Import {
        file: PathBuf,
        #[command(flatten)]
        campaign: CampaignArgs,
    },
}

/// The campaign a command acts on.
#[derive(Debug, clap::Args)]
pub struct CampaignArgs {
    #[arg(long)]
    year: i32,
    /// The template's code.
    #[arg(long, value_name = "CODE")]
    template: String,
}

impl CampaignArgs {
    fn key(&self) -> CampaignKey {
        CampaignKey {
            year: self.year,
            template: self.template.clone(),
        }
    }
}

/// Output of a template export.
#[derive(Debug, Clone, Copy, Default, clap::ValueEnum)]
pub enum JsonFormat {
    #[default]
    Json,
}

/// Output of the results.
#[derive(Debug, Clone, Copy, Default, clap::ValueEnum)]
pub enum ResultsFormat {
    /// A table for people.
    #[default]
    Table,
    Json,
}

/// The operator at the command line: audited as `cli`.
fn operator() -> Actor {
    Actor {
        user_id: 0,
        username: "cli".into(),
        role: Role::SystemAdmin,
        unit: None,
    }
}

/// Runs `cchc par …`.
pub async fn par(cmd: ParCmd, cfg: &Config) -> Result<(), CliError> {
    let store = open(&cfg.database_url()).await?;
    let app = App::without_live_statistics(store, cfg.calendars()?);
    let actor = operator();
    match cmd {
        ParCmd::Template(TemplateCmd::Import { file }) => {
            let done = cchc_app::par::import_template(&app, &actor, &read(&file)?).await;
            let done = done.map_err(cli_error)?;
            let verb = if done.replaced {
                "replaced"
            } else {
                "imported"
            };
            eprintln!("template {} {verb}: {} criteria", done.code, done.leaves);
        }
        ParCmd::Template(TemplateCmd::Export { code, format: _ }) => {
            let t = cchc_app::par::template(&app, &actor, &code).await;
            print_json(&t.map_err(cli_error)?)?;
        }
        ParCmd::Campaign(CampaignCmd::Create { campaign, units }) => {
            let key = campaign.key();
            let done = cchc_app::par::create_campaign(
                &app,
                &actor,
                key.year,
                &key.template,
                units.as_deref(),
            )
            .await
            .map_err(cli_error)?;
            eprintln!(
                "campaign {} {} opened for {} unit(s)",
                done.year,
                done.template,
                done.units.len()
            );
        }
        ParCmd::Scores(ScoresCmd::Import { file, campaign }) => {
            let text = read(&file)?;
            let n = cchc_app::par::import_scores(&app, &actor, &campaign.key(), &text)
                .await
                .map_err(cli_error)?;
            eprintln!("{n} score(s) written");
        }
        ParCmd::Results { campaign, format } => {
            let r = cchc_app::par::results(&app, &actor, &campaign.key())
                .await
                .map_err(cli_error)?;
            match format {
                ResultsFormat::Json => print_json(&r)?,
                ResultsFormat::Table => print!("{}", table(&r)),
            }
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", path.display())))
}

fn print_json(value: &impl serde::Serialize) -> Result<(), CliError> {
    let json = serde_json::to_string(value).map_err(|e| CliError::Failed(e.to_string()))?;
    println!("{json}");
    Ok(())
}

/// The results as a table: rank, unit, points, index and band.
fn table(r: &CampaignResults) -> String {
    let mut out = format!(
        "Chỉ số CCHC năm {} — bộ tiêu chí {}\n{:<5} {:<22} {:>8} {:>8} {:>8} {:>8}  {}\n",
        r.year, r.template, "Hạng", "Đơn vị", "Điểm", "Tối đa", "Chỉ số", "", "Xếp loại"
    );
    for u in &r.units {
        out.push_str(&format!(
            "{:<5} {:<22} {:>8} {:>8} {:>8} {:>8}  {}\n",
            u.rank,
            u.unit,
            u.points.fixed2(),
            u.applicable_max.fixed2(),
            u.index.fixed2(),
            "",
            u.band.as_deref().unwrap_or("—")
        ));
    }
    out
}

/// A use-case's error as the CLI reports it: bad input exits 2, one line per problem.
fn cli_error(e: Error) -> CliError {
    match e {
        Error::Invalid { message, fields } => CliError::Problems(
            message,
            fields
                .into_iter()
                .map(|f| match f.field {
                    Some(field) => format!("{field}: {}", f.message),
                    None => f.message,
                })
                .collect(),
        ),
        Error::Conflict {
            message, details, ..
        } => {
            let detail = details
                .as_array()
                .and_then(|d| d.first())
                .and_then(|d| d.as_str());
            CliError::Usage(match detail {
                Some(d) => format!("{message} {d}"),
                None => message,
            })
        }
        Error::NotFound { message, .. }
        | Error::Forbidden { message, .. }
        | Error::BadRequest { message, .. } => CliError::Usage(message),
        Error::Refused { vi, .. } => CliError::Usage(vi),
        Error::Unavailable { message, .. } => CliError::Failed(message),
        Error::Internal(detail) => CliError::Failed(detail),
    }
}
