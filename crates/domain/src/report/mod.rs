//! Periodic reporting (hệ thống thông tin báo cáo): report regimes as data, their periods,
//! due dates and internal due dates, typed values and the roll-up of a unit's subtree.
//! Pure: callers pass the working calendar, the org units and the stored values.

pub mod import;
pub mod period;
pub mod regime;
pub mod rollup;
pub mod value;

#[cfg(test)]
mod period_tests;

pub use period::{PeriodRef, ReportPeriod, period_of};
pub use regime::{Aggregation, Frequency, Indicator, Regime, Regimes, ValueType, Window};
pub use rollup::{IndicatorRollup, Rollup, StoredValue, rollup};
pub use value::{Value, parse_value};
#[cfg(test)]
mod rollup_tests;
