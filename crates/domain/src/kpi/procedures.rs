//! Distinct procedures with a marked receipt in a window (QĐ 766 3.5 B and C, 4.5a): per unit
//! and calendar month, the set of procedures (interned ids, a bitset per mark) with a marked
//! receipt in that month, and the receipts themselves (second in the month, marks).
//!
//! A window covers whole months and at most two partial ones (its first and last): the sets of
//! the whole months are OR-ed (a few machine words per month), the receipts of a partial month
//! are scanned. A query of a year costs, per unit, 12 unions of bitsets, whatever the number of
//! dossiers; adding or removing a receipt touches one month.

use std::collections::BTreeMap;

use chrono::Datelike;

/// Marks counted: fee data, paid online, citizen data.
pub(crate) const MARKS: usize = 3;

const DAY: i64 = 86_400;
/// Days from 0001-01-01 (day 1 of the common era) to 1970-01-01.
const UNIX_DAY_CE: i64 = 719_163;

/// A set of procedure ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct IdSet(Vec<u64>);

impl IdSet {
    pub(crate) fn insert(&mut self, id: u32) {
        let (w, b) = (id as usize / 64, id % 64);
        if self.0.len() <= w {
            self.0.resize(w + 1, 0);
        }
        self.0[w] |= 1 << b;
    }

    pub(crate) fn contains(&self, id: u32) -> bool {
        self.0
            .get(id as usize / 64)
            .is_some_and(|w| w >> (id % 64) & 1 == 1)
    }

    fn set(&mut self, id: u32, on: bool) {
        if on {
            self.insert(id);
        } else if let Some(w) = self.0.get_mut(id as usize / 64) {
            *w &= !(1 << (id % 64));
        }
    }

    /// Adds every member of `other`.
    pub(crate) fn union_with(&mut self, other: &IdSet) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= *b;
        }
    }

    /// Number of members.
    pub(crate) fn len(&self) -> u64 {
        self.0.iter().map(|w| u64::from(w.count_ones())).sum()
    }
}

/// One month of a unit: per mark the procedures with a marked receipt, and the receipts.
#[derive(Debug, Clone, Default)]
struct Month {
    sets: [IdSet; MARKS],
    /// Per procedure (sorted by id): (second in the month, marks) of each receipt, sorted.
    receipts: Vec<(u32, Vec<(u32, u8)>)>,
}

impl Month {
    fn list(&self, id: u32) -> Option<&Vec<(u32, u8)>> {
        let i = self.receipts.binary_search_by_key(&id, |r| r.0).ok()?;
        Some(&self.receipts[i].1)
    }

    /// Adds to `out` the procedures with a marked receipt in seconds `[from, to]` of the month,
    /// looking only for the marks not yet found.
    fn scan(&self, from: u32, to: u32, out: &mut [IdSet; MARKS]) {
        for (id, list) in &self.receipts {
            let wanted = (0..MARKS).fold(0_u8, |m, k| {
                let here = self.sets[k].contains(*id) && !out[k].contains(*id);
                m | u8::from(here) << k
            });
            if wanted == 0 {
                continue;
            }
            let first = list.partition_point(|r| r.0 < from);
            let mut found = 0;
            for r in list[first..].iter().take_while(|r| r.0 <= to) {
                found |= r.1 & wanted;
                if found == wanted {
                    break;
                }
            }
            for (k, o) in out.iter_mut().enumerate() {
                if found >> k & 1 == 1 {
                    o.insert(*id);
                }
            }
        }
    }
}

/// A unit's marked receipts, by month (`year · 12 + month0`).
#[derive(Debug, Clone, Default)]
pub(crate) struct UnitProcedures {
    months: BTreeMap<i32, Month>,
}

