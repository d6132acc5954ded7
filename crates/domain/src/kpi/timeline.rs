//! A multiset of timestamped entries (second, mask of counter kinds) with prefix sums per kind
//! at any second: year, month and day buckets hold the counts of their entries, each day also
//! keeps its entries for the one partial day a prefix may cut.
//!
//! Adding or removing an entry touches one bucket of each level (O(log buckets) plus the
//! day's few entries). `prefix(x)` reads the years before `x`, the months of its year before
//! it, the days of its month before it and scans the entries of its day: O(years + 11 + 30 +
//! entries of one day), whatever the number of dossiers.

use std::collections::BTreeMap;

const DAY: i64 = 86_400;
/// Days from 0001-01-01 (day 1 of the common era) to 1970-01-01.
const UNIX_DAY_CE: i64 = 719_163;

/// Counts per kind.
pub(crate) type Tally<const K: usize> = [i64; K];

#[derive(Debug, Clone)]
struct Day<const K: usize> {
    counts: [i32; K],
    entries: Vec<(u32, u32)>,
}

impl<const K: usize> Default for Day<K> {
    fn default() -> Self {
        Self {
            counts: [0; K],
            entries: Vec::new(),
        }
    }
}

/// The entries and their bucket counts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Timeline<const K: usize> {
    years: BTreeMap<i32, [i32; K]>,
    months: BTreeMap<i32, [i32; K]>,
    days: BTreeMap<i64, Day<K>>,
}

/// The buckets of an instant: (year, month index `year·12 + month0`, day number, first day
/// of its month, second of its day).
fn place(t: i64) -> (i32, i32, i64, i64, u32) {
    use chrono::Datelike;
    let day = t.div_euclid(DAY);
    let second = u32::try_from(t.rem_euclid(DAY)).unwrap_or(0);
    let date = i32::try_from(day + UNIX_DAY_CE)
        .ok()
        .and_then(chrono::NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or_default();
    let month = date.year() * 12 + i32::try_from(date.month0()).unwrap_or(0);
    let first = day - i64::from(date.day0());
    (date.year(), month, day, first, second)
}

fn bump<const K: usize>(counts: &mut [i32; K], mask: u32, by: i32) {
    for (k, c) in counts.iter_mut().enumerate() {
        if mask & (1 << k) != 0 {
            *c += by;
        }
    }
}

fn add_into<const K: usize>(sum: &mut Tally<K>, counts: &[i32; K]) {
    for (s, c) in sum.iter_mut().zip(counts) {
        *s += i64::from(*c);
    }
}

impl<const K: usize> Timeline<K> {
    /// Adds an entry at second `t`.
    pub(crate) fn add(&mut self, t: i64, mask: u32) {
        let (year, month, day, _, second) = place(t);
        bump(self.years.entry(year).or_insert([0; K]), mask, 1);
        bump(self.months.entry(month).or_insert([0; K]), mask, 1);
        let d = self.days.entry(day).or_default();
        bump(&mut d.counts, mask, 1);
        d.entries.push((second, mask));
    }

    /// Removes one entry equal to `(t, mask)`; `false` if there is none.
    pub(crate) fn remove(&mut self, t: i64, mask: u32) -> bool {
        let (year, month, day, _, second) = place(t);
        let Some(d) = self.days.get_mut(&day) else {
            return false;
        };
        let Some(i) = d.entries.iter().position(|e| *e == (second, mask)) else {
            return false;
        };
        d.entries.swap_remove(i);
        bump(&mut d.counts, mask, -1);
        if d.entries.is_empty() {
            self.days.remove(&day);
        }
        for (map, key) in [(&mut self.years, year), (&mut self.months, month)] {
            if let Some(c) = map.get_mut(&key) {
                bump(c, mask, -1);
                if c.iter().all(|v| *v == 0) {
                    map.remove(&key);
                }
            }
        }
        true
    }

    /// Counts per kind of the entries at or before second `x`.
    pub(crate) fn prefix(&self, x: i64) -> Tally<K> {
        let (year, month, day, first, second) = place(x);
        let mut sum = [0; K];
        for c in self.years.range(..year).map(|e| e.1) {
            add_into(&mut sum, c);
        }
        for c in self.months.range(year * 12..month).map(|e| e.1) {
            add_into(&mut sum, c);
        }
        for d in self.days.range(first..day).map(|e| e.1) {
            add_into(&mut sum, &d.counts);
        }
        if let Some(d) = self.days.get(&day) {
            if i64::from(second) == DAY - 1 {
                add_into(&mut sum, &d.counts);
            } else {
                for &(_, m) in d.entries.iter().filter(|e| e.0 <= second) {
                    for (k, s) in sum.iter_mut().enumerate() {
                        *s += i64::from(m >> k & 1);
                    }
                }
            }
        }
        sum
    }

    /// Whether there is no entry.
    pub(crate) fn is_empty(&self) -> bool {
        self.days.is_empty()
    }

    /// Number of entries kept.
    pub(crate) fn len(&self) -> usize {
        self.days.values().map(|d| d.entries.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::Timeline;

    #[test]
    fn prefixes_cut_years_months_days_and_seconds() {
        let mut t: Timeline<2> = Timeline::default();
        let day = 86_400;
        let base = 20_000 * day; // 2024-10-04
        for (at, mask) in [
            (base, 1),
            (base + 10, 3),
            (base + day + 5, 2),
            (base - 400 * day, 1),
        ] {
            t.add(at, mask);
        }
        assert_eq!(t.prefix(base - 1), [1, 0]);
        assert_eq!(t.prefix(base), [2, 0]);
        assert_eq!(t.prefix(base + 9), [2, 0]);
        assert_eq!(t.prefix(base + 10), [3, 1]);
        assert_eq!(t.prefix(base + day - 1), [3, 1]);
        assert_eq!(t.prefix(base + 2 * day), [3, 2]);
        assert_eq!(t.prefix(i64::from(i32::MAX)), [3, 2]);
        assert!(t.remove(base + 10, 3));
        assert!(!t.remove(base + 10, 3));
        assert_eq!(t.prefix(base + 2 * day), [2, 1]);
        assert_eq!(t.len(), 3);
        for (at, mask) in [(base, 1), (base + day + 5, 2), (base - 400 * day, 1)] {
            assert!(t.remove(at, mask));
        }
        assert!(t.is_empty());
        assert!(t.years.is_empty() && t.months.is_empty());
    }
}
