//! The incremental aggregate: per unit, a [`Timeline`] of the dossiers' entries
//! ([`super::events`]) and the receipts of dossiers with fee data, paid online or connected to
//! citizen data by month ([`super::procedures`], for the distinct-procedure counts of 3.5 and
//! 4.5a). A change of one dossier's facts removes its old entries and adds its new ones (only
//! those that differ, for a replacement); a query reads two prefix sums and the procedure sets
//! of the months of the window per unit of the subtree. Dossiers of a procedure class are also
//! held in their unit's timeline of that class ([`super::classes`]), for the counts of a set
//! of classes.

use std::collections::HashMap;

use super::classes::{ClassId, Keep, ProcedureClasses, UnitClasses};
use super::counts::{Counts, Scope};
use super::events::{Entries, KINDS, entries};
use super::facts::DossierFacts;
use super::period::{Window, secs};
use super::procedures::{IdSet, MARKS, UnitProcedures};
use super::stats::Stats;
use super::sums::Sums;
use super::timeline::Timeline;

/// A change of one dossier's facts.
#[derive(Debug, Clone, Copy)]
pub enum Change<'a> {
    Insert(&'a DossierFacts),
    Replace {
        old: &'a DossierFacts,
        new: &'a DossierFacts,
    },
    Remove(&'a DossierFacts),
}

/// The facts to remove were never added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the aggregate holds no facts of dossier {0} as given: nothing was changed")]
pub struct NotInAggregate(pub String);

/// Statistics kept up to date fact by fact.
#[derive(Debug, Clone, Default)]
pub struct Aggregate {
    units: HashMap<String, UnitAgg>,
    /// Procedure codes, interned (never removed: a few thousand at most).
    procedure_ids: HashMap<String, u32>,
    /// The procedure classes counted apart.
    classes: ProcedureClasses,
}

#[derive(Debug, Clone, Default)]
struct UnitAgg {
    timeline: Timeline<KINDS>,
    procedures: UnitProcedures,
    classes: UnitClasses,
}

impl UnitAgg {
    fn is_empty(&self) -> bool {
        self.timeline.is_empty() && self.procedures.is_empty() && self.classes.is_empty()
    }
}

/// The marks of a dossier's receipt (bit k of [`MARKS`]): fee data, paid online, citizen data.
fn procedure_marks(f: &DossierFacts) -> u8 {
    u8::from(f.flags.fee)
        | u8::from(f.flags.paid_online) << 1
        | u8::from(f.flags.citizen_data()) << 2
}

/// What a dossier adds: its timeline entries and, when marked, its procedure receipt.
struct Parts {
    entries: Entries,
    receipt: Option<(i64, u8)>,
}

fn parts(f: &DossierFacts) -> Option<Parts> {
    let received = secs(f.received_at?);
    let marks = procedure_marks(f);
    Some(Parts {
        entries: entries(f),
        receipt: (marks != 0).then_some((received, marks)),
    })
}

impl Aggregate {
    /// An empty aggregate.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty aggregate that also counts the dossiers of each of `classes` apart.
    #[must_use]
    pub fn with_classes(classes: ProcedureClasses) -> Self {
        Self {
            classes,
            ..Self::default()
        }
    }

    /// The procedure classes counted apart.
    #[must_use]
    pub fn classes(&self) -> &ProcedureClasses {
        &self.classes
    }

    /// The aggregate of `facts`.
    #[must_use]
    pub fn from_facts<'a>(facts: impl IntoIterator<Item = &'a DossierFacts>) -> Self {
        Self::new().inserted(facts)
    }

    /// This aggregate with `facts` added.
    #[must_use]
    pub fn inserted<'a>(mut self, facts: impl IntoIterator<Item = &'a DossierFacts>) -> Self {
        for f in facts {
            self.insert(f);
        }
        self
    }

    /// Applies one change.
    pub fn apply(&mut self, change: Change<'_>) -> Result<(), NotInAggregate> {
        match change {
            Change::Insert(f) => {
                self.insert(f);
                Ok(())
            }
            Change::Replace { old, new } => self.replace(old, new),
            Change::Remove(f) => self.remove(f),
        }
    }

    fn procedure_id(&mut self, code: &str) -> u32 {
        if let Some(id) = self.procedure_ids.get(code) {
            return *id;
        }
        let id = u32::try_from(self.procedure_ids.len()).unwrap_or(u32::MAX);
        self.procedure_ids.insert(code.to_owned(), id);
        id
    }

    fn unit_mut(&mut self, code: &str) -> &mut UnitAgg {
        if !self.units.contains_key(code) {
            self.units.insert(code.to_owned(), UnitAgg::default());
        }
        self.units
            .get_mut(code)
            .expect("the unit was inserted just above")
    }

    /// Adds a dossier's facts.
    pub fn insert(&mut self, f: &DossierFacts) {
        let apart = parts(f).and_then(|p| self.classes.apart(f, &p.entries));
        if let Some((class, entries)) = apart {
            self.unit_mut(&f.unit).classes.add(class, &entries);
        }
        self.insert_counted(f);
    }

    /// Adds a dossier's facts to its unit's timeline and procedure receipts.
    fn insert_counted(&mut self, f: &DossierFacts) {
        let Some(p) = parts(f) else {
            return;
        };
        let id = p.receipt.map(|_| self.procedure_id(&f.procedure));
        let unit = self.unit_mut(&f.unit);
        for &(t, mask) in p.entries.as_slice() {
            unit.timeline.add(t, mask);
        }
        if let (Some(id), Some((t, marks))) = (id, p.receipt) {
            unit.procedures.add(id, t, marks);
        }
    }

    /// Removes a dossier's facts, exactly as they were added.
    pub fn remove(&mut self, f: &DossierFacts) -> Result<(), NotInAggregate> {
        self.without_class_part(f, |a| a.remove_counted(f))
    }

    /// Takes `f`'s entries out of its class timeline, runs `change`, and puts them back when it
    /// fails (so that a failed change changes nothing).
    fn without_class_part(
        &mut self,
        f: &DossierFacts,
        change: impl FnOnce(&mut Self) -> Result<(), NotInAggregate>,
    ) -> Result<(), NotInAggregate> {
        let apart = parts(f).and_then(|p| self.classes.apart(f, &p.entries));
        if let Some((class, entries)) = &apart {
            let removed = self
                .units
                .get_mut(&f.unit)
                .is_some_and(|u| u.classes.remove(*class, entries));
            if !removed {
                return Err(NotInAggregate(f.code.clone()));
            }
        }
        let done = change(self);
        if let (Err(_), Some((class, entries))) = (&done, &apart) {
            self.unit_mut(&f.unit).classes.add(*class, entries);
        }
        done
    }

    /// Removes a dossier's facts from its unit's timeline and procedure receipts.
    fn remove_counted(&mut self, f: &DossierFacts) -> Result<(), NotInAggregate> {
        let Some(p) = parts(f) else {
            return Ok(());
        };
        let missing = || NotInAggregate(f.code.clone());
        let id = match p.receipt {
            Some(_) => Some(*self.procedure_ids.get(&f.procedure).ok_or_else(missing)?),
            None => None,
        };
        let unit = self.units.get_mut(&f.unit).ok_or_else(missing)?;
        if let (Some(id), Some((t, marks))) = (id, p.receipt)
            && !unit.procedures.remove(id, t, marks)
        {
            return Err(missing());
        }
        if !unit.timeline.remove_all(p.entries.as_slice()) {
            if let (Some(id), Some((t, marks))) = (id, p.receipt) {
                unit.procedures.add(id, t, marks);
            }
            return Err(missing());
        }
        if unit.is_empty() {
            self.units.remove(&f.unit);
        }
        Ok(())
    }

    /// Replaces a dossier's facts. Within one unit only what differs is touched (a dossier
    /// finishing keeps its receipt); what is kept is checked to be there. A class timeline
    /// has the old entries removed and the new ones added.
    pub fn replace(
        &mut self,
        old: &DossierFacts,
        new: &DossierFacts,
    ) -> Result<(), NotInAggregate> {
        self.without_class_part(old, |a| a.replace_counted(old, new))?;
        let apart = parts(new).and_then(|p| self.classes.apart(new, &p.entries));
        if let Some((class, entries)) = apart {
            self.unit_mut(&new.unit).classes.add(class, &entries);
        }
        Ok(())
    }

    /// Replaces a dossier's facts in its unit's timeline and procedure receipts (those of
    /// `new`'s class timeline are added by the caller).
    fn replace_counted(
        &mut self,
        old: &DossierFacts,
        new: &DossierFacts,
    ) -> Result<(), NotInAggregate> {
        let (Some(po), Some(pn)) = (parts(old), parts(new)) else {
            self.remove_counted(old)?;
            self.insert_counted(new);
            return Ok(());
        };
        if old.unit != new.unit {
            self.remove_counted(old)?;
            self.insert_counted(new);
            return Ok(());
        }
        let missing = || NotInAggregate(old.code.clone());
        let old_id = match po.receipt {
            Some(_) => Some(*self.procedure_ids.get(&old.procedure).ok_or_else(missing)?),
            None => None,
        };
        let new_id = pn.receipt.map(|_| self.procedure_id(&new.procedure));
        let old_receipt = old_id.zip(po.receipt);
        let new_receipt = new_id.zip(pn.receipt);
        let (gone, added, kept) = po.entries.difference(&pn.entries);
        let unit = self.units.get_mut(&old.unit).ok_or_else(missing)?;
        let receipt_kept = old_receipt == new_receipt;
        let there = kept
            .as_slice()
            .iter()
            .all(|&(t, m)| unit.timeline.contains(t, m))
            && old_receipt.is_none_or(|(id, (t, m))| {
                if receipt_kept {
                    unit.procedures.contains(id, t, m)
                } else {
                    unit.procedures.remove(id, t, m)
                }
            });
        if !there {
            return Err(missing());
        }
        if !unit.timeline.remove_all(gone.as_slice()) {
            if let (false, Some((id, (t, m)))) = (receipt_kept, old_receipt) {
                unit.procedures.add(id, t, m);
            }
            return Err(missing());
        }
        for &(t, m) in added.as_slice() {
            unit.timeline.add(t, m);
        }
        if let (false, Some((id, (t, m)))) = (receipt_kept, new_receipt) {
            unit.procedures.add(id, t, m);
        }
        if unit.is_empty() {
            self.units.remove(&old.unit);
        }
        Ok(())
    }

    /// Number of timeline entries kept (about 2–3 per received dossier, and again those of
    /// a class).
    #[must_use]
    pub fn entry_count(&self) -> usize {
        self.units
            .values()
            .map(|u| u.timeline.len() + u.classes.len())
            .sum()
    }

    /// The counts of `scope` for `window`.
    #[must_use]
    pub fn counts(&self, scope: &Scope, window: &Window) -> Counts {
        let (s, t) = (secs(window.start()), secs(window.at()));
        let mut sum = Sums::default();
        let mut procedures: [IdSet; MARKS] = Default::default();
        for unit in scope.members().filter_map(|m| self.units.get(m)) {
            sum.add(&unit.timeline.prefix(s - 1), &unit.timeline.prefix(t));
            unit.procedures.collect(s, t, &mut procedures);
        }
        let mut c = sum.counts();
        c.procedures_with_fee = procedures[0].len();
        c.procedures_paid_online = procedures[1].len();
        c.procedures_citizen_data = procedures[2].len();
        c
    }

    /// The statistics of `scope` for `window`.
    #[must_use]
    pub fn stats(&self, scope: &Scope, window: &Window) -> Stats {
        Stats::from_counts(scope.unit(), window.period(), &self.counts(scope, window))
    }

    /// The sums over the class timelines of `scope` whose class `wanted` accepts.
    fn class_sums(&self, scope: &Scope, window: &Window, wanted: impl Fn(ClassId) -> bool) -> Sums {
        let (s, t) = (secs(window.start()), secs(window.at()));
        let mut sum = Sums::default();
        for unit in scope.members().filter_map(|m| self.units.get(m)) {
            for (_, timeline) in unit.classes.iter().filter(|(c, _)| wanted(*c)) {
                sum.add(&timeline.prefix(s - 1), &timeline.prefix(t));
            }
        }
        sum
    }

    /// The counts of `scope` for `window` over the dossiers of the classes kept whole that
    /// `wanted` accepts (the distinct-procedure counts left at zero).
    #[must_use]
    pub fn class_counts(
        &self,
        scope: &Scope,
        window: &Window,
        wanted: impl Fn(ClassId) -> bool,
    ) -> Counts {
        let whole = |c| self.classes.keep(c) == Some(Keep::Whole) && wanted(c);
        self.class_sums(scope, window, whole).counts()
    }

    /// Received in `window` by channel (direct, online, postal) in `scope`, over the dossiers
    /// of the classes `wanted` accepts (kept whole or as receipts).
    #[must_use]
    pub fn class_received(
        &self,
        scope: &Scope,
        window: &Window,
        wanted: impl Fn(ClassId) -> bool,
    ) -> [u64; 3] {
        self.class_sums(scope, window, wanted).received()
    }
}
