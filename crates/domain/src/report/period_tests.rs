//! Tests of the periods: every window convention and frequency, due dates moved by the working
//! calendar (weekends, holidays and substitute days), days a month lacks and leap years.

use super::period::{PeriodError, PeriodRef, period_of};
use super::regime::{Frequency, Regimes, Window};
use cchc_calendar::WorkCalendar;
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn calendar() -> WorkCalendar {
    WorkCalendar::national().unwrap()
}

/// A one-regime file with the given frequency, window and due rule.
fn regime(frequency: &str, window: &str, due: &str, internal: &str) -> Regimes {
    Regimes::parse(&format!(
        r#"version = 1
[[contents]]
code = "c"
legal_basis = "test"
outline = []
[[contents.indicators]]
code = "A"
label = "A"
unit = ""
type = "integer"
aggregation = "sum"
[[regimes]]
code = "T"
name = "T"
legal_basis = "test"
kind = "periodic"
frequency = "{frequency}"
window = "{window}"
due = {due}
internal_due = [{internal}]
reporting = {{ groups = ["department"] }}
receiving_unit = {{ name = "X" }}
content = "c"
"#
    ))
    .unwrap()
}

fn dates(regimes: &Regimes, label: &str) -> (NaiveDate, NaiveDate, NaiveDate) {
    let r = regimes.get("T").unwrap();
    let p = period_of(
        r,
        PeriodRef::parse(label, r.frequency).unwrap(),
        &calendar(),
    )
    .unwrap();
    (p.start, p.end, p.due)
}

#[test]
fn the_cchc_reports_to_bo_noi_vu_follow_the_cut_off_15_14() {
    let all = Regimes::embedded();
    let cal = calendar();
    let at = |code: &str, label: &str| {
        let r = all.get(code).unwrap();
        period_of(r, PeriodRef::parse(label, r.frequency).unwrap(), &cal).unwrap()
    };
    let q1 = at("BNV-CCHC-Q", "2026-Q1");
    assert_eq!(
        (q1.start, q1.end, q1.due),
        (d("2025-12-15"), d("2026-03-14"), d("2026-03-20"))
    );
    assert_eq!(q1.internal_due["commune"], d("2026-03-13"));
    assert_eq!(q1.internal_due["department"], d("2026-03-13"));
    // 20/6/2026 is a Saturday: due on Monday 22/6, internal due five working days earlier.
    let h1 = at("BNV-CCHC-6T", "2026-H1");
    assert_eq!(
        (h1.start, h1.end, h1.due),
        (d("2025-12-15"), d("2026-06-14"), d("2026-06-22"))
    );
    assert_eq!(h1.internal_due["commune"], d("2026-06-15"));
    let q3 = at("BNV-CCHC-Q", "2026-Q3");
    assert_eq!(
        (q3.start, q3.end, q3.due),
        (d("2026-06-15"), d("2026-09-14"), d("2026-09-21"))
    );
    let year = at("BNV-CCHC-NAM", "2026");
    assert_eq!(
        (year.start, year.end, year.due),
        (d("2025-12-15"), d("2026-12-14"), d("2026-12-21"))
    );
}

#[test]
fn a_regime_reports_only_its_own_period_numbers() {
    let all = Regimes::embedded();
    let r = all.get("BNV-CCHC-Q").unwrap();
    let q2 = PeriodRef::parse("2026-Q2", r.frequency).unwrap();
    assert!(matches!(
        period_of(r, q2, &calendar()),
        Err(PeriodError::NotReported(_))
    ));
}

#[test]
fn calendar_windows_cover_whole_months() {
    let due = "{ day = 20, month_offset = 1, shift = \"none\" }";
    let quarter = regime("quarter", "calendar", due, "");
    assert_eq!(
        dates(&quarter, "2026-Q1"),
        (d("2026-01-01"), d("2026-03-31"), d("2026-04-20"))
    );
    assert_eq!(
        dates(&quarter, "2026-Q4"),
        (d("2026-10-01"), d("2026-12-31"), d("2027-01-20"))
    );
    let half = regime("half", "calendar", due, "");
    assert_eq!(
        dates(&half, "2026-H2").0..=dates(&half, "2026-H2").1,
        d("2026-07-01")..=d("2026-12-31")
    );
    let nine = regime("q3", "calendar", due, "");
    assert_eq!(
        dates(&nine, "2026-Q3"),
        (d("2026-01-01"), d("2026-09-30"), d("2026-10-20"))
    );
    let year = regime("year", "calendar", due, "");
    assert_eq!(
        dates(&year, "2026"),
        (d("2026-01-01"), d("2026-12-31"), d("2027-01-20"))
    );
}

#[test]
fn cut_off_windows_start_on_the_15th_of_the_month_before() {
    let due = "{ day = 20, shift = \"none\" }";
    let month = regime("month", "cutoff_15_14", due, "");
    assert_eq!(
        dates(&month, "2026-01"),
        (d("2025-12-15"), d("2026-01-14"), d("2026-01-20"))
    );
    assert_eq!(
        dates(&month, "2026-03"),
        (d("2026-02-15"), d("2026-03-14"), d("2026-03-20"))
    );
    let nine = regime("q3", "cutoff_15_14", due, "");
    assert_eq!(
        dates(&nine, "2026-Q3"),
        (d("2025-12-15"), d("2026-09-14"), d("2026-09-20"))
    );
    let half = regime("half", "cutoff_15_14", due, "");
    assert_eq!(
        dates(&half, "2026-H2"),
        (d("2026-06-15"), d("2026-12-14"), d("2026-12-20"))
    );
}

