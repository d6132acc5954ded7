//! `cchc report period|values import|rollup` run as a binary: the JSON contracts (snapshots),
//! an all-or-nothing import naming its lines, and exit code 2 on bad input.

#[expect(
    dead_code,
    reason = "the dossier fixtures of the shared support are not used here"
)]
mod support;

use support::{Workdir, assert_ok};

fn pretty(out: &std::process::Output) -> String {
    assert_ok(out);
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn code(out: &std::process::Output) -> Option<i32> {
    out.status.code()
}

#[test]
fn periods_print_their_dates() {
    let w = Workdir::prepared();
    let q1 = w.run(&[
        "report",
        "period",
        "--regime",
        "BNV-CCHC-Q",
        "--year",
        "2026",
        "--number",
        "1",
        "--format",
        "json",
    ]);
    insta::assert_snapshot!("report_period_q1_2026", pretty(&q1));
    let h1 = w.run(&[
        "report",
        "period",
        "--regime",
        "BNV-CCHC-6T",
        "--year",
        "2026",
    ]);
    insta::assert_snapshot!("report_period_h1_2026", pretty(&h1));
    let unknown = w.run(&["report", "period", "--regime", "KHONG", "--year", "2026"]);
    assert_eq!(code(&unknown), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("KHONG"));
    let q2 = w.run(&[
        "report",
        "period",
        "--regime",
        "BNV-CCHC-Q",
        "--year",
        "2026",
        "--number",
        "2",
    ]);
    assert_eq!(code(&q2), Some(2));
}

#[test]
fn values_import_whole_and_roll_up_over_the_subtree() {
    let w = Workdir::prepared();
    w.write(
        "bad.csv",
        "regime,period,unit,indicator,value,note\n\
         BNV-CCHC-Q,2026-Q1,H31.T1,TTHC.HS_TN,10,\n\
         BNV-CCHC-Q,2026-03,H31.T2,TTHC.HS_TN,10,\n\
         BNV-CCHC-Q,2026-Q1,H31.T2,TTHC.HAI_LONG,abc,\n",
    );
    let bad = w.run(&["report", "values", "import", "bad.csv"]);
    assert_eq!(code(&bad), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("dòng 3") && stderr.contains("dòng 4") && !stderr.contains("dòng 2"),
        "{stderr}"
    );
    w.write(
        "good.csv",
        "regime,period,unit,indicator,value,note\n\
         BNV-CCHC-Q,2026-Q1,H31.T1,TTHC.HS_TN,40,\n\
         BNV-CCHC-Q,2026-Q1,H31.T1,TTHC.HS_DH,30,\n\
         BNV-CCHC-Q,2026-Q1,H31.T2,TTHC.HS_TN,10,\n\
         BNV-CCHC-Q,2026-Q1,H31.T2,TTHC.HS_DH,10,\n\
         BNV-CCHC-Q,2026-Q1,H31.T2,TTHC.HAI_LONG,91.25,khảo sát quý I\n",
    );
    let good = w.run(&["report", "values", "import", "good.csv"]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&pretty(&good)).unwrap()["written"],
        5
    );
    let rollup = w.run(&[
        "report",
        "rollup",
        "--regime",
        "BNV-CCHC-Q",
        "--period",
        "2026-Q1",
        "--unit",
        "H31.T2",
        "--format",
        "json",
    ]);
    insta::assert_snapshot!("report_rollup_commune", pretty(&rollup));
    let whole = w.run(&[
        "report",
        "rollup",
        "--regime",
        "BNV-CCHC-Q",
        "--period",
        "2026-Q1",
        "--unit",
        "H31",
    ]);
    let whole: serde_json::Value = serde_json::from_str(&pretty(&whole)).unwrap();
    let ratio = whole["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "TTHC.TL_DH")
        .unwrap();
    // (30 + 10) / (40 + 10) = 80 %.
    assert_eq!(ratio["value"], 80);
    assert_eq!(ratio["units_reported"], 2);
    let wrong = w.run(&[
        "report",
        "rollup",
        "--regime",
        "BNV-CCHC-Q",
        "--period",
        "2026-H1",
        "--unit",
        "H31",
    ]);
    assert_eq!(code(&wrong), Some(2));
}
