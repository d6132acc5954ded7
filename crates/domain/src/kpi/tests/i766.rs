//! QĐ 766 formulas with hand-computed values, the shipped definitions and the report shape
//! (the published examples are in `evidence.rs`).

use super::{Build, both, dossier, province, window};
use crate::dossier::Status;
use crate::kpi::i766::{Applies, Definitions, NotApplicable, ZeroDenominator, evaluate, metric};
use crate::kpi::{Aggregate, Counts, Dec, ManualValue, ManualValues, MetricRow, Report, Tier};

pub(super) fn defs() -> Definitions {
    Definitions::shipped()
}

/// `"4.33"` as an exact decimal.
pub(super) fn dec(s: &str) -> Dec {
    Dec::parse(s).unwrap_or_else(|| panic!("{s}"))
}

pub(super) fn row(code: &str, c: &Counts, entered: Option<ManualValue>) -> MetricRow {
    metric(defs().indicator(code).unwrap(), c, entered.as_ref())
}

pub(super) fn entered(numerator: Option<&str>, denominator: Option<&str>) -> ManualValue {
    ManualValue {
        numerator: numerator.map(dec),
        denominator: denominator.map(dec),
        ratio: None,
    }
}

/// A row's (ratio as a percentage, score).
pub(super) fn figures(r: &MetricRow) -> (Option<Dec>, Option<Dec>) {
    (r.percent(), r.score)
}

pub(super) fn evaluate_with(c: &Counts, m: &ManualValues, tier: Tier) -> Report {
    let period = window("2026", "2026-12-31T00:00").period();
    evaluate(&defs(), "H31", period, c, m, tier)
}

#[test]
fn shipped_definitions_add_up_to_the_decision() {
    let d = defs();
    let group_max: Vec<(&str, Dec)> = d
        .groups
        .iter()
        .map(|g| (g.code.as_str(), g.max_score))
        .collect();
    let want = [18, 20, 12, 10, 22, 18].map(Dec::from_u64);
    let codes = ["CKMB", "TDGQ", "CLGQ", "TTTT", "MDSH", "MDHL"];
    assert_eq!(group_max, codes.into_iter().zip(want).collect::<Vec<_>>());
    for g in &d.groups {
        let rows: Dec = d
            .indicators
            .iter()
            .filter(|i| i.group == g.code)
            .map(|i| i.max_score)
            .sum();
        // Payment rows reach 10.5 and are clamped at 10; every other group adds up.
        let expected = if g.code == "TTTT" {
            dec("10.5")
        } else {
            g.max_score
        };
        assert_eq!(rows, expected, "{}", g.code);
    }
    assert!(
        d.indicators
            .iter()
            .all(|i| i.legal_basis.contains("766/QĐ-TTg"))
    );
    assert_eq!(d.version, 2);
}

#[test]
fn only_1_2_and_3_x_are_province_rows_and_digitisation_has_null_zero_denominators() {
    let d = defs();
    let province: Vec<&str> = d
        .indicators
        .iter()
        .filter(|i| i.scope == Applies::Province)
        .map(|i| i.number.as_deref().unwrap_or(&i.code))
        .collect();
    assert_eq!(province, ["1.2", "3.x"]);
    for i in d.indicators.iter().filter(|i| i.group == "MDSH") {
        assert_eq!(i.zero_denominator, ZeroDenominator::Null, "{}", i.code);
    }
    for code in ["2.1", "DOSSIER_RECEIVING_SATISFACTION", "3.6"] {
        let i = d.indicator(code).unwrap();
        assert_eq!(i.zero_denominator, ZeroDenominator::Zero, "{code}");
    }
    for code in [
        "PETITION_PROCESSING_ON_TIME",
        "PETITION_HANDLING_SATISFACTION",
    ] {
        let i = d.indicator(code).unwrap();
        assert_eq!(i.zero_denominator, ZeroDenominator::Max, "{code}");
    }
}