#[test]
fn thirty_one_day_months_and_days_a_month_lacks() {
    let month = regime("month", "calendar", "{ day = 31, shift = \"none\" }", "");
    // January, March and December have 31 days; April and June 30.
    assert_eq!(
        dates(&month, "2026-01"),
        (d("2026-01-01"), d("2026-01-31"), d("2026-01-31"))
    );
    assert_eq!(
        dates(&month, "2026-04"),
        (d("2026-04-01"), d("2026-04-30"), d("2026-04-30"))
    );
    assert_eq!(dates(&month, "2026-12").1, d("2026-12-31"));
    let next = regime(
        "month",
        "calendar",
        "{ day = 31, month_offset = 1, shift = \"none\" }",
        "",
    );
    assert_eq!(dates(&next, "2026-03").2, d("2026-04-30"));
    assert_eq!(dates(&next, "2026-12").2, d("2027-01-31"));
}

#[test]
fn leap_years_end_february_on_the_29th() {
    let month = regime("month", "calendar", "{ day = 30, shift = \"none\" }", "");
    assert_eq!(
        dates(&month, "2028-02"),
        (d("2028-02-01"), d("2028-02-29"), d("2028-02-29"))
    );
    assert_eq!(
        dates(&month, "2026-02"),
        (d("2026-02-01"), d("2026-02-28"), d("2026-02-28"))
    );
    assert_eq!(dates(&month, "2100-02").1, d("2100-02-28"));
    assert_eq!(dates(&month, "2000-02").1, d("2000-02-29"));
    let cutoff = regime(
        "quarter",
        "cutoff_15_14",
        "{ day = 20, shift = \"none\" }",
        "",
    );
    assert_eq!(dates(&cutoff, "2028-Q1").0, d("2027-12-15"));
}

#[test]
fn a_due_date_on_holidays_moves_to_the_next_working_day() {
    // 30/4 and 1/5/2026 are holidays, 2–3/5 a weekend: due Monday 4/5. Three working days
    // earlier skips the holidays and the substitute day for Giỗ Tổ (27/4): Friday 24/4.
    let r = regime(
        "month",
        "calendar",
        "{ day = 30, month_offset = 1, shift = \"next_working_day\" }",
        "{ level = \"commune\", working_days_before = 3 }",
    );
    let t = r.get("T").unwrap();
    let p = period_of(
        t,
        PeriodRef::parse("2026-03", t.frequency).unwrap(),
        &calendar(),
    )
    .unwrap();
    assert_eq!(p.due, d("2026-05-04"));
    assert_eq!(p.internal_due["commune"], d("2026-04-24"));
    // Without the shift the nominal date stands.
    let fixed = regime(
        "month",
        "calendar",
        "{ day = 30, month_offset = 1, shift = \"none\" }",
        "",
    );
    assert_eq!(dates(&fixed, "2026-03").2, d("2026-04-30"));
}

#[test]
fn labels_must_match_the_frequency() {
    for (label, f) in [
        ("2026-H1", Frequency::Quarter),
        ("2026-Q5", Frequency::Quarter),
        ("2026-13", Frequency::Month),
        ("2026-3", Frequency::Month),
        ("2026-Q1", Frequency::Q3),
        ("2026-Q1", Frequency::Year),
        ("2026", Frequency::Half),
        ("26-Q1", Frequency::Quarter),
    ] {
        assert!(PeriodRef::parse(label, f).is_err(), "{label} as {f:?}");
    }
    for (label, f) in [
        ("2026-Q1", Frequency::Quarter),
        ("2026-H1", Frequency::Half),
        ("2026-Q3", Frequency::Q3),
        ("2026", Frequency::Year),
        ("2026-03", Frequency::Month),
    ] {
        assert_eq!(PeriodRef::parse(label, f).unwrap().label(), label);
    }
}

#[test]
fn the_shipped_regimes_mark_what_is_not_confirmed() {
    let all = Regimes::embedded();
    assert_eq!(all.regimes.len(), 3);
    for r in all.regimes.values() {
        assert!(!r.legal_basis.is_empty() && !r.unconfirmed.is_empty());
        assert!(r.content.indicators.iter().all(|i| !i.confirmed));
        assert!(r.content.outline.iter().all(|s| !s.confirmed));
        assert!(r.content.outline.len() >= 7, "one section per reform area");
    }
}

proptest! {
    /// Consecutive periods' windows tile the timeline: each starts the day after the previous
    /// ends, for both conventions and the frequencies that split the year.
    #[test]
    fn windows_tile_the_year(year in 1990i32..2090, cutoff in any::<bool>(), f in 0usize..3) {
        let frequency = [Frequency::Month, Frequency::Quarter, Frequency::Half][f];
        let window = if cutoff { Window::Cutoff1514 } else { Window::Calendar };
        let n = frequency.periods_per_year();
        for number in 1..=n {
            let p = PeriodRef { frequency, year, number };
            let (start, end) = p.window(window);
            prop_assert!(start < end);
            let next = if number == n {
                PeriodRef { frequency, year: year + 1, number: 1 }
            } else {
                PeriodRef { frequency, year, number: number + 1 }
            };
            prop_assert_eq!(next.window(window).0, end + Days::new(1));
        }
    }
}
