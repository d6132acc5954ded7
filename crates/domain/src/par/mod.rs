//! The PAR Index of the province's own units (Chỉ số CCHC of departments and communes, run
//! by Sở Nội vụ on the national method of QĐ 876/QĐ-BNV): criteria templates ([`template`]),
//! the scores of a campaign ([`scores`]) and the index, rank and band of each unit
//! ([`results`]). Pure: no IO. The rules and their sources are in docs/PAR.md.

pub mod results;
pub mod scores;
pub mod shipped;
pub mod template;

#[cfg(test)]
mod tests;

pub use results::{
    AreaResult, CampaignResults, LeafEntry, Score, UnitEntries, UnitResult, campaign_results,
    leaf_points,
};
pub use scores::{COLUMNS, LineProblem, ScoreRow, Stage, gather, parse_scores};
pub use template::{Band, Item, Method, Problem, Template, parse_template, validate};
