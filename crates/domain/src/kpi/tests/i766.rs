//! QĐ 766 formulas with hand-computed values, the shipped definitions and the report shape.

use super::{Build, both, dossier, province, window};
use crate::dossier::Status;
use crate::kpi::i766::{Applies, Definitions, NotApplicable, evaluate, metric, points};
use crate::kpi::{Aggregate, Counts, ManualValue, ManualValues, MetricRow, Report, Tier};

fn defs() -> Definitions {
    Definitions::shipped()
}

fn row(code: &str, c: &Counts, entered: Option<ManualValue>) -> MetricRow {
    metric(defs().indicator(code).unwrap(), c, entered.as_ref())
}

fn close(a: Option<f64>, b: f64) {
    let a = a.unwrap_or(f64::NAN);
    assert!((a - b).abs() < 1e-9, "{a} ≠ {b}");
}

fn entered(numerator: Option<f64>, denominator: Option<f64>, ratio: Option<f64>) -> ManualValue {
    ManualValue {
        numerator,
        denominator,
        ratio,
    }
}

#[test]
fn shipped_definitions_add_up_to_the_decision() {
    let d = defs();
    let group_max: Vec<(&str, f64)> = d
        .groups
        .iter()
        .map(|g| (g.code.as_str(), g.max_score))
        .collect();
    assert_eq!(
        group_max,
        [
            ("CKMB", 18.0),
            ("TDGQ", 20.0),
            ("CLGQ", 12.0),
            ("TTTT", 10.0),
            ("MDSH", 22.0),
            ("MDHL", 18.0)
        ]
    );
    for g in &d.groups {
        let rows: f64 = d
            .indicators
            .iter()
            .filter(|i| i.group == g.code)
            .map(|i| i.max_score)
            .sum();
        // Payment rows reach 10.5 and are clamped at 10; every other group adds up.
        let expected = if g.code == "TTTT" { 10.5 } else { g.max_score };
        assert!((rows - expected).abs() < 1e-9, "{}: {rows}", g.code);
    }
    for code in [
        "2.1",
        "ORIGINAL_RESULT_AVAILABLE",
        "SO_HOA_GIAY_TO_GIAI_QUYET",
        "REUSED_DIGITIZED_DATA",
        "CITIZEN_DATA_CONNECTED_DOSSIER",
        "3.6",
        "3.5.B",
        "3.5.C",
        "3.3",
        "DOSSIER_RECEIVING_SATISFACTION",
    ] {
        assert!(d.indicator(code).is_some(), "{code}");
    }
    assert_eq!(
        d.indicator("CITIZEN_DATA_CONNECTED_DOSSIER").unwrap().scope,
        Applies::Province
    );
    assert!(
        d.indicators
            .iter()
            .all(|i| i.legal_basis.contains("766/QĐ-TTg"))
    );
}

#[test]
fn bad_definitions_are_refused() {
    let text = super::super::i766::QD_766.replace("group = \"TDGQ\"", "group = \"XXXX\"");
    assert!(Definitions::parse(&text).is_err());
    let text = super::super::i766::QD_766.replace("divisor = 0.8", "divisor = 0");
    assert!(Definitions::parse(&text).is_err());
}

#[test]
fn progress_2_1_is_twenty_times_the_on_time_ratio() {
    let c = Counts {
        received: [6, 2, 0],
        carried_over: 2,
        finished: [3, 2, 2],
        unfinished: [2, 1],
        ..Counts::default()
    };
    let r = row("2.1", &c, None);
    assert_eq!((r.numerator, r.denominator), (Some(7.0), Some(10.0)));
    close(r.score, 14.0);
    // No dossier: computable, score 0 (zero_denominator = zero), no ratio.
    let r = row("2.1", &Counts::default(), None);
    assert!(r.computable && r.ratio.is_none());
    close(r.score, 0.0);
}

