//! The annual administrative-reform plan (KH 204/KH-UBND of 23/12/2022 and its successors).
//!
//! A plan is data (`data/plan/*.toml`, docs/DOMAIN.md § Reform plan): its identity and legal bases, the
//! headline goals, six areas with their measurable targets and their tasks, the bodies of
//! section III with their items, and appendix tasks imported later. [`parse_plan`] reads and
//! validates a plan file; [`status`] holds the pure status and reminder rules.
//!
//! Every other decision on a stored plan is here too, as pure functions the store calls
//! between its reads and its writes: which value a figure takes ([`precedence`]), a plan's
//! status as of a day ([`evaluate`]), the cascade of unit plans and its roll-up ([`rollup`]),
//! the year rollover ([`rollover`]), what units report and its review ([`reporting`]), the
//! reminder job ([`remind`]) and the e-mail of its reminders ([`remind_mail`]).
//!
//! Labels are the document's own strings ("a", "đ", "l" twice …), never keys: every item has
//! a stable local id (`MT/2.a`, `NV/2.l#2`, `TC/5`) and a full id `<plan id>/<local id>`.

pub mod auto;
pub mod auto_agg;
pub mod base;
mod counts;
pub mod evaluate;
pub mod evidence;
mod labels;
mod parse;
mod parse_header;
mod parse_items;
pub mod precedence;
mod reader;
mod reference;
pub mod remind;
pub mod remind_mail;
pub mod reporting;
pub mod rollover;
pub mod rollup;
pub mod sectors;
pub mod status;
mod target;
mod task;

#[cfg(test)]
mod names_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests_invalid;
#[cfg(test)]
mod tests_shipped;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::org::UnitCode;

pub use counts::PlanCounts;
pub use labels::LABEL_LETTERS;
pub use parse::{parse_appendix, parse_plan};
pub use reference::PlanRef;
pub use target::{
    Baseline, Comparator, IndicatorId, IndicatorSource, MeasureUnit, Quantity, Scope, Target,
    Threshold,
};
pub use task::{Task, TaskTiming, UnitGroup, UnitRef};

/// One problem found in a plan file: where (a field path such as
/// `areas[2].targets[1].thresholds[0].value`) and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{path}: {message}")]
pub struct PlanProblem {
    pub path: String,
    pub message: String,
}

/// A plan as issued, with everything its text holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Stable id, e.g. `KH204-2023`; prefixes the full ids of the items.
    pub id: String,
    /// Number and symbol as printed, e.g. `204/KH-UBND`.
    pub number: String,
    pub title: String,
    /// Date of issue.
    pub date: NaiveDate,
    /// Place of issue as printed.
    pub place: String,
    /// The issuing unit (H31 for UBND tỉnh Hưng Yên) and its name.
    pub issuer: UnitCode,
    pub issuer_name: String,
    pub signer: Signer,
    /// The year the plan covers.
    pub year: i32,
    /// The deadline of a task whose text gives none (the year end).
    pub default_deadline: NaiveDate,
    /// The "Căn cứ …" clause.
    pub preamble: String,
    pub sections: Sections,
    pub legal_bases: Vec<LegalRef>,
    /// Ids (in `legal_bases`) of the plans this one carries out, e.g. KH 184/KH-UBND.
    pub parent_plans: Vec<String>,
    /// Other legal texts the items cite.
    pub references: Vec<LegalRef>,
    /// Section I.1 (Mục đích).
    pub purpose: String,
    /// Section I.2 (Yêu cầu).
    pub requirements: Vec<Item>,
    pub headline: Headline,
    pub areas: Vec<Area>,
    /// The sentence pointing to the appendix, e.g. "(Nhiệm vụ cụ thể theo Phụ lục đính kèm)."
    pub appendix_note: Option<String>,
    /// Section III: the bodies and their items.
    pub responsibilities: Vec<Body>,
    /// The closing paragraph.
    pub closing: Option<String>,
    /// Tasks of the appendix (empty until imported).
    pub appendix_tasks: Vec<Task>,
    /// Slips of the printed text, kept as printed and listed here.
    pub quirks: Vec<Quirk>,
}

/// Who signed, as printed under the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    pub name: String,
    /// e.g. "PHÓ CHỦ TỊCH".
    pub position: String,
    /// e.g. "TM. ỦY BAN NHÂN DÂN".
    pub on_behalf_of: Option<String>,
    /// e.g. "KT. CHỦ TỊCH".
    pub acting_for: Option<String>,
}

/// The section headings as printed (the document numbers two sections "II").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sections {
    pub purpose: String,
    pub targets: String,
    pub tasks: String,
    pub organisation: String,
}

