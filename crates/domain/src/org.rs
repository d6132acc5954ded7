//! Effective-dated organisation units with their electronic codes (QĐ 20/2020/QĐ-TTg).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The kind of an organisation unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// Tỉnh / thành phố trực thuộc trung ương.
    Province,
    /// Sở, ban, ngành.
    Department,
    /// Huyện, thị xã, thành phố thuộc tỉnh (until 30/6/2025).
    District,
    /// Xã.
    Commune,
    /// Phường.
    Ward,
    /// Thị trấn (until 30/6/2025).
    Township,
    /// Đặc khu.
    SpecialZone,
    /// Trung tâm phục vụ hành chính công.
    ServiceCenter,
    /// Any other body (ban chỉ đạo, báo, đài …).
    Other,
}

impl OrgKind {
    /// Every kind, in the order of the identifiers list.
    pub const ALL: [OrgKind; 9] = [
        OrgKind::Province,
        OrgKind::Department,
        OrgKind::District,
        OrgKind::Commune,
        OrgKind::Ward,
        OrgKind::Township,
        OrgKind::SpecialZone,
        OrgKind::ServiceCenter,
        OrgKind::Other,
    ];

    /// The stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Province => "province",
            OrgKind::Department => "department",
            OrgKind::District => "district",
            OrgKind::Commune => "commune",
            OrgKind::Ward => "ward",
            OrgKind::Township => "township",
            OrgKind::SpecialZone => "special_zone",
            OrgKind::ServiceCenter => "service_center",
            OrgKind::Other => "other",
        }
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            OrgKind::Province => "tỉnh",
            OrgKind::Department => "sở, ban, ngành",
            OrgKind::District => "huyện, thị xã, thành phố",
            OrgKind::Commune => "xã",
            OrgKind::Ward => "phường",
            OrgKind::Township => "thị trấn",
            OrgKind::SpecialZone => "đặc khu",
            OrgKind::ServiceCenter => "trung tâm phục vụ hành chính công",
            OrgKind::Other => "cơ quan, đơn vị khác",
        }
    }

    /// Whether the unit is at commune level (xã, phường, thị trấn, đặc khu).
    pub fn is_commune_level(self) -> bool {
        matches!(
            self,
            OrgKind::Commune | OrgKind::Ward | OrgKind::Township | OrgKind::SpecialZone
        )
    }
}

impl fmt::Display for OrgKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OrgKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrgKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let known: Vec<&str> = OrgKind::ALL.iter().map(|k| k.as_str()).collect();
                format!("unknown kind '{s}'; expected one of {}", known.join(", "))
            })
    }
}

/// An agency electronic code: up to 35 characters of digits, A–Z and dots, groups read left
/// to right, the first group a level-1 code `MX1X2` (QĐ 20/2020/QĐ-TTg Điều 4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct UnitCode(String);

impl UnitCode {
    /// Parses and validates a code.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s.is_empty() || s.len() > 35 {
            return Err(format!("unit code '{s}' must have 1 to 35 characters"));
        }
        if !s
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.')
        {
            return Err(format!(
                "unit code '{s}' may hold only digits, A–Z and dots"
            ));
        }
        if s.split('.').any(str::is_empty) {
            return Err(format!("unit code '{s}' has an empty group"));
        }
        Ok(UnitCode(s.to_owned()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for UnitCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        UnitCode::parse(&s)
    }
}

impl From<UnitCode> for String {
    fn from(c: UnitCode) -> String {
        c.0
    }
}

impl fmt::Display for UnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One organisation unit over one validity interval (both ends inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgUnit {
    pub code: UnitCode,
    pub name: String,
    pub kind: OrgKind,
    pub parent_code: Option<UnitCode>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub successor_code: Option<UnitCode>,
    pub legal_basis: Option<String>,
    pub provisional: bool,
}

impl OrgUnit {
    /// Whether the unit is in force on `date`.
    pub fn valid_at(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|to| date <= to)
    }

    /// Whether this unit's validity overlaps another interval.
    pub fn overlaps(&self, from: NaiveDate, to: Option<NaiveDate>) -> bool {
        let ends_before = |end: Option<NaiveDate>, start: NaiveDate| end.is_some_and(|e| e < start);
        !(ends_before(self.valid_to, from) || ends_before(to, self.valid_from))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_qd_20_2020() {
        assert!(UnitCode::parse("H31").is_ok());
        assert!(UnitCode::parse("H15.50.05.13").is_ok());
        assert!(UnitCode::parse("000.00.00.H30").is_ok());
        assert!(UnitCode::parse("h31").is_err());
        assert!(UnitCode::parse("H31..2").is_err());
        assert!(UnitCode::parse(&"H".repeat(36)).is_err());
    }

    #[test]
    fn kinds_round_trip() {
        for k in OrgKind::ALL {
            assert_eq!(k.as_str().parse::<OrgKind>(), Ok(k));
        }
        assert!("huyen".parse::<OrgKind>().is_err());
    }

    #[test]
    fn validity_is_inclusive() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let unit = OrgUnit {
            code: UnitCode::parse("H31.D323").unwrap(),
            name: "Thành phố Hưng Yên".into(),
            kind: OrgKind::District,
            parent_code: None,
            valid_from: d("2020-01-01"),
            valid_to: Some(d("2025-06-30")),
            successor_code: None,
            legal_basis: None,
            provisional: true,
        };
        assert!(unit.valid_at(d("2025-06-30")));
        assert!(!unit.valid_at(d("2025-07-01")));
        assert!(unit.overlaps(d("2025-06-30"), None));
        assert!(!unit.overlaps(d("2025-07-01"), None));
        assert!(!unit.overlaps(d("2010-01-01"), Some(d("2019-12-31"))));
    }
}
