//! What the tests of the plan rules share: the shipped plan, dates, the national calendar and
//! approved reports held in memory.

use std::sync::OnceLock;

use cchc_calendar::WorkCalendar;
use chrono::NaiveDate;

use super::precedence::Approved;
use super::{IndicatorId, Period, Plan, Scope};

/// The shipped plan, KH 204/KH-UBND (2023).
pub fn shipped() -> Plan {
    super::tests_shipped::plan()
}

/// A date from ISO text.
pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The national working calendar, built once.
pub fn cal() -> &'static WorkCalendar {
    static CAL: OnceLock<WorkCalendar> = OnceLock::new();
    CAL.get_or_init(|| WorkCalendar::national().unwrap())
}

/// An indicator id.
pub fn id(s: &str) -> IndicatorId {
    IndicatorId::parse(s).unwrap()
}

/// An approved report held in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub indicator: IndicatorId,
    pub unit: String,
    pub tier: Option<Scope>,
    pub period: Period,
    pub value: f64,
}

impl Approved for Report {
    fn indicator(&self) -> &IndicatorId {
        &self.indicator
    }
    fn scope_unit(&self) -> &str {
        &self.unit
    }
    fn tier(&self) -> Option<Scope> {
        self.tier
    }
    fn period(&self) -> Period {
        self.period
    }
    fn value(&self) -> f64 {
        self.value
    }
}

/// An approved report about H31 for `start..=end`.
pub fn report(indicator: &str, tier: Option<Scope>, start: &str, end: &str, value: f64) -> Report {
    Report {
        indicator: id(indicator),
        unit: "H31".into(),
        tier,
        period: Period {
            start: d(start),
            end: d(end),
        },
        value,
    }
}
