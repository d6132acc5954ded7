//! Dossier statistics and the QĐ 766 index over compact [`DossierFacts`], computed two ways
//! that must agree: a full pass ([`stats`], [`count`]; the reference) and an incremental
//! [`Aggregate`] updated one fact change at a time.
//!
//! # Incremental design
//!
//! Every figure of a window `[s, at]` (`at = min(T, end)`) is a difference of prefix counts
//! "entries of kind k at or before x", taken at `s − 1 s` and at `at`, because:
//!
//! - received in P by channel = R(at) − R(s⁻), finished in P by timeliness = F(at) − F(s⁻)
//!   (the KPI timeliness of a finished dossier never changes, so it is fixed at its end);
//! - carried over = R(s⁻) − F(s⁻) (an end never precedes its receipt); population =
//!   R(at) − F(s⁻); unfinished at `at` = R(at) − F(at);
//! - unfinished **within** the deadline at `at` = starts(at) − stops(at): as a function of time
//!   a dossier is "unfinished and within" on at most three intervals ([`events`]), whose
//!   bounds are entries too (the due time, extended by a completed supplement, the second
//!   request, the end). Overdue = unfinished − within. No set of open dossiers ordered by
//!   due time is needed: their due times are entries, so any past as-of is exact.
//! - the QĐ 766 counts follow the same pattern (flags counted at the receipt or at the end;
//!   a flag's count in the population is its receipts by `at` less its ends before `s`;
//!   5.4 by inclusion–exclusion of "late or overdue" and "dissatisfied").
//!
//! A dossier contributes 2–4 entries (its receipt, its end, the instants it stops being
//! within); one change removes the old ones and adds the new ones. Entries live per unit in a
//! [`timeline`] with year, month and day buckets of counters; a prefix sums the buckets
//! before `x` and scans the one day of `x`, so a query costs, per unit of the subtree, the
//! years before, up to 11 months, up to 30 days and the entries of one day: independent of
//! the number of dossiers. Distinct procedures (3.5 B and C, 4.5a) use, per unit and month,
//! the set of procedures with a receipt concerned ([`procedures`]): the sets of the whole
//! months of the window are united, the receipts of its partial first and last months scanned.
//! Dossiers of a procedure class chosen by the caller are held again in a timeline of their
//! class per unit ([`classes`]), for the counts of a set of procedures (the reform plan's
//! sector groups and toàn trình procedures).
//! The aggregate keeps no copy of the facts: removing or replacing takes the facts as they
//! were added (the store has them).

pub mod aggregate;
pub mod classes;
pub mod counts;
pub mod drill;
pub mod entered;
mod events;
pub mod exact;
pub mod facts;
mod from_dossier;
pub mod i766;
pub mod period;
pub mod portal_eval;
mod procedures;
pub mod reconcile;
pub mod stats;
mod sums;
mod timeline;

#[cfg(test)]
pub(crate) mod tests;

pub use aggregate::{Aggregate, Change, NotInAggregate};
pub use classes::{ClassId, Keep, ProcedureClasses};
pub use counts::{Counts, Digitisation, Scope, count};
pub use drill::{Loss, loss, losses};
pub use exact::{Dec, Ratio};
pub use facts::{DossierFacts, Flags, SupplementSpan};
pub use i766::{
    Definitions, GroupScore, IndicatorDef, ManualValue, ManualValues, Measure, MetricRow, Report,
    Tier, evaluate,
};
pub use period::{Period, PeriodError, Window, parse_as_of, parse_period};
pub use portal_eval::{PortalMetric, PortalUnit, ShapeError, parse_evaluation};
pub use reconcile::{Reconciliation, UnitCheck, check_unit};
pub use stats::{Stats, stats};
