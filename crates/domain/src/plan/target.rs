//! Targets: the verbatim text and its measurable part (indicator, comparator, thresholds).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A measurable target of the plan (or a headline goal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Local id, e.g. `MT/2.a` or `MT/G.1`.
    pub id: String,
    /// The label as printed (`a`, `đ` …); headline goals use `G.1` … of their own.
    pub label: String,
    /// The text, verbatim.
    pub text: String,
    /// Where it is measured (the whole province, or the tiers it names).
    pub scope: Vec<Scope>,
    /// The reference year the text compares with ("so với năm 2021"), if any.
    pub baseline: Option<Baseline>,
    /// What must hold; several when the text sets several figures.
    pub thresholds: Vec<Threshold>,
}

impl Target {
    /// The indicator of the first threshold: the one the target is shown by.
    pub fn indicator(&self) -> Option<&IndicatorId> {
        self.thresholds.first().map(|t| &t.indicator)
    }
}

/// One figure of a target: `indicator comparator value unit`, e.g. on-time ratio > 95 %.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Threshold {
    pub indicator: IndicatorId,
    pub comparator: Comparator,
    pub value: f64,
    pub unit: MeasureUnit,
    /// The tier this figure is for, when the text sets one figure per tier (area 6 b).
    pub scope: Option<Scope>,
    /// The upper end of a range the text gives ("từ 2 đến 5 bậc"); informative, not a cap.
    pub max: Option<f64>,
    /// The text only aims at it ("phấn đấu").
    pub aspirational: bool,
    /// The same figure in another unit, as the text gives it ("tương ứng 15 đơn vị").
    pub equivalent: Option<Quantity>,
}

/// A value with its unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: f64,
    pub unit: MeasureUnit,
}

/// The year a target compares with, and its value when known.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    pub year: i32,
    pub value: Option<f64>,
}

/// Enumerations spelled in data files by a fixed name.
pub(crate) trait Named: Sized + Copy + PartialEq + 'static {
    /// What the enumeration is called in messages.
    const WHAT: &'static str;
    /// Every value with its name.
    const NAMES: &'static [(&'static str, Self)];

    /// The name of `self`.
    fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, v)| *v == self)
            .map_or("", |(n, _)| n)
    }

    /// The value named `s`.
    fn from_name(s: &str) -> Result<Self, String> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == s)
            .map(|(_, v)| *v)
            .ok_or_else(|| {
                let known: Vec<&str> = Self::NAMES.iter().map(|(n, _)| *n).collect();
                format!(
                    "unknown {} '{s}'; expected one of {}",
                    Self::WHAT,
                    known.join(", ")
                )
            })
    }
}

/// How a measured value is compared with a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// strictly above ("trên 95%", "cao hơn", "tăng")
    Gt,
    /// at least ("tối thiểu", "ít nhất", "từ … trở lên", a plain "100%")
    Ge,
    /// strictly below
    Lt,
    /// at most (a rank "trong nhóm 20")
    Le,
    /// exactly
    Eq,
}

impl Named for Comparator {
    const WHAT: &'static str = "comparator";
    const NAMES: &'static [(&'static str, Self)] = &[
        ("gt", Self::Gt),
        ("ge", Self::Ge),
        ("lt", Self::Lt),
        ("le", Self::Le),
        ("eq", Self::Eq),
    ];
}

impl Comparator {
    /// Whether `value` satisfies `self threshold`.
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Self::Gt => value > threshold,
            Self::Ge => value >= threshold,
            Self::Lt => value < threshold,
            Self::Le => value <= threshold,
            Self::Eq => value == threshold,
        }
    }

    /// The symbol: `>`, `≥`, `<`, `≤`, `=`.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Gt => ">",
            Self::Ge => "≥",
            Self::Lt => "<",
            Self::Le => "≤",
            Self::Eq => "=",
        }
    }
}

