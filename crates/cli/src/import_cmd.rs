//! `cchc import org-units|dossiers|procedures FILE`: whole files, all or nothing, through the
//! use-cases of `cchc_app::imports` as the operator (`cli`). A file with problems exits 2
//! with one line per problem and writes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use cchc_app::imports::dossiers::{DossierImport, Progress};
use cchc_app::imports::{self, CatalogueFormat};
use cchc_domain::portal::InvalidItem;

use crate::admin::{app, operator};
use crate::config::Config;
use crate::exit::CliError;
use crate::plan_cmd::rejected;

/// `cchc import` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ImportCmd {
    /// Org units from CSV (code,name,kind,parent_code,valid_from,valid_to,successor_code);
    /// all rows or none.
    OrgUnits { file: PathBuf },
    /// Dossiers from the national portal (a JSON array or NDJSON of DongBoHoSoMC items);
    /// all items or none, unless --skip-invalid. Re-importing a MaHoSo replaces it.
    Dossiers {
        file: PathBuf,
        /// Import the valid items and report the invalid ones.
        #[arg(long)]
        skip_invalid: bool,
    },
    /// The procedure catalogue from JSON (cchc-procedures/1) or CSV (one version per line);
    /// all procedures or none. A procedure already stored is replaced with all its versions.
    Procedures { file: PathBuf },
}

/// Runs `cchc import …`.
pub async fn import(cmd: ImportCmd, cfg: &Config) -> Result<(), CliError> {
    match cmd {
        ImportCmd::OrgUnits { file } => org_units(&file, cfg).await,
        ImportCmd::Dossiers { file, skip_invalid } => dossiers(&file, skip_invalid, cfg).await,
        ImportCmd::Procedures { file } => procedures(&file, cfg).await,
    }
}

fn read(file: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(file)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", file.display())))
}

async fn org_units(file: &Path, cfg: &Config) -> Result<(), CliError> {
    let text = read(file)?;
    let app = app(cfg).await?;
    let n = imports::org_units(&app, &operator(), &text)
        .await
        .map_err(|e| rejected(file, e))?;
    eprintln!("imported {n} org units from {}", file.display());
    Ok(())
}

/// The catalogue's format, by the file's extension.
fn catalogue_format(file: &Path) -> Result<CatalogueFormat, CliError> {
    match file.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("json") => Ok(CatalogueFormat::Json),
        Some(e) if e.eq_ignore_ascii_case("csv") => Ok(CatalogueFormat::Csv),
        _ => Err(CliError::Usage(format!(
            "{}: a procedure catalogue is a .json or .csv file",
            file.display()
        ))),
    }
}

async fn procedures(file: &Path, cfg: &Config) -> Result<(), CliError> {
    let format = catalogue_format(file)?;
    let text = read(file)?;
    let app = app(cfg).await?;
    let n = imports::procedures(&app, &operator(), &text, format)
        .await
        .map_err(|e| rejected(file, e))?;
    eprintln!("imported {n} procedures from {}", file.display());
    Ok(())
}

async fn dossiers(file: &Path, skip_invalid: bool, cfg: &Config) -> Result<(), CliError> {
    let text = read(file)?;
    let app = app(cfg).await?;
    let started = Instant::now();
    let mut phases: Option<Phases> = None;
    let outcome = imports::dossiers::import(&app, &operator(), text, skip_invalid, |p| match p {
        Progress::Checked { items, skipped } => {
            for item in skipped {
                eprintln!("skipped {}", describe(item));
            }
            phases = Some(Phases::new(started, items));
        }
        Progress::Written(done) => {
            if let Some(phases) = phases.as_mut() {
                phases.progress(done);
            }
        }
    })
    .await;
    let done = outcome.map_err(|e| match e {
        imports::ImportError::Rejected(invalid) => CliError::Problems(
            format!(
                "{}: {} invalid item(s), nothing imported:",
                file.display(),
                invalid.len()
            ),
            invalid.iter().map(describe).collect(),
        ),
        imports::ImportError::Failed(e) => match CliError::from(e) {
            CliError::Usage(m) => CliError::Usage(format!("{}: {m}", file.display())),
            other => other,
        },
    })?;
    if let Some(phases) = &phases {
        phases.report(&done, file);
    }
    let out = serde_json::json!({
        "items": done.summary.items,
        "written": done.summary.written,
        "kept_native": done.summary.kept_native,
        "invalid": done.invalid,
    });
    println!("{out}");
    Ok(())
}

/// The progress bar and the times of an import's phases: reading and checking the file,
/// writing the rows, then building indexes and committing.
struct Phases {
    started: Instant,
    checked: Instant,
    written: Option<Instant>,
    total: usize,
    shown: usize,
}

impl Phases {
    fn new(started: Instant, total: usize) -> Self {
        Self {
            started,
            checked: Instant::now(),
            written: None,
            total,
            shown: usize::MAX,
        }
    }

    fn progress(&mut self, done: usize) {
        let percent = done * 100 / self.total.max(1);
        if percent != self.shown {
            self.shown = percent;
            progress(done, self.total, percent);
        }
        if done >= self.total {
            self.written = Some(Instant::now());
        }
    }

    fn report(&self, done: &DossierImport, file: &Path) {
        let now = Instant::now();
        let secs = (now - self.started).as_secs_f64();
        let written = self.written.unwrap_or(now);
        eprintln!(
            "\nimported {} dossier(s) from {} in {secs:.2} s ({:.0} items/s); {} invalid \
             skipped; read and checked in {:.2} s, rows written in {:.2} s, indexes and commit \
             {:.2} s",
            done.summary.written,
            file.display(),
            rate(self.total, secs),
            done.invalid,
            (self.checked - self.started).as_secs_f64(),
            (written - self.checked).as_secs_f64(),
            (now - written).as_secs_f64(),
        );
    }
}

#[expect(clippy::cast_precision_loss, reason = "a rate for display")]
fn rate(n: usize, secs: f64) -> f64 {
    n as f64 / secs.max(1e-9)
}

fn progress(done: usize, total: usize, percent: usize) {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "\rimporting dossiers: {done}/{total} ({percent} %)");
    let _ = err.flush();
}

/// One invalid item, by index (the code is a dossier code, not personal data).
fn describe(i: &InvalidItem) -> String {
    match &i.code {
        Some(code) => format!("item {} (line {}, {code}): {}", i.index, i.line, i.reason),
        None => format!("item {} (line {}): {}", i.index, i.line, i.reason),
    }
}
