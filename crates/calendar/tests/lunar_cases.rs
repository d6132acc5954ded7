//! Named lunar dates: Vietnamese (UTC+7) Tết and Giỗ Tổ, where China (UTC+8) differs, and errors.

use cchc_calendar::{CalendarError, LunarDate, lunar_to_solar, solar_to_lunar};
use chrono::{Datelike, NaiveDate};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn lunar(day: u8, month: u8, year: i32) -> LunarDate {
    LunarDate {
        day,
        month,
        year,
        leap: false,
    }
}

fn leap(day: u8, month: u8, year: i32) -> LunarDate {
    LunarDate {
        day,
        month,
        year,
        leap: true,
    }
}

/// Asserts both directions for one pair.
fn assert_pair(solar: NaiveDate, lunar: LunarDate) {
    assert_eq!(solar_to_lunar(solar), Ok(lunar), "solar {solar}");
    assert_eq!(lunar_to_solar(lunar), Ok(solar), "lunar {lunar:?}");
}

#[test]
fn tet_where_vietnam_and_china_differ() {
    // (Vietnam UTC+7, China UTC+8). Tết 2053 in Vietnam is 18 February, as vnlunar computes.
    let cases = [
        (date(1985, 1, 21), date(1985, 2, 20)),
        (date(2007, 2, 17), date(2007, 2, 18)),
        (date(2030, 2, 2), date(2030, 2, 3)),
        (date(2053, 2, 18), date(2053, 2, 19)),
    ];
    for (vietnam, china) in cases {
        let year = vietnam.year();
        assert_pair(vietnam, lunar(1, 1, year));
        assert_ne!(
            solar_to_lunar(china),
            Ok(lunar(1, 1, year)),
            "Chinese Tết {china}"
        );
    }
}

#[test]
fn known_tet_dates() {
    let cases = [
        (1991, date(1991, 2, 15)),
        (2024, date(2024, 2, 10)),
        (2025, date(2025, 1, 29)),
        (2026, date(2026, 2, 17)),
        (2027, date(2027, 2, 6)),
        (2028, date(2028, 1, 26)),
        (2029, date(2029, 2, 13)),
    ];
    for (year, tet) in cases {
        assert_pair(tet, lunar(1, 1, year));
    }
}

#[test]
fn known_gio_to_hung_vuong_dates() {
    // 10/3 âm lịch.
    for (year, solar) in [
        (2024, date(2024, 4, 18)),
        (2025, date(2025, 4, 7)),
        (2026, date(2026, 4, 26)),
        (2027, date(2027, 4, 16)),
    ] {
        assert_pair(solar, lunar(10, 3, year));
    }
}

#[test]
fn leap_months() {
    // 2023: leap month 2; 2025: leap month 6; 2033: the rare leap month 11.
    assert_pair(date(2023, 3, 22), leap(1, 2, 2023));
    assert_pair(date(2025, 7, 25), leap(1, 6, 2025));
    assert_pair(date(2033, 12, 22), leap(1, 11, 2033));
    // Vietnam's 1985 leap month 2 (China: leap 10 of 1984) is what moves Tết 1985, so
    // China's Tết 1985 is the first of month 2 in Vietnam.
    assert_pair(date(1985, 3, 21), leap(1, 2, 1985));
    assert_pair(date(1985, 2, 20), lunar(1, 2, 1985));
}

#[test]
fn month_boundaries() {
    assert_pair(date(2026, 8, 13), lunar(1, 7, 2026));
    // Tết eve: the last day of month 12 belongs to the previous lunar year.
    assert_pair(date(2026, 2, 16), lunar(29, 12, 2025));
    assert_pair(date(2025, 1, 28), lunar(29, 12, 2024));
}

#[test]
fn impossible_dates_are_invalid() {
    // Month 1 of 2024 has 29 days; 2024 has no leap month.
    for bad in [
        lunar(30, 1, 2024),
        leap(1, 3, 2024),
        lunar(0, 1, 2024),
        lunar(31, 1, 2024),
        lunar(1, 0, 2024),
        lunar(1, 13, 2024),
    ] {
        let result = lunar_to_solar(bad);
        assert!(
            matches!(result, Err(CalendarError::Invalid(_))),
            "{bad:?} gave {result:?}"
        );
    }
    let message = lunar_to_solar(lunar(30, 1, 2024)).unwrap_err().to_string();
    assert_eq!(
        message,
        "invalid input: lunar month 1 of 2024 has 29 days, so day 30 does not exist"
    );
    let message = lunar_to_solar(leap(1, 3, 2024)).unwrap_err().to_string();
    assert_eq!(
        message,
        "invalid input: lunar year 2024 has no leap month 3"
    );
}

#[test]
fn range_is_1900_01_31_to_2100_12_31() {
    assert_pair(date(1900, 1, 31), lunar(1, 1, 1900));
    assert!(solar_to_lunar(date(2100, 12, 31)).is_ok());
    for outside in [date(1900, 1, 30), date(2101, 1, 1), date(1800, 6, 1)] {
        assert!(matches!(
            solar_to_lunar(outside),
            Err(CalendarError::OutOfRange(_))
        ));
    }
    for outside in [lunar(30, 12, 1899), lunar(1, 1, 2101), lunar(1, 1, -5)] {
        assert!(matches!(
            lunar_to_solar(outside),
            Err(CalendarError::OutOfRange(_))
        ));
    }
    // The last lunar month of 2100 runs into 2101: its late days are out of range.
    let last = solar_to_lunar(date(2100, 12, 31)).unwrap();
    let after = LunarDate {
        day: last.day + 1,
        ..last
    };
    assert!(matches!(
        lunar_to_solar(after),
        Err(CalendarError::OutOfRange(_))
    ));
}

#[test]
fn serialises_as_four_named_fields() {
    let json = serde_json::to_string(&lunar(10, 3, 2026)).unwrap();
    assert_eq!(json, r#"{"day":10,"month":3,"year":2026,"leap":false}"#);
}
