//! The procedure catalogue shipped in the binary (embedded at compile time from data/).

/// `data/procedures/procedures.json`: the catalogue in the format of [`super::parse_json`].
pub const PROCEDURES: &str = include_str!("../../../../data/procedures/procedures.json");
