//! Dossier statistics in SQL: what the live KPI aggregate is built from and kept up with.
//!
//! - [`changes`]: the change log of statistics facts, numbered by commit, with the snapshot a
//!   live aggregate starts from;
//! - [`facts`]: the statistics facts of stored dossiers, for drill-downs and one-shot figures.

pub mod changes;
pub mod facts;