/// The unit of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureUnit {
    /// a share, 0–100
    Percent,
    /// a difference of two shares
    PercentagePoints,
    /// public bodies or service units ("đơn vị")
    Organisations,
    /// persons ("viên chức", "người")
    People,
    /// staff posts ("biên chế")
    Posts,
    /// a place in a national ranking (1 is best)
    Rank,
    /// places gained in a ranking ("bậc")
    Places,
    /// index score points
    Points,
}

impl Named for MeasureUnit {
    const WHAT: &'static str = "unit";
    const NAMES: &'static [(&'static str, Self)] = &[
        ("percent", Self::Percent),
        ("percentage_points", Self::PercentagePoints),
        ("organisations", Self::Organisations),
        ("people", Self::People),
        ("posts", Self::Posts),
        ("rank", Self::Rank),
        ("places", Self::Places),
        ("points", Self::Points),
    ];
}

impl MeasureUnit {
    /// Every unit, in the order of [`Named::NAMES`].
    pub const ALL: [Self; 8] = [
        Self::Percent,
        Self::PercentagePoints,
        Self::Organisations,
        Self::People,
        Self::Posts,
        Self::Rank,
        Self::Places,
        Self::Points,
    ];

    /// The name it is written and stored by (`percent`, `rank` …).
    pub fn as_str(self) -> &'static str {
        self.name()
    }
}

crate::from_str_by_name!(MeasureUnit, "đơn vị đo");

/// Where a target is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// the province as a whole, every tier together
    Province,
    /// provincial-level bodies (cấp tỉnh)
    Provincial,
    /// district level (cấp huyện)
    District,
    /// commune level (cấp xã)
    Commune,
    /// each department (sở, ban, ngành) on its own
    Department,
}

impl Named for Scope {
    const WHAT: &'static str = "scope";
    const NAMES: &'static [(&'static str, Self)] = &[
        ("province", Self::Province),
        ("provincial", Self::Provincial),
        ("district", Self::District),
        ("commune", Self::Commune),
        ("department", Self::Department),
    ];
}

impl Scope {
    /// Every scope, in the order of [`Named::NAMES`].
    pub const ALL: [Self; 5] = [
        Self::Province,
        Self::Provincial,
        Self::District,
        Self::Commune,
        Self::Department,
    ];

    /// The name it is written and stored by (`provincial`, `district` …).
    pub fn as_str(self) -> &'static str {
        self.name()
    }
}

crate::from_str_by_name!(Scope, "cấp");

/// Where an indicator's values come from, read from its namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorSource {
    /// computed by cchc from its own data (`dossier.*`, `satisfaction.*`, `procedure.*` …)
    Auto,
    /// reported each period by the responsible unit, with evidence (`manual.*`)
    Reported,
    /// a published national index, entered by the PAR admin (`external.*`)
    External,
}

/// A stable indicator identifier: dot-separated segments of `a-z`, `0-9` and `_`, at least
/// two, e.g. `dossier.on_time_ratio`, `manual.work_files.online_share`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IndicatorId(String);

impl IndicatorId {
    /// Parses and validates an id.
    pub fn parse(s: &str) -> Result<Self, String> {
        let segments: Vec<&str> = s.split('.').collect();
        let well_formed = segments.len() >= 2
            && segments.iter().all(|seg| {
                !seg.is_empty()
                    && seg
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            });
        if well_formed {
            Ok(Self(s.to_owned()))
        } else {
            Err(format!(
                "indicator '{s}' must be dot-separated segments of a-z, 0-9 and _, at least two"
            ))
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Where its values come from.
    pub fn source(&self) -> IndicatorSource {
        match self.0.split('.').next() {
            Some("manual") => IndicatorSource::Reported,
            Some("external") => IndicatorSource::External,
            _ => IndicatorSource::Auto,
        }
    }
}

impl TryFrom<String> for IndicatorId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<IndicatorId> for String {
    fn from(id: IndicatorId) -> String {
        id.0
    }
}

impl fmt::Display for IndicatorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
