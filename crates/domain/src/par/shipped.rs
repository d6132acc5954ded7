//! The criteria templates shipped in `data/par/` (provisional values, see its README).

/// The 2026 template of departments (sở, ban, ngành).
pub const DEPARTMENT_2026: &str = include_str!("../../../../data/par/2026-department.json");

/// The 2026 template of communes (xã, phường, đặc khu).
pub const COMMUNE_2026: &str = include_str!("../../../../data/par/2026-commune.json");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::exact::Dec;
    use crate::par::parse_template;

    #[test]
    fn shipped_templates_are_valid_and_score_out_of_100() {
        for (text, group) in [(DEPARTMENT_2026, "department"), (COMMUNE_2026, "commune")] {
            let t = parse_template(text).unwrap();
            assert_eq!(t.group, group);
            assert_eq!(t.items.len(), 8, "the eight areas of QĐ 876/QĐ-BNV");
            assert_eq!(t.total_max(), Dec::from_u64(100));
            assert!(t.leaves().iter().all(|l| l.extra["provisional"] == true));
        }
    }
}
