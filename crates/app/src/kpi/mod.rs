//! Live dossier statistics and the QĐ 766 index: the server keeps
//! one [`cchc_domain::kpi::Aggregate`] of every dossier in memory ([`tail::LiveKpi`]), built
//! from the dossiers at start and kept current by tailing the change log that every dossier
//! write appends to (`cchc_store::kpi_changes`), so requests never scan dossiers.
//! [`live`] holds the functions pages and the API call; [`entered`] the figures entered by
//! hand; [`plan`] the reform plan's automatic
//! indicators; [`reception`] what a public-administration centre received, by competent
//! unit; [`scope`] cuts unit subtrees from the org units shared in
//! [`crate::App::org`].

pub mod drill;
pub mod entered;
pub mod live;
pub mod plan;
pub mod reception;
pub mod scope;
pub mod tail;

use std::sync::Arc;

/// The KPI part of the application state.
#[derive(Default)]
pub struct Kpi {
    /// The live aggregate.
    pub live: Arc<tail::LiveKpi>,
}
