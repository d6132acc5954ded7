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
