//! Dossier statuses with the national portal's codes (DVCQG `TrangThaiHoSo`, docs/DOMAIN.md § Statuses).
//!
//! The two statuses without a numeric code (`interoperating`, `posting`) are not modelled:
//! hand-offs between units stay in `Processing` as steps, and a return is one action.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The status of a dossier; serialised with the internal name (`submitted`, `received`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 1 Mới đăng ký — `receiving`.
    Submitted,
    /// 2 Được tiếp nhận — `new`.
    Received,
    /// 3 Không được tiếp nhận — `denied`.
    Refused,
    /// 4 Đang xử lý — `processing`.
    Processing,
    /// 5 Yêu cầu bổ sung giấy tờ — `waiting`.
    AwaitingSupplement,
    /// 6 Yêu cầu thực hiện nghĩa vụ tài chính — `paying`.
    AwaitingPayment,
    /// 7 Công dân yêu cầu rút hồ sơ — `cancelled`.
    Withdrawn,
    /// 8 Dừng xử lý — `unresolved`.
    Stopped,
    /// 9 Đã xử lý xong — `releasing`.
    Resolved,
    /// 10 Đã trả kết quả — `done`.
    Returned,
}

impl Status {
    /// Every status, in code order.
    pub const ALL: [Status; 10] = [
        Status::Submitted,
        Status::Received,
        Status::Refused,
        Status::Processing,
        Status::AwaitingSupplement,
        Status::AwaitingPayment,
        Status::Withdrawn,
        Status::Stopped,
        Status::Resolved,
        Status::Returned,
    ];

    /// The DVCQG numeric code, 1–10.
    #[must_use]
    pub const fn code(self) -> u8 {
        match self {
            Status::Submitted => 1,
            Status::Received => 2,
            Status::Refused => 3,
            Status::Processing => 4,
            Status::AwaitingSupplement => 5,
            Status::AwaitingPayment => 6,
            Status::Withdrawn => 7,
            Status::Stopped => 8,
            Status::Resolved => 9,
            Status::Returned => 10,
        }
    }

    /// The status of a numeric code.
    #[must_use]
    pub fn from_code(code: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The DVCQG English code.
    #[must_use]
    pub const fn dvcqg_code(self) -> &'static str {
        match self {
            Status::Submitted => "receiving",
            Status::Received => "new",
            Status::Refused => "denied",
            Status::Processing => "processing",
            Status::AwaitingSupplement => "waiting",
            Status::AwaitingPayment => "paying",
            Status::Withdrawn => "cancelled",
            Status::Stopped => "unresolved",
            Status::Resolved => "releasing",
            Status::Returned => "done",
        }
    }

    /// The status of a DVCQG English code.
    #[must_use]
    pub fn from_dvcqg_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.dvcqg_code() == code)
    }

    /// The internal name (also the serialised form).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::Received => "received",
            Status::Refused => "refused",
            Status::Processing => "processing",
            Status::AwaitingSupplement => "awaiting_supplement",
            Status::AwaitingPayment => "awaiting_payment",
            Status::Withdrawn => "withdrawn",
            Status::Stopped => "stopped",
            Status::Resolved => "resolved",
            Status::Returned => "returned",
        }
    }

    /// The Vietnamese label of the national portal.
    #[must_use]
    pub const fn label_vi(self) -> &'static str {
        match self {
            Status::Submitted => "Mới đăng ký",
            Status::Received => "Được tiếp nhận",
            Status::Refused => "Không được tiếp nhận",
            Status::Processing => "Đang xử lý",
            Status::AwaitingSupplement => "Yêu cầu bổ sung giấy tờ",
            Status::AwaitingPayment => "Yêu cầu thực hiện nghĩa vụ tài chính",
            Status::Withdrawn => "Công dân yêu cầu rút hồ sơ",
            Status::Stopped => "Dừng xử lý",
            Status::Resolved => "Đã xử lý xong",
            Status::Returned => "Đã trả kết quả",
        }
    }

    /// An English label for messages.
    #[must_use]
    pub const fn label_en(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::Received => "received",
            Status::Refused => "refused",
            Status::Processing => "being processed",
            Status::AwaitingSupplement => "awaiting a supplement",
            Status::AwaitingPayment => "awaiting payment",
            Status::Withdrawn => "withdrawn by the applicant",
            Status::Stopped => "stopped",
            Status::Resolved => "resolved",
            Status::Returned => "returned",
        }
    }

    /// Whether the status ends the dossier for QĐ 766 indicator 2.1 (a withdrawal only counts
    /// when the dossier had been received).
    #[must_use]
    pub const fn is_terminal_for_kpi(self, was_received: bool) -> bool {
        match self {
            Status::Refused | Status::Stopped | Status::Resolved | Status::Returned => true,
            Status::Withdrawn => was_received,
            _ => false,
        }
    }

    /// Whether no further action is possible except those on a result (`Resolved` may still be
    /// paid and returned).
    #[must_use]
    pub const fn is_closed(self) -> bool {
        matches!(
            self,
            Status::Refused | Status::Withdrawn | Status::Stopped | Status::Returned
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = String;

    /// Accepts the internal name, the DVCQG English code or the numeric code.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == s || x.dvcqg_code() == s)
            .or_else(|| s.parse().ok().and_then(Self::from_code))
            .ok_or_else(|| format!("unknown dossier status '{s}'"))
    }
}

#[cfg(test)]
mod tests {
    use super::Status;

    #[test]
    fn codes_labels_and_english_codes_follow_the_portal() {
        let table: Vec<(u8, &str, &str)> = Status::ALL
            .iter()
            .map(|s| (s.code(), s.dvcqg_code(), s.label_vi()))
            .collect();
        assert_eq!(
            table,
            [
                (1, "receiving", "Mới đăng ký"),
                (2, "new", "Được tiếp nhận"),
                (3, "denied", "Không được tiếp nhận"),
                (4, "processing", "Đang xử lý"),
                (5, "waiting", "Yêu cầu bổ sung giấy tờ"),
                (6, "paying", "Yêu cầu thực hiện nghĩa vụ tài chính"),
                (7, "cancelled", "Công dân yêu cầu rút hồ sơ"),
                (8, "unresolved", "Dừng xử lý"),
                (9, "releasing", "Đã xử lý xong"),
                (10, "done", "Đã trả kết quả"),
            ]
        );
    }

    #[test]
    fn every_form_parses_back() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
            assert_eq!(Status::from_dvcqg_code(s.dvcqg_code()), Some(s));
            assert_eq!(s.as_str().parse::<Status>(), Ok(s));
            assert_eq!(s.dvcqg_code().parse::<Status>(), Ok(s));
            assert_eq!(s.code().to_string().parse::<Status>(), Ok(s));
        }
        assert!("0".parse::<Status>().is_err());
        assert!(Status::from_code(11).is_none());
    }

    #[test]
    fn withdrawal_is_terminal_only_after_receipt() {
        assert!(Status::Withdrawn.is_terminal_for_kpi(true));
        assert!(!Status::Withdrawn.is_terminal_for_kpi(false));
        assert!(!Status::Processing.is_terminal_for_kpi(true));
    }
}
