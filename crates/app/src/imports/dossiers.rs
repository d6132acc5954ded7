//! `cchc import dossiers`: dossiers from the national portal (a JSON array or NDJSON of
//! `DongBoHoSoMC` items), checked against the org units (parsed on every core), then written
//! in one transaction. Any invalid item rejects the file, unless the caller skips them.

use super::{ImportError, ensure_may_import};
use crate::{Actor, App, Error};
use cchc_domain::portal::{InvalidItem, Piece, parse_piece, split};
use cchc_store::import_dossiers::{ImportSummary, ImportedDossier};
use std::collections::HashSet;

/// How far an import has got, told to the caller as it goes.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// The file is read and checked: the dossiers to write, and the invalid items skipped.
    Checked {
        items: usize,
        skipped: &'a [InvalidItem],
    },
    /// Dossiers written so far.
    Written(usize),
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DossierImport {
    pub summary: ImportSummary,
    /// Invalid items skipped.
    pub invalid: usize,
}

/// Imports the dossiers of `text` as `actor`; with `skip_invalid`, the valid items are
/// written and the invalid ones reported through `progress`.
pub async fn import(
    app: &App,
    actor: &Actor,
    text: String,
    skip_invalid: bool,
    mut progress: impl FnMut(Progress<'_>),
) -> Result<DossierImport, ImportError<InvalidItem>> {
    ensure_may_import(actor)?;
    let known: HashSet<String> = app
        .org_units()
        .await?
        .iter()
        .map(|u| u.code.as_str().to_owned())
        .collect();
    let parsed = tokio::task::spawn_blocking(move || parse(&text, &known))
        .await
        .map_err(|e| Error::internal(format!("the parser failed: {e}")))?;
    let (items, invalid) =
        parsed.map_err(|e| Error::invalid(format!("Tệp hồ sơ không đọc được: {e}")))?;
    if !invalid.is_empty() && !skip_invalid {
        return Err(ImportError::Rejected(invalid));
    }
    progress(Progress::Checked {
        items: items.len(),
        skipped: &invalid,
    });
    let summary = app
        .store
        .import_dossiers(&items, &actor.username, |done| {
            progress(Progress::Written(done));
        })
        .await?;
    Ok(DossierImport {
        summary,
        invalid: invalid.len(),
    })
}

/// Parses the file on every core: the dossiers to write and the invalid items, by index.
fn parse(
    text: &str,
    known: &HashSet<String>,
) -> Result<(Vec<ImportedDossier>, Vec<InvalidItem>), String> {
    let pieces = split(text).map_err(|e| e.to_string())?;
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let per = pieces.len().div_ceil(threads).max(1);
    let known_unit = |u: &str| known.contains(u);
    let parts: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = pieces
            .chunks(per)
            .map(|chunk| s.spawn(move || parse_chunk(chunk, &known_unit)))
            .collect();
        handles.into_iter().map(|h| h.join()).collect()
    });
    let (mut items, mut invalid) = (Vec::with_capacity(pieces.len()), Vec::new());
    for part in parts {
        let (v, i) = part.map_err(|_| "a parser thread failed".to_owned())?;
        items.extend(v);
        invalid.extend(i);
    }
    Ok((items, invalid))
}

fn parse_chunk(
    chunk: &[Piece<'_>],
    known_unit: &impl Fn(&str) -> bool,
) -> (Vec<ImportedDossier>, Vec<InvalidItem>) {
    let (mut items, mut invalid) = (Vec::with_capacity(chunk.len()), Vec::new());
    for p in chunk {
        match parse_piece(*p, known_unit) {
            Ok(v) => match ImportedDossier::from_item(&v) {
                Ok(d) => items.push(d),
                Err(reason) => invalid.push(InvalidItem {
                    index: p.index,
                    line: p.line,
                    code: Some(v.facts.code.clone()),
                    reason,
                }),
            },
            Err(e) => invalid.push(e),
        }
    }
    (items, invalid)
}
