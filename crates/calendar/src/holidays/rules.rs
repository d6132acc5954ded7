//! Holidays by rule, for years without an annual data file, by the labour code in force.
//!
//! | from | code | differences |
//! |---|---|---|
//! | 1995 | BLLĐ 1994 Điều 73 | 01/01, Tết 4 days, 30/4, 01/5, 02/9 |
//! | 2007 | BLLĐ 1994 as amended by Luật 84/2007/QH11 | + Giỗ Tổ Hùng Vương (10/3 âm lịch) |
//! | 2013 | BLLĐ 2012 Điều 115 | Tết 5 days (applied from Tết Quý Tỵ 2013) |
//! | 2014 | same, with the annual practice | a Tết day on Saturday moves to the previous working day |
//! | 2021 | BLLĐ 2019 Điều 112 | + one day adjacent to 02/9 |
//!
//! Tết days are the eve (last day of the twelfth lunar month) and the first days of the first
//! month. A holiday on a weekly rest day gives the next free working day off (nghỉ bù, BLLĐ 2019
//! Điều 111 khoản 3; BLLĐ 1994 Điều 73); from 2014 a Tết day on a Saturday gives the previous free
//! working day instead ("29 Tết"), as the annual notices do (docs/DOMAIN.md § Working time). The day adjacent to
//! 02/9 follows the notices of 2021–2026: it joins 02/9 to the nearest weekend.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::data::weekday_vi;
use super::{DayOff, FIRST_YEAR, LAST_YEAR, OffKind, Source, YearHolidays, is_weekly_rest};
use crate::CalendarError;
use crate::lunar::{LunarDate, lunar_to_solar};

/// The rules in force from a year on.
struct Era {
    from: i32,
    code: &'static str,
    tet_days: u8,
    hung_kings: bool,
    national_day_adjacent: bool,
    tet_saturday_back: bool,
}

const ERAS: [Era; 5] = [
    Era {
        from: 1995,
        code: "BLLĐ 1994 Điều 73",
        tet_days: 4,
        hung_kings: false,
        national_day_adjacent: false,
        tet_saturday_back: false,
    },
    Era {
        from: 2007,
        code: "BLLĐ 1994 (sửa đổi 2007) Điều 73",
        tet_days: 4,
        hung_kings: true,
        national_day_adjacent: false,
        tet_saturday_back: false,
    },
    Era {
        from: 2013,
        code: "BLLĐ 2012 Điều 115",
        tet_days: 5,
        hung_kings: true,
        national_day_adjacent: false,
        tet_saturday_back: false,
    },
    Era {
        from: 2014,
        code: "BLLĐ 2012 Điều 115",
        tet_days: 5,
        hung_kings: true,
        national_day_adjacent: false,
        tet_saturday_back: true,
    },
    Era {
        from: 2021,
        code: "BLLĐ 2019 Điều 112",
        tet_days: 5,
        hung_kings: true,
        national_day_adjacent: true,
        tet_saturday_back: true,
    },
];

fn era(year: i32) -> Result<&'static Era, CalendarError> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(CalendarError::OutOfRange(format!(
            "year {year}: the working calendar covers {FIRST_YEAR}–{LAST_YEAR}"
        )));
    }
    Ok(ERAS
        .iter()
        .rev()
        .find(|e| e.from <= year)
        .unwrap_or(&ERAS[0]))
}

/// One holiday before substitutes are placed.
struct Day {
    date: NaiveDate,
    name: String,
    tet: bool,
}

