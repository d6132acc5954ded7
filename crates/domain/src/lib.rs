//! Pure domain model of cchc: org units, accounts and roles, audit chain, validation. No IO.

pub mod applicant;
pub mod audit;
pub mod auth;
pub mod base;
pub mod csv_header;
pub mod dossier;
pub mod forms;
pub mod indicator;
pub mod kpi;
pub mod mask;
pub mod names;
pub mod org;
pub mod org_import;
pub mod org_lineage;
pub mod org_tree;
pub mod par;
pub mod plan;
pub mod portal;
pub mod procedure;
pub mod report;
pub mod role;
pub mod text;

pub use org::{OrgKind, OrgUnit, UnitCode};
pub use role::Role;
