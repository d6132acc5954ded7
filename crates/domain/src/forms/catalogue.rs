//! The catalogue of one-stop forms: each keyed by a stable name, numbered by the circular of the
//! dossier's rule set. The numbers are data (`data/forms/numbering.toml`, with the circulars'
//! titles and what is unconfirmed); the code only reads them.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::dossier::RuleSet;

/// `data/forms/numbering.toml`.
pub const NUMBERING: &str = include_str!("../../../../data/forms/numbering.toml");

/// An official form, keyed by name; its number depends on the rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// Giấy tiếp nhận hồ sơ và hẹn trả kết quả.
    Receipt,
    /// Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.
    SupplementRequest,
    /// Phiếu từ chối tiếp nhận giải quyết hồ sơ.
    Refusal,
    /// Phiếu xin lỗi và hẹn lại ngày trả kết quả.
    ApologyExtension,
    /// Thông báo dừng giải quyết hồ sơ.
    StopNotice,
    /// Phiếu kiểm soát quá trình giải quyết hồ sơ (key `control_slip`, docs/DOMAIN.md § Forms).
    #[serde(rename = "control_slip", alias = "control_sheet")]
    ControlSheet,
    /// Sổ theo dõi hồ sơ.
    Register,
}

impl Form {
    /// Every form, in the order of TT 03/2025.
    pub const ALL: [Form; 7] = [
        Form::Receipt,
        Form::SupplementRequest,
        Form::Refusal,
        Form::ApologyExtension,
        Form::StopNotice,
        Form::ControlSheet,
        Form::Register,
    ];

    /// The key used in URLs and JSON (`receipt`, …, `control_slip`, `register`; docs/DOMAIN.md § Forms).
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Form::Receipt => "receipt",
            Form::SupplementRequest => "supplement_request",
            Form::Refusal => "refusal",
            Form::ApologyExtension => "apology_extension",
            Form::StopNotice => "stop_notice",
            Form::ControlSheet => "control_slip",
            Form::Register => "register",
        }
    }

    /// The short names also accepted in URLs (`supplement`, `apology`, `stop`, `control`).
    #[must_use]
    pub const fn aliases(self) -> &'static [&'static str] {
        match self {
            Form::Receipt | Form::Refusal | Form::Register => &[],
            Form::SupplementRequest => &["supplement"],
            Form::ApologyExtension => &["apology"],
            Form::StopNotice => &["stop"],
            Form::ControlSheet => &["control", "control_sheet"],
        }
    }

    /// The Vietnamese title.
    #[must_use]
    pub const fn title_vi(self) -> &'static str {
        match self {
            Form::Receipt => "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
            Form::SupplementRequest => "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
            Form::Refusal => "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
            Form::ApologyExtension => "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
            Form::StopNotice => "Thông báo dừng giải quyết hồ sơ",
            Form::ControlSheet => "Phiếu kiểm soát quá trình giải quyết hồ sơ",
            Form::Register => "Sổ theo dõi hồ sơ",
        }
    }

    /// The official number of this form under `rule_set`; `None` when its circular has no such
    /// form (the stop notice under TT 01/2018).
    #[must_use]
    pub fn number(self, rule_set: RuleSet) -> Option<FormNumber> {
        let c = numbering().for_rule_set(rule_set);
        c.numbers.get(self.key()).map(|n| FormNumber {
            circular: c.circular.as_str(),
            number: *n,
        })
    }
}

impl fmt::Display for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Form {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|f| f.key() == s || f.aliases().contains(&s))
            .ok_or_else(|| format!("unknown form '{s}'"))
    }
}

/// A form's number in a circular, e.g. Mẫu số 06 of TT 03/2025/TT-VPCP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct FormNumber {
    pub circular: &'static str,
    pub number: u8,
}

impl FormNumber {
    /// "Mẫu số 06".
    #[must_use]
    pub fn short(&self) -> String {
        format!("Mẫu số {:02}", self.number)
    }
}

impl fmt::Display for FormNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mẫu số {:02} ({})", self.number, self.circular)
    }
}

/// One circular's numbering, as in the data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Circular {
    /// "TT 03/2025/TT-VPCP".
    pub circular: String,
    pub issued: chrono::NaiveDate,
    /// The full title of the text.
    pub title: String,
    /// The rule sets whose dossiers use these numbers.
    pub rule_sets: Vec<RuleSet>,
    /// Whether the numbering is still to be checked against the official text.
    pub unconfirmed: bool,
    pub note: String,
    /// Form key → number.
    pub numbers: BTreeMap<String, u8>,
}

/// Every circular's numbering.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Numbering {
    pub circulars: Vec<Circular>,
}

impl Numbering {
    /// Parses and checks a numbering file: known form keys, numbers unique within a circular,
    /// every rule set covered exactly once.
    pub fn parse(text: &str) -> Result<Self, String> {
        let n: Numbering = toml::from_str(text).map_err(|e| e.to_string())?;
        for c in &n.circulars {
            let mut seen = Vec::new();
            for (key, number) in &c.numbers {
                if key.parse::<Form>().ok().map(Form::key) != Some(key.as_str()) {
                    return Err(format!("{}: unknown form key '{key}'", c.circular));
                }
                if seen.contains(number) {
                    return Err(format!("{}: number {number} used twice", c.circular));
                }
                seen.push(*number);
            }
        }
        for r in RuleSet::ALL {
            let count = n
                .circulars
                .iter()
                .filter(|c| c.rule_sets.contains(&r))
                .count();
            if count != 1 {
                return Err(format!("rule set {r} is covered by {count} circulars"));
            }
        }
        Ok(n)
    }

    /// The circular whose forms apply to dossiers of `rule_set`.
    #[must_use]
    pub fn for_rule_set(&self, rule_set: RuleSet) -> &Circular {
        self.circulars
            .iter()
            .find(|c| c.rule_sets.contains(&rule_set))
            .unwrap_or(&self.circulars[0])
    }
}

/// The shipped numbering, parsed once.
///
/// # Panics
/// If the embedded file is invalid, which the tests of this module rule out.
#[must_use]
pub fn numbering() -> &'static Numbering {
    static PARSED: OnceLock<Numbering> = OnceLock::new();
    PARSED.get_or_init(|| Numbering::parse(NUMBERING).expect("data/forms/numbering.toml is valid"))
}
