//! Every day from 1968 to 2053, both ways, against the vnlunar fixture (UTC+7, astronomical).

use cchc_calendar::{LunarDate, lunar_to_solar, solar_to_lunar};
use chrono::{Days, NaiveDate};

const FIXTURE: &str = include_str!("fixtures/lunar_1968_2053.txt");

/// One fixture line: a lunar month, its first solar day and its length.
struct MonthLine {
    start: NaiveDate,
    year: i32,
    month: u8,
    leap: bool,
    len: u8,
}

fn parse_line(line: &str) -> MonthLine {
    let fields: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(fields.len(), 5, "fixture line {line:?}");
    MonthLine {
        start: NaiveDate::parse_from_str(fields[0], "%Y-%m-%d").unwrap(),
        year: fields[1].parse().unwrap(),
        month: fields[2].parse().unwrap(),
        leap: fields[3] == "1",
        len: fields[4].parse().unwrap(),
    }
}

fn fixture() -> Vec<MonthLine> {
    FIXTURE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(parse_line)
        .collect()
}

fn first() -> NaiveDate {
    NaiveDate::from_ymd_opt(1968, 1, 1).unwrap()
}

fn last() -> NaiveDate {
    NaiveDate::from_ymd_opt(2053, 12, 31).unwrap()
}

#[test]
fn fixture_covers_1968_to_2053_without_gaps() {
    let months = fixture();
    assert!(months.len() > 1000);
    assert!(months[0].start <= first());
    assert!(months[months.len() - 1].start <= last());
    for pair in months.windows(2) {
        let end = pair[0].start + Days::new(u64::from(pair[0].len));
        assert_eq!(end, pair[1].start, "gap after {}", pair[0].start);
    }
}

#[test]
fn every_day_1968_to_2053_solar_to_lunar() {
    let mut checked = 0;
    for m in fixture() {
        for day in 1..=m.len {
            let solar = m.start + Days::new(u64::from(day - 1));
            if solar < first() || solar > last() {
                continue;
            }
            let want = LunarDate {
                day,
                month: m.month,
                year: m.year,
                leap: m.leap,
            };
            assert_eq!(solar_to_lunar(solar), Ok(want), "solar {solar}");
            checked += 1;
        }
    }
    assert_eq!(checked, (last() - first()).num_days() + 1);
}

#[test]
fn every_day_1968_to_2053_lunar_to_solar() {
    for m in fixture() {
        for day in 1..=m.len {
            let want = m.start + Days::new(u64::from(day - 1));
            let lunar = LunarDate {
                day,
                month: m.month,
                year: m.year,
                leap: m.leap,
            };
            assert_eq!(lunar_to_solar(lunar), Ok(want), "lunar {lunar:?}");
        }
        if m.len == 29 {
            let day_30 = LunarDate {
                day: 30,
                month: m.month,
                year: m.year,
                leap: m.leap,
            };
            assert!(
                lunar_to_solar(day_30).is_err(),
                "day 30 of a 29-day month {day_30:?}"
            );
        }
    }
}

#[test]
fn leap_months_match_the_fixture_exactly() {
    let months = fixture();
    // Lunar 2053 is cut short by the fixture's end, which could hide a late leap month.
    for year in 1968..2053 {
        let want: Vec<u8> = months
            .iter()
            .filter(|m| m.year == year && m.leap)
            .map(|m| m.month)
            .collect();
        let got: Vec<u8> = (1..=12)
            .filter(|&month| {
                lunar_to_solar(LunarDate {
                    day: 1,
                    month,
                    year,
                    leap: true,
                })
                .is_ok()
            })
            .collect();
        assert_eq!(got, want, "leap months of lunar year {year}");
    }
}
