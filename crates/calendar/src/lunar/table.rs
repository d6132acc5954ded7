//! The table of lunar month starts, built from the astronomy in `astro`.
//!
//! Vietnamese rules (as for the Chinese calendar, but at UTC+7): a month begins on the local
//! day of a new moon; month 11 is the month holding the December solstice; when 13 months run
//! from one month 11 to the next, the first of them after month 11 without a major solar term
//! is the leap month and takes the number of the month before it.

use super::astro;

/// One lunar month: its first day as a Julian Day Number, its name and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Month {
    pub(super) start: i32,
    pub(super) year: i32,
    pub(super) month: u8,
    pub(super) leap: bool,
    pub(super) len: u8,
}

/// All months from month 11 of lunar year `first_year - 1` to month 10 of `last_year`.
pub(super) fn build(first_year: i32, last_year: i32) -> Vec<Month> {
    let elevens: Vec<i32> = (first_year - 1..=last_year)
        .map(month_eleven_lunation)
        .collect();
    let mut months = Vec::with_capacity(elevens.len() * 13);
    for (pair, year) in elevens.windows(2).zip(first_year..) {
        push_year(pair[0], pair[1], year, &mut months);
    }
    months
}

/// The lunation of month 11 of `year`: the last new moon on or before the solstice day.
fn month_eleven_lunation(year: i32) -> i32 {
    let solstice = astro::december_solstice_day(year);
    // The true new moon is within a day of the mean one, so this starts after the solstice.
    let mut k = astro::lunation_near(solstice) + 1;
    while astro::new_moon_day(k) > solstice {
        k -= 1;
    }
    k
}

/// Pushes the months of lunations `from..to`: months 11 and 12 of `year - 1`, then 1 to 10
/// of `year`, with the leap month where there are 13.
fn push_year(from: i32, to: i32, year: i32, out: &mut Vec<Month>) {
    let days: Vec<i32> = (from..=to).map(astro::new_moon_day).collect();
    let leap = (days.len() == 14).then(|| leap_index(&days));
    // 0 = month 11, 1 = month 12, 2 = month 1, …, 11 = month 10.
    let mut ordinal: u8 = 0;
    for (i, pair) in days.windows(2).enumerate() {
        let is_leap = leap == Some(i);
        if i > 0 && !is_leap {
            ordinal += 1;
        }
        out.push(Month {
            start: pair[0],
            year: if ordinal < 2 { year - 1 } else { year },
            month: (ordinal + 10) % 12 + 1,
            leap: is_leap,
            len: u8::try_from(pair[1] - pair[0]).unwrap_or(0),
        });
    }
}

/// Index (1..=12) of the first month after month 11 without a major solar term.
fn leap_index(days: &[i32]) -> usize {
    let sectors: Vec<i32> = days
        .iter()
        .map(|&d| astro::sun_sector_at_day_start(d))
        .collect();
    // Between two solstices lie 11 major terms for these 12 months, so one month lacks one.
    (1..sectors.len() - 1)
        .find(|&i| sectors[i] == sectors[i + 1])
        .expect("a 13-month year always has a month without a major solar term")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_contiguous_and_29_or_30_days() {
        let months = build(1900, 2101);
        for pair in months.windows(2) {
            assert_eq!(pair[0].start + i32::from(pair[0].len), pair[1].start);
        }
        assert!(months.iter().all(|m| m.len == 29 || m.len == 30));
    }

    #[test]
    fn every_year_has_months_1_to_12_once_and_at_most_one_leap() {
        let months = build(1900, 2101);
        for year in 1900..=2100 {
            let of_year: Vec<&Month> = months.iter().filter(|m| m.year == year).collect();
            let normal: Vec<u8> = of_year
                .iter()
                .filter(|m| !m.leap)
                .map(|m| m.month)
                .collect();
            assert_eq!(normal, (1..=12).collect::<Vec<u8>>(), "lunar year {year}");
            assert!(
                of_year.iter().filter(|m| m.leap).count() <= 1,
                "lunar year {year}"
            );
        }
    }
}
