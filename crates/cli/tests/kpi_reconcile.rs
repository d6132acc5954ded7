//! `cchc kpi reconcile` run as a binary on a response built in the portal's shape: every row
//! reported with our formula and our figures beside the portal's, a formula disagreement
//! shown, units mapped by a table, files of another shape refused with their JSON path.

mod support;

use serde_json::{Value, json};
use support::{Workdir, ndjson, sample, stdout_json};

fn metric(code: &str, n: Value, d: Value, ratio: Value, score: Value, max: Value) -> Value {
    json!({"code": code, "name": format!("Chỉ tiêu {code}"), "numerator": n,
           "denominator": d, "ratio": ratio, "score": score, "maxScore": max})
}

/// The province (overview), a commune under another code, and a unit we do not have.
fn response() -> Value {
    let province = vec![
        // 72.23 % → 4.33: our formula agrees.
        metric(
            "ORIGINAL_RESULT_AVAILABLE",
            json!(133_274),
            json!(184_513),
            json!(72.23),
            json!(4.33),
            json!(6),
        ),
        // 261/326 scored 4 (as by the "≥ 80 % gives full points" form): we give 3.20.
        metric(
            "SO_HOA_GIAY_TO_GIAI_QUYET",
            json!(261),
            json!(326),
            json!(80.06),
            json!(4),
            json!(4),
        ),
        // 0/0: no ratio and no score.
        metric(
            "REUSED_DIGITIZED_DATA",
            json!(0),
            json!(0),
            Value::Null,
            Value::Null,
            json!(2),
        ),
        // By our row number.
        metric("2.1", json!(3), json!(5), json!(60), json!(12), json!(20)),
        metric(
            "NOT_OURS",
            json!(1),
            json!(2),
            Value::Null,
            json!(1),
            json!(1),
        ),
    ];
    let commune = vec![metric(
        "2.1",
        json!(1),
        json!(3),
        json!(33.33),
        json!(6.67),
        json!(20),
    )];
    json!({"code": "OK", "message": null, "data": {
    "overview": {"departmentCode": "H31", "departmentName": "Tỉnh Hưng Yên",
        "departmentLevel": 1, "totalScore": 26.33, "totalMaxScore": 32, "ratio": 82.28,
        "metrics": province},
    "evaluation": [
        {"departmentCode": "000.00.31.T2", "departmentName": "Xã Hai", "departmentLevel": 3,
         "totalScore": 6.67, "totalMaxScore": 20, "ratio": null, "metrics": commune},
        {"departmentCode": "000.99.99", "departmentName": null, "departmentLevel": null,
         "totalScore": null, "totalMaxScore": null, "ratio": null, "metrics": null}
    ]}})
}

fn prepared() -> Workdir {
    let w = Workdir::prepared();
    w.write("d.ndjson", &ndjson(&sample()));
    stdout_json(&w.run(&["import", "dossiers", "d.ndjson"]));
    w.write("portal.json", &response().to_string());
    w.write("map.csv", "portal_code,unit_code\n000.00.31.T2,H31.T2\n");
    w
}

fn reconcile(w: &Workdir, file: &str) -> std::process::Output {
    w.run(&[
        "kpi",
        "reconcile",
        file,
        "--period",
        "2026-03",
        "--as-of",
        "2026-04-15",
        "--map",
        "map.csv",
        "--format",
        "json",
    ])
}

