//! Operator commands: migrate, users, API tokens, backups and the audit chain.

use crate::config::Config;
use crate::exit::CliError;
use cchc_domain::Role;
use cchc_domain::auth::{Scope, check_password_policy, hash_password};
use cchc_store::accounts::NewUser;
use cchc_store::audit::ChainStatus;
use cchc_store::{Backend, Store};
use std::io::BufRead;
use std::path::Path;

/// `cchc user` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum UserCmd {
    /// Create an account; the password is read from stdin (one line).
    Create {
        #[arg(long)]
        username: String,
        /// citizen, reception_officer, specialist, unit_leader, par_admin, appraiser, system_admin
        #[arg(long)]
        role: String,
        /// The unit of a staff account.
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        /// Display name (default: the username).
        #[arg(long)]
        name: Option<String>,
    },
}

/// `cchc token` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum TokenCmd {
    /// Create an API token; it is printed once and only its hash is stored.
    Create {
        #[arg(long)]
        user: String,
        /// read or write
        #[arg(long)]
        scope: String,
    },
}

/// `cchc audit` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum AuditCmd {
    /// Check the hash chain; exits 1 naming the first broken entry.
    Verify,
}

/// Connects, migrates and loads base data into an empty database.
pub async fn open(url: &str) -> Result<Store, CliError> {
    let store = Store::connect(url).await?;
    store.prepare().await?;
    Ok(store)
}

/// The application context of a one-shot command: the store opened as [`open`] does, the
/// configured calendars, the system clock; no live statistics.
pub async fn app(cfg: &Config) -> Result<cchc_app::App, CliError> {
    let calendars = cfg.calendars()?;
    let store = open(&cfg.database_url()).await?;
    Ok(cchc_app::App::without_live_statistics(store, calendars))
}

/// Who a command acts as: the operator, without an account, recorded as `cli`.
pub fn operator() -> cchc_app::Actor {
    cchc_app::Actor::operator("cli")
}

/// `cchc migrate`.
pub async fn migrate(cfg: &Config) -> Result<(), CliError> {
    let store = Store::connect(&cfg.database_url()).await?;
    let applied = store.migrate().await?;
    let loaded = store.load_base_data_if_empty().await?;
    eprintln!(
        "schema at version {} ({} migration(s) applied now){}",
        store.schema_version().await?,
        applied.len(),
        if loaded { "; base data loaded" } else { "" }
    );
    Ok(())
}

/// `cchc user …`.
pub async fn user(cmd: UserCmd, cfg: &Config) -> Result<(), CliError> {
    let UserCmd::Create {
        username,
        role,
        unit,
        name,
    } = cmd;
    let role: Role = role.parse().map_err(CliError::Usage)?;
    cchc_domain::auth::check_username(&username).map_err(CliError::Usage)?;
    let password = read_password()?;
    check_password_policy(&password).map_err(CliError::Usage)?;
    let store = open(&cfg.database_url()).await?;
    let password_hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| CliError::Failed(e.to_string()))?;
    let new = NewUser {
        display_name: name.unwrap_or_else(|| username.clone()),
        username,
        role,
        unit_code: unit,
        password_hash,
    };
    let user = store.create_user(&new, "cli").await?;
    eprintln!(
        "created user {} ({}) with id {}",
        user.username, user.role, user.id
    );
    Ok(())
}

fn read_password() -> Result<String, CliError> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::Usage(format!("cannot read the password from stdin: {e}")))?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        return Err(CliError::Usage("no password on stdin".into()));
    }
    Ok(password)
}

/// `cchc token …`.
pub async fn token(cmd: TokenCmd, cfg: &Config) -> Result<(), CliError> {
    let TokenCmd::Create { user, scope } = cmd;
    let scope: Scope = scope.parse().map_err(CliError::Usage)?;
    let store = open(&cfg.database_url()).await?;
    let secret = store.create_api_token(&user, scope, "cli").await?;
    println!("{secret}");
    eprintln!("token for {user} ({scope}) created; it is shown only this once");
    Ok(())
}

/// `cchc backup --to FILE`.
pub async fn backup(cfg: &Config, to: &Path) -> Result<(), CliError> {
    let url = cfg.database_url();
    let store = open(&url).await?;
    match store.backend() {
        Backend::Sqlite => {
            store.backup_sqlite(to).await?;
            eprintln!("backup written to {}", to.display());
            Ok(())
        }
        Backend::Postgres => pg_dump(&url, to),
    }
}

fn pg_dump(url: &str, to: &Path) -> Result<(), CliError> {
    if to.exists() {
        return Err(CliError::Usage(format!(
            "{} already exists; choose a new file",
            to.display()
        )));
    }
    let status = std::process::Command::new("pg_dump")
        .args(["--format=custom", "--no-owner", "--file"])
        .arg(to)
        .arg(url)
        .status()
        .map_err(|e| {
            CliError::Failed(format!(
                "PostgreSQL backups use pg_dump (a consistent snapshot), which could not run: {e}"
            ))
        })?;
    if status.success() {
        eprintln!(
            "pg_dump custom-format backup written to {} (restore with pg_restore)",
            to.display()
        );
        Ok(())
    } else {
        Err(CliError::Failed(format!("pg_dump failed with {status}")))
    }
}

/// `cchc audit verify`.
pub async fn audit(cmd: AuditCmd, cfg: &Config) -> Result<(), CliError> {
    let AuditCmd::Verify = cmd;
    let store = Store::connect(&cfg.database_url()).await?;
    store.migrate().await?;
    match store.verify_audit().await? {
        ChainStatus::Intact(n) => {
            eprintln!("audit chain intact: {n} entries");
            Ok(())
        }
        ChainStatus::Broken(link) => Err(CliError::Failed(format!(
            "audit chain broken at entry {}: {}",
            link.seq, link.reason
        ))),
    }
}
