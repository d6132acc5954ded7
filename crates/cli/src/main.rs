//! The `cchc` binary: one command line for every job an operator scripts.

mod admin;
mod calendar_cmd;
mod config;
mod exit;
mod import_cmd;
mod kpi_cmd;
mod mail;
mod org_cmd;
mod par_cmd;
mod plan_cmd;
mod procedures_cmd;
mod report_cmd;
mod serve;

use clap::{Parser, Subcommand};
use exit::CliError;
use std::process::ExitCode;

/// cchc — cải cách hành chính (administrative reform) for a Vietnamese province.
#[derive(Debug, Parser)]
#[command(name = "cchc", version, about)]
struct Cli {
    /// Configuration file (TOML). Default: ./cchc.toml when it exists.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<std::path::PathBuf>,
    /// Database URL: sqlite:PATH or postgres://HOST/DB (default sqlite:./cchc-data/cchc.db).
    #[arg(
        long = "db",
        global = true,
        env = "CCHC_DATABASE_URL",
        value_name = "URL"
    )]
    db: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Migrate, load base data if empty, and serve the web application.
    Serve(serve::ServeArgs),
    /// Apply pending migrations and load the base data into an empty database.
    Migrate,
    /// Manage user accounts.
    #[command(subcommand)]
    User(admin::UserCmd),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(admin::TokenCmd),
    /// Write an online, consistent backup.
    Backup {
        /// Target file (must not exist).
        #[arg(long, value_name = "FILE")]
        to: std::path::PathBuf,
    },
    /// The hash-chained audit log.
    #[command(subcommand)]
    Audit(admin::AuditCmd),
    /// Organisation units.
    #[command(subcommand)]
    Org(org_cmd::OrgCmd),
    /// Import data files.
    #[command(subcommand)]
    Import(import_cmd::ImportCmd),
    /// Working days, holidays, lunar dates and deadlines.
    #[command(subcommand)]
    Calendar(calendar_cmd::CalendarCmd),
    /// The reform plan: import, show, status, reminders, clone into another year.
    #[command(subcommand)]
    Plan(plan_cmd::PlanCmd),
    /// Dossier statistics and the QĐ 766 index.
    #[command(subcommand)]
    Kpi(kpi_cmd::KpiCmd),
    /// The procedure catalogue.
    #[command(subcommand)]
    Procedures(procedures_cmd::ProceduresCmd),
    /// Periodic reporting: periods and due dates, units' values, roll-ups.
    #[command(subcommand)]
    Report(report_cmd::ReportCmd),
    /// The PAR Index of the province's units: templates, campaigns, scores, results.
    #[command(subcommand)]
    Par(par_cmd::ParCmd),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    let result = config::Config::load(cli.config.as_deref(), cli.db)
        .and_then(|cfg| dispatch(cli.command, &cfg));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => err.report(),
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CCHC_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .init();
}

fn dispatch(command: Command, cfg: &config::Config) -> Result<(), CliError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::Failed(format!("cannot start the runtime: {e}")))?;
    runtime.block_on(async move {
        match command {
            Command::Serve(args) => serve::run(args, cfg).await,
            Command::Migrate => admin::migrate(cfg).await,
            Command::User(cmd) => admin::user(cmd, cfg).await,
            Command::Token(cmd) => admin::token(cmd, cfg).await,
            Command::Backup { to } => admin::backup(cfg, &to).await,
            Command::Audit(cmd) => admin::audit(cmd, cfg).await,
            Command::Org(cmd) => org_cmd::org(cmd, cfg).await,
            Command::Import(cmd) => import_cmd::import(cmd, cfg).await,
            Command::Calendar(cmd) => org_cmd::calendar(cmd, cfg).await,
            Command::Plan(cmd) => plan_cmd::plan(cmd, cfg).await,
            Command::Kpi(cmd) => kpi_cmd::kpi(cmd, cfg).await,
            Command::Procedures(cmd) => procedures_cmd::procedures(cmd, cfg).await,
            Command::Report(cmd) => report_cmd::report(cmd, cfg).await,
            Command::Par(cmd) => par_cmd::par(cmd, cfg).await,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