/// A legal text the plan rests on or cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalRef {
    /// Stable id within the file, e.g. `KH-184-2021`.
    pub id: String,
    /// Kind as written: "Kế hoạch", "Nghị quyết", "Nghị định" …
    pub kind: String,
    /// Number and symbol as printed, e.g. `184/KH-UBND`.
    pub number: String,
    pub date: Option<NaiveDate>,
    pub issuer: String,
    pub title: Option<String>,
    /// Local ids of the items citing it (`CC` is the preamble, `MD` the purpose).
    pub cited_in: Vec<String>,
}

/// A paragraph of the text: a requirement or a body's item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Local id, e.g. `TC/3.a`.
    pub id: String,
    /// The label as printed; `None` for an unlabelled paragraph.
    pub label: Option<String>,
    pub text: String,
}

/// The overall objective of section II: the paragraph and its measurable goals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    pub text: String,
    pub goals: Vec<Target>,
}

/// One of the six reform areas, with its targets (section II) and tasks (the second "II").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Area {
    pub code: u8,
    /// The heading in "MỤC TIÊU".
    pub title: String,
    /// The heading in "NHIỆM VỤ, GIẢI PHÁP" (shorter for areas 2 and 3).
    pub task_title: String,
    /// The area's lead (chủ trì) per section III; the default lead of its tasks.
    pub lead_unit: UnitRef,
    pub targets: Vec<Target>,
    pub tasks: Vec<Task>,
}

/// A body of section III and what it must do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    pub number: u8,
    /// The heading as printed, without number and colon.
    pub name: String,
    /// The units it names (a unit code, or a group such as every district).
    pub units: Vec<UnitRef>,
    /// A lead-in sentence before the items.
    pub intro: Option<String>,
    pub items: Vec<Item>,
}

/// A slip of the printed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quirk {
    pub at: String,
    pub note: String,
}

/// `prefix + reference` unless the reference already starts with the prefix.
fn item_id(prefix: &str, reference: &str) -> String {
    let reference = reference.trim();
    if reference.starts_with(prefix) {
        reference.to_owned()
    } else {
        format!("{prefix}{reference}")
    }
}

/// A period, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// The calendar year `year`.
    pub fn year(year: i32) -> Option<Self> {
        Some(Self {
            start: NaiveDate::from_ymd_opt(year, 1, 1)?,
            end: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }
}

impl Plan {
    /// The period the plan covers: its calendar year.
    pub fn period(&self) -> Period {
        Period::year(self.year).unwrap_or(Period {
            start: self.date,
            end: self.default_deadline,
        })
    }

    /// The full id of an item: `KH204-2023/NV/2.l#2`.
    pub fn full_id(&self, local_id: &str) -> String {
        format!("{}/{local_id}", self.id)
    }

    /// Every target of the areas, in document order.
    pub fn targets(&self) -> impl Iterator<Item = &Target> {
        self.areas.iter().flat_map(|a| &a.targets)
    }

    /// Every task: the areas' in document order, then the appendix's.
    pub fn tasks(&self) -> impl Iterator<Item = &Task> {
        self.areas
            .iter()
            .flat_map(|a| &a.tasks)
            .chain(&self.appendix_tasks)
    }

    /// The area with code `code`.
    pub fn area(&self, code: u8) -> Option<&Area> {
        self.areas.iter().find(|a| a.code == code)
    }

    /// The target (or headline goal) named by its local id (`MT/2.a`, `MT/G.1`) or label
    /// (`2.a`, `G.1`), with its area (`None` for a headline goal).
    pub fn find_target(&self, reference: &str) -> Option<(Option<u8>, &Target)> {
        let id = item_id("MT/", reference);
        let goal = self.headline.goals.iter().find(|g| g.id == id);
        goal.map(|g| (None, g)).or_else(|| {
            self.areas.iter().find_map(|a| {
                a.targets
                    .iter()
                    .find(|t| t.id == id)
                    .map(|t| (Some(a.code), t))
            })
        })
    }

    /// The task named by its local id (`NV/2.l#2`, `PL/3`) or, for an area task, its
    /// `area.label` (`2.a`).
    pub fn find_task(&self, reference: &str) -> Option<&Task> {
        let id = if reference.starts_with("PL/") {
            reference.to_owned()
        } else {
            item_id("NV/", reference)
        };
        self.tasks().find(|t| t.id == id)
    }

    /// The parent plans as legal references.
    pub fn parent_plan_refs(&self) -> impl Iterator<Item = &LegalRef> {
        self.legal_bases
            .iter()
            .filter(|r| self.parent_plans.contains(&r.id))
    }
}