#[test]
fn digitisation_4_1_4_2_4_3_4_5b() {
    let c = Counts {
        received: [40, 10, 0],
        with_result: 8,
        electronic_result: 6,
        digitised_result: 3,
        reused_data: 30,
        citizen_data: 25,
        ..Counts::default()
    };
    close(row("ORIGINAL_RESULT_AVAILABLE", &c, None).score, 4.5); // 6 × 6/8
    close(row("SO_HOA_GIAY_TO_GIAI_QUYET", &c, None).score, 1.5); // 4 × 3/8
    close(row("REUSED_DIGITIZED_DATA", &c, None).score, 1.5); // min(2, 2 × 0.6 ÷ 0.8)
    close(row("CITIZEN_DATA_CONNECTED_DOSSIER", &c, None).score, 1.0); // 2 × 25/50
    let many = Counts {
        reused_data: 45,
        ..c
    };
    close(row("REUSED_DIGITIZED_DATA", &many, None).score, 2.0); // 2.25 capped at 2
    close(
        points(
            defs().indicator("REUSED_DIGITIZED_DATA").unwrap().scoring,
            2.0,
            0.8,
        ),
        2.0,
    );
}

#[test]
fn online_payment_is_6a_plus_min_2_2_5b_plus_2_5c_clamped_at_10() {
    let c = Counts {
        fee_obligation: 16,
        paid_online: 12,
        procedures_paid_online: 3,
        procedures_with_fee: 6,
        ..Counts::default()
    };
    let mut m = ManualValues::new();
    m.insert("3.5.B".into(), entered(None, Some(10.0), None));
    m.insert("3.5.C".into(), entered(None, Some(10.0), None));
    let r = evaluate(
        &defs(),
        "H31",
        window("2026", "2026-12-31T00:00").period(),
        &c,
        &m,
        Tier::Province,
    );
    let g = |code: &str| r.groups.iter().find(|g| g.code == code).unwrap().clone();
    close(g("TTTT").score, 4.5 + 0.75 + 1.5); // 6 × 0.75 + min(2, 2.5 × 0.3) + 2.5 × 0.6
    let full = Counts {
        fee_obligation: 4,
        paid_online: 4,
        procedures_paid_online: 10,
        procedures_with_fee: 10,
        ..Counts::default()
    };
    let r = evaluate(&defs(), "H31", r.period, &full, &m, Tier::Province);
    let tttt = r.groups.iter().find(|g| g.code == "TTTT").unwrap();
    close(tttt.score, 10.0); // 6 + 2 + 2.5 = 10.5, clamped
    assert!((tttt.max_score - 10.0).abs() < 1e-9);
    // Without the catalogue's count of fee procedures, B and C are not computable.
    let r = row("3.5.B", &c, None);
    assert!(!r.computable && r.score.is_none());
    assert_eq!(r.numerator, None);
}

#[test]
fn online_submission_share_is_shown_without_points() {
    let c = Counts {
        received: [25, 20, 5],
        ..Counts::default()
    };
    let r = row("3.3", &c, None);
    assert!(r.computable);
    close(r.ratio, 0.4);
    assert_eq!(r.score, None);
}

#[test]
fn satisfaction_5_4_needs_ratings() {
    let c = Counts {
        received: [10, 0, 0],
        unsatisfied: 2,
        ..Counts::default()
    };
    let r = row("DOSSIER_RECEIVING_SATISFACTION", &c, None);
    assert!(!r.computable && r.score.is_none());
    let rated = Counts { rated: 3, ..c };
    let r = row("DOSSIER_RECEIVING_SATISFACTION", &rated, None);
    close(r.ratio, 0.8);
    close(r.score, 6.0 * 0.8 / 0.9); // 5.333…
}

#[test]
fn national_rows_take_an_entered_value_or_are_not_computable() {
    let c = Counts::default();
    let r = row("PUBLISH_ON_TIME", &c, None);
    assert!(!r.computable && r.score.is_none());
    close(
        row("PUBLISH_ON_TIME", &c, Some(entered(None, None, Some(0.5)))).score,
        3.0,
    );
    close(
        row(
            "DOSSIER_SYNC",
            &c,
            Some(entered(Some(90.0), Some(100.0), None)),
        )
        .score,
        5.4,
    );
    // No PAKN at all gives the maximum.
    close(
        row(
            "PETITION_PROCESSING_ON_TIME",
            &c,
            Some(entered(Some(0.0), Some(0.0), None)),
        )
        .score,
        6.0,
    );
}