#[test]
fn portal_codes_map_to_rows_by_code_or_by_an_unambiguous_number() {
    let d = defs();
    let code = |c: &str| d.by_portal_code(c).map(|i| i.code.as_str());
    assert_eq!(
        code("ORIGINAL_RESULT_AVAILABLE"),
        Some("ORIGINAL_RESULT_AVAILABLE")
    );
    assert_eq!(code("4.1"), Some("ORIGINAL_RESULT_AVAILABLE"));
    assert_eq!(code("5.4"), Some("DOSSIER_RECEIVING_SATISFACTION"));
    assert_eq!(code("2.1"), Some("2.1"));
    // 3.5 (B and C) and 5.1 (two classes) are two rows each.
    assert_eq!(code("3.5"), None);
    assert_eq!(code("5.1"), None);
    assert_eq!(code("NO_SUCH_METRIC"), None);
}

#[test]
fn bad_definitions_are_refused() {
    let shipped = super::super::i766::QD_766;
    for (from, to) in [
        ("group = \"TDGQ\"", "group = \"XXXX\""),
        ("divisor = 0.8", "divisor = 0"),
        ("divisor = 0.8", "divisor = 0.805"),
        ("max_score = 20\nmeasure", "max_score = 20.125\nmeasure"),
        ("max_score = 20\nmeasure", "max_score = -1\nmeasure"),
        ("max_score = 20\nmeasure", "max_score = 1000.01\nmeasure"),
    ] {
        assert!(shipped.contains(from), "{from}");
        let text = shipped.replacen(from, to, 1);
        assert!(Definitions::parse(&text).is_err(), "{to}");
    }
}

#[test]
fn progress_2_1_is_twenty_times_the_on_time_ratio_rounded() {
    let c = Counts {
        received: [6, 2, 0],
        carried_over: 2,
        finished: [3, 2, 2],
        unfinished: [2, 1],
        ..Counts::default()
    };
    let r = row("2.1", &c, None);
    assert_eq!(
        (r.numerator, r.denominator),
        (Some(dec("7")), Some(dec("10")))
    );
    assert_eq!(figures(&r), (Some(dec("70")), Some(dec("14"))));
    // 2/3 → 66.67 %, 13.33 points (not 13.333…).
    let third = Counts {
        received: [3, 0, 0],
        finished: [2, 0, 1],
        ..Counts::default()
    };
    assert_eq!(
        figures(&row("2.1", &third, None)),
        (Some(dec("66.67")), Some(dec("13.33")))
    );
}

#[test]
fn online_submission_share_is_shown_without_points() {
    let c = Counts {
        received: [25, 20, 5],
        ..Counts::default()
    };
    let r = row("3.3", &c, None);
    assert!(r.computable);
    assert_eq!(figures(&r), (Some(dec("40")), None));
}

#[test]
fn national_rows_take_an_entered_value_or_are_not_computable() {
    let c = Counts::default();
    let r = row("PUBLISH_ON_TIME", &c, None);
    assert!(!r.computable && r.score.is_none());
    let half = ManualValue {
        ratio: Some(dec("0.5")),
        ..ManualValue::default()
    };
    assert_eq!(row("PUBLISH_ON_TIME", &c, Some(half)).score, Some(dec("3")));
    let sync = row("DOSSIER_SYNC", &c, Some(entered(Some("90"), Some("100"))));
    assert_eq!(figures(&sync), (Some(dec("90")), Some(dec("5.4"))));
    // A fractional denominator (last year's total ÷ 12) is exact too: 50 ÷ 83.25.
    let monthly = row("DOSSIER_SYNC", &c, Some(entered(Some("50"), Some("83.25"))));
    assert_eq!(figures(&monthly), (Some(dec("60.06")), Some(dec("3.6"))));
}

#[test]
fn totals_count_only_what_could_be_scored() {
    let c = Counts {
        received: [8, 2, 0],
        finished: [5, 3, 2],
        unsatisfied: 2,
        ..Counts::default()
    };
    let mut in_population = c.in_population;
    in_population.electronic_result = 10;
    let c = Counts { in_population, ..c };
    let r = evaluate_with(&c, &ManualValues::new(), Tier::Province);
    // 2.1: 8/10 → 16 of 20; MDSH: 4.1 10/10 → 6, 4.2, 4.3, 4.4, 4.5b 0 of 12; 3.6 (no
    // obligation) 0 of 6; 5.4: 8/10 → 5.33 of 6. Not computable: CKMB, 3.x, 3.5.B/C, 4.5a,
    // certified copy, PAKN.
    assert_eq!(r.total_score, dec("16") + dec("6") + dec("5.33"));
    assert_eq!(r.max_score, Dec::from_u64(20 + 18 + 6 + 6));
    let ckmb = r.groups.iter().find(|g| g.code == "CKMB").unwrap();
    assert_eq!((ckmb.score, ckmb.max_score), (None, Dec::ZERO));
}

