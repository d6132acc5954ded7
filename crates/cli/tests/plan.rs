//! `cchc plan …` run as a binary: the shape of `plan show`, statuses, bad files (exit 2, each
//! problem's path, nothing written), the reminder job, bad `[smtp]` settings and the year
//! rollover.

use std::process::{Command, Output};

use cchc_domain::plan::base::KH_204_2023;
use serde_json::Value;

struct Workdir(std::path::PathBuf);

impl Workdir {
    fn new(name: &str) -> Workdir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir()
            .join(format!("cchc-plan-cli-{}", std::process::id()))
            .join(format!("{name}-{nanos:x}"));
        std::fs::create_dir_all(&dir).unwrap();
        Workdir(dir)
    }

    fn run(&self, args: &[&str]) -> Output {
        let db = format!("sqlite:{}/cchc.db", self.0.display());
        Command::new(env!("CARGO_BIN_EXE_cchc"))
            .args(args)
            .args(["--db", &db])
            .current_dir(&self.0)
            .env_remove("CCHC_DATABASE_URL")
            .output()
            .unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        serde_json::from_slice(&out.stdout).expect("stdout holds one JSON document")
    }

    fn file(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }
}

impl Drop for Workdir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn keys(v: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

fn len(v: &Value) -> usize {
    v.as_array().unwrap().len()
}

#[test]
fn plan_show_has_the_shape_and_the_counts_of_the_text() {
    let w = Workdir::new("show");
    let plan = w.json(&["plan", "show", "--year", "2023", "--format", "json"]);
    let top = [
        "areas",
        "date",
        "headline_goals",
        "number",
        "responsibilities",
    ];
    assert_eq!(keys(&plan), top);
    assert_eq!(
        (plan["number"].as_str(), plan["date"].as_str()),
        (Some("204/KH-UBND"), Some("2022-12-23"))
    );
    let areas = plan["areas"].as_array().unwrap();
    assert_eq!(keys(&areas[0]), ["code", "targets", "tasks", "title"]);
    assert_eq!(
        keys(&areas[0]["targets"][0]),
        ["label", "text", "thresholds"]
    );
    assert_eq!(keys(&areas[0]["tasks"][0]), ["label", "lead_unit", "text"]);
    let targets: usize = areas.iter().map(|a| len(&a["targets"])).sum();
    let tasks: usize = areas.iter().map(|a| len(&a["tasks"])).sum();
    assert_eq!((areas.len(), targets, tasks), (6, 25, 44));
    let bodies = plan["responsibilities"].as_array().unwrap();
    assert_eq!(keys(&bodies[0]), ["body", "items"]);
    let items: usize = bodies.iter().map(|b| len(&b["items"])).sum();
    assert_eq!((bodies.len(), items), (10, 33));
    assert_eq!(len(&plan["headline_goals"]), 5);
    // Area 2 a: more than 95 % on time, 80 % early.
    let on_time = &areas[1]["targets"][0]["thresholds"];
    assert_eq!(on_time[0]["indicator"], "dossier.on_time_ratio");
    assert_eq!(
        (
            on_time[0]["comparator"].as_str(),
            on_time[0]["value"].as_f64()
        ),
        (Some("gt"), Some(95.0))
    );
    assert_eq!(on_time[1]["value"].as_f64(), Some(80.0));
    assert_eq!(areas[0]["tasks"][0]["lead_unit"], "H31.STP");
    let by_number = w.json(&["plan", "show", "--plan", "204/KH-UBND", "--format", "json"]);
    assert_eq!(by_number, plan);
    let table = w.run(&["plan", "show", "--year", "2023"]);
    assert!(String::from_utf8_lossy(&table.stdout).contains("204/KH-UBND ngày 2022-12-23"));
}

#[test]
fn plan_status_gives_each_target_and_task_a_status() {
    let w = Workdir::new("status");
    let mid = w.json(&[
        "plan",
        "status",
        "--year",
        "2023",
        "--as-of",
        "2023-06-30",
        "--format",
        "json",
    ]);
    assert_eq!((len(&mid["targets"]), len(&mid["tasks"])), (30, 44));
    let target = &mid["targets"][5];
    assert_eq!(
        (target["id"].as_str(), target["value"].is_null()),
        (Some("MT/1.a"), true)
    );
    assert!(target["status"].is_null());
    assert!(
        mid["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["status"] == "open_within_deadline")
    );
    let late = w.json(&[
        "plan",
        "status",
        "--year",
        "2023",
        "--as-of",
        "2024-01-03",
        "--format",
        "json",
    ]);
    assert_eq!(late["tasks"][0]["status_vi"], "chưa hoàn thành quá hạn");
    assert_eq!(late["summary"]["open_overdue"], 44);
    let bad = w.run(&["plan", "status", "--year", "2023", "--as-of", "2023-13-01"]);
    assert_eq!(bad.status.code(), Some(2));
    let none = w.run(&["plan", "status", "--year", "2019", "--as-of", "2019-06-30"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(none.stdout.is_empty());
}

#[test]
fn a_bad_plan_file_is_refused_with_paths_and_writes_nothing() {
    let w = Workdir::new("import");
    let bad = KH_204_2023
        .replacen("id = \"KH204-2023\"", "id = \"KH204-2023-B\"", 1)
        .replacen("lead_unit = \"H31.STP\"", "lead_unit = \"H31.SXYZ\"", 1)
        .replacen("label = \"b\"", "label = \"a\"", 1);
    let path = w.file("bad.toml", &bad);
    let out = w.run(&["plan", "import", &path]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nothing imported"), "{stderr}");
    assert!(stderr.contains("lead_unit: "), "{stderr}");
    assert!(stderr.contains("].label: "), "{stderr}");
    assert_eq!(
        w.run(&["plan", "show", "--plan", "KH204-2023-B"])
            .status
            .code(),
        Some(2)
    );
    let same = w.file("same.toml", KH_204_2023);
    let again = w.run(&["plan", "import", &same]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("plan.id: "));
    let good = w.file(
        "good.toml",
        &KH_204_2023.replacen("id = \"KH204-2023\"", "id = \"KH204-2023-B\"", 1),
    );
    assert!(w.run(&["plan", "import", &good]).status.success());
    let shown = w.json(&["plan", "show", "--plan", "KH204-2023-B", "--format", "json"]);
    assert_eq!(shown["number"], "204/KH-UBND");
    let missing = w.run(&["plan", "import", "no-such-file.toml"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn the_reminder_job_runs_once_per_reminder() {
    let w = Workdir::new("remind");
    let first = w.json(&[
        "plan",
        "remind",
        "--as-of",
        "2023-12-21",
        "--format",
        "json",
    ]);
    assert_eq!(first["created"], 44);
    let again = w.json(&[
        "plan",
        "remind",
        "--as-of",
        "2023-12-21",
        "--format",
        "json",
    ]);
    assert_eq!(again["created"], 0);
    let later = w.json(&[
        "plan",
        "remind",
        "--as-of",
        "2024-01-03",
        "--format",
        "json",
    ]);
    assert_eq!(later["created"], 3 * 44);
}

#[test]
fn a_plan_is_cloned_into_the_next_years() {
    let w = Workdir::new("clone");
    let next = w.json(&[
        "plan", "clone", "--year", "2023", "--to", "2024", "--format", "json",
    ]);
    assert_eq!(next["key"], "KH204-2024");
    assert_eq!(len(&next["mapped"]), 0);
    let later = w.json(&[
        "plan", "clone", "--year", "2023", "--to", "2025", "--format", "json",
    ]);
    assert_eq!(
        later["mapped"][0],
        serde_json::json!(["H31.STTTT", "H31.SKHCN"])
    );
    let shown = w.json(&["plan", "show", "--year", "2025", "--format", "json"]);
    assert_eq!(shown["areas"][5]["tasks"][0]["lead_unit"], "H31.SKHCN");
    let twice = w.run(&["plan", "clone", "--year", "2023", "--to", "2024"]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(twice.stdout.is_empty());
}

/// `cchc plan remind` with e-mail on (relay and sender from the environment) and `vars`.
fn remind_by_mail(w: &Workdir, vars: &[(&str, &str)]) -> Output {
    let db = format!("sqlite:{}/cchc.db", w.0.display());
    Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args(["plan", "remind", "--as-of", "2023-12-21", "--db", &db])
        .current_dir(&w.0)
        .env_remove("CCHC_DATABASE_URL")
        .env("CCHC_SMTP_HOST", "127.0.0.1")
        .env("CCHC_SMTP_FROM", "cchc@hungyen.gov.vn")
        .envs(vars.iter().copied())
        .output()
        .unwrap()
}

/// Environment variables, the rest of `[smtp]`, and what the error says.
type SmtpCase = (
    &'static [(&'static str, &'static str)],
    Option<String>,
    &'static str,
);

/// Bad `[smtp]` settings; `missing` is a password file that does not exist.
fn bad_smtp_settings(missing: &str) -> [SmtpCase; 5] {
    [
        (&[("CCHC_SMTP_TLS", "ssl")], None, "smtp.tls"),
        (
            &[("CCHC_SMTP_USERNAME", "cchc")],
            None,
            "CCHC_SMTP_PASSWORD",
        ),
        (
            &[
                ("CCHC_SMTP_USERNAME", "cchc"),
                ("CCHC_SMTP_PASSWORD", "pw-7f3a9c"),
            ],
            None,
            "unencrypted",
        ),
        (
            &[],
            Some("username = \"cchc\"\npassword = \"pw-7f3a9c\"\n".to_owned()),
            "never read from the configuration file",
        ),
        (
            &[("CCHC_SMTP_TLS", "tls")],
            Some(format!(
                "username = \"cchc\"\npassword_file = \"{missing}\"\n"
            )),
            "smtp.password_file",
        ),
    ]
}

#[test]
fn bad_smtp_settings_exit_2_name_the_setting_and_never_show_the_password() {
    let w = Workdir::new("smtp-settings");
    let missing = w.0.join("no-such-password-file").display().to_string();
    for (vars, file, says) in bad_smtp_settings(&missing) {
        w.file(
            "cchc.toml",
            &format!("[smtp]\n{}", file.unwrap_or_default()),
        );
        let out = remind_by_mail(&w, vars);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{vars:?}: {stderr}");
        assert!(stderr.contains(says), "{vars:?}: {stderr}");
        assert!(!stderr.contains("pw-7f3a9c"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
    std::fs::remove_file(w.0.join("cchc.toml")).unwrap();
    let clean = w.json(&[
        "plan",
        "remind",
        "--as-of",
        "2023-12-21",
        "--format",
        "json",
    ]);
    assert_eq!(clean["created"], 44, "the refused runs created no reminder");
}
