//! The national public-service portal's dossier format (DVCQG `DongBoHoSoMC` items,
//! docs/DOMAIN.md): serde types with the portal's field names, a parser for a JSON array or
//! NDJSON that reports invalid items by index and reason, and the conversion of an item into
//! the [`crate::kpi::DossierFacts`] the statistics read.
//!
//! Speed: strings are borrowed from the input (copied only when they hold escapes), dates are
//! parsed by hand, the file is cut into items by a byte scan and each item is parsed once.

mod convert;
pub mod date;
pub mod item;
mod parse;
pub mod split;
pub mod value;

#[cfg(test)]
mod tests;

pub use date::{format_date, parse_date};
pub use item::{Component, DatabaseLink, Fee, PortalDossier, ResultDocument, Supplement};
pub use parse::{InvalidItem, Parsed, ValidItem, parse_items, parse_piece};
pub use split::{FormatError, Piece, split};
pub use value::{Scalar, Text};
