//! Which plan a command or a page names: the provincial plan of a year, a number as printed,
//! or a plan's id.

/// Which plan: the provincial plan of a year, a number as printed (`204/KH-UBND`), or a
/// plan's id (`KH204-2023`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanRef {
    Year(i32),
    Number(String),
    Key(String),
}

impl PlanRef {
    /// Reads `2023` as a year, `204/KH-UBND` as a number, anything else as an id.
    pub fn parse(s: &str) -> PlanRef {
        let s = s.trim();
        match s.parse::<i32>() {
            Ok(year) if s.len() == 4 => PlanRef::Year(year),
            _ if s.contains('/') => PlanRef::Number(s.to_owned()),
            _ => PlanRef::Key(s.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_digits_name_a_year_a_slash_a_number_anything_else_an_id() {
        assert_eq!(PlanRef::parse(" 2023 "), PlanRef::Year(2023));
        assert_eq!(
            PlanRef::parse("204/KH-UBND"),
            PlanRef::Number("204/KH-UBND".into())
        );
        assert_eq!(
            PlanRef::parse("KH204-2023"),
            PlanRef::Key("KH204-2023".into())
        );
        assert_eq!(PlanRef::parse("20230"), PlanRef::Key("20230".into()));
    }
}
