//! Reading the portal's evaluation responses and setting our formula and figures beside them.

use serde_json::json;

use super::i766::{dec, defs, evaluate_with};
use crate::kpi::reconcile::formula_score;
use crate::kpi::{Counts, Digitisation, ManualValues, Tier, check_unit, parse_evaluation};

fn response(metrics: serde_json::Value) -> String {
    json!({"code": "OK", "data": {
        "overview": {"departmentCode": "H31", "departmentName": "Tỉnh Hưng Yên",
            "departmentLevel": "PROVINCE", "totalScore": 50.5, "totalMaxScore": 100,
            "ratio": null, "metrics": metrics},
        "evaluation": [{"departmentCode": null, "metrics": []}]}})
    .to_string()
}

#[test]
fn a_response_reads_into_units_with_exact_numbers_and_nulls() {
    let text = response(json!([
        {"code": "ORIGINAL_RESULT_AVAILABLE", "name": null, "numerator": 133_274,
         "denominator": 184_513, "ratio": 72.23, "score": 4.33, "maxScore": 6},
        {"code": "REUSED_DIGITIZED_DATA"}
    ]));
    let units = parse_evaluation(&text).unwrap();
    assert_eq!(units.len(), 2);
    let p = &units[0];
    assert_eq!(p.code.as_deref(), Some("H31"));
    assert_eq!(p.level, Some(json!("PROVINCE")));
    assert_eq!(
        (p.total_score, p.total_max_score),
        (Some(dec("50.5")), Some(dec("100")))
    );
    let m = &p.metrics[0];
    assert_eq!(
        (m.numerator, m.ratio, m.score),
        (Some(dec("133274")), Some(dec("72.23")), Some(dec("4.33")))
    );
    assert_eq!(p.metrics[1].numerator, None);
    assert_eq!(units[1].code, None);
}

#[test]
fn a_response_of_another_shape_names_the_path_of_its_first_problem() {
    let cases = [
        ("[1]", "$", "expected an object, found an array"),
        ("{", "$", "not JSON"),
        (
            r#"{"code":"FAIL","data":{}}"#,
            "$.code",
            r#"expected "OK", found "FAIL""#,
        ),
        (
            r#"{"code":"OK","data":{}}"#,
            "$.data",
            "neither an overview nor an evaluation",
        ),
        (
            r#"{"code":"OK","data":{"evaluation":{}}}"#,
            "$.data.evaluation",
            "expected an array or null, found an object",
        ),
        (
            r#"{"code":"OK","data":{"evaluation":[{"metrics":[{"code":"X","score":"4"}]}]}}"#,
            "$.data.evaluation[0].metrics[0].score",
            "expected a number or null, found a text",
        ),
        (
            r#"{"code":"OK","data":{"overview":{"metrics":[{"name":"no code"}]}}}"#,
            "$.data.overview.metrics[0].code",
            "a metric needs its code",
        ),
        (
            r#"{"code":"OK","data":{"overview":{"departmentLevel":[1]}}}"#,
            "$.data.overview.departmentLevel",
            "expected a number, a text or null",
        ),
    ];
    for (text, path, message) in cases {
        let e = parse_evaluation(text).unwrap_err();
        assert_eq!(e.path, path, "{text}");
        assert!(e.message.contains(message), "{text}: {}", e.message);
    }
}

#[test]
fn our_formula_is_applied_to_the_portals_own_numerator_and_denominator() {
    let text = response(json!([
        {"code": "SO_HOA_GIAY_TO_GIAI_QUYET", "numerator": 261, "denominator": 326, "score": 4},
        {"code": "4.3", "numerator": 0, "denominator": 0, "score": null},
        {"code": "DOSSIER_RECEIVING_SATISFACTION", "numerator": 0, "denominator": 0, "score": 0},
        {"code": "PETITION_PROCESSING_ON_TIME", "numerator": 0, "denominator": 0, "score": 6},
        {"code": "3.3", "numerator": 1, "denominator": 2, "score": null},
        {"code": "2.1", "numerator": null, "denominator": 10, "score": 5}
    ]));
    let units = parse_evaluation(&text).unwrap();
    let d = defs();
    let formula: Vec<_> = units[0]
        .metrics
        .iter()
        .map(|m| formula_score(d.by_portal_code(&m.code).unwrap(), m))
        .collect();
    assert_eq!(
        formula,
        [
            Some(Some(dec("3.2"))),
            Some(None),
            Some(Some(dec("0"))),
            Some(Some(dec("6"))),
            None,
            None
        ]
    );
    let c = Counts {
        received: [326, 0, 0],
        finished: [326, 0, 0],
        in_population: Digitisation {
            digitised_result: 261,
            ..Digitisation::default()
        },
        ..Counts::default()
    };
    let ours = evaluate_with(&c, &ManualValues::new(), Tier::Province);
    let check = check_unit(&d, &units[0], Some("H31"), Some(&ours));
    let agrees: Vec<Option<bool>> = check.metrics.iter().map(|m| m.formula_agrees).collect();
    assert_eq!(
        agrees,
        [Some(false), Some(true), Some(true), Some(true), None, None]
    );
    let first = &check.metrics[0];
    assert_eq!(first.number.as_deref(), Some("4.2"));
    let ours_first = first.ours.as_ref().unwrap();
    assert_eq!(
        (ours_first.ratio, ours_first.score),
        (Some(dec("80.06")), Some(dec("3.2")))
    );
    assert_eq!(first.difference, Some(dec("-0.8")));
    assert_eq!(check.total.ours_score, Some(ours.total_score));
    // Without our report, nothing of ours.
    let alone = check_unit(&d, &units[0], None, None);
    assert!(!alone.known && alone.metrics.iter().all(|m| m.ours.is_none()));
}
