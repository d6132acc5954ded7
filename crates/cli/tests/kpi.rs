//! `cchc import dossiers` and `cchc kpi stats|766` run as a binary: figures checked against a
//! hand count, all-or-nothing imports, exit codes of bad input.

mod support;

use serde_json::{Value, json};
use support::{Workdir, assert_ok, ndjson, sample, stdout_json};

fn stats(w: &Workdir, unit: &str) -> Value {
    stdout_json(&w.run(&[
        "kpi",
        "stats",
        "--unit",
        unit,
        "--period",
        "2026-03",
        "--as-of",
        "2026-04-15",
        "--format",
        "json",
    ]))
}

#[test]
fn imported_dossiers_give_the_hand_counted_statistics() {
    let w = Workdir::prepared();
    w.write("d.ndjson", &ndjson(&sample()));
    let out = w.run(&["import", "dossiers", "d.ndjson"]);
    assert_eq!(stdout_json(&out)["written"], 7);
    assert!(String::from_utf8_lossy(&out.stderr).contains("importing dossiers: 7/7"));
    let expected = json!({
        "unit": "H31",
        "period": {"start": "2026-03-01", "end": "2026-03-31"},
        "population": 5,
        "carried_over": 1,
        "received": {"direct": 1, "online": 2, "postal": 1},
        "finished": {"early": 1, "on_time": 1, "late": 1},
        "unfinished": {"within": 1, "overdue": 1},
        "on_time_ratio": 0.6,
    });
    assert_eq!(stats(&w, "H31"), expected);
    let t2 = stats(&w, "H31.T2");
    assert_eq!(t2["population"], 3);
    assert_eq!(t2["finished"], json!({"early": 0, "on_time": 0, "late": 1}));
    assert_eq!(t2["unfinished"], json!({"within": 1, "overdue": 1}));
    let report = stdout_json(&w.run(&[
        "kpi",
        "766",
        "--unit",
        "H31",
        "--period",
        "2026-03",
        "--as-of",
        "2026-04-15",
    ]));
    let progress = report["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == "2.1")
        .cloned()
        .unwrap();
    assert_eq!(progress["numerator"], 3.0);
    assert_eq!(progress["denominator"], 5.0);
}

#[test]
fn one_invalid_item_rejects_the_file_unless_skipped() {
    let w = Workdir::prepared();
    let mut items = sample();
    items[2]["DonViXuLy"] = json!("H31.NOWHERE");
    w.write("bad.ndjson", &ndjson(&items));
    let out = w.run(&["import", "dossiers", "bad.ndjson"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("item 2") && err.contains("DonViXuLy"), "{err}");
    assert!(!err.contains("Lê Văn C"), "personal data on stderr");
    assert!(out.stdout.is_empty());
    assert_eq!(stats(&w, "H31")["population"], 0);
    let out = w.run(&["import", "dossiers", "bad.ndjson", "--skip-invalid"]);
    assert_eq!(stdout_json(&out)["written"], 6);
    assert!(String::from_utf8_lossy(&out.stderr).contains("item 2"));
    assert_eq!(stats(&w, "H31")["population"], 4);
}

#[test]
fn bad_input_exits_with_code_2() {
    let w = Workdir::prepared();
    w.write("not-json.ndjson", "hello\n");
    let cases: [&[&str]; 6] = [
        &["import", "dossiers", "missing.ndjson"],
        &[
            "kpi",
            "stats",
            "--unit",
            "H31.NOWHERE",
            "--period",
            "2026-03",
        ],
        &["kpi", "stats", "--unit", "H31", "--period", "2026-13"],
        &[
            "kpi", "766", "--unit", "H31", "--period", "2026", "--as-of", "soon",
        ],
        &[
            "kpi",
            "stats",
            "--unit",
            "H31",
            "--period",
            "2026-03",
            "--as-of",
            "2025-01-01",
        ],
        &[
            "kpi", "stats", "--unit", "H31", "--period", "2026-03", "--format", "xml",
        ],
    ];
    for args in cases {
        let out = w.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let out = w.run(&["import", "dossiers", "not-json.ndjson"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rebuild_reads_every_dossier_and_asks_the_servers() {
    let w = Workdir::prepared();
    w.write("d.ndjson", &ndjson(&sample()));
    assert_ok(&w.run(&["import", "dossiers", "d.ndjson"]));
    let out = w.run(&["kpi", "rebuild"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("building statistics: 7/7 (100 %)"));
    let built = stdout_json(&out);
    assert_eq!(
        (built["dossiers"].as_u64(), built["seq"].as_i64()),
        (Some(7), Some(1))
    );
    // The second request: migration 0010 (attribution to the competent unit) made the first.
    assert_eq!(built["rebuilds"], 2);
    assert!(built["entries"].as_u64().unwrap() >= 14);
}

/// A server's live aggregate over the workdir's database, built.
async fn running_server(w: &Workdir) -> (cchc_store::Store, cchc_app::App) {
    let url = format!("sqlite:{}/cchc.db", w.0.display());
    let store = cchc_store::Store::connect(&url).await.unwrap();
    let app = cchc_app::App::new(store.clone(), cchc_app::Calendars::national().unwrap());
    app.kpi.live.catch_up(&store).await.unwrap();
    (store, app)
}

/// The server's statistics of H31 for March 2026 as of 15 April, as JSON.
async fn live_stats(state: &cchc_app::App) -> Value {
    let unit = cchc_domain::UnitCode::parse("H31").unwrap();
    let period = cchc_domain::kpi::parse_period("2026-03").unwrap();
    let as_of = cchc_domain::kpi::parse_as_of("2026-04-15").ok();
    let stats = cchc_app::kpi::live::stats(state, &unit, period, as_of).await;
    serde_json::to_value(stats.unwrap()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_by_the_command_reaches_a_running_server() {
    let w = Workdir::prepared();
    let (store, state) = running_server(&w).await;
    assert_eq!(live_stats(&state).await["population"], 0);
    w.write("d.ndjson", &ndjson(&sample()));
    let imported = tokio::task::spawn_blocking(move || {
        let out = w.run(&["import", "dossiers", "d.ndjson"]);
        (out, w)
    });
    let (out, w) = imported.await.unwrap();
    assert_ok(&out);
    // The server's tail applies the import it did not write.
    let seq = state.kpi.live.catch_up(&store).await.unwrap();
    assert_eq!(seq, store.kpi_log_head().await.unwrap().last_seq);
    assert_eq!(live_stats(&state).await, stats(&w, "H31"));
    store.close().await;
}

#[test]
fn kpi_set_enters_a_figure_that_the_index_reads_and_refuses_bad_input() {
    let w = Workdir::prepared();
    let set = |extra: &[&str]| {
        let mut args = vec!["kpi", "set", "--unit", "H31", "--metric", "PUBLISH_ON_TIME"];
        args.extend_from_slice(extra);
        w.run(&args)
    };
    for bad in [
        &[
            "--period",
            "2026-Q1",
            "--numerator",
            "51",
            "--denominator",
            "50",
        ][..],
        &[
            "--period",
            "2026-01-01..2026-03-14",
            "--numerator",
            "1",
            "--denominator",
            "2",
        ][..],
        &["--period", "2026-Q1", "--denominator", "50"][..],
    ] {
        let out = set(bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(out.stdout.is_empty(), "{bad:?}");
    }
    let unknown = w.run(&[
        "kpi",
        "set",
        "--unit",
        "H31",
        "--period",
        "2026-Q1",
        "--metric",
        "X.9",
        "--denominator",
        "2",
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    assert_ok(&set(&[
        "--period",
        "2026-Q1",
        "--numerator",
        "45",
        "--denominator",
        "50",
    ]));
    let report = stdout_json(&w.run(&["kpi", "766", "--unit", "H31", "--period", "2026-Q1"]));
    let rows = report["metrics"].as_array().unwrap();
    let row = |code: &str| rows.iter().find(|m| m["code"] == code).unwrap().clone();
    // 1.1 is worth 6 points: 6 · 45/50 = 5.4; 1.4 has no value and stays not computable.
    assert_eq!(row("PUBLISH_ON_TIME")["score"].as_f64(), Some(5.4));
    assert_eq!(row("DOSSIER_SYNC")["computable"], false);
}