/// The rule-based calendar of `year` (no swaps and no make-up days: only notices create those).
pub fn by_rules(year: i32) -> Result<YearHolidays, CalendarError> {
    let era = era(year)?;
    let mut days = tet_days(year, era)?;
    days.extend(fixed_days(year, era)?);
    days.sort_by_key(|d| d.date);
    let mut taken: BTreeSet<NaiveDate> = days.iter().map(|d| d.date).collect();
    let mut days_off = Vec::with_capacity(days.len() + 4);
    for d in &days {
        if is_weekly_rest(d.date) {
            let back = d.tet && era.tet_saturday_back && d.date.weekday() == Weekday::Sat;
            let sub = free_day(d.date, back, &taken)?;
            taken.insert(sub);
            days_off.push(substitute(sub, d, era));
        }
        days_off.push(DayOff {
            date: d.date,
            name: d.name.clone(),
            kind: OffKind::Holiday,
            basis: era.code.to_owned(),
            enabled: true,
        });
    }
    days_off.sort_by(|a, b| (a.date, a.kind.as_str()).cmp(&(b.date, b.kind.as_str())));
    Ok(YearHolidays {
        year,
        source: Source::Rules,
        version: 0,
        days_off,
        working_saturdays: Vec::new(),
    })
}

fn substitute(date: NaiveDate, of: &Day, era: &Era) -> DayOff {
    let dm = of.date.format("%d/%m");
    let base = of.name.split(" (").next().unwrap_or(&of.name);
    DayOff {
        date,
        name: format!(
            "Nghỉ bù {base} (trùng {} {dm})",
            weekday_vi(of.date.weekday())
        ),
        kind: OffKind::Substitute,
        basis: format!("{}; nghỉ bù theo quy tắc", era.code),
        enabled: true,
    }
}

/// The nearest working day before (`back`) or after `from` that is not already off.
fn free_day(
    from: NaiveDate,
    back: bool,
    taken: &BTreeSet<NaiveDate>,
) -> Result<NaiveDate, CalendarError> {
    let mut d = from;
    for _ in 0..31 {
        d = if back { d.pred_opt() } else { d.succ_opt() }
            .ok_or_else(|| CalendarError::OutOfRange(format!("{from}")))?;
        if !is_weekly_rest(d) && !taken.contains(&d) {
            return Ok(d);
        }
    }
    Err(CalendarError::Data(format!(
        "no free day for a substitute of {from}"
    )))
}

fn tet_days(year: i32, era: &Era) -> Result<Vec<Day>, CalendarError> {
    let first = lunar_to_solar(LunarDate {
        day: 1,
        month: 1,
        year,
        leap: false,
    })?;
    let eve = first
        .pred_opt()
        .ok_or_else(|| CalendarError::OutOfRange(format!("{first}")))?;
    let mut out = vec![Day {
        date: eve,
        name: "Tết Âm lịch (giao thừa)".to_owned(),
        tet: true,
    }];
    for n in 1..era.tet_days {
        let date = first + Days::new(u64::from(n - 1));
        out.push(Day {
            date,
            name: format!("Tết Âm lịch (mùng {n})"),
            tet: true,
        });
    }
    Ok(out)
}

fn fixed_days(year: i32, era: &Era) -> Result<Vec<Day>, CalendarError> {
    let ymd = |m, d| {
        NaiveDate::from_ymd_opt(year, m, d)
            .ok_or_else(|| CalendarError::OutOfRange(format!("{year}-{m:02}-{d:02}")))
    };
    let day = |date, name: &str| Day {
        date,
        name: name.to_owned(),
        tet: false,
    };
    let mut out = vec![
        day(ymd(1, 1)?, "Tết Dương lịch"),
        day(ymd(4, 30)?, "Ngày Chiến thắng (30/4)"),
        day(ymd(5, 1)?, "Ngày Quốc tế Lao động (01/5)"),
        day(ymd(9, 2)?, "Quốc khánh (02/9)"),
    ];
    if era.hung_kings {
        let date = lunar_to_solar(LunarDate {
            day: 10,
            month: 3,
            year,
            leap: false,
        })?;
        out.push(day(date, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"));
    }
    if era.national_day_adjacent {
        let sep2 = ymd(9, 2)?;
        let forward = matches!(sep2.weekday(), Weekday::Mon | Weekday::Thu | Weekday::Sun);
        let date = if forward {
            sep2.succ_opt()
        } else {
            sep2.pred_opt()
        }
        .ok_or_else(|| CalendarError::OutOfRange(format!("{sep2}")))?;
        out.push(day(date, "Quốc khánh (ngày liền kề)"));
    }
    Ok(out)
}
