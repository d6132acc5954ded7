//! Report regimes (chế độ báo cáo, NĐ 09/2019/NĐ-CP Điều 7) read from `data/report/regimes.toml`
//! and checked: kind, frequency, window convention, due-date rule, internal due dates per
//! reporting level, reporting and receiving units, data table and narrative outline.

use crate::org::{OrgKind, OrgUnit, UnitCode};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const EMBEDDED: &str = include_str!("../../../../data/report/regimes.toml");

/// Kind of report (NĐ 09/2019/NĐ-CP Điều 3): định kỳ, chuyên đề, đột xuất.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Periodic,
    Thematic,
    AdHoc,
}

/// How often a regime reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Month,
    Quarter,
    Half,
    /// Nine months (from the start of the year to the end of the third quarter).
    Q3,
    Year,
}

impl Frequency {
    /// How many periods a year has, numbered from 1.
    pub fn periods_per_year(self) -> u32 {
        match self {
            Frequency::Month => 12,
            Frequency::Quarter => 4,
            Frequency::Half => 2,
            Frequency::Q3 | Frequency::Year => 1,
        }
    }
}

/// Where a period's data starts and ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Data cut-off on the 15th of the month before the period through the 14th of its last
    /// month (NĐ 09/2019/NĐ-CP Điều 12).
    Cutoff1514,
    /// Calendar months: the 1st of the first month through the last day of the last month
    /// (statistical reports).
    Calendar,
}

impl<'de> Deserialize<'de> for Window {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match String::deserialize(d)?.as_str() {
            "cutoff_15_14" => Ok(Window::Cutoff1514),
            "calendar" => Ok(Window::Calendar),
            other => Err(serde::de::Error::custom(format!(
                "unknown window '{other}'; expected cutoff_15_14 or calendar"
            ))),
        }
    }
}

/// What happens to a due date that is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shift {
    NextWorkingDay,
    None,
}

/// The due date: `day` of the period's last month plus `month_offset` months (a day the month
/// lacks is its last day), then shifted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DueRule {
    pub day: u32,
    #[serde(default)]
    pub month_offset: u32,
    pub shift: Shift,
}

/// A reporting level and how many working days before the due date it must report.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InternalDue {
    pub level: Level,
    pub working_days_before: u32,
}

/// A group of reporting units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Sở, ban, ngành.
    Department,
    /// Xã, phường, đặc khu (and thị trấn before 1/7/2025).
    Commune,
    /// Huyện (before 1/7/2025).
    District,
}

impl Level {
    /// The stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Department => "department",
            Level::Commune => "commune",
            Level::District => "district",
        }
    }

    /// The level of a unit kind, if it reports at all.
    pub fn of(kind: OrgKind) -> Option<Level> {
        match kind {
            OrgKind::Department => Some(Level::Department),
            OrgKind::District => Some(Level::District),
            k if k.is_commune_level() => Some(Level::Commune),
            _ => None,
        }
    }
}

/// Who reports: units of the groups, and units listed by code.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Reporting {
    #[serde(default)]
    pub groups: Vec<Level>,
    #[serde(default)]
    pub units: Vec<UnitCode>,
}

/// Who receives the report.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Receiving {
    pub name: String,
    #[serde(default)]
    pub code: Option<UnitCode>,
}

/// The type of an indicator's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueType {
    Integer,
    Decimal,
    Percent,
    Text,
    YesNo,
}

/// How the values of units roll up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    Sum,
    Avg,
    Min,
    Max,
    /// The sum of one indicator over the sum of another (computed, never entered).
    Ratio,
    Text,
    None,
}

/// One indicator of the data table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub code: String,
    pub label: String,
    pub unit: String,
    #[serde(rename = "type")]
    pub value_type: ValueType,
    pub aggregation: Aggregation,
    /// Numerator and denominator of a ratio.
    #[serde(default)]
    pub ratio: Option<[String; 2]>,
    #[serde(default, deserialize_with = "decimal")]
    pub min: Option<Decimal>,
    #[serde(default, deserialize_with = "decimal")]
    pub max: Option<Decimal>,
    #[serde(default)]
    pub required: bool,
    /// The value must be a whole number (always for `integer`).
    #[serde(default)]
    pub integer: bool,
    /// The value may not exceed this other indicator's value of the same unit and period.
    #[serde(default)]
    pub not_above: Option<String>,
    /// Whether the official wording is confirmed.
    #[serde(default)]
    pub confirmed: bool,
}

impl Indicator {
    /// Whether the indicator is computed from others rather than entered.
    pub fn is_computed(&self) -> bool {
        self.aggregation == Aggregation::Ratio
    }
}

/// A bound written as a decimal string (`"0"`, `"100"`, `"0.5"`).
fn decimal<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    let text = String::deserialize(d)?;
    text.parse()
        .map(Some)
        .map_err(|_| serde::de::Error::custom(format!("'{text}' is not a decimal")))
}

/// One section of the narrative outline.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: String,
    pub items: Vec<String>,
    #[serde(default)]
    pub confirmed: bool,
}

/// A data table and outline shared by regimes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Content {
    pub code: String,
    pub legal_basis: String,
    pub outline: Vec<Section>,
    pub indicators: Vec<Indicator>,
}

