//! The names of the plan's enumerations: `as_str` is the name the plan files, the store and
//! JSON use, and parses back through `FromStr`; anything else is refused.

use super::target::Named;
use super::{MeasureUnit, Scope};

/// `ALL` lists every value once, in the order of the names the plan files use.
fn same_names<T: Named + std::fmt::Debug>(all: &[T], as_str: fn(T) -> &'static str) {
    let named: Vec<(&str, T)> = all.iter().map(|v| (as_str(*v), *v)).collect();
    assert_eq!(named.len(), T::NAMES.len());
    for ((name, value), (expected_name, expected)) in named.iter().zip(T::NAMES) {
        assert_eq!((name, value), (expected_name, expected));
    }
}

#[test]
fn tiers_are_named_as_in_plan_files_and_json() {
    same_names(&Scope::ALL, Scope::as_str);
    for tier in Scope::ALL {
        let json = serde_json::to_value(tier).unwrap();
        assert_eq!(json.as_str(), Some(tier.as_str()));
        assert_eq!(tier.as_str().parse::<Scope>(), Ok(tier));
    }
    let unknown = "galaxy".parse::<Scope>().unwrap_err();
    assert_eq!((unknown.what, unknown.text.as_str()), ("cấp", "galaxy"));
}

#[test]
fn measure_units_are_named_as_in_plan_files_and_json() {
    same_names(&MeasureUnit::ALL, MeasureUnit::as_str);
    for unit in MeasureUnit::ALL {
        let json = serde_json::to_value(unit).unwrap();
        assert_eq!(json.as_str(), Some(unit.as_str()));
        assert_eq!(unit.as_str().parse::<MeasureUnit>(), Ok(unit));
    }
    assert!("percents".parse::<MeasureUnit>().is_err());
}
