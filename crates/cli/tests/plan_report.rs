//! `cchc plan report|approve|return|progress` and live automatic targets, run as a binary:
//! values counted only once approved, evidence files, bad input refused with exit 2 and
//! nothing written (the audit chain does not grow), dossier ratios in `plan status`.

use std::process::{Command, Output};

use serde_json::{Value, json};

struct Workdir(std::path::PathBuf);

impl Workdir {
    fn new(name: &str) -> Workdir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir()
            .join(format!("cchc-plan-report-{}", std::process::id()))
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

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    }

    /// Entries of the audit chain: grows with every write.
    fn audit_entries(&self) -> String {
        let out = self.run(&["audit", "verify"]);
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// Runs a command that must be refused: exit 2, a message, nothing on stdout, nothing
    /// written.
    fn refused(&self, args: &[&str], message: &str) {
        let before = self.audit_entries();
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
        assert_eq!(self.audit_entries(), before, "{args:?} wrote something");
    }
}

impl Drop for Workdir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn status(w: &Workdir, year: &str, as_of: &str) -> Value {
    w.json(&[
        "plan", "status", "--year", year, "--as-of", as_of, "--format", "json",
    ])
}

fn target<'a>(status: &'a Value, id: &str) -> &'a Value {
    status["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap()
}

fn report_6b(w: &Workdir, tier: &str, value: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "plan",
        "report",
        "--year",
        "2023",
        "--target",
        "6.b",
        "--tier",
        tier,
        "--unit",
        "H31.STTTT",
        "--period",
        "2023-01-01..2023-06-30",
        "--value",
        value,
        "--note",
        "Báo cáo 6 tháng",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    w.run(&args)
}

#[test]
fn a_value_counts_once_approved_and_a_returned_one_never() {
    let w = Workdir::new("values");
    let pdf = w.file("bao-cao.pdf", b"%PDF-1.4 bao cao");
    let out = report_6b(&w, "provincial", "65", &["--evidence", &pdf]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reported: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(reported["files"], 1);
    assert_eq!(reported["value"]["state"], "submitted");
    assert_eq!(reported["value"]["tier"], "provincial");
    let id = reported["value"]["id"].to_string();
    let before = status(&w, "2023", "2023-07-01");
    assert!(target(&before, "MT/6.b")["value"].is_null());
    let approved = w.json(&["plan", "approve", "--value", &id, "--format", "json"]);
    assert_eq!(approved["state"], "approved");
    let after = status(&w, "2023", "2023-07-01");
    let t = target(&after, "MT/6.b");
    assert_eq!(t["value"], 65.0);
    assert_eq!(t["thresholds"][0]["origin"], "reported");
    assert_eq!(t["status"], "met");
    w.refused(&["plan", "approve", "--value", &id], "already");
    let district = report_6b(&w, "district", "20", &[]);
    let second: Value = serde_json::from_slice(&district.stdout).unwrap();
    let second_id = second["value"]["id"].to_string();
    w.refused(
        &["plan", "return", "--value", &second_id, "--reason", " "],
        "reason",
    );
    let returned = w.json(&[
        "plan",
        "return",
        "--value",
        &second_id,
        "--reason",
        "Thiếu minh chứng",
        "--format",
        "json",
    ]);
    assert_eq!(
        (returned["state"].as_str(), returned["review_note"].as_str()),
        (Some("returned"), Some("Thiếu minh chứng"))
    );
    let last = status(&w, "2023", "2023-07-01");
    assert!(target(&last, "MT/6.b")["thresholds"][1]["value"].is_null());
}

#[test]
fn bad_reports_are_refused_and_write_nothing() {
    let w = Workdir::new("bad");
    w.json(&["plan", "show", "--year", "2023", "--format", "json"]);
    let exe = w.file("virus.exe", b"MZ");
    let empty = w.file("rong.pdf", b"");
    let base = |target: &'static str| {
        vec![
            "plan", "report", "--year", "2023", "--target", target, "--unit", "H31.SNV",
            "--period", "2023-Q2", "--value", "1",
        ]
    };
    let with = |mut args: Vec<&'static str>, extra: &[&'static str]| {
        args.extend_from_slice(extra);
        args
    };
    w.refused(&base("2.z"), "no target '2.z'");
    w.refused(&base("6.b"), "--tier");
    w.refused(&base("3.a"), "3 matching");
    w.refused(&with(base("1.a"), &["--tier", "galaxy"]), "unknown tier");
    let outside = [
        "plan", "report", "--year", "2023", "--target", "1.a", "--unit", "H31.SNV", "--period",
        "2024-Q1", "--value", "1",
    ];
    w.refused(&outside, "not within the plan's year");
    let q5 = [
        "plan", "report", "--year", "2023", "--target", "1.a", "--unit", "H31.SNV", "--period",
        "2023-Q5", "--value", "1",
    ];
    w.refused(&q5, "2023-Q5");
    let nope = [
        "plan", "report", "--year", "2023", "--target", "1.a", "--unit", "H31.NOPE", "--period",
        "2023-Q2", "--value", "1",
    ];
    w.refused(&nope, "unknown unit");
    let mut bad_file = base("1.a");
    bad_file.extend(["--evidence", exe.as_str()]);
    w.refused(&bad_file, "không thuộc loại");
    let mut empty_file = base("1.a");
    empty_file.extend(["--evidence", empty.as_str()]);
    w.refused(&empty_file, "rỗng");
    w.refused(
        &["plan", "approve", "--value", "404"],
        "no reported value 404",
    );
    let progress = |task: &'static str, extra: &[&'static str]| {
        let mut args = vec![
            "plan",
            "progress",
            "--task",
            task,
            "--unit",
            "H31.VPUB",
            "--note",
            "Đã làm",
        ];
        args.extend_from_slice(extra);
        args
    };
    w.refused(&progress("KH204-2023/NV/9.z", &[]), "no plan task");
    w.refused(
        &progress("KH204-2023/NV/2.a", &["--percent", "101"]),
        "0–100",
    );
    w.refused(
        &progress("KH204-2023/NV/2.a", &["--completed-on", "30/06/2023"]),
        "YYYY-MM-DD",
    );
    w.refused(&progress("4.e", &["--year", "2023"]), "no task '4.e'");
    let blank = [
        "plan", "progress", "--year", "2023", "--task", "2.a", "--unit", "H31.VPUB", "--note", " ",
    ];
    w.refused(&blank, "--note");
}