/// One report regime, with its content resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regime {
    pub code: String,
    pub name: String,
    pub legal_basis: String,
    pub kind: Kind,
    pub frequency: Frequency,
    /// The period numbers reported (all of the year's when the file lists none).
    pub numbers: Vec<u32>,
    pub window: Window,
    pub due: DueRule,
    pub internal_due: Vec<InternalDue>,
    pub reporting: Reporting,
    pub receiving: Receiving,
    pub consolidating_unit: Option<UnitCode>,
    pub content: Content,
    pub unconfirmed: Vec<String>,
}

impl Regime {
    /// The indicator of that code.
    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.content.indicators.iter().find(|i| i.code == code)
    }

    /// Whether `unit` (as in force on `at`) is one of the regime's reporting units.
    pub fn reports(&self, unit: &OrgUnit, at: NaiveDate) -> bool {
        unit.valid_at(at)
            && (self.reporting.units.contains(&unit.code)
                || Level::of(unit.kind).is_some_and(|l| self.reporting.groups.contains(&l)))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegimeRow {
    code: String,
    name: String,
    legal_basis: String,
    kind: Kind,
    frequency: Frequency,
    #[serde(default)]
    numbers: Vec<u32>,
    window: Window,
    due: DueRule,
    #[serde(default)]
    internal_due: Vec<InternalDue>,
    reporting: Reporting,
    receiving_unit: Receiving,
    #[serde(default)]
    consolidating_unit: Option<UnitCode>,
    content: String,
    #[serde(default)]
    unconfirmed: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    contents: Vec<Content>,
    regimes: Vec<RegimeRow>,
}

/// Every regime of one version of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regimes {
    pub version: u32,
    pub regimes: BTreeMap<String, Regime>,
}

impl Regimes {
    /// The regimes shipped with cchc.
    pub fn embedded() -> Regimes {
        Regimes::parse(EMBEDDED).expect("data/report/regimes.toml is valid")
    }

    /// Reads and checks a regimes file.
    pub fn parse(text: &str) -> Result<Regimes, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut regimes = BTreeMap::new();
        for row in file.regimes {
            let content = file
                .contents
                .iter()
                .find(|c| c.code == row.content)
                .ok_or_else(|| format!("regime {}: unknown content '{}'", row.code, row.content))?
                .clone();
            let regime = resolve(row, content)?;
            if regimes.insert(regime.code.clone(), regime).is_some() {
                return Err("a regime code is listed twice".to_owned());
            }
        }
        Ok(Regimes {
            version: file.version,
            regimes,
        })
    }

    /// The regime of that code.
    pub fn get(&self, code: &str) -> Option<&Regime> {
        self.regimes.get(code)
    }
}

fn resolve(row: RegimeRow, content: Content) -> Result<Regime, String> {
    let per_year = row.frequency.periods_per_year();
    let numbers = if row.numbers.is_empty() {
        (1..=per_year).collect()
    } else {
        row.numbers
    };
    if numbers.iter().any(|n| *n == 0 || *n > per_year) {
        return Err(format!(
            "regime {}: a period number is out of 1..={per_year}",
            row.code
        ));
    }
    if !(1..=31).contains(&row.due.day) || row.due.month_offset > 12 {
        return Err(format!("regime {}: the due day must be 1..=31", row.code));
    }
    check_indicators(&row.code, &content.indicators)?;
    Ok(Regime {
        code: row.code,
        name: row.name,
        legal_basis: row.legal_basis,
        kind: row.kind,
        frequency: row.frequency,
        numbers,
        window: row.window,
        due: row.due,
        internal_due: row.internal_due,
        reporting: row.reporting,
        receiving: row.receiving_unit,
        consolidating_unit: row.consolidating_unit,
        content,
        unconfirmed: row.unconfirmed,
    })
}

fn check_indicators(regime: &str, list: &[Indicator]) -> Result<(), String> {
    let known = |c: &str| list.iter().find(|i| i.code == c);
    for (n, i) in list.iter().enumerate() {
        if list[..n].iter().any(|o| o.code == i.code) {
            return Err(format!(
                "regime {regime}: indicator {} is listed twice",
                i.code
            ));
        }
        let numeric = |c: &str| {
            known(c).is_some_and(|o| {
                !matches!(o.value_type, ValueType::Text | ValueType::YesNo) && !o.is_computed()
            })
        };
        match (&i.ratio, i.aggregation) {
            (Some([a, b]), Aggregation::Ratio) if numeric(a) && numeric(b) => {}
            (None, Aggregation::Ratio) | (Some(_), Aggregation::Ratio) => {
                return Err(format!(
                    "regime {regime}: ratio {} needs two entered numeric indicators",
                    i.code
                ));
            }
            (Some(_), _) => {
                return Err(format!(
                    "regime {regime}: {} has a ratio but is not one",
                    i.code
                ));
            }
            (None, _) => {}
        }
        if let Some(b) = &i.not_above
            && !numeric(b)
        {
            return Err(format!(
                "regime {regime}: {} is compared with {b}, unknown",
                i.code
            ));
        }
    }
    Ok(())
}
