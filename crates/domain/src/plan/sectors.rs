//! Sector groups of the plan (land, construction, investment; target 2.c) and the procedure
//! sectors each covers, read from `data/plan/sectors.toml`.

use serde::Deserialize;

use crate::text::fold;

/// The shipped sector groups.
pub const SECTORS: &str = include_str!("../../../../data/plan/sectors.toml");

/// A group of procedure sectors that targets name together ("lĩnh vực đất đai").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectorGroup {
    /// The suffix of the indicators of the group: `land`, `construction`, `investment`.
    pub key: String,
    /// The Vietnamese name shown on pages.
    pub name: String,
    /// Catalogue sector names (compared folded: no diacritics, no case).
    pub sector_names: Vec<String>,
    /// Catalogue sector codes (`G17-XD11`).
    #[serde(default)]
    pub sector_codes: Vec<String>,
}

impl SectorGroup {
    /// Whether a procedure of sector `name` (code `code`) belongs to the group.
    pub fn covers(&self, name: &str, code: Option<&str>) -> bool {
        let folded = fold(name.trim());
        self.sector_names.iter().any(|n| fold(n.trim()) == folded)
            || code.is_some_and(|c| self.sector_codes.iter().any(|k| k == c))
    }
}

/// The key that stands for every group together (`…land_construction_investment`).
pub const ALL_GROUPS_KEY: &str = "land_construction_investment";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectorFile {
    schema: u32,
    groups: Vec<SectorGroup>,
}

/// Reads a sector file; each problem is a message naming the group.
pub fn parse_sectors(text: &str) -> Result<Vec<SectorGroup>, String> {
    let file: SectorFile = toml::from_str(text).map_err(|e| format!("sectors file: {e}"))?;
    if file.schema != 1 {
        return Err(format!("sectors file: schema {} is not 1", file.schema));
    }
    for (i, g) in file.groups.iter().enumerate() {
        let well_formed =
            !g.key.is_empty() && g.key.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        if !well_formed || g.key == ALL_GROUPS_KEY {
            return Err(format!("groups[{i}].key '{}' is not a usable key", g.key));
        }
        if file.groups[..i].iter().any(|o| o.key == g.key) {
            return Err(format!("groups[{i}].key '{}' is repeated", g.key));
        }
        if g.sector_names.is_empty() && g.sector_codes.is_empty() {
            return Err(format!("groups[{i}] names no sector"));
        }
    }
    Ok(file.groups)
}

/// The shipped groups (the file is checked by a test, so this does not fail).
pub fn shipped_sectors() -> Vec<SectorGroup> {
    parse_sectors(SECTORS).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_groups_are_land_construction_and_investment() {
        let groups = parse_sectors(SECTORS).unwrap();
        let keys: Vec<&str> = groups.iter().map(|g| g.key.as_str()).collect();
        assert_eq!(keys, ["land", "construction", "investment"]);
        assert!(groups[0].covers("Đất đai", None));
        assert!(groups[0].covers("  đất Đai ", None));
        assert!(!groups[0].covers("Hộ tịch", Some("G15-TP07")));
        assert!(groups[1].covers("Hoạt động xây dựng", None));
        assert!(groups[1].covers("Xây dựng (mã)", Some("G17-XD11")));
    }

    #[test]
    fn bad_files_are_refused() {
        let one = |key: &str, names: &str| {
            format!(
                "schema = 1\n[[groups]]\nkey = \"{key}\"\nname = \"X\"\nsector_names = {names}\n"
            )
        };
        assert!(parse_sectors(&one("land", "[\"Đất đai\"]")).is_ok());
        assert!(parse_sectors(&one("Land", "[\"Đất đai\"]")).is_err());
        assert!(parse_sectors(&one(ALL_GROUPS_KEY, "[\"Đất đai\"]")).is_err());
        assert!(parse_sectors(&one("land", "[]")).is_err());
        let twice = format!(
            "{}{}",
            one("land", "[\"A\"]"),
            &one("land", "[\"B\"]")[11..]
        );
        assert!(parse_sectors(&twice).unwrap_err().contains("repeated"));
        assert!(parse_sectors("schema = 2\ngroups = []").is_err());
    }
}
