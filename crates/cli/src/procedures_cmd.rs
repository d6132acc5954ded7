//! `cchc procedures list`: the procedure catalogue (its import is `cchc import procedures`).

use crate::admin::open;
use crate::config::Config;
use crate::exit::CliError;

/// `cchc procedures` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ProceduresCmd {
    /// Procedures whose code, name or sector contains the text (diacritics folded, đ → d);
    /// every procedure without --q.
    List {
        #[arg(long, value_name = "TEXT")]
        q: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: crate::org_cmd::Format,
    },
}

/// Runs `cchc procedures …`.
pub async fn procedures(cmd: ProceduresCmd, cfg: &Config) -> Result<(), CliError> {
    let ProceduresCmd::List { q, format } = cmd;
    let store = open(&cfg.database_url()).await?;
    let mut all = Vec::new();
    for number in 1.. {
        let page = cchc_store::paging::Page::new(number, cchc_store::paging::Page::MAX_SIZE);
        let found = store.procedures(q.as_deref(), page).await?;
        let done = found.items.is_empty() || all.len() + found.items.len() >= found.total as usize;
        all.extend(found.items);
        if done {
            break;
        }
    }
    match format {
        crate::org_cmd::Format::Json => println!(
            "{}",
            serde_json::to_string(&all).map_err(|e| CliError::Failed(e.to_string()))?
        ),
        crate::org_cmd::Format::Table => {
            for p in &all {
                println!("{}\t{}\t{}", p.code, p.sector_name, p.name);
            }
        }
    }
    Ok(())
}
