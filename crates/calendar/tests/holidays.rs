//! Holiday data and rules: 2026 as announced, rules for years without data, validation,
//! local closures and the optional 24/11.

use std::collections::BTreeSet;

use cchc_calendar::holidays::{self, data, rules};
use cchc_calendar::text::parse_date;
use cchc_calendar::{
    CalendarConfig, CalendarError, DayKind, LocalClosure, OffKind, Source, WorkCalendar,
};
use chrono::{Datelike, NaiveDate, Weekday};

fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

fn weekdays_off(y: &cchc_calendar::YearHolidays) -> BTreeSet<NaiveDate> {
    y.days_off
        .iter()
        .filter(|o| o.enabled && !matches!(o.date.weekday(), Weekday::Sat | Weekday::Sun))
        .map(|o| o.date)
        .collect()
}

#[test]
fn calendar_2026_as_announced() {
    let cal = WorkCalendar::national().unwrap();
    let y = cal.holidays(2026).unwrap();
    assert_eq!(y.source, Source::Data);
    let kind = |s: &str| y.days_off.iter().find(|o| o.date == d(s)).map(|o| o.kind);
    for day in [
        "2026-02-16",
        "2026-02-17",
        "2026-02-18",
        "2026-02-19",
        "2026-02-20",
    ] {
        assert_eq!(kind(day), Some(OffKind::Holiday), "{day}");
    }
    assert_eq!(kind("2026-04-27"), Some(OffKind::Substitute));
    assert_eq!(kind("2026-08-31"), Some(OffKind::Swap));
    assert_eq!(kind("2026-11-24"), None, "24/11 ships disabled");
    assert_eq!(
        y.working_saturdays
            .iter()
            .map(|w| w.date)
            .collect::<Vec<_>>(),
        [d("2026-08-22")]
    );
    assert_eq!(
        cal.day_kind(d("2026-08-22")).unwrap(),
        DayKind::MakeUpWorking
    );
    assert_eq!(cal.day_kind(d("2026-04-26")).unwrap(), DayKind::Holiday);
    assert_eq!(cal.day_kind(d("2026-11-24")).unwrap(), DayKind::Working);
}

#[test]
fn years_2024_and_2025_match_domain_spec() {
    let cal = WorkCalendar::national().unwrap();
    let off = |y| weekdays_off(cal.holidays(y).unwrap());
    let expect = |v: &[&str]| v.iter().map(|s| d(s)).collect::<BTreeSet<_>>();
    assert_eq!(
        off(2024),
        expect(&[
            "2024-01-01",
            "2024-02-08",
            "2024-02-09",
            "2024-02-12",
            "2024-02-13",
            "2024-02-14",
            "2024-04-18",
            "2024-04-29",
            "2024-04-30",
            "2024-05-01",
            "2024-09-02",
            "2024-09-03"
        ])
    );
    assert_eq!(
        off(2025),
        expect(&[
            "2025-01-01",
            "2025-01-27",
            "2025-01-28",
            "2025-01-29",
            "2025-01-30",
            "2025-01-31",
            "2025-04-07",
            "2025-04-30",
            "2025-05-01",
            "2025-05-02",
            "2025-09-01",
            "2025-09-02"
        ])
    );
    assert_eq!(
        cal.day_kind(d("2024-05-04")).unwrap(),
        DayKind::MakeUpWorking
    );
    assert_eq!(
        cal.day_kind(d("2025-04-26")).unwrap(),
        DayKind::MakeUpWorking
    );
}

#[test]
fn rules_reproduce_the_data_years_except_swaps() {
    for year in data::years() {
        let announced = holidays::national(year).unwrap();
        let swaps: BTreeSet<_> = announced
            .days_off
            .iter()
            .filter(|o| o.kind == OffKind::Swap)
            .map(|o| o.date)
            .collect();
        let mut expected = weekdays_off(&announced);
        expected.retain(|x| !swaps.contains(x));
        let ruled = rules::by_rules(year).unwrap();
        assert_eq!(weekdays_off(&ruled), expected, "{year}");
        assert!(ruled.working_saturdays.is_empty());
    }
}

#[test]
fn rules_for_2027() {
    let y = holidays::national(2027).unwrap();
    assert_eq!(y.source, Source::Rules);
    let find = |name: &str| {
        y.days_off
            .iter()
            .find(|o| o.name.contains(name))
            .map(|o| o.date)
    };
    assert_eq!(find("mùng 1"), Some(d("2027-02-06")));
    assert_eq!(find("Giỗ Tổ"), Some(d("2027-04-16")));
    let subs: Vec<_> = y
        .days_off
        .iter()
        .filter(|o| o.kind == OffKind::Substitute)
        .map(|o| o.date)
        .collect();
    assert!(
        subs.contains(&d("2027-05-03")),
        "01/5 on Saturday gives Monday 03/5: {subs:?}"
    );
    assert_eq!(find("liền kề"), Some(d("2027-09-03")));
}

#[test]
fn known_tet_and_hung_kings_dates() {
    for (year, tet, hung) in [
        (2024, "2024-02-10", "2024-04-18"),
        (2025, "2025-01-29", "2025-04-07"),
        (2026, "2026-02-17", "2026-04-26"),
        (2027, "2027-02-06", "2027-04-16"),
        (2028, "2028-01-26", ""),
        (2029, "2029-02-13", ""),
    ] {
        let y = rules::by_rules(year).unwrap();
        let find = |name: &str| {
            y.days_off
                .iter()
                .find(|o| o.kind == OffKind::Holiday && o.name.contains(name))
                .map(|o| o.date)
        };
        assert_eq!(find("mùng 1"), Some(d(tet)), "{year}");
        if !hung.is_empty() {
            assert_eq!(find("Giỗ Tổ"), Some(d(hung)), "{year}");
        }
    }
}