/// The month of second `t`: its index, its first second and the first second of the next.
fn month_of(t: i64) -> (i32, i64, i64) {
    let day = t.div_euclid(DAY);
    let date = i32::try_from(day + UNIX_DAY_CE)
        .ok()
        .and_then(chrono::NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or_default();
    let index = date.year() * 12 + i32::try_from(date.month0()).unwrap_or(0);
    let first = day - i64::from(date.day0());
    let next = date
        .with_day(1)
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
        .map_or(first + 31, |d| {
            i64::from(d.num_days_from_ce()) - UNIX_DAY_CE
        });
    (index, first * DAY, next * DAY)
}

impl UnitProcedures {
    /// Adds a receipt at second `t` of procedure `id` with `marks` (bit k = mark k).
    pub(crate) fn add(&mut self, id: u32, t: i64, marks: u8) {
        let (index, first, _) = month_of(t);
        let month = self.months.entry(index).or_default();
        let second = u32::try_from(t - first).unwrap_or(u32::MAX);
        let i = match month.receipts.binary_search_by_key(&id, |r| r.0) {
            Ok(i) => i,
            Err(i) => {
                month.receipts.insert(i, (id, Vec::new()));
                i
            }
        };
        let list = &mut month.receipts[i].1;
        let at = list.partition_point(|r| *r <= (second, marks));
        list.insert(at, (second, marks));
        for (k, set) in month.sets.iter_mut().enumerate() {
            if marks >> k & 1 == 1 {
                set.insert(id);
            }
        }
    }

    /// Removes one receipt equal to the given one; `false` if there is none.
    pub(crate) fn remove(&mut self, id: u32, t: i64, marks: u8) -> bool {
        let (index, first, _) = month_of(t);
        let second = u32::try_from(t - first).unwrap_or(u32::MAX);
        let Some(month) = self.months.get_mut(&index) else {
            return false;
        };
        let Ok(p) = month.receipts.binary_search_by_key(&id, |r| r.0) else {
            return false;
        };
        let list = &mut month.receipts[p].1;
        let Ok(i) = list.binary_search(&(second, marks)) else {
            return false;
        };
        list.remove(i);
        let left = list.iter().fold(0, |m, r| m | r.1);
        if list.is_empty() {
            month.receipts.remove(p);
        }
        for (k, set) in month.sets.iter_mut().enumerate() {
            set.set(id, left >> k & 1 == 1);
        }
        if month.receipts.is_empty() {
            self.months.remove(&index);
        }
        true
    }

    /// Whether a receipt equal to the given one is kept.
    pub(crate) fn contains(&self, id: u32, t: i64, marks: u8) -> bool {
        let (index, first, _) = month_of(t);
        let second = u32::try_from(t - first).unwrap_or(u32::MAX);
        self.months
            .get(&index)
            .and_then(|m| m.list(id))
            .is_some_and(|l| l.binary_search(&(second, marks)).is_ok())
    }

    /// Whether no receipt is kept.
    pub(crate) fn is_empty(&self) -> bool {
        self.months.is_empty()
    }

    /// Adds to `out` (one set per mark) the procedures with a marked receipt in `[s, t]`.
    pub(crate) fn collect(&self, s: i64, t: i64, out: &mut [IdSet; MARKS]) {
        if t < s {
            return;
        }
        let (first_month, first_start, _) = month_of(s);
        let (last_month, last_start, last_end) = month_of(t);
        for (index, month) in self.months.range(first_month..=last_month) {
            let whole = (*index > first_month || s == first_start)
                && (*index < last_month || t == last_end - 1);
            if whole {
                for (o, set) in out.iter_mut().zip(&month.sets) {
                    o.union_with(set);
                }
                continue;
            }
            let base = if *index == first_month {
                first_start
            } else {
                last_start
            };
            let second = |x: i64| u32::try_from((x - base).clamp(0, i64::from(u32::MAX)));
            let from = if *index == first_month {
                second(s)
            } else {
                Ok(0)
            };
            let to = if *index == last_month {
                second(t)
            } else {
                Ok(u32::MAX)
            };
            if let (Ok(from), Ok(to)) = (from, to) {
                month.scan(from, to, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> i64 {
        chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
            .unwrap()
            .and_utc()
            .timestamp()
    }

    fn sizes(p: &UnitProcedures, s: &str, t: &str) -> [u64; MARKS] {
        let mut out: [IdSet; MARKS] = Default::default();
        p.collect(at(s), at(t), &mut out);
        out.map(|o| o.len())
    }

    #[test]
    fn months_are_whole_or_scanned_at_the_window_edges() {
        let mut p = UnitProcedures::default();
        p.add(1, at("2026-01-31T23:59:59"), 0b001);
        p.add(2, at("2026-02-01T00:00:00"), 0b011);
        p.add(2, at("2026-02-15T08:00:00"), 0b100);
        p.add(70, at("2026-03-10T10:00:00"), 0b001);
        assert_eq!(
            sizes(&p, "2026-01-01T00:00:00", "2026-12-31T23:59:59"),
            [3, 1, 1]
        );
        assert_eq!(
            sizes(&p, "2026-02-01T00:00:00", "2026-02-28T23:59:59"),
            [1, 1, 1]
        );
        assert_eq!(
            sizes(&p, "2026-02-02T00:00:00", "2026-03-10T09:59:59"),
            [0, 0, 1]
        );
        assert_eq!(
            sizes(&p, "2026-02-02T00:00:00", "2026-03-10T10:00:00"),
            [1, 0, 1]
        );
        assert_eq!(
            sizes(&p, "2026-01-31T00:00:00", "2026-02-01T00:00:00"),
            [2, 1, 0]
        );
        assert!(p.remove(2, at("2026-02-01T00:00:00"), 0b011));
        assert!(!p.remove(2, at("2026-02-01T00:00:00"), 0b011));
        assert_eq!(
            sizes(&p, "2026-02-01T00:00:00", "2026-02-28T23:59:59"),
            [0, 0, 1]
        );
        for (id, t, m) in [
            (1, "2026-01-31T23:59:59", 0b001),
            (2, "2026-02-15T08:00:00", 0b100),
            (70, "2026-03-10T10:00:00", 0b001),
        ] {
            assert!(p.remove(id, at(t), m));
        }
        assert!(p.is_empty());
    }

    #[test]
    fn month_bounds() {
        let (i, first, next) = month_of(at("2024-02-10T12:00:00"));
        assert_eq!(i, 2024 * 12 + 1);
        assert_eq!(first, at("2024-02-01T00:00:00"));
        assert_eq!(next, at("2024-03-01T00:00:00"));
        let (_, _, next) = month_of(at("2026-12-31T23:59:59"));
        assert_eq!(next, at("2027-01-01T00:00:00"));
    }
}