#[test]
fn totals_count_only_what_could_be_scored() {
    let c = Counts {
        received: [8, 2, 0],
        finished: [5, 3, 2],
        with_result: 10,
        electronic_result: 10,
        ..Counts::default()
    };
    let r = evaluate(
        &defs(),
        "H31",
        window("2026", "2026-12-31T00:00").period(),
        &c,
        &ManualValues::new(),
        Tier::Province,
    );
    // 2.1: 8/10 → 16 of 20; MDSH: 4.1 6/6, 4.2 0/4, 4.3 0/2, 4.4 0/4, 4.5b 0/2; 3.6 (no
    // obligation) 0/6. Not computable: CKMB, 3.x, 3.5.B/C, 4.5a, certified copy, PAKN, 5.4.
    close(Some(r.total_score), 16.0 + 6.0);
    close(Some(r.max_score), 20.0 + 18.0 + 6.0);
    let ckmb = r.groups.iter().find(|g| g.code == "CKMB").unwrap();
    assert_eq!(ckmb.score, None);
    assert!(ckmb.max_score.abs() < 1e-9);
}

#[test]
fn communes_get_the_maximum_of_province_rows_or_lose_them() {
    let c = Counts {
        received: [10, 0, 0],
        ..Counts::default()
    };
    let none = ManualValues::new();
    let period = window("2026", "2026-12-31T00:00").period();
    let r = evaluate(&defs(), "X", period, &c, &none, Tier::Commune);
    let dossier_row = r
        .metrics
        .iter()
        .find(|m| m.code == "CITIZEN_DATA_CONNECTED_DOSSIER")
        .unwrap();
    assert!(dossier_row.computable);
    close(dossier_row.score, 2.0);
    let mut d = defs();
    d.not_applicable_policy = NotApplicable::Exclude;
    assert_eq!(Tier::of(crate::org::OrgKind::Ward), Tier::Commune);
    assert_eq!(Tier::of(crate::org::OrgKind::Department), Tier::Province);
    let r = evaluate(&d, "X", period, &c, &none, Tier::Commune);
    let dossier_row = r
        .metrics
        .iter()
        .find(|m| m.code == "CITIZEN_DATA_CONNECTED_DOSSIER")
        .unwrap();
    assert!(!dossier_row.computable && dossier_row.score.is_none());
}

#[test]
fn the_report_from_facts_serialises_in_the_agreed_shape() {
    let facts = [
        dossier("a", "2026-03-02T08:00", "2026-03-09T17:00")
            .resolved("2026-03-05T08:00")
            .with(|f| f.electronic_result = true),
        dossier("b", "2026-03-02T08:00", "2026-03-09T17:00")
            .finished("2026-03-12T08:00", Status::Returned),
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
    close(
        r.metrics.iter().find(|m| m.code == "2.1").unwrap().score,
        10.0,
    );
    close(
        r.metrics
            .iter()
            .find(|m| m.code == "ORIGINAL_RESULT_AVAILABLE")
            .unwrap()
            .score,
        3.0,
    );
    let json = serde_json::to_value(&r).unwrap();
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&json),
        [
            "groups",
            "max_score",
            "metrics",
            "period",
            "total_score",
            "unit"
        ]
    );
    assert_eq!(
        keys(&json["groups"][0]),
        ["code", "max_score", "name", "score"]
    );
    assert_eq!(
        keys(&json["metrics"][0]),
        [
            "code",
            "computable",
            "denominator",
            "max_score",
            "name",
            "numerator",
            "ratio",
            "score"
        ]
    );
    assert_eq!(
        json["period"],
        serde_json::json!({"start": "2026-03-01", "end": "2026-03-31"})
    );
    assert_eq!(json["metrics"][4]["code"], "2.1");
    assert_eq!(json["metrics"][4]["computable"], true);
}
