//! The numpy baseline: exports the inputs and the holidays to a temporary folder, runs
//! `baselines/numpy_busday.py` (numpy's `busday_offset`) on them and compares figures and
//! results.
//!
//! numpy sees the same days off (every Monday–Friday that is not a working day), but its
//! weekmask cannot make a Saturday a working day, so make-up Saturdays exist only on our side.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use cchc_calendar::{DayKind, WorkCalendar};
use chrono::{Datelike, NaiveDate, Weekday};

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/baselines/numpy_busday.py");

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

fn days(d: NaiveDate) -> i32 {
    i32::try_from((d - epoch()).num_days()).unwrap_or(i32::MAX)
}

fn write_i32(path: &Path, values: impl Iterator<Item = i32>) -> std::io::Result<()> {
    let bytes: Vec<u8> = values.flat_map(i32::to_le_bytes).collect();
    std::fs::write(path, bytes)
}

/// Monday–Friday days off and make-up days of the whole calendar.
fn days_off(cal: &WorkCalendar) -> (Vec<NaiveDate>, Vec<NaiveDate>) {
    let (first, last) = cal.range();
    let mut off = Vec::new();
    let mut make_up = Vec::new();
    for d in first.iter_days().take_while(|d| *d <= last) {
        let kind = cal.day_kind(d).unwrap_or(DayKind::Working);
        let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        if !weekend && !kind.is_working() {
            off.push(d);
        }
        if kind == DayKind::MakeUpWorking {
            make_up.push(d);
        }
    }
    (off, make_up)
}

struct NumpyRun {
    version: String,
    median: f64,
    rounds: String,
    results: Vec<i32>,
}

fn run_script(dir: &Path, rounds: usize) -> Result<Option<NumpyRun>, String> {
    let out = match Command::new("python3")
        .arg(SCRIPT)
        .arg(dir)
        .arg(rounds.to_string())
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            println!(
                "numpy baseline skipped: python3 cannot be run ({e}); only our figures are shown"
            );
            return Ok(None);
        }
    };
    if out.status.code() == Some(3) {
        println!(
            "numpy baseline skipped: numpy is not installed (pip install numpy); only our figures are shown"
        );
        return Ok(None);
    }
    if !out.status.success() {
        return Err(format!(
            "{SCRIPT} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .map(str::to_owned)
            .ok_or_else(|| format!("{SCRIPT} printed no {key}: {text}"))
    };
    let bytes = std::fs::read(dir.join("result.i32")).map_err(|e| e.to_string())?;
    Ok(Some(NumpyRun {
        version: field("numpy_version")?,
        median: field("median_ns")?
            .parse()
            .map_err(|_| "bad median_ns".to_owned())?,
        rounds: field("rounds_ns")?,
        results: bytes
            .chunks_exact(4)
            .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    }))
}

fn export(
    cal: &WorkCalendar,
    dir: &Path,
    dates: &[NaiveDate],
    counts: &[u32],
) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let (off, make_up) = days_off(cal);
    write_i32(&dir.join("holidays.i32"), off.iter().map(|d| days(*d)))?;
    write_i32(&dir.join("dates.i32"), dates.iter().map(|d| days(*d)))?;
    write_i32(
        &dir.join("offsets.i32"),
        counts.iter().map(|n| i32::try_from(*n).unwrap_or(0)),
    )?;
    println!(
        "numpy gets {} Monday-Friday days off ({}..{}); {} make-up Saturdays cannot be given to it",
        off.len(),
        cal.range().0,
        cal.range().1,
        make_up.len()
    );
    Ok(make_up.len())
}

/// Runs the baseline and prints its figure, the ratio and how far the results agree.
pub fn compare(
    cal: &WorkCalendar,
    dates: &[NaiveDate],
    counts: &[u32],
    rounds: usize,
    ours_wd: f64,
    ours_busday: f64,
) -> ExitCode {
    let dir: PathBuf = std::env::temp_dir().join(format!("cchc-bench-{}", std::process::id()));
    let outcome = export(cal, &dir, dates, counts)
        .map_err(|e| format!("cannot write {}: {e}", dir.display()))
        .and_then(|_| run_script(&dir, rounds));
    let _ = std::fs::remove_dir_all(&dir);
    let run = match outcome {
        Ok(Some(run)) => run,
        Ok(None) => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "{:<52} median {:>6.1} ns   (rounds: {})",
        format!("numpy {} busday_offset (date only):", run.version),
        run.median,
        run.rounds
    );
    println!(
        "ratio numpy busday_offset / our working-day deadline: {:.1}x",
        run.median / ours_wd
    );
    println!(
        "ratio numpy busday_offset / our date-only offset:     {:.1}x",
        run.median / ours_busday
    );
    let (differ, unexplained) = count_differences(cal, dates, counts, &run.results);
    println!(
        "date results differing from numpy: {differ} of {}, {unexplained} of them without a make-up Saturday in the span",
        dates.len()
    );
    if unexplained > 0 {
        eprintln!("numpy and cchc disagree on spans without a make-up Saturday");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Date results that differ from numpy's, and how many of them have no make-up Saturday in
/// their span (those would be errors on one side).
fn count_differences(
    cal: &WorkCalendar,
    dates: &[NaiveDate],
    counts: &[u32],
    theirs: &[i32],
) -> (usize, usize) {
    let (_, make_up) = days_off(cal);
    let (mut differ, mut unexplained) = (0, 0);
    for ((d, n), theirs) in dates.iter().zip(counts).zip(theirs) {
        let ours = cal.add_working_days(*d, *n).map(days).unwrap_or(i32::MIN);
        if ours != *theirs {
            differ += 1;
            let span = days(*d)..=ours.max(*theirs);
            if !make_up.iter().any(|m| span.contains(&days(*m))) {
                unexplained += 1;
            }
        }
    }
    (differ, unexplained)
}
