//! `cchc par …` run as a binary: the shipped template imported and exported, a campaign
//! over two departments, scores imported and the results computed by hand, bad files refused
//! with exit 2 and one line per problem, writing nothing.

#[expect(
    dead_code,
    reason = "the statistics tests share these helpers; these tests use the work directory only"
)]
mod support;

use serde_json::{Value, json};
use support::{Workdir, assert_ok, stdout_json};

const TEMPLATE: &str = include_str!("../../../data/par/2026-department.json");
const CODE: &str = "PAR-2026-DEPARTMENT";

fn campaign() -> Workdir {
    let w = Workdir::new();
    w.write("t.json", TEMPLATE);
    assert_ok(&w.run(&["par", "template", "import", "t.json"]));
    let create = [
        "par",
        "campaign",
        "create",
        "--year",
        "2026",
        "--template",
        CODE,
        "--units",
        "H31.SNV,H31.STP,H31.SYT",
    ];
    assert_ok(&w.run(&create));
    w
}

fn results(w: &Workdir) -> Value {
    let args = [
        "par",
        "results",
        "--year",
        "2026",
        "--template",
        CODE,
        "--format",
        "json",
    ];
    stdout_json(&w.run(&args))
}

fn import_scores(w: &Workdir, csv: &str) -> std::process::Output {
    w.write("s.csv", csv);
    w.run(&[
        "par",
        "scores",
        "import",
        "s.csv",
        "--year",
        "2026",
        "--template",
        CODE,
    ])
}

#[test]
fn template_round_trips_through_export() {
    let w = campaign();
    let out = stdout_json(&w.run(&["par", "template", "export", CODE, "--format", "json"]));
    let shipped: Value = serde_json::from_str(TEMPLATE).unwrap();
    assert_eq!(as_floats(out), as_floats(shipped));
}

/// The value with every number as a binary float (the export writes 90 as 90.0).
fn as_floats(v: Value) -> Value {
    match v {
        Value::Number(n) => json!(n.as_f64().unwrap()),
        Value::Array(a) => Value::Array(a.into_iter().map(as_floats).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, as_floats(v))).collect()),
        other => other,
    }
}

