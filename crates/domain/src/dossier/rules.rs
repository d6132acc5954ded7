//! Rule sets by receipt date, their supplement policy and the numbering of the official forms
//! (docs/DOMAIN.md § Rule sets, § Supplements, § Forms); the numbers themselves are in
//! [`crate::forms`].

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::forms::{Form, FormNumber};

/// The legal texts in force for a dossier, chosen once by its receipt date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RuleSet {
    /// NĐ 61/2018/NĐ-CP (amended by NĐ 107/2021), forms of TT 01/2018/TT-VPCP: received until
    /// 30/6/2025.
    #[serde(rename = "ND61_2018")]
    Nd61_2018,
    /// NĐ 118/2025/NĐ-CP, forms of TT 03/2025/TT-VPCP: received from 01/7/2025.
    #[serde(rename = "ND118_2025")]
    Nd118_2025,
    /// NĐ 118/2025 with TT 04/2025/TT-VPCP (dossier code, DVCQG data contract): received from
    /// 25/01/2026.
    #[serde(rename = "ND118_2025_TT04")]
    Nd118_2025Tt04,
}

/// What a supplement does to the legal deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupplementPolicy {
    /// The full duration counts again from the supplement's completion (NĐ 61/2018).
    Restart,
    /// The clock stops while waiting: the due time moves by the working time of the wait.
    Pause,
}

impl RuleSet {
    /// Every rule set, oldest first.
    pub const ALL: [RuleSet; 3] = [
        RuleSet::Nd61_2018,
        RuleSet::Nd118_2025,
        RuleSet::Nd118_2025Tt04,
    ];

    /// The first receipt date the rule set applies to (`None`: from the beginning).
    #[must_use]
    pub fn in_force_from(self) -> Option<NaiveDate> {
        match self {
            RuleSet::Nd61_2018 => None,
            RuleSet::Nd118_2025 => NaiveDate::from_ymd_opt(2025, 7, 1),
            RuleSet::Nd118_2025Tt04 => NaiveDate::from_ymd_opt(2026, 1, 25),
        }
    }

    /// The rule set for a dossier received on `date`.
    #[must_use]
    pub fn for_receipt(date: NaiveDate) -> Self {
        Self::ALL
            .into_iter()
            .rev()
            .find(|r| r.in_force_from().is_none_or(|from| from <= date))
            .unwrap_or(RuleSet::Nd61_2018)
    }

    /// The stable identifier (`ND61_2018`, `ND118_2025`, `ND118_2025_TT04`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            RuleSet::Nd61_2018 => "ND61_2018",
            RuleSet::Nd118_2025 => "ND118_2025",
            RuleSet::Nd118_2025Tt04 => "ND118_2025_TT04",
        }
    }

    /// Restart under NĐ 61/2018; Pause under NĐ 118/2025 (unconfirmed, docs/DOMAIN.md § Rule sets).
    #[must_use]
    pub const fn supplement_policy(self) -> SupplementPolicy {
        match self {
            RuleSet::Nd61_2018 => SupplementPolicy::Restart,
            RuleSet::Nd118_2025 | RuleSet::Nd118_2025Tt04 => SupplementPolicy::Pause,
        }
    }

    /// Paper dossiers received after this time are forwarded at the start of the next working
    /// day: 15:00 under NĐ 61/2018 Điều 16 (unconfirmed verbatim); none known under NĐ 118.
    #[must_use]
    pub fn paper_forward_cutoff(self) -> Option<NaiveTime> {
        match self {
            RuleSet::Nd61_2018 => NaiveTime::from_hms_opt(15, 0, 0),
            RuleSet::Nd118_2025 | RuleSet::Nd118_2025Tt04 => None,
        }
    }

    /// Working days before the due time by which an apology-extension must be issued (1; "01
    /// ngày" read as a working day, unconfirmed: docs/DOMAIN.md § Extension with apology).
    #[must_use]
    pub const fn extension_notice_working_days(self) -> u32 {
        1
    }

    /// The circular whose forms apply (`data/forms/numbering.toml`).
    #[must_use]
    pub fn forms_circular(self) -> &'static str {
        crate::forms::numbering()
            .for_rule_set(self)
            .circular
            .as_str()
    }

    /// The official number of `form` under this rule set; `None` when the circular has no such
    /// form (the stop notice under TT 01/2018).
    #[must_use]
    pub fn form_number(self, form: Form) -> Option<FormNumber> {
        form.number(self)
    }
}

impl fmt::Display for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RuleSet {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s || (s == "ND118_2025+TT04" && *r == RuleSet::Nd118_2025Tt04))
            .ok_or_else(|| {
                format!("unknown rule set '{s}'; expected ND61_2018, ND118_2025 or ND118_2025_TT04")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::{RuleSet, SupplementPolicy};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_receipt_date_chooses_the_rule_set() {
        assert_eq!(RuleSet::for_receipt(d(2019, 1, 1)), RuleSet::Nd61_2018);
        assert_eq!(RuleSet::for_receipt(d(2025, 6, 30)), RuleSet::Nd61_2018);
        assert_eq!(RuleSet::for_receipt(d(2025, 7, 1)), RuleSet::Nd118_2025);
        assert_eq!(RuleSet::for_receipt(d(2026, 1, 24)), RuleSet::Nd118_2025);
        assert_eq!(
            RuleSet::for_receipt(d(2026, 1, 25)),
            RuleSet::Nd118_2025Tt04
        );
    }

    #[test]
    fn supplements_restart_under_nd61_and_pause_under_nd118() {
        assert_eq!(
            RuleSet::Nd61_2018.supplement_policy(),
            SupplementPolicy::Restart
        );
        assert_eq!(
            RuleSet::Nd118_2025.supplement_policy(),
            SupplementPolicy::Pause
        );
        assert_eq!(
            RuleSet::Nd118_2025Tt04.supplement_policy(),
            SupplementPolicy::Pause
        );
        assert!(RuleSet::Nd61_2018.paper_forward_cutoff().is_some());
        assert!(RuleSet::Nd118_2025.paper_forward_cutoff().is_none());
    }

    #[test]
    fn identifiers_parse_back() {
        for r in RuleSet::ALL {
            assert_eq!(r.as_str().parse::<RuleSet>(), Ok(r));
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{r}\""));
        }
        assert_eq!(
            "ND118_2025+TT04".parse::<RuleSet>(),
            Ok(RuleSet::Nd118_2025Tt04)
        );
    }
}
