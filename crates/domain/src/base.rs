//! Base data shipped in the binary (facts from data/, embedded at compile time).

/// Organisation units: provinces, communes, Hưng Yên's bodies and its pre-2025 structure.
pub const ORG_UNITS_CSV: &str = include_str!("../../../data/org/units.csv");

/// Lineage of organisation units (merged into / split from / renamed), when shipped.
pub const ORG_LINEAGE_CSV: Option<&str> = Some(include_str!("../../../data/org/lineage.csv"));
