//! Plans shipped in the binary (data/plan/, embedded at compile time).

/// Kế hoạch 204/KH-UBND (23/12/2022): the CCHC plan of Hưng Yên for 2023.
pub const KH_204_2023: &str = include_str!("../../../../data/plan/kh-204-2023.toml");
