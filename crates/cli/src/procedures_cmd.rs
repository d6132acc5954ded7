//! `cchc import procedures FILE`: the procedure catalogue from JSON (`cchc-procedures/1`) or CSV
//! (one version per line), validated whole and stored whole, or nothing.

use crate::admin::open;
use crate::config::Config;
use crate::exit::CliError;
use cchc_store::procedures_import::ProcedureImportError;
use std::path::Path;

/// The file's format, by its extension.
fn is_json(file: &Path) -> Result<bool, CliError> {
    match file.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("json") => Ok(true),
        Some(e) if e.eq_ignore_ascii_case("csv") => Ok(false),
        _ => Err(CliError::Usage(format!(
            "{}: a procedure catalogue is a .json or .csv file",
            file.display()
        ))),
    }
}

/// Runs `cchc import procedures FILE`.
pub async fn import(file: &Path, cfg: &Config) -> Result<(), CliError> {
    let json = is_json(file)?;
    let text = std::fs::read_to_string(file)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", file.display())))?;
    let store = open(&cfg.database_url()).await?;
    let imported = if json {
        store.import_procedures_json(&text, "cli").await
    } else {
        store.import_procedures_csv(&text, "cli").await
    };
    match imported {
        Ok(n) => {
            eprintln!("imported {n} procedures from {}", file.display());
            Ok(())
        }
        Err(ProcedureImportError::Rejected(problems)) => Err(CliError::Problems(
            format!("{} rejected, nothing imported:", file.display()),
            problems.iter().map(ToString::to_string).collect(),
        )),
        Err(ProcedureImportError::Store(e)) => Err(e.into()),
    }
}

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
