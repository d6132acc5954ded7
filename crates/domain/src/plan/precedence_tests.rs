//! Tests of the precedence rule: automatic before reported, latest approved report, the span.

use chrono::Days;
use proptest::prelude::*;

use super::*;
use crate::indicator::{FixedValues, NoAutomaticValues};
use crate::plan::test_support::{Report, d, id, report};
use crate::plan::{Comparator, MeasureUnit};

fn h31() -> UnitCode {
    UnitCode::parse("H31").unwrap()
}

fn threshold(indicator: &str, scope: Option<Scope>) -> Threshold {
    Threshold {
        indicator: id(indicator),
        comparator: Comparator::Ge,
        value: 95.0,
        unit: MeasureUnit::Percent,
        scope,
        max: None,
        aspirational: false,
        equivalent: None,
    }
}

fn year() -> Period {
    Period::year(2023).unwrap()
}

#[test]
fn the_span_runs_from_the_year_start_to_the_as_of_day_within_the_year() {
    assert_eq!(evaluation_span(year(), d("2022-12-31")), None);
    let mid = evaluation_span(year(), d("2023-06-30")).unwrap();
    assert_eq!((mid.start, mid.end), (d("2023-01-01"), d("2023-06-30")));
    let after = evaluation_span(year(), d("2024-03-01")).unwrap();
    assert_eq!(after, year());
}

#[test]
fn an_automatic_value_comes_before_an_approved_report() {
    let t = threshold("dossier.on_time_ratio", None);
    let reports = [report(
        "dossier.on_time_ratio",
        None,
        "2023-01-01",
        "2023-03-31",
        80.0,
    )];
    let auto = FixedValues(vec![(id("dossier.on_time_ratio"), h31(), 97.5)]);
    let span = evaluation_span(year(), d("2023-06-30"));
    assert_eq!(
        threshold_value(&t, &h31(), span, &auto, &reports),
        Some((97.5, ValueOrigin::Automatic))
    );
    assert_eq!(
        threshold_value(&t, &h31(), span, &NoAutomaticValues, &reports),
        Some((80.0, ValueOrigin::Reported))
    );
    assert_eq!(threshold_value(&t, &h31(), None, &auto, &reports), None);
}

#[test]
fn reported_indicators_and_tiered_figures_take_only_reports() {
    let manual = threshold("manual.digitised_share", None);
    let auto = FixedValues(vec![(id("manual.digitised_share"), h31(), 99.0)]);
    let span = evaluation_span(year(), d("2023-12-31"));
    let none: [Report; 0] = [];
    assert_eq!(threshold_value(&manual, &h31(), span, &auto, &none), None);
    let tiered = threshold("dossier.on_time_ratio", Some(Scope::Commune));
    let auto = FixedValues(vec![(id("dossier.on_time_ratio"), h31(), 99.0)]);
    let commune = report(
        "dossier.on_time_ratio",
        Some(Scope::Commune),
        "2023-01-01",
        "2023-06-30",
        91.0,
    );
    let reports = [commune];
    assert_eq!(
        threshold_value(&tiered, &h31(), span, &auto, &reports),
        Some((91.0, ValueOrigin::Reported))
    );
}

#[test]
fn the_latest_period_within_the_span_wins_and_ties_go_to_the_last_reviewed() {
    let q = "manual.digitised_share";
    let reports = [
        report(q, None, "2023-04-01", "2023-06-30", 2.0),
        report(q, None, "2023-01-01", "2023-03-31", 1.0),
        report(q, None, "2023-04-01", "2023-06-30", 3.0),
        report(q, None, "2023-07-01", "2023-09-30", 4.0),
        report(q, Some(Scope::District), "2023-07-01", "2023-09-30", 5.0),
    ];
    let key = ReportKey {
        indicator: &id(q),
        scope_unit: "H31",
        tier: None,
    };
    let to_june = evaluation_span(year(), d("2023-08-15")).unwrap();
    assert_eq!(latest_approved(&reports, key, to_june).unwrap().value, 3.0);
    let whole = evaluation_span(year(), d("2023-12-31")).unwrap();
    assert_eq!(latest_approved(&reports, key, whole).unwrap().value, 4.0);
    let other_unit = ReportKey {
        scope_unit: "H31.SNV",
        ..key
    };
    assert!(latest_approved(&reports, other_unit, whole).is_none());
}

fn arbitrary_report() -> impl Strategy<Value = Report> {
    (
        0u64..365,
        0u64..120,
        prop::bool::ANY,
        0u8..3,
        -10.0f64..110.0,
    )
        .prop_map(|(start, len, district, which, value)| {
            let start = d("2023-01-01") + Days::new(start);
            let indicator = ["manual.a", "manual.b", "dossier.on_time_ratio"][usize::from(which)];
            Report {
                indicator: id(indicator),
                unit: "H31".into(),
                tier: district.then_some(Scope::District),
                period: Period {
                    start,
                    end: start + Days::new(len),
                },
                value,
            }
        })
}

proptest! {
    #[test]
    fn the_chosen_report_matches_and_no_matching_report_ends_later(
        reports in prop::collection::vec(arbitrary_report(), 0..30),
        as_of in 0u64..500,
    ) {
        let span = evaluation_span(year(), d("2023-01-01") + Days::new(as_of)).unwrap();
        let indicator = id("manual.a");
        let key = ReportKey { indicator: &indicator, scope_unit: "H31", tier: None };
        let fits = |r: &Report| r.indicator == indicator && r.tier.is_none()
            && r.period.start >= span.start && r.period.end <= span.end;
        match latest_approved(&reports, key, span) {
            Some(chosen) => {
                prop_assert!(fits(chosen));
                let later = reports.iter().filter(|r| fits(r))
                    .any(|r| (r.period.end, r.period.start) > (chosen.period.end, chosen.period.start));
                prop_assert!(!later);
            }
            None => prop_assert!(!reports.iter().any(fits)),
        }
    }
}
