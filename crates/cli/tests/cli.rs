//! The command-line contract: exit codes, JSON on stdout alone, all-or-nothing imports.

use std::io::Write;
use std::process::{Command, Output, Stdio};

struct Workdir(std::path::PathBuf);

impl Workdir {
    fn new() -> Workdir {
        let dir = std::env::temp_dir()
            .join(format!("cchc-cli-{}", std::process::id()))
            .join(format!("{:x}", rand_suffix()));
        std::fs::create_dir_all(&dir).unwrap();
        Workdir(dir)
    }

    fn db(&self) -> String {
        format!("sqlite:{}/cchc.db", self.0.display())
    }

    fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cchc"))
            .args(args)
            .args(["--db", &self.db()])
            .current_dir(&self.0)
            .env_remove("CCHC_DATABASE_URL")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }
}

impl Drop for Workdir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout holds one JSON document")
}

fn count_kinds(node: &serde_json::Value, kind: &str) -> usize {
    node["children"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == kind)
        .count()
}

#[test]
fn org_tree_shows_the_structure_before_and_after_the_2025_reform() {
    let w = Workdir::new();
    let after = json(&w.run(
        &[
            "org",
            "tree",
            "--unit",
            "H31",
            "--at",
            "2025-07-01",
            "--format",
            "json",
        ],
        "",
    ));
    assert_eq!(after["code"], "H31");
    assert_eq!(after["valid_to"], serde_json::Value::Null);
    assert_eq!(
        (count_kinds(&after, "commune"), count_kinds(&after, "ward")),
        (93, 11)
    );
    assert_eq!(count_kinds(&after, "district"), 0);
    let before = json(&w.run(
        &[
            "org",
            "tree",
            "--unit",
            "H31",
            "--at",
            "2025-06-30",
            "--format",
            "json",
        ],
        "",
    ));
    assert_eq!(count_kinds(&before, "district"), 10);
    assert_eq!(
        count_kinds(&before, "commune") + count_kinds(&before, "ward"),
        0
    );
    let table = w.run(&["org", "tree", "--unit", "H31", "--at", "2025-06-30"], "");
    assert!(
        String::from_utf8(table.stdout)
            .unwrap()
            .contains("Thành phố Hưng Yên")
    );
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let w = Workdir::new();
    let bad_scheme = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args(["migrate", "--db", "mysql://h/x"])
        .output()
        .unwrap();
    assert_eq!(bad_scheme.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad_scheme.stderr).contains("unsupported database URL scheme")
    );
    let csv = "code,name,kind,parent_code,valid_from,valid_to,successor_code\n\
               H31.T1,Xã Thử,commune,H31,2026-01-01,,\nH31.T2,Xã Hỏng,commune,H31,2026-02-30,,\n";
    std::fs::write(w.0.join("bad.csv"), csv).unwrap();
    let out = w.run(&["import", "org-units", "bad.csv"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 3:"));
    let tree = json(&w.run(
        &[
            "org",
            "tree",
            "--unit",
            "H31",
            "--at",
            "2026-06-01",
            "--format",
            "json",
        ],
        "",
    ));
    assert!(
        !tree.to_string().contains("H31.T1"),
        "a rejected file writes nothing"
    );
    let good = "code,name,kind,parent_code,valid_from,valid_to,successor_code\nH31.T1,Xã Thử,commune,H31,2026-01-01,,\n";
    std::fs::write(w.0.join("good.csv"), good).unwrap();
    assert!(
        w.run(&["import", "org-units", "good.csv"], "")
            .status
            .success()
    );
    let tree = json(&w.run(
        &[
            "org",
            "tree",
            "--unit",
            "H31",
            "--at",
            "2026-06-01",
            "--format",
            "json",
        ],
        "",
    ));
    assert!(tree.to_string().contains("H31.T1"));
}

#[test]
fn serve_refuses_a_bad_public_address_or_metrics_token() {
    let w = Workdir::new();
    for (var, value, says) in [
        (
            "CCHC_PUBLIC_URL",
            "dichvucong.hungyen.gov.vn",
            "public_url:",
        ),
        ("CCHC_PUBLIC_URL", "https://user@evil.test", "public_url:"),
        ("CCHC_METRICS_TOKEN", "short", "metrics_token:"),
        (
            "CCHC_METRICS_TOKEN",
            "a token with spaces in it",
            "metrics_token:",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_cchc"))
            .args(["serve", "--bind", "127.0.0.1:0", "--db", &w.db()])
            .current_dir(&w.0)
            .env(var, value)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{var}={value}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(says));
    }
}

#[test]
fn users_tokens_backup_and_audit() {
    let w = Workdir::new();
    let create = |name: &str, role: &str, pw: &str| {
        w.run(
            &[
                "user",
                "create",
                "--username",
                name,
                "--role",
                role,
                "--unit",
                "H31.SNV",
            ],
            pw,
        )
    };
    assert!(
        create("canbo.snv", "specialist", "mat-khau-du-dai\n")
            .status
            .success()
    );
    assert_eq!(
        create("canbo.snv", "specialist", "mat-khau-du-dai\n")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        create("canbo.b", "specialist", "ngan\n").status.code(),
        Some(2)
    );
    assert_eq!(
        create("canbo.c", "boss", "mat-khau-du-dai\n").status.code(),
        Some(2)
    );
    let token = w.run(
        &["token", "create", "--user", "canbo.snv", "--scope", "write"],
        "",
    );
    let secret = String::from_utf8(token.stdout).unwrap();
    assert!(secret.trim().starts_with("cchc_") && secret.trim().len() > 40);
    assert_eq!(
        w.run(
            &["token", "create", "--user", "nobody", "--scope", "read"],
            ""
        )
        .status
        .code(),
        Some(2)
    );
    let backup = w.0.join("backup.db");
    assert!(
        w.run(&["backup", "--to", backup.to_str().unwrap()], "")
            .status
            .success()
    );
    assert!(backup.exists());
    assert_eq!(
        w.run(&["backup", "--to", backup.to_str().unwrap()], "")
            .status
            .code(),
        Some(2)
    );
    let verify = w.run(&["audit", "verify"], "");
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );
}

