//! Dossiers counted apart by the class of their procedure, besides their unit's totals: the
//! reform plan's sector groups and toàn trình procedures ([`crate::plan::auto`]) ask for the
//! figures of a set of procedures, which a unit's timeline cannot split.
//!
//! The caller numbers its classes and assigns procedures to them ([`ProcedureClasses`]); a
//! procedure of no class (class 0) is counted in its unit's totals only. Per unit, each class
//! with dossiers has a timeline of its own ([`UnitClasses`]), holding either the dossiers'
//! entries whole (every count of a window, [`Keep::Whole`]) or their receipts alone (the
//! counts received by channel, [`Keep::Receipts`], a third of the entries). A dossier of a
//! class is thus held twice: in its unit's timeline and in its class's. The classes are fixed
//! when the aggregate is created: a new assignment means a new aggregate.

use std::collections::HashMap;

use super::events::{CHANNELS, Entries, KINDS};
use super::facts::DossierFacts;
use super::timeline::Timeline;

/// A class number; 0 is "no class".
pub type ClassId = u16;

/// What the timeline of a class holds of its dossiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Every entry: every count of a window.
    Whole,
    /// The receipts alone: the counts received by channel, nothing else.
    Receipts,
}

/// The classes and the procedures assigned to them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProcedureClasses {
    of: HashMap<String, ClassId>,
    /// `keep[i]` is class `i + 1`'s.
    keep: Vec<Keep>,
}

impl ProcedureClasses {
    /// No class: every dossier is counted in its unit's totals only.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// A new class (numbered from 1), its dossiers kept as `keep` says.
    pub fn add_class(&mut self, keep: Keep) -> ClassId {
        self.keep.push(keep);
        ClassId::try_from(self.keep.len()).unwrap_or(ClassId::MAX)
    }

    /// Puts `procedure` in `class` (0 takes it out of any); an unknown class is ignored.
    pub fn assign(&mut self, procedure: impl Into<String>, class: ClassId) {
        if class == 0 {
            self.of.remove(&procedure.into());
        } else if self.keep(class).is_some() {
            self.of.insert(procedure.into(), class);
        }
    }

    /// The class of `procedure` (0 for none).
    #[must_use]
    pub fn class_of(&self, procedure: &str) -> ClassId {
        self.of.get(procedure).copied().unwrap_or(0)
    }

    /// What class `class` keeps; `None` for 0 and unknown numbers.
    #[must_use]
    pub fn keep(&self, class: ClassId) -> Option<Keep> {
        let i = usize::from(class).checked_sub(1)?;
        self.keep.get(i).copied()
    }

    /// The class of a dossier with entries `e` and what its class timeline holds of them.
    pub(crate) fn apart(&self, f: &DossierFacts, e: &Entries) -> Option<(ClassId, Entries)> {
        let class = self.class_of(&f.procedure);
        let held = match self.keep(class)? {
            Keep::Whole => *e,
            Keep::Receipts => e.masked(CHANNELS),
        };
        Some((class, held))
    }
}

/// A unit's class timelines, by class (a handful per unit, in class order).
#[derive(Debug, Clone, Default)]
pub(crate) struct UnitClasses(Vec<(ClassId, Timeline<KINDS>)>);

impl UnitClasses {
    /// Adds a dossier's entries to its class.
    pub(crate) fn add(&mut self, class: ClassId, entries: &Entries) {
        let i = match self.0.binary_search_by_key(&class, |c| c.0) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (class, Timeline::default()));
                i
            }
        };
        for &(t, mask) in entries.as_slice() {
            self.0[i].1.add(t, mask);
        }
    }

    /// Removes a dossier's entries from its class, or nothing when one is missing (`false`).
    pub(crate) fn remove(&mut self, class: ClassId, entries: &Entries) -> bool {
        let Ok(i) = self.0.binary_search_by_key(&class, |c| c.0) else {
            return entries.as_slice().is_empty();
        };
        if !self.0[i].1.remove_all(entries.as_slice()) {
            return false;
        }
        if self.0[i].1.is_empty() {
            self.0.remove(i);
        }
        true
    }

    /// Whether no class holds an entry.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of entries held.
    pub(crate) fn len(&self) -> usize {
        self.0.iter().map(|c| c.1.len()).sum()
    }

    /// The class timelines.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (ClassId, &Timeline<KINDS>)> {
        self.0.iter().map(|(c, t)| (*c, t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn procedures_are_assigned_to_known_classes_only() {
        let mut c = ProcedureClasses::new();
        let whole = c.add_class(Keep::Whole);
        let receipts = c.add_class(Keep::Receipts);
        assert_eq!((whole, receipts), (1, 2));
        c.assign("1.000001", whole);
        c.assign("1.000002", receipts);
        c.assign("1.000003", 9);
        assert_eq!(c.class_of("1.000001"), 1);
        assert_eq!(c.class_of("1.000002"), 2);
        assert_eq!(c.class_of("1.000003"), 0);
        assert_eq!(c.keep(2), Some(Keep::Receipts));
        assert_eq!((c.keep(0), c.keep(3)), (None, None));
        c.assign("1.000001", 0);
        assert_eq!(c.class_of("1.000001"), 0);
    }
}
