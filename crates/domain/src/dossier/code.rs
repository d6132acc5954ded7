//! The dossier code (mã hồ sơ) `{unit code}-{YYMMDD}-{NNNN}` (docs/DOMAIN.md § Dossier code).
//!
//! The counter is per unit and receipt date, starts at 1 and is written with at least four
//! digits (`0975`), with more once it passes 9999 (`12345`). Parsing accepts only the canonical
//! form, so `parse(format(c)) == c` and `format(parse(s)) == s`.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::org::UnitCode;

/// A dossier code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DossierCode {
    unit: UnitCode,
    date: NaiveDate,
    seq: u32,
}

impl DossierCode {
    /// A code for the `seq`-th dossier of `unit` on `date` (years 2000–2099, `seq` ≥ 1).
    pub fn new(unit: UnitCode, date: NaiveDate, seq: u32) -> Result<Self, String> {
        if !(2000..=2099).contains(&date.year()) {
            return Err(format!(
                "dossier code date {date}: YYMMDD covers the years 2000 to 2099"
            ));
        }
        if seq == 0 {
            return Err("dossier code counter: the daily counter starts at 1".to_owned());
        }
        Ok(Self { unit, date, seq })
    }

    /// Parses `H15.50.05.13-261008-0975`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let bad = |why: &str| {
            format!("dossier code '{s}': {why}; expected {{unit code}}-{{YYMMDD}}-{{NNNN}}")
        };
        let mut parts = s.rsplitn(3, '-');
        let (Some(seq), Some(date), Some(unit)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad("three parts separated by '-' are needed"));
        };
        if unit.trim() != unit {
            return Err(bad("the unit code has surrounding spaces"));
        }
        let unit = UnitCode::parse(unit).map_err(|e| bad(&e))?;
        let date = parse_yymmdd(date).ok_or_else(|| bad("the date is not a valid YYMMDD"))?;
        let seq = parse_seq(seq).ok_or_else(|| {
            bad("the counter must be 4 digits, or more without a leading zero, and not 0")
        })?;
        Self::new(unit, date, seq).map_err(|e| bad(&e))
    }

    /// The text before the counter in every code of `unit` on `date`: `H31.36-260301-`.
    #[must_use]
    pub fn day_prefix(unit: &UnitCode, date: NaiveDate) -> String {
        format!("{unit}-{}-", date.format("%y%m%d"))
    }

    /// The unit whose counter issued the code.
    #[must_use]
    pub fn unit(&self) -> &UnitCode {
        &self.unit
    }

    /// The date in the code (the receipt or submission date).
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The daily counter.
    #[must_use]
    pub fn seq(&self) -> u32 {
        self.seq
    }
}

fn parse_yymmdd(s: &str) -> Option<NaiveDate> {
    if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    let year = 2000 + i32::try_from(n(0..2)?).ok()?;
    NaiveDate::from_ymd_opt(year, n(2..4)?, n(4..6)?)
}

fn parse_seq(s: &str) -> Option<u32> {
    let canonical = s.len() == 4 || (s.len() > 4 && !s.starts_with('0'));
    if !canonical || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|n| *n > 0)
}

impl fmt::Display for DossierCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}-{:04}",
            self.unit,
            self.date.format("%y%m%d"),
            self.seq
        )
    }
}

impl FromStr for DossierCode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for DossierCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<DossierCode> for String {
    fn from(c: DossierCode) -> String {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::DossierCode;
    use crate::org::UnitCode;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    #[test]
    fn the_practice_example_parses() {
        let c = DossierCode::parse("H15.50.05.13-261008-0975").unwrap();
        assert_eq!(c.unit().as_str(), "H15.50.05.13");
        assert_eq!(c.date(), NaiveDate::from_ymd_opt(2026, 10, 8).unwrap());
        assert_eq!(c.seq(), 975);
        assert_eq!(c.to_string(), "H15.50.05.13-261008-0975");
    }

    #[test]
    fn the_counter_grows_past_four_digits() {
        let unit = UnitCode::parse("000.00.01.H31").unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 1, 25).unwrap();
        let c = DossierCode::new(unit, d, 12_345).unwrap();
        assert_eq!(c.to_string(), "000.00.01.H31-260125-12345");
        assert_eq!(DossierCode::parse(&c.to_string()), Ok(c));
    }

    #[test]
    fn non_canonical_codes_are_refused() {
        for s in [
            "H31-260125-975",
            "H31-260125-09750",
            "H31-260125-0000",
            "H31-260230-0001",
            "H31-2601250-0001",
            "h31-260125-0001",
            "H31-260125",
            "-260125-0001",
            " H31-260125-0001",
            "H31-260125-00a1",
        ] {
            assert!(DossierCode::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn a_code_is_its_day_prefix_then_its_counter() {
        let unit = UnitCode::parse("H31.36").unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let prefix = DossierCode::day_prefix(&unit, d);
        assert_eq!(prefix, "H31.36-260301-");
        for seq in [7, 12_345] {
            let c = DossierCode::new(unit.clone(), d, seq).unwrap().to_string();
            assert_eq!(c.strip_prefix(&prefix), Some(format!("{seq:04}").as_str()));
        }
    }

    #[test]
    fn serde_uses_the_text_form() {
        let c = DossierCode::parse("H31.36-260301-0001").unwrap();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(json, "\"H31.36-260301-0001\"");
        assert_eq!(serde_json::from_str::<DossierCode>(&json).unwrap(), c);
    }

    proptest! {
        #[test]
        fn format_then_parse_round_trips(
            groups in proptest::collection::vec("[0-9A-Z]{1,4}", 1..5),
            days in 0_u64..36_500,
            seq in 1_u32..=2_000_000,
        ) {
            let unit = UnitCode::parse(&groups.join(".")).unwrap();
            let date = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(days);
            let c = DossierCode::new(unit, date, seq).unwrap();
            let s = c.to_string();
            prop_assert!(s.rsplit('-').next().unwrap().len() >= 4);
            prop_assert_eq!(DossierCode::parse(&s), Ok(c));
        }
    }
}
