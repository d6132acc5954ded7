//! Parsing a file of portal items: every item is read, validated and converted on its own;
//! valid ones come back with their facts, invalid ones with their index and reason. Whether
//! one invalid item rejects the file is the caller's choice (all-or-nothing by default).

use serde::Serialize;

use super::item::PortalDossier;
use super::split::{FormatError, Piece, split};
use crate::kpi::DossierFacts;

/// A valid item.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidItem<'a> {
    /// 0-based position in the file.
    pub index: usize,
    pub item: PortalDossier<'a>,
    pub facts: DossierFacts,
}

/// An invalid item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvalidItem {
    /// 0-based position in the file.
    pub index: usize,
    /// 1-based line where it starts.
    pub line: usize,
    /// Its `MaHoSo`, when it could be read.
    pub code: Option<String>,
    pub reason: String,
}

/// The items of a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed<'a> {
    pub valid: Vec<ValidItem<'a>>,
    pub invalid: Vec<InvalidItem>,
}

impl Parsed<'_> {
    /// Number of items read.
    #[must_use]
    pub fn len(&self) -> usize {
        self.valid.len() + self.invalid.len()
    }

    /// Whether the file held no item.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Parses a JSON array or NDJSON of `DongBoHoSoMC` items; `known_unit` tells whether a
/// `DonViXuLy` is a unit of the organisation. Fails only when the file itself is not such a
/// list. (To spread a large file over threads: [`split`] it, then [`parse_piece`] each part.)
pub fn parse_items<'a>(
    input: &'a str,
    known_unit: impl Fn(&str) -> bool,
) -> Result<Parsed<'a>, FormatError> {
    let pieces = split(input)?;
    let mut out = Parsed {
        valid: Vec::with_capacity(pieces.len()),
        invalid: Vec::new(),
    };
    for p in pieces {
        match parse_piece(p, &known_unit) {
            Ok(v) => out.valid.push(v),
            Err(e) => out.invalid.push(e),
        }
    }
    Ok(out)
}

/// Parses, validates and converts one item.
pub fn parse_piece<'a>(
    p: Piece<'a>,
    known_unit: &impl Fn(&str) -> bool,
) -> Result<ValidItem<'a>, InvalidItem> {
    let invalid = |code: Option<&str>, reason: String| InvalidItem {
        index: p.index,
        line: p.line,
        code: code.map(str::to_owned),
        reason,
    };
    let item: PortalDossier<'a> = serde_json::from_str(p.text)
        .map_err(|e| invalid(None, format!("not a dossier item: {e}")))?;
    let checked = item.facts().and_then(|f| {
        if known_unit(&f.unit) {
            Ok(f)
        } else {
            Err(format!("DonViXuLy: unknown unit '{}'", f.unit))
        }
    });
    match checked {
        Ok(facts) => Ok(ValidItem {
            index: p.index,
            item,
            facts,
        }),
        Err(reason) => Err(invalid(item.code(), reason)),
    }
}
