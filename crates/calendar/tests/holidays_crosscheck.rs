//! The embedded calendar data against the `holidays` package's view (PyPI, MIT), as summarised
//! by `tools/calendar/crosscheck_holidays.py --write-fixture`: Monday–Friday days off and
//! make-up working days, 2010–2026, with the script's justified deviations.

use std::collections::BTreeSet;

use cchc_calendar::text::parse_date;
use cchc_calendar::{CalendarConfig, WorkCalendar};
use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::Value;

const FIXTURE: &str = include_str!("fixtures/holidays_crosscheck.json");

type Days = BTreeSet<NaiveDate>;

fn dates(v: &Value) -> Days {
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| parse_date(d.as_str().unwrap()).unwrap())
        .collect()
}

/// Weekdays off and make-up days of `year` by the date's year, as the calendar computes them.
fn ours(cal: &WorkCalendar, year: i32) -> (Days, Days) {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
    let mut off = Days::new();
    let mut work = Days::new();
    for d in first.iter_days().take_while(|d| d.year() == year) {
        let working = cal.is_working_day(d).unwrap();
        let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        if !weekend && !working {
            off.insert(d);
        }
        if weekend && working {
            work.insert(d);
        }
    }
    (off, work)
}

/// The package's view with the justified deviations applied to it.
fn expected(fixture: &Value, year: i32) -> (Days, Days) {
    let y = &fixture["years"][year.to_string()];
    let (mut off, mut work) = (dates(&y["days_off"]), dates(&y["working_saturdays"]));
    for dev in fixture["justified_deviations"].as_array().unwrap() {
        let date = parse_date(dev["date"].as_str().unwrap()).unwrap();
        if date.year() != year {
            continue;
        }
        let set = if dev["what"] == "day_off" {
            &mut off
        } else {
            &mut work
        };
        if dev["side"] == "package" {
            assert!(set.remove(&date), "stale deviation {dev}");
        } else {
            assert!(set.insert(date), "stale deviation {dev}");
        }
    }
    (off, work)
}

#[test]
fn data_matches_the_holidays_package_up_to_justified_deviations() {
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap();
    let cal = WorkCalendar::national().unwrap();
    let years: Vec<i32> = fixture["years"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.parse().unwrap())
        .collect();
    assert_eq!(years, (2010..=2026).collect::<Vec<_>>());
    for year in years {
        assert_eq!(ours(&cal, year), expected(&fixture, year), "{year}");
    }
}

#[test]
fn enabling_24_11_removes_the_only_deviation() {
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap();
    let devs = fixture["justified_deviations"].as_array().unwrap();
    assert_eq!(devs.len(), 1);
    assert_eq!(devs[0]["date"], "2026-11-24");
    let cfg = CalendarConfig {
        enable: vec![parse_date("2026-11-24").unwrap()],
        ..CalendarConfig::default()
    };
    let cal = WorkCalendar::new(&cfg).unwrap();
    let y = &fixture["years"]["2026"];
    assert_eq!(
        ours(&cal, 2026),
        (dates(&y["days_off"]), dates(&y["working_saturdays"]))
    );
}