#[test]
fn progress_with_evidence_completes_a_task() {
    let w = Workdir::new("progress");
    let pdf = w.file("qd.pdf", b"%PDF-1.4 quyet dinh");
    let done = w.json(&[
        "plan",
        "progress",
        "--year",
        "2023",
        "--task",
        "2.l#2",
        "--unit",
        "H31.VPUB",
        "--note",
        "Đã tích hợp trên Cổng DVCQG",
        "--percent",
        "100",
        "--completed-on",
        "2023-11-30",
        "--evidence",
        &pdf,
        "--format",
        "json",
    ]);
    assert_eq!(
        (done["task"].as_str(), done["files"].as_u64()),
        (Some("KH204-2023/NV/2.l#2"), Some(1))
    );
    let st = status(&w, "2023", "2024-01-05");
    let task = st["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "NV/2.l#2")
        .unwrap();
    assert_eq!(task["status"], "completed_on_time");
    assert_eq!(st["summary"]["completed_on_time"], 1);
    assert_eq!(st["summary"]["open_overdue"], 43);
}

/// A portal item of commune `unit`: procedure, channel, receipt, due, end (`None` while open).
fn item(n: u32, procedure: &str, channel: u8, rec: &str, due: &str, end: Option<&str>) -> String {
    json!({
        "MaHoSo": format!("H31.T1-{}-{n:04}", &rec[2..8]),
        "MaTTHC": procedure,
        "KenhThucHien": channel,
        "ChuHoSo": "Lê Văn C",
        "NgayTiepNhan": rec,
        "NgayHenTra": due,
        "TrangThaiHoSo": if end.is_some() { 10 } else { 4 },
        "NgayKetThucXuLy": end.unwrap_or(""),
        "DonViXuLy": "H31.T1",
    })
    .to_string()
}

#[test]
fn automatic_targets_show_the_dossier_figures() {
    let w = Workdir::new("auto");
    let units = "code,name,kind,parent_code,valid_from,valid_to,successor_code\n\
                 H31.T1,Xã Một,commune,H31,2025-07-01,,\n";
    let csv = w.file("units.csv", units.as_bytes());
    assert!(w.run(&["import", "org-units", &csv]).status.success());
    // 1.001193 (khai sinh) is offered toàn trình; 1.013225 (xây dựng) is not.
    let items = [
        item(
            1,
            "1.001193",
            2,
            "20260302090000",
            "20260310170000",
            Some("20260305100000"),
        ),
        item(
            2,
            "1.001193",
            1,
            "20260302090000",
            "20260304170000",
            Some("20260304160000"),
        ),
        item(
            3,
            "1.013225",
            1,
            "20260303090000",
            "20260305170000",
            Some("20260309090000"),
        ),
        item(4, "1.013225", 2, "20260320090000", "20260410170000", None),
        item(5, "1.001193", 1, "20260301080000", "20260320170000", None),
    ];
    let file = w.file("d.ndjson", format!("{}\n", items.join("\n")).as_bytes());
    assert!(w.run(&["import", "dossiers", &file]).status.success());
    w.json(&[
        "plan", "clone", "--year", "2023", "--to", "2026", "--format", "json",
    ]);
    let st = status(&w, "2026", "2026-03-31");
    let on_time = target(&st, "MT/2.a");
    // Population 5; on time: 1 (early), 2, 4 (open, within); late 3; overdue 5.
    assert_eq!(on_time["value"], 60.0);
    assert_eq!(on_time["thresholds"][0]["origin"], "automatic");
    // Finished 1, 2, 3; early 1.
    let early = on_time["thresholds"][1]["value"].as_f64().unwrap();
    assert!((early - 100.0 / 3.0).abs() < 1e-9, "{early}");
    assert_eq!(on_time["status"], "at_risk");
    // Toàn trình dossiers 1, 2, 5; online 1.
    let online = target(&st, "MT/6.g")["value"].as_f64().unwrap();
    assert!((online - 100.0 / 3.0).abs() < 1e-9, "{online}");
    assert!(target(&st, "MT/2.c")["value"].is_null(), "no ratings");
    let old = status(&w, "2023", "2023-12-31");
    assert!(
        target(&old, "MT/2.a")["value"].is_null(),
        "no dossier in 2023"
    );
}

/// A minimal SMTP server on a thread: accepts every message and counts them.
fn smtp_server() -> (u16, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{BufRead, BufReader, Write};
    use std::sync::atomic::Ordering;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = std::sync::Arc::clone(&count);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut out = stream.try_clone().unwrap();
            let mut lines = BufReader::new(stream);
            let _ = out.write_all(b"220 test\r\n");
            let mut in_data = false;
            let mut line = String::new();
            while lines.read_line(&mut line).unwrap_or(0) > 0 {
                let reply: &[u8] = if in_data {
                    if line == ".\r\n" {
                        in_data = false;
                        seen.fetch_add(1, Ordering::SeqCst);
                        b"250 queued\r\n"
                    } else {
                        b""
                    }
                } else if line.starts_with("DATA") {
                    in_data = true;
                    b"354 go\r\n"
                } else if line.starts_with("QUIT") {
                    let _ = out.write_all(b"221 bye\r\n");
                    break;
                } else {
                    b"250 OK\r\n"
                };
                let _ = out.write_all(reply);
                line.clear();
            }
        }
    });
    (port, count)
}