#[test]
fn scores_give_the_index_computed_by_hand() {
    let w = campaign();
    // H31.SNV: 1.1 appraised down to 1.5 (self 2), 1.4 not applicable (max 1 out: 99),
    // survey 8.1 = 12.5; bonus 7 capped at 5; penalty 1.
    // (1.5 + 12.5 + 5 − 1) / 99 = 18.18 %.  H31.STP: 1.1 self 2 → 2 / 100 = 2.00 %.
    // H31.SYT: nothing: 0 %.
    let csv = "unit,criterion,stage,points,not_applicable,note
H31.SNV,1.1,self,2,,
H31.SNV,1.1,appraisal_1,1.5,,thiếu tài liệu
H31.SNV,1.4,self,,1,không có đơn vị trực thuộc
H31.SNV,8.1,survey,12.5,,
H31.SNV,,bonus,7,,
H31.SNV,,penalty,1,,
H31.STP,1.1,self,2,,
";
    assert_ok(&import_scores(&w, csv));
    let r = results(&w);
    assert_eq!(r["year"], json!(2026));
    assert_eq!(r["template"], json!(CODE));
    let snv = &r["units"][0];
    assert_eq!(snv["unit"], json!("H31.SNV"));
    assert_eq!(snv["points"], json!(14.0));
    assert_eq!(snv["bonus"], json!(5.0));
    assert_eq!(snv["penalty"], json!(1.0));
    assert_eq!(snv["applicable_max"], json!(99.0));
    assert_eq!(snv["index"], json!(18.18));
    assert_eq!(snv["rank"], json!(1));
    assert_eq!(snv["band"], json!("Yếu"));
    assert_eq!(
        snv["areas"][0],
        json!({"code": "1", "name": "Công tác chỉ đạo, điều hành cải cách hành chính",
               "points": 1.5, "max": 7.0})
    );
    let order: Vec<(&str, u64)> = r["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["unit"].as_str().unwrap(), u["rank"].as_u64().unwrap()))
        .collect();
    assert_eq!(order, vec![("H31.SNV", 1), ("H31.STP", 2), ("H31.SYT", 3)]);
    // A second import replaces the same key: appraisal 2 decides.
    let again = "unit,criterion,stage,points,not_applicable,note\nH31.STP,1.1,appraisal_2,0,,\n";
    assert_ok(&import_scores(&w, again));
    assert_eq!(results(&w)["units"][1]["points"], json!(0.0));
}

#[test]
fn a_bad_scores_file_is_refused_whole() {
    let w = campaign();
    let csv = "unit,criterion,stage,points,not_applicable,note
H31.SNV,1.1,self,2,,
H31.SNV,1.1,self,9,,
H31.SNV,1,self,1,,
H31.VPUB,1.1,self,1,,
H31.SNV,1.1,appraisal_1,-1,,
H31.SNV,1.2,self,,1,
";
    let out = import_scores(&w, csv);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for line in ["dòng 3:", "dòng 4:", "dòng 5:", "dòng 6:", "dòng 7:"] {
        assert_eq!(err.matches(line).count(), 1, "{line} in {err}");
    }
    assert!(!err.contains("dòng 2:"), "{err}");
    assert!(err.contains("vượt điểm tối đa"), "{err}");
    // Nothing written: the valid line 2 is not counted.
    assert_eq!(results(&w)["units"][0]["points"], json!(0.0));
}

#[test]
fn bad_templates_and_campaigns_exit_2() {
    let w = Workdir::new();
    let mut t: Value = serde_json::from_str(TEMPLATE).unwrap();
    t["items"][0]["children"][1]["code"] = json!("1.1");
    t["items"][1]["children"][0]["method"] = json!("vote");
    w.write("bad.json", &t.to_string());
    let out = w.run(&["par", "template", "import", "bad.json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("items[0].children[1].code:"), "{err}");
    assert!(err.contains("items[1].children[0].method:"), "{err}");
    let export = w.run(&["par", "template", "export", CODE, "--format", "json"]);
    assert_eq!(export.status.code(), Some(2));
    assert!(export.stdout.is_empty());

    let w = campaign();
    let twice = w.run(&[
        "par",
        "campaign",
        "create",
        "--year",
        "2026",
        "--template",
        CODE,
    ]);
    assert_eq!(twice.status.code(), Some(2));
    let wrong = [
        "par",
        "campaign",
        "create",
        "--year",
        "2027",
        "--template",
        CODE,
    ];
    assert_eq!(w.run(&wrong).status.code(), Some(2));
    // A template in use cannot be replaced.
    let again = w.run(&["par", "template", "import", "t.json"]);
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn default_units_are_the_groups_units_on_1_january() {
    let w = Workdir::new();
    w.write("t.json", TEMPLATE);
    assert_ok(&w.run(&["par", "template", "import", "t.json"]));
    let create = [
        "par",
        "campaign",
        "create",
        "--year",
        "2026",
        "--template",
        CODE,
    ];
    assert_ok(&w.run(&create));
    let units: Vec<String> = results(&w)["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["unit"].as_str().unwrap().to_owned())
        .collect();
    // Seven departments in force on 1/1/2026; Sở TT&TT ended on 28/2/2025.
    assert_eq!(
        units,
        [
            "H31.SGDDT",
            "H31.SKHCN",
            "H31.SNV",
            "H31.STC",
            "H31.STP",
            "H31.SYT",
            "H31.VPUB"
        ]
    );
    let wrong = w.run(&[
        "par",
        "campaign",
        "create",
        "--year",
        "2026",
        "--template",
        CODE,
        "--units",
        "H31.STTTT,H31",
    ]);
    assert_eq!(wrong.status.code(), Some(2));
}
