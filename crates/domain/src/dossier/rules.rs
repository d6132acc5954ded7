//! Rule sets by receipt date, their supplement policy and the numbering of the official forms
//! (domain.md §3.7, §5.3 item 5, §5.4, §14 items 1 and 3).

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

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

    /// Restart under NĐ 61/2018; Pause under NĐ 118/2025 (unconfirmed, domain.md §14 item 1).
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
    /// ngày" read as a working day, domain.md §14 item 9).
    #[must_use]
    pub const fn extension_notice_working_days(self) -> u32 {
        1
    }

    /// The circular whose forms apply.
    #[must_use]
    pub const fn forms_circular(self) -> &'static str {
        match self {
            RuleSet::Nd61_2018 => "TT 01/2018/TT-VPCP",
            RuleSet::Nd118_2025 | RuleSet::Nd118_2025Tt04 => "TT 03/2025/TT-VPCP",
        }
    }

    /// The official number of `form` under this rule set; `None` when the circular has no such
    /// form (the stop notice under TT 01/2018).
    #[must_use]
    pub fn form_number(self, form: Form) -> Option<FormNumber> {
        let number = match (self, form) {
            (RuleSet::Nd61_2018, Form::StopNotice) => return None,
            (RuleSet::Nd61_2018, Form::ControlSheet) => 5,
            (RuleSet::Nd61_2018, Form::Register) => 6,
            (_, Form::Receipt) => 1,
            (_, Form::SupplementRequest) => 2,
            (_, Form::Refusal) => 3,
            (_, Form::ApologyExtension) => 4,
            (_, Form::StopNotice) => 5,
            (_, Form::ControlSheet) => 6,
            (_, Form::Register) => 7,
        };
        Some(FormNumber {
            circular: self.forms_circular(),
            number,
        })
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

/// An official form, keyed by name; its number depends on the rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// Phiếu kiểm soát quá trình giải quyết hồ sơ (key `control_slip`, domain.md §5.4).
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

    /// The key used in URLs (`receipt`, …, `control_slip`, `register`).
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
}

impl FromStr for Form {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|f| f.key() == s || (s == "control_sheet" && *f == Form::ControlSheet))
            .ok_or_else(|| format!("unknown form '{s}'"))
    }
}

/// A form's number in a circular, e.g. Mẫu số 06 of TT 03/2025/TT-VPCP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct FormNumber {
    pub circular: &'static str,
    pub number: u8,
}

impl fmt::Display for FormNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mẫu số {:02} ({})", self.number, self.circular)
    }
}

#[cfg(test)]
mod tests {
    use super::{Form, RuleSet, SupplementPolicy};
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
    fn forms_are_numbered_by_the_circular_in_force() {
        let numbers = |r: RuleSet| -> Vec<Option<u8>> {
            Form::ALL
                .iter()
                .map(|f| r.form_number(*f).map(|n| n.number))
                .collect()
        };
        let old = [Some(1), Some(2), Some(3), Some(4), None, Some(5), Some(6)];
        let new = [
            Some(1),
            Some(2),
            Some(3),
            Some(4),
            Some(5),
            Some(6),
            Some(7),
        ];
        assert_eq!(numbers(RuleSet::Nd61_2018), old);
        assert_eq!(numbers(RuleSet::Nd118_2025), new);
        assert_eq!(numbers(RuleSet::Nd118_2025Tt04), new);
        let n = RuleSet::Nd118_2025.form_number(Form::ControlSheet).unwrap();
        assert_eq!(n.to_string(), "Mẫu số 06 (TT 03/2025/TT-VPCP)");
        let n = RuleSet::Nd61_2018.form_number(Form::ControlSheet).unwrap();
        assert_eq!(n.to_string(), "Mẫu số 05 (TT 01/2018/TT-VPCP)");
    }

    #[test]
    fn keys_and_identifiers_parse_back() {
        for f in Form::ALL {
            assert_eq!(f.key().parse::<Form>(), Ok(f));
            let json = serde_json::to_string(&f).unwrap();
            assert_eq!(json, format!("\"{}\"", f.key()));
        }
        assert_eq!("control_sheet".parse::<Form>(), Ok(Form::ControlSheet));
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
