//! A multiset of timestamped entries (second, mask of counter kinds) with prefix sums per kind
//! at any second: year and month buckets hold the counts of their entries, each month holds
//! its days (a slot per day of the month) and each day its counts and its entries, sorted, for
//! the one partial day a prefix may cut.
//!
//! Adding, removing or finding an entry touches one bucket of each level (two small ordered
//! maps, a slot, a binary search in the day). `prefix(x)` reads the years before `x`, the
//! months of its year before it, the days of its month before it and the entries of its day
//! up to `x`: O(years + 11 + 30 + entries of one day), whatever the number of dossiers.

use std::collections::BTreeMap;

const DAY: i64 = 86_400;
/// Days from 0001-01-01 (day 1 of the common era) to 1970-01-01.
const UNIX_DAY_CE: i64 = 719_163;

/// Counts per kind.
pub(crate) type Tally<const K: usize> = [i64; K];

#[derive(Debug, Clone)]
struct Day<const K: usize> {
    counts: [i32; K],
    /// (second of the day, mask), sorted.
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

#[derive(Debug, Clone)]
struct Month<const K: usize> {
    counts: [i32; K],
    /// Slot `d` is day `d + 1` of the month (as many as needed).
    days: Vec<Day<K>>,
}

/// The entries and their bucket counts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Timeline<const K: usize> {
    years: BTreeMap<i32, [i32; K]>,
    months: BTreeMap<i32, Month<K>>,
    len: usize,
}

/// The buckets of an instant: year, month index `year·12 + month0`, day of the month
/// (0-based), second of the day.
fn place(t: i64) -> (i32, i32, usize, u32) {
    use chrono::Datelike;
    let day = t.div_euclid(DAY);
    let second = u32::try_from(t.rem_euclid(DAY)).unwrap_or(0);
    let date = i32::try_from(day + UNIX_DAY_CE)
        .ok()
        .and_then(chrono::NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or_default();
    let month = date.year() * 12 + i32::try_from(date.month0()).unwrap_or(0);
    (date.year(), month, date.day0() as usize, second)
}

/// Adds `by` to the count of every kind in `mask`.
fn bump<const K: usize>(counts: &mut [i32; K], mask: u32, by: i32) {
    let mut m = mask;
    while m != 0 {
        let k = m.trailing_zeros() as usize;
        if let Some(c) = counts.get_mut(k) {
            *c += by;
        }
        m &= m - 1;
    }
}

fn add_into<const K: usize>(sum: &mut Tally<K>, counts: &[i32; K]) {
    for (s, c) in sum.iter_mut().zip(counts) {
        *s += i64::from(*c);
    }
}

/// Removes `mask` from a bucket's counts; `true` when the bucket is left empty (every entry
/// has a kind, so all-zero counts mean no entry).
fn drop_from<const K: usize>(counts: &mut [i32; K], mask: u32) -> bool {
    bump(counts, mask, -1);
    counts.iter().all(|c| *c == 0)
}

impl<const K: usize> Timeline<K> {
    /// Adds an entry at second `t`.
    pub(crate) fn add(&mut self, t: i64, mask: u32) {
        let (year, month, day, second) = place(t);
        bump(self.years.entry(year).or_insert([0; K]), mask, 1);
        let m = self.months.entry(month).or_insert_with(|| Month {
            counts: [0; K],
            days: Vec::new(),
        });
        bump(&mut m.counts, mask, 1);
        if m.days.len() <= day {
            m.days.resize_with(day + 1, Day::default);
        }
        let d = &mut m.days[day];
        bump(&mut d.counts, mask, 1);
        let at = d.entries.partition_point(|e| *e <= (second, mask));
        d.entries.insert(at, (second, mask));
        self.len += 1;
    }

    /// Whether an entry equal to `(t, mask)` is kept.
    pub(crate) fn contains(&self, t: i64, mask: u32) -> bool {
        let (_, month, day, second) = place(t);
        self.months
            .get(&month)
            .and_then(|m| m.days.get(day))
            .is_some_and(|d| d.entries.binary_search(&(second, mask)).is_ok())
    }

    /// Removes one entry equal to `(t, mask)`; `false` if there is none.
    pub(crate) fn remove(&mut self, t: i64, mask: u32) -> bool {
        let (year, month, day, second) = place(t);
        let Some(m) = self.months.get_mut(&month) else {
            return false;
        };
        let Some(d) = m.days.get_mut(day) else {
            return false;
        };
        let Ok(i) = d.entries.binary_search(&(second, mask)) else {
            return false;
        };
        d.entries.remove(i);
        bump(&mut d.counts, mask, -1);
        if drop_from(&mut m.counts, mask) {
            self.months.remove(&month);
        }
        if let Some(c) = self.years.get_mut(&year)
            && drop_from(c, mask)
        {
            self.years.remove(&year);
        }
        self.len -= 1;
        true
    }

    /// Removes every entry of `list`, or none when one of them is missing (`false`).
    pub(crate) fn remove_all(&mut self, list: &[(i64, u32)]) -> bool {
        for (i, &(t, mask)) in list.iter().enumerate() {
            if !self.remove(t, mask) {
                for &(t, mask) in &list[..i] {
                    self.add(t, mask);
                }
                return false;
            }
        }
        true
    }

    /// Counts per kind of the entries at or before second `x`.
    pub(crate) fn prefix(&self, x: i64) -> Tally<K> {
        let (year, month, day, second) = place(x);
        let mut sum = [0; K];
        for c in self.years.range(..year).map(|e| e.1) {
            add_into(&mut sum, c);
        }
        for m in self.months.range(year * 12..month).map(|e| e.1) {
            add_into(&mut sum, &m.counts);
        }
        let Some(m) = self.months.get(&month) else {
            return sum;
        };
        for d in &m.days[..day.min(m.days.len())] {
            add_into(&mut sum, &d.counts);
        }
        if let Some(d) = m.days.get(day) {
            if i64::from(second) == DAY - 1 {
                add_into(&mut sum, &d.counts);
            } else {
                for &(_, mask) in d.entries.iter().take_while(|e| e.0 <= second) {
                    let mut m = mask;
                    while m != 0 {
                        if let Some(s) = sum.get_mut(m.trailing_zeros() as usize) {
                            *s += 1;
                        }
                        m &= m - 1;
                    }
                }
            }
        }
        sum
    }

    /// Whether there is no entry.
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Number of entries kept.
    pub(crate) fn len(&self) -> usize {
        self.len
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