#[test]
fn communes_score_4_5_and_get_the_maximum_of_province_rows_or_lose_them() {
    let c = Counts {
        received: [10, 0, 0],
        ..Counts::default()
    };
    let none = ManualValues::new();
    let r = evaluate_with(&c, &none, Tier::Commune);
    let get = |r: &Report, code: &str| r.metrics.iter().find(|m| m.code == code).unwrap().clone();
    // 4.5b is counted for a commune: 0 of 10 connected.
    assert_eq!(
        figures(&get(&r, "CITIZEN_DATA_CONNECTED_DOSSIER")),
        (Some(Dec::ZERO), Some(Dec::ZERO))
    );
    // 1.2 is not applicable and awarded its maximum.
    let publicity = get(&r, "PUBLIC_UPDATE_ON_TIME");
    assert!(publicity.computable);
    assert_eq!(publicity.score, Some(dec("4")));
    let mut d = defs();
    d.not_applicable_policy = NotApplicable::Exclude;
    assert_eq!(Tier::of(crate::org::OrgKind::Ward), Tier::Commune);
    assert_eq!(Tier::of(crate::org::OrgKind::Department), Tier::Province);
    let r = evaluate(&d, "X", r.period, &c, &none, Tier::Commune);
    let publicity = get(&r, "PUBLIC_UPDATE_ON_TIME");
    assert!(!publicity.computable && publicity.score.is_none());
    assert!(get(&r, "CITIZEN_DATA_CONNECTED_DOSSIER").computable);
}

#[test]
fn the_report_from_facts_serialises_in_the_agreed_shape_with_exact_numbers() {
    let facts = [
        dossier("a", "2026-03-02T08:00", "2026-03-09T17:00")
            .resolved("2026-03-05T08:00")
            .with(|f| f.electronic_result = true),
        dossier("b", "2026-03-02T08:00", "2026-03-09T17:00")
            .finished("2026-03-12T08:00", Status::Returned),
        dossier("c", "2026-03-02T08:00", "2026-03-09T17:00").resolved("2026-03-06T08:00"),
    ];
    let w = window("2026-03", "2026-04-01T00:00");
    both(&facts, &w);
    let c = Aggregate::from_facts(&facts).counts(&province(), &w);
    let r: Report = evaluate(
        &defs(),
        "H31",
        w.period(),
        &c,
        &ManualValues::new(),
        Tier::Province,
    );
    let json = serde_json::to_value(&r).unwrap();
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let top = [
        "groups",
        "max_score",
        "metrics",
        "period",
        "total_score",
        "unit",
    ];
    assert_eq!(keys(&json), top);
    assert_eq!(
        keys(&json["groups"][0]),
        ["code", "max_score", "name", "score"]
    );
    let metric_keys = [
        "code",
        "computable",
        "denominator",
        "max_score",
        "name",
        "numerator",
        "ratio",
        "score",
    ];
    assert_eq!(keys(&json["metrics"][4]), metric_keys);
    assert_eq!(
        json["period"],
        serde_json::json!({"start": "2026-03-01", "end": "2026-03-31"})
    );
    // 2.1: 2 of 3 on time → 13.33; 4.1: 1 of 3 → 2.00; the ratio a fraction, 4 decimals.
    let text = serde_json::to_string(&json["metrics"][4]).unwrap();
    assert!(text.contains(r#""code":"2.1""#), "{text}");
    assert!(text.contains(r#""ratio":0.6667"#), "{text}");
    assert!(text.contains(r#""score":13.33"#), "{text}");
    assert!(text.contains(r#""numerator":2.0,"#), "{text}");
    let electronic = r
        .metrics
        .iter()
        .find(|m| m.code == "ORIGINAL_RESULT_AVAILABLE")
        .unwrap();
    assert_eq!(figures(electronic), (Some(dec("33.33")), Some(dec("2"))));
    assert_eq!(serde_json::from_value::<Report>(json).unwrap(), r);
}
