//! Tests of the `cchc calendar` commands: JSON shapes and impossible input.
use clap::Parser;
use serde_json::{Value, json};

use super::*;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    cmd: CalendarCmd,
}

fn cmd(args: &str) -> CalendarCmd {
    Cli::try_parse_from(std::iter::once("calendar").chain(args.split_whitespace()))
        .unwrap()
        .cmd
}

fn out(args: &str) -> Result<String, CalendarError> {
    run(&cmd(args), &WorkCalendar::national().unwrap())
}

fn out_json(args: &str) -> Value {
    serde_json::from_str(&out(&format!("{args} --format json")).unwrap()).unwrap()
}

#[test]
fn cli_definition_is_consistent() {
    use clap::CommandFactory;
    Cli::command().debug_assert();
}

#[test]
fn holidays_2026_json() {
    let v = out_json("holidays --year 2026");
    let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 3);
    assert_eq!(v["year"], 2026);
    let days = v["days_off"].as_array().unwrap();
    let kind = |d: &str| {
        days.iter()
            .find(|o| o["date"] == d)
            .map(|o| o["kind"].clone())
    };
    for d in 16..=20 {
        assert_eq!(kind(&format!("2026-02-{d}")), Some(json!("holiday")));
    }
    assert_eq!(kind("2026-04-27"), Some(json!("substitute")));
    assert_eq!(kind("2026-08-31"), Some(json!("swap")));
    assert_eq!(kind("2026-11-24"), None);
    assert!(
        days.iter()
            .all(|o| o.as_object().unwrap().len() == 3 && o["name"].is_string())
    );
    assert_eq!(v["working_saturdays"], json!(["2026-08-22"]));
    assert!(
        out("holidays --year 2026")
            .unwrap()
            .contains("Tết Âm lịch (mùng 1)")
    );
}

#[test]
fn lunar_and_solar_json() {
    assert_eq!(
        out_json("lunar 2026-02-17"),
        json!({"day": 1, "month": 1, "year": 2026, "leap": false})
    );
    assert_eq!(
        out_json("solar --year 2026 --month 3 --day 10"),
        json!({"date": "2026-04-26"})
    );
    assert_eq!(
        out_json("solar --year 2025 --month 6 --day 1 --leap"),
        json!({"date": "2025-07-25"})
    );
    assert_eq!(out("lunar 2026-02-17").unwrap(), "1/1/2026 âm lịch");
}

#[test]
fn deadline_json() {
    let v = out_json("deadline --from 2026-08-21T10:00 --duration 1wd");
    assert_eq!(v["due"], "2026-08-22T10:00");
    assert_eq!(v.as_object().unwrap().len(), 2);
    let steps = v["trace"].as_array().unwrap();
    assert!(
        steps
            .iter()
            .all(|s| s["step"].is_string() && s["vi"].is_string() && s["en"].is_string())
    );
    let v = out_json(
        "deadline --from 2026-03-02T15:30 --duration 3wd --cutoff 15:00 \
         --pause 2026-03-04T08:00/2026-03-04T09:00 --pause 2026-03-04T08:30/2026-03-04T10:00",
    );
    assert_eq!(v["due"], "2026-03-06T09:00");
    assert!(
        out("deadline --from 2026-03-02T09:00 --duration 15d")
            .unwrap()
            .starts_with("2026-03-17T17:00\n- ")
    );
}

#[test]
fn working_days_json() {
    assert_eq!(
        out_json("working-days --from 2026-02-01 --to 2026-02-28"),
        json!({"working_days": 15})
    );
    assert!(
        out("working-days --from 2026-08-17 --to 2026-08-23")
            .unwrap()
            .starts_with("6\n")
    );
}

#[test]
fn impossible_input_is_invalid() {
    for args in [
        "lunar 2026-02-30",
        "solar --year 2026 --month 6 --day 1 --leap",
        "solar --year 2026 --month 13 --day 1",
        "deadline --from 2026-03-02T09:00 --duration 3x",
        "deadline --from 2026-02-30T09:00 --duration 3wd",
        "deadline --from 2026-03-02T09:00 --duration 3wd --pause 2026-03-03T10:00/2026-03-03T09:00",
        "deadline --from 2026-03-02T09:00 --duration 3wd --cutoff 25:00",
        "working-days --from 2026-03-02 --to 2026-02-30",
    ] {
        assert!(
            matches!(out(args), Err(CalendarError::Invalid(_))),
            "{args}"
        );
    }
    assert!(matches!(
        out("holidays --year 1990"),
        Err(CalendarError::OutOfRange(_))
    ));
}

#[test]
fn unit_code_is_exposed() {
    assert_eq!(
        unit_code(&cmd(
            "deadline --from 2026-03-02T09:00 --duration 3wd --unit H31.1"
        )),
        Some("H31.1")
    );
    assert_eq!(
        unit_code(&cmd("working-days --from 2026-03-02 --to 2026-03-03")),
        None
    );
    assert_eq!(unit_code(&cmd("lunar 2026-02-17")), None);
}