#[test]
fn calendar_json_goes_to_stdout_alone() {
    let w = Workdir::new();
    let lunar = json(&w.run(&["calendar", "lunar", "2026-02-17", "--format", "json"], ""));
    assert_eq!(
        lunar,
        serde_json::json!({"day": 1, "month": 1, "year": 2026, "leap": false})
    );
    let solar = json(&w.run(
        &[
            "calendar", "solar", "--year", "2026", "--month", "3", "--day", "10", "--format",
            "json",
        ],
        "",
    ));
    assert_eq!(solar["date"], "2026-04-26");
    let days = json(&w.run(
        &[
            "calendar",
            "working-days",
            "--from",
            "2026-02-09",
            "--to",
            "2026-02-27",
            "--format",
            "json",
        ],
        "",
    ));
    assert_eq!(days["working_days"], 10);
    for bad in [
        vec!["calendar", "lunar", "2026-02-30"],
        vec![
            "calendar", "solar", "--year", "2026", "--month", "3", "--day", "1", "--leap",
        ],
        vec![
            "calendar",
            "deadline",
            "--from",
            "2026-03-02T08:00",
            "--duration",
            "3wd",
            "--pause",
            "2026-03-03T08:00/2026-03-02T08:00",
        ],
        vec!["calendar", "holidays", "--year", "2026", "--unit", "H99"],
    ] {
        assert_eq!(w.run(&bad, "").status.code(), Some(2), "{bad:?}");
    }
}

/// The shipped catalogue with one procedure renamed and a local variant added, as JSON.
fn edited_catalogue(root: &std::path::Path) -> String {
    let text = std::fs::read_to_string(root.join("data/procedures/procedures.json")).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let procedures = doc["procedures"].as_array_mut().unwrap();
    let mut variant = procedures[0].clone();
    variant["code"]["value"] = serde_json::json!("1.001193.H31");
    variant["name"] = serde_json::json!("Thủ tục đăng ký khai sinh (bản địa phương thử)");
    procedures.truncate(1);
    procedures.push(variant);
    doc.to_string()
}

#[test]
fn procedure_import_is_all_or_nothing_and_listed() {
    let w = Workdir::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    assert!(w.run(&["migrate"], "").status.success());
    let list = |q: &str| json(&w.run(&["procedures", "list", "--q", q, "--format", "json"], ""));
    assert_eq!(list("ban dia phuong thu").as_array().unwrap().len(), 0);
    // A CSV without the required columns: rejected, exit 2, nothing written.
    let bad = "code,version,name\n1.001193.H31,1,Thủ tục thử ban dia phuong thu\n";
    std::fs::write(w.0.join("bad.csv"), bad).unwrap();
    let out = w.run(&["import", "procedures", "bad.csv"], "");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing imported"));
    let out = w.run(&["import", "procedures", "catalogue.txt"], "");
    assert_eq!(out.status.code(), Some(2));
    std::fs::write(w.0.join("good.json"), edited_catalogue(&root)).unwrap();
    let out = w.run(&["import", "procedures", "good.json"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found = list("ban dia phuong thu");
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["code"], "1.001193.H31");
}