#[test]
fn earlier_codes_apply_by_year() {
    // 2005 (BLLĐ 1994): Tết 4 days, no Giỗ Tổ.
    let y = rules::by_rules(2005).unwrap();
    assert_eq!(
        y.days_off
            .iter()
            .filter(|o| o.name.starts_with("Tết Âm lịch"))
            .count(),
        4
    );
    assert!(!y.days_off.iter().any(|o| o.name.contains("Giỗ Tổ")));
    // 2008: Giỗ Tổ from 2007.
    assert!(
        rules::by_rules(2008)
            .unwrap()
            .days_off
            .iter()
            .any(|o| o.name.contains("Giỗ Tổ"))
    );
    // 2030: BLLĐ 2019, 5 Tết days and two days for Quốc khánh.
    let y = rules::by_rules(2030).unwrap();
    assert_eq!(
        y.days_off
            .iter()
            .filter(|o| o.kind == OffKind::Holiday && o.name.starts_with("Tết Âm lịch"))
            .count(),
        5
    );
    assert!(y.days_off.iter().any(|o| o.name.contains("liền kề")));
    // Saturday was a working day before 01/10/1999.
    assert!(!holidays::is_weekly_rest(d("1999-09-25")));
    assert!(holidays::is_weekly_rest(d("1999-10-02")));
    assert!(matches!(
        rules::by_rules(1994),
        Err(CalendarError::OutOfRange(_))
    ));
}

#[test]
fn every_data_file_is_embedded_and_valid() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/calendar");
    let mut on_disk: Vec<i32> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".toml")?
                .parse()
                .ok()
        })
        .collect();
    on_disk.sort_unstable();
    assert_eq!(on_disk, data::years().collect::<Vec<_>>());
    assert_eq!(on_disk, (2010..=2026).collect::<Vec<_>>());
    for y in data::years() {
        let parsed = data::embedded(y).unwrap().unwrap();
        assert_eq!(parsed.year, y);
        assert!(
            parsed
                .days_off
                .iter()
                .all(|o| !o.basis.is_empty() && !o.name.is_empty())
        );
    }
}

#[test]
fn invalid_data_is_rejected() {
    let bad = [
        "year = 2026\nversion = 1\n[[work]]\ndate = 2026-08-21\nname = \"x\"\nbasis = \"y\"\n",
        "year = 2026\nversion = 1\n[[off]]\ndate = 2025-01-01\nname = \"x\"\nkind = \"holiday\"\nbasis = \"y\"\n",
        "year = 2026\nversion = 1\n[[off]]\ndate = 2026-01-01\nname = \"x\"\nkind = \"party\"\nbasis = \"y\"\n",
        "year = 2026\nversion = 1\n[[off]]\ndate = 2026-01-03\nname = \"x\"\nkind = \"swap\"\nbasis = \"y\"\n",
        "year = 2026\nversion = 1\n[[off]]\ndate = 2026-01-01\nname = \"x\"\nkind = \"holiday\"\nbasis = \"y\"\n[[off]]\ndate = 2026-01-01\nname = \"x\"\nkind = \"holiday\"\nbasis = \"y\"\n",
        "year = 2026\nversion = 1\n[[off]]\ndate = 2026-01-01\nname = \"\"\nkind = \"holiday\"\nbasis = \"y\"\n",
        "year = 2026\nversion = 1\nextra = 1\n",
        "year = 2026\n",
    ];
    for text in bad {
        assert!(
            matches!(data::parse_year(text), Err(CalendarError::Data(_))),
            "{text}"
        );
    }
}

#[test]
fn configuration_enables_24_11_and_adds_local_closures() {
    let cfg = CalendarConfig {
        enable: vec![d("2026-11-24")],
        local_closures: vec![LocalClosure {
            date: d("2026-03-09"),
            name: "Nghỉ theo quyết định của tỉnh".into(),
            basis: "QĐ thử nghiệm".into(),
        }],
        ..CalendarConfig::default()
    };
    let cal = WorkCalendar::new(&cfg).unwrap();
    assert_eq!(cal.day_kind(d("2026-11-24")).unwrap(), DayKind::Holiday);
    assert_eq!(
        cal.day_kind(d("2026-03-09")).unwrap(),
        DayKind::LocalClosure
    );
    let y = cal.holidays(2026).unwrap();
    assert!(
        y.days_off
            .iter()
            .any(|o| o.date == d("2026-03-09") && o.kind == OffKind::Local)
    );
    let national = WorkCalendar::national().unwrap();
    assert_eq!(
        national.day_kind(d("2026-03-09")).unwrap(),
        DayKind::Working
    );
    let typo = CalendarConfig {
        enable: vec![d("2026-11-25")],
        ..CalendarConfig::default()
    };
    assert!(matches!(
        WorkCalendar::new(&typo),
        Err(CalendarError::Invalid(_))
    ));
}

#[test]
fn a_loaded_notice_replaces_the_rules_of_its_year() {
    let text = "year = 2027\nversion = 1\n[[off]]\ndate = 2027-01-01\nname = \"Tết Dương lịch\"\nkind = \"holiday\"\nbasis = \"thử\"\n";
    let cfg = CalendarConfig {
        year_data: vec![data::parse_year(text).unwrap()],
        ..CalendarConfig::default()
    };
    let cal = WorkCalendar::new(&cfg).unwrap();
    assert_eq!(cal.holidays(2027).unwrap().days_off.len(), 1);
    assert_eq!(cal.day_kind(d("2027-02-08")).unwrap(), DayKind::Working);
}
