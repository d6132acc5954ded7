//! Dossier statistics in SQL: what the live KPI aggregate is built from and kept up with.
//!
//! - [`changes`]: the change log of statistics facts, numbered by commit, with the snapshot a
//!   live aggregate starts from;
//! - [`facts`]: the statistics facts of stored dossiers, for drill-downs and one-shot figures;
//! - [`reception`]: what a one-stop desk received, by competent unit;
//! - [`entered`]: the figures of the QĐ 766 index entered by hand.

pub mod changes;
pub mod entered;
pub mod facts;
pub mod reception;
