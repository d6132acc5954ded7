//! What units report on the plan and how the PAR admin reviews it: a value per period (a
//! finite number over a period that does not end before it starts), progress on a task (a
//! share done of 0–100), and the review of a submitted value (approved, or returned with a
//! reason). Refusals are English sentences, like the other store refusals.

use serde::{Deserialize, Serialize};

use super::Period;

/// Where a reported value stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueState {
    Submitted,
    Approved,
    Returned,
}

impl ValueState {
    /// Every state, in the order a value goes through them.
    pub const ALL: [Self; 3] = [Self::Submitted, Self::Approved, Self::Returned];

    /// The name the state is stored and serialised by.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Approved => "approved",
            Self::Returned => "returned",
        }
    }
}

crate::from_str_by_name!(ValueState, "trạng thái số liệu");

/// The PAR admin's decision on a submitted value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Review {
    Approve,
    /// Returned to the unit with the reason.
    Return(String),
}

impl Review {
    /// The state a submitted value takes and the note kept with it; a return needs a reason.
    pub fn outcome(&self) -> Result<(ValueState, Option<String>), String> {
        match self {
            Review::Approve => Ok((ValueState::Approved, None)),
            Review::Return(reason) if reason.trim().is_empty() => {
                Err("a returned value needs a reason".into())
            }
            Review::Return(reason) => Ok((ValueState::Returned, Some(reason.clone()))),
        }
    }
}

/// Whether `value` over `period` may be reported.
pub fn check_value(value: f64, period: Period) -> Result<(), String> {
    if !value.is_finite() {
        return Err("the value must be a finite number".into());
    }
    if period.start > period.end {
        return Err(format!(
            "the period starts ({}) after it ends ({})",
            period.start, period.end
        ));
    }
    Ok(())
}

/// Whether a share done may be reported on a task.
pub fn check_percent(percent: Option<u8>) -> Result<(), String> {
    match percent {
        Some(p) if p > 100 => Err("the share done must be 0–100".into()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::plan::test_support::d;

    fn period(start: &str, end: &str) -> Period {
        Period {
            start: d(start),
            end: d(end),
        }
    }

    #[test]
    fn a_value_is_a_finite_number_over_a_period_in_order() {
        let half = period("2023-01-01", "2023-06-30");
        assert_eq!(check_value(62.5, half), Ok(()));
        assert_eq!(
            check_value(-3.0, period("2023-06-30", "2023-06-30")),
            Ok(())
        );
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(
                check_value(bad, half),
                Err("the value must be a finite number".into())
            );
        }
        assert_eq!(
            check_value(1.0, period("2023-06-30", "2023-01-01")),
            Err("the period starts (2023-06-30) after it ends (2023-01-01)".into())
        );
    }

    #[test]
    fn a_return_needs_a_reason_and_keeps_it() {
        assert_eq!(Review::Approve.outcome(), Ok((ValueState::Approved, None)));
        assert!(Review::Return(" \n".into()).outcome().is_err());
        let reason = "thiếu minh chứng".to_owned();
        assert_eq!(
            Review::Return(reason.clone()).outcome(),
            Ok((ValueState::Returned, Some(reason)))
        );
    }

    #[test]
    fn states_read_back_by_their_stored_names() {
        for s in ValueState::ALL {
            assert_eq!(s.as_str().parse::<ValueState>(), Ok(s));
            let json = serde_json::to_value(s).unwrap();
            assert_eq!(json.as_str(), Some(s.as_str()));
        }
        assert!("rejected".parse::<ValueState>().is_err());
    }

    proptest! {
        #[test]
        fn a_share_done_is_accepted_exactly_up_to_100(p in prop::option::of(0u8..=255)) {
            prop_assert_eq!(check_percent(p).is_ok(), p.is_none_or(|p| p <= 100));
        }
    }
}