#[test]
fn every_portal_row_is_set_beside_our_formula_and_our_figures() {
    let w = prepared();
    let out = stdout_json(&reconcile(&w, "portal.json"));
    assert_eq!(
        out["period"],
        json!({"start": "2026-03-01", "end": "2026-03-31"})
    );
    let units = out["units"].as_array().unwrap();
    assert_eq!(units.len(), 3);
    let province = &units[0];
    assert_eq!(
        (
            &province["unit"],
            &province["portal_unit"],
            &province["known"]
        ),
        (&json!("H31"), &json!("H31"), &json!(true))
    );
    // Our March: 5 dossiers, 3 on time (12 points), none with an electronic result, and 5.4
    // at 3/5 → 6 × 0.6 ÷ 0.9 = 4.00; 4.1–4.4 and 4.5b at 0 of 5.
    assert_eq!(
        province["total"],
        json!({"portal_score": 26.33, "portal_max_score": 32.0,
               "ours_score": 16.0, "ours_max_score": 50.0})
    );
    let rows = province["metrics"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    assert_eq!(
        rows[0],
        json!({"code": "ORIGINAL_RESULT_AVAILABLE", "number": "4.1",
            "portal": {"numerator": 133_274.0, "denominator": 184_513.0, "ratio": 72.23,
                       "score": 4.33, "max_score": 6.0},
            "formula_score": 4.33,
            "ours": {"numerator": 0.0, "denominator": 5.0, "ratio": 0.0, "score": 0.0,
                     "max_score": 6.0},
            "formula_agrees": true,
            "difference": -4.33})
    );
    // The disagreement: the portal's 4 against our linear 3.20.
    assert_eq!(
        (&rows[1]["formula_score"], &rows[1]["formula_agrees"]),
        (&json!(3.2), &json!(false))
    );
    // 0/0 with a null score is what our formula gives.
    assert_eq!(
        (&rows[2]["formula_score"], &rows[2]["formula_agrees"]),
        (&Value::Null, &json!(true))
    );
    assert_eq!(rows[3]["ours"]["score"], json!(12.0));
    assert_eq!(rows[3]["difference"], json!(0.0));
    // A code we do not have: reported, with nothing to compare.
    assert_eq!(
        (
            &rows[4]["ours"],
            &rows[4]["formula_agrees"],
            &rows[4]["number"]
        ),
        (&Value::Null, &Value::Null, &Value::Null)
    );
}

#[test]
fn units_are_matched_through_the_mapping_and_unknown_ones_reported() {
    let w = prepared();
    let out = stdout_json(&reconcile(&w, "portal.json"));
    let commune = &out["units"][1];
    assert_eq!(
        (&commune["unit"], &commune["portal_unit"], &commune["known"]),
        (&json!("H31.T2"), &json!("000.00.31.T2"), &json!(true))
    );
    // H31.T2 in March: 3 dossiers, 1 within its deadline.
    let progress = &commune["metrics"][0];
    assert_eq!(progress["ours"]["numerator"], json!(1.0));
    assert_eq!(progress["ours"]["denominator"], json!(3.0));
    assert_eq!(progress["ours"]["score"], json!(6.67));
    assert_eq!(progress["formula_agrees"], json!(true));
    let unknown = &out["units"][2];
    assert_eq!(
        (&unknown["unit"], &unknown["known"], &unknown["metrics"]),
        (&json!("000.99.99"), &json!(false), &json!([]))
    );
    assert_eq!(unknown["total"]["ours_score"], Value::Null);
}

#[test]
fn a_file_of_another_shape_exits_2_naming_the_json_path() {
    let w = prepared();
    let mut bad = response();
    bad["data"]["evaluation"][0]["metrics"][0]["numerator"] = json!("1");
    w.write("bad.json", &bad.to_string());
    let out = reconcile(&w, "bad.json");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("$.data.evaluation[0].metrics[0].numerator: expected a number or null"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    for (name, text, path) in [
        ("text.json", "not json", "$: not JSON"),
        ("error.json", r#"{"code":"ERROR","data":null}"#, "$.code"),
        (
            "nodata.json",
            r#"{"code":"OK"}"#,
            "$.data: expected an object",
        ),
    ] {
        w.write(name, text);
        let out = reconcile(&w, name);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(path), "{name}: {err}");
    }
    let out = reconcile(&w, "missing.json");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
    w.write("map.csv", "000.00.31.T2\n");
    let out = reconcile(&w, "portal.json");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("map.csv line 1"));
}
