//! What the CLI tests of the statistics share: a work directory with a database, runs of
//! the binary, and seven portal items around March 2026 counted by hand.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::{Value, json};

pub struct Workdir(pub PathBuf);

impl Workdir {
    pub fn new() -> Workdir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir()
            .join(format!("cchc-kpi-{}", std::process::id()))
            .join(format!("{nanos:x}"));
        std::fs::create_dir_all(&dir).unwrap();
        Workdir(dir)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_cchc"))
            .args(args)
            .args(["--db", &format!("sqlite:{}/cchc.db", self.0.display())])
            .current_dir(&self.0)
            .env_remove("CCHC_DATABASE_URL")
            .output()
            .unwrap()
    }

    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.0.join(name), text).unwrap();
    }

    /// A database with base data and two communes under H31.
    pub fn prepared() -> Workdir {
        let w = Workdir::new();
        assert_ok(&w.run(&["migrate"]));
        w.write(
            "units.csv",
            "code,name,kind,parent_code,valid_from,valid_to,successor_code\n\
             H31.T1,Xã Một,commune,H31,2025-07-01,,\n\
             H31.T2,Xã Hai,commune,H31,2025-07-01,,\n",
        );
        assert_ok(&w.run(&["import", "org-units", "units.csv"]));
        w
    }
}

impl Drop for Workdir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub fn stdout_json(out: &Output) -> Value {
    assert_ok(out);
    serde_json::from_slice(&out.stdout).unwrap()
}

/// An item: unit, number, channel, receipt, due, end (`None` while in progress).
pub fn item(unit: &str, n: u32, channel: u8, rec: &str, due: &str, end: Option<&str>) -> Value {
    json!({
        "MaHoSo": format!("{unit}-{}-{n:04}", &rec[2..8]),
        "MaTTHC": "1.004227",
        "KenhThucHien": channel,
        "ChuHoSo": "Lê Văn C",
        "NgayTiepNhan": rec,
        "NgayHenTra": due,
        "TrangThaiHoSo": if end.is_some() { 10 } else { 4 },
        "NgayKetThucXuLy": end.unwrap_or(""),
        "DonViXuLy": unit,
    })
}

/// Seven dossiers around March 2026, counted by hand in the tests.
pub fn sample() -> Vec<Value> {
    vec![
        // carried over, finished early
        item(
            "H31.T1",
            1,
            1,
            "20260220090000",
            "20260305170000",
            Some("20260303100000"),
        ),
        // online, finished on the due day
        item(
            "H31.T1",
            2,
            2,
            "20260302090000",
            "20260310170000",
            Some("20260310160000"),
        ),
        // postal, finished late
        item(
            "H31.T2",
            3,
            3,
            "20260305090000",
            "20260312170000",
            Some("20260313090000"),
        ),
        // online, unfinished within
        item("H31.T2", 4, 2, "20260320090000", "20260410170000", None),
        // direct, unfinished overdue
        item("H31.T2", 5, 1, "20260301080000", "20260320170000", None),
        // finished before March: not in the population
        item(
            "H31.T1",
            6,
            1,
            "20260201090000",
            "20260210170000",
            Some("20260209090000"),
        ),
        // received after March
        item("H31.T2", 7, 1, "20260402090000", "20260410170000", None),
    ]
}

pub fn ndjson(items: &[Value]) -> String {
    items.iter().map(|v| format!("{v}\n")).collect()
}