#[test]
fn the_reminder_job_emails_through_the_configured_relay_once() {
    use std::sync::atomic::Ordering;
    let w = Workdir::new("smtp");
    let (port, received) = smtp_server();
    w.file(
        "cchc.toml",
        b"[smtp]\nfrom = \"cchc@hungyen.gov.vn\"\n[smtp.recipients]\n\"H31.SNV\" = \"snv@hungyen.gov.vn\"\n",
    );
    let remind = |w: &Workdir| {
        let db = format!("sqlite:{}/cchc.db", w.0.display());
        let out = Command::new(env!("CARGO_BIN_EXE_cchc"))
            .args([
                "plan",
                "remind",
                "--as-of",
                "2023-12-21",
                "--format",
                "json",
                "--db",
                &db,
            ])
            .current_dir(&w.0)
            .env_remove("CCHC_DATABASE_URL")
            .env("CCHC_SMTP_HOST", "127.0.0.1")
            .env("CCHC_SMTP_PORT", port.to_string())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let first = remind(&w);
    assert_eq!(first["created"], 44);
    let sent = first["emails"]["sent"].as_u64().unwrap();
    assert!(
        sent > 0 && sent < 44,
        "only the tasks of Sở Nội vụ have an address: {first}"
    );
    assert_eq!(first["emails"]["skipped"].as_u64().unwrap() + sent, 44);
    assert_eq!(received.load(Ordering::SeqCst) as u64, sent);
    let second = remind(&w);
    assert_eq!(
        (
            second["created"].as_u64(),
            second["emails"]["sent"].as_u64()
        ),
        (Some(0), Some(0))
    );
    assert_eq!(
        received.load(Ordering::SeqCst) as u64,
        sent,
        "each reminder once"
    );
    let bad = w.run(&["plan", "remind", "--as-of", "2023-12-21"]);
    assert_eq!(
        bad.status.code(),
        Some(0),
        "without CCHC_SMTP_HOST e-mail is off"
    );
}
