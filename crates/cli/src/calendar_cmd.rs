//! `cchc calendar …`: public holidays, lunar and solar dates, deadlines and working-day counts.
//!
//! [`run`] returns what goes to stdout, without a trailing newline: for `--format json` the JSON
//! document alone. Impossible input is [`CalendarError::Invalid`] (exit code 2 in `main`), and
//! `main` resolves `--unit CODE` (see [`unit_code`]) to the unit's [`WorkCalendar`].

use std::fmt::Write as _;

use cchc_calendar::text::{format_instant, parse_date, parse_instant, parse_time};
use cchc_calendar::{
    CalendarError, DeadlineRequest, LunarDate, Pause, Source, TraceStep, WorkCalendar,
    WorkDuration, YearHolidays, lunar_to_solar, solar_to_lunar,
};
use chrono::Datelike;
use serde::Serialize;

/// Output format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable text.
    #[default]
    Text,
    /// One JSON document.
    Json,
}

/// `cchc calendar` subcommands.
#[derive(Debug, Clone, PartialEq, Eq, clap::Subcommand)]
pub enum CalendarCmd {
    /// Days off and make-up working days of a year.
    Holidays {
        #[arg(long)]
        year: i32,
        /// Unit code: adds the unit's local closures.
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Vietnamese lunar date of a solar date.
    Lunar {
        /// Solar date, YYYY-MM-DD.
        date: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Solar date of a Vietnamese lunar date.
    Solar {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        month: u8,
        #[arg(long)]
        day: u8,
        /// The month is the leap (intercalary) month.
        #[arg(long)]
        leap: bool,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Due time of a duration from a receipt instant (local time, Asia/Ho_Chi_Minh).
    Deadline {
        /// Receipt instant, YYYY-MM-DDTHH:MM.
        #[arg(long)]
        from: String,
        /// `24h` working hours, `3wd` working days or `15d` calendar days.
        #[arg(long)]
        duration: String,
        /// Receipts after this time (HH:MM) count from the next working day.
        #[arg(long)]
        cutoff: Option<String>,
        /// A pause while waiting for the applicant, FROM/TO; repeatable.
        #[arg(long = "pause", value_name = "FROM/TO")]
        pauses: Vec<String>,
        /// Unit code: its office hours and local closures.
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Working days from one date to another, both included.
    WorkingDays {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// Unit code: adds the unit's local closures.
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// The `--unit` code of a command, for `main` to resolve (an unknown unit exits with code 2).
#[must_use]
pub fn unit_code(cmd: &CalendarCmd) -> Option<&str> {
    match cmd {
        CalendarCmd::Holidays { unit, .. }
        | CalendarCmd::Deadline { unit, .. }
        | CalendarCmd::WorkingDays { unit, .. } => unit.as_deref(),
        CalendarCmd::Lunar { .. } | CalendarCmd::Solar { .. } => None,
    }
}

/// Runs a command against the unit's calendar (the national one without `--unit`).
pub fn run(cmd: &CalendarCmd, cal: &WorkCalendar) -> Result<String, CalendarError> {
    match cmd {
        CalendarCmd::Holidays { year, format, .. } => holidays(cal.holidays(*year)?, *format),
        CalendarCmd::Lunar { date, format } => lunar(date, *format),
        CalendarCmd::Solar {
            year,
            month,
            day,
            leap,
            format,
        } => {
            let date = lunar_to_solar(LunarDate {
                day: *day,
                month: *month,
                year: *year,
                leap: *leap,
            })?;
            let date = date.format("%Y-%m-%d").to_string();
            match format {
                Format::Json => json(&SolarOut { date: &date }),
                Format::Text => Ok(date),
            }
        }
        CalendarCmd::Deadline {
            from,
            duration,
            cutoff,
            pauses,
            format,
            ..
        } => deadline(cal, from, duration, cutoff.as_deref(), pauses, *format),
        CalendarCmd::WorkingDays {
            from, to, format, ..
        } => {
            let n = cal.working_days_traced(parse_date(from)?, parse_date(to)?)?;
            match format {
                Format::Json => json(&WorkingDaysOut {
                    working_days: n.value,
                }),
                Format::Text => Ok(with_trace(n.value.to_string(), &n.trace)),
            }
        }
    }
}

#[derive(Serialize)]
struct HolidaysOut<'a> {
    year: i32,
    days_off: Vec<DayOffOut<'a>>,
    working_saturdays: Vec<String>,
}

#[derive(Serialize)]
struct DayOffOut<'a> {
    date: String,
    name: &'a str,
    kind: &'a str,
}

#[derive(Serialize)]
struct SolarOut<'a> {
    date: &'a str,
}

#[derive(Serialize)]
struct DeadlineOut<'a> {
    due: String,
    trace: &'a [TraceStep],
}

#[derive(Serialize)]
struct WorkingDaysOut {
    working_days: u32,
}

fn json(value: &impl Serialize) -> Result<String, CalendarError> {
    serde_json::to_string(value).map_err(|e| CalendarError::Data(format!("JSON output: {e}")))
}

fn holidays(y: &YearHolidays, format: Format) -> Result<String, CalendarError> {
    if format == Format::Json {
        return json(&HolidaysOut {
            year: y.year,
            days_off: y
                .days_off
                .iter()
                .map(|o| DayOffOut {
                    date: o.date.to_string(),
                    name: &o.name,
                    kind: o.kind.as_str(),
                })
                .collect(),
            working_saturdays: y
                .working_saturdays
                .iter()
                .map(|w| w.date.to_string())
                .collect(),
        });
    }
    let source = match y.source {
        Source::Data => "theo lịch nghỉ đã công bố / as announced",
        Source::Rules => "theo quy tắc của Bộ luật Lao động / by the labour-code rules",
    };
    let mut out = format!("Năm {} ({source})", y.year);
    for o in &y.days_off {
        let _ = write!(
            out,
            "\n{} {}  {:<10}  {}  [{}]",
            o.date,
            o.date.weekday(),
            o.kind.as_str(),
            o.name,
            o.basis
        );
    }
    for w in &y.working_saturdays {
        let _ = write!(
            out,
            "\n{} {}  {:<10}  {}  [{}]",
            w.date,
            w.date.weekday(),
            "work",
            w.name,
            w.basis
        );
    }
    Ok(out)
}

fn lunar(date: &str, format: Format) -> Result<String, CalendarError> {
    let l = solar_to_lunar(parse_date(date)?)?;
    match format {
        Format::Json => json(&l),
        Format::Text => {
            let leap = if l.leap {
                " (tháng nhuận / leap month)"
            } else {
                ""
            };
            Ok(format!("{}/{}/{} âm lịch{leap}", l.day, l.month, l.year))
        }
    }
}

fn deadline(
    cal: &WorkCalendar,
    from: &str,
    duration: &str,
    cutoff: Option<&str>,
    pauses: &[String],
    format: Format,
) -> Result<String, CalendarError> {
    let duration: WorkDuration = duration.parse()?;
    let pauses = pauses
        .iter()
        .map(|p| Pause::parse(p))
        .collect::<Result<Vec<_>, _>>()?;
    let req = DeadlineRequest {
        start: parse_instant(from)?,
        duration,
        cutoff: cutoff.map(parse_time).transpose()?,
        pauses: &pauses,
    };
    let traced = cal.deadline_traced(&req)?;
    let due = format_instant(traced.value);
    match format {
        Format::Json => json(&DeadlineOut {
            due,
            trace: &traced.trace,
        }),
        Format::Text => Ok(with_trace(due, &traced.trace)),
    }
}

fn with_trace(head: String, trace: &[TraceStep]) -> String {
    trace.iter().fold(head, |mut out, s| {
        let _ = write!(out, "\n- {}\n  {}", s.vi, s.en);
        out
    })
}

#[cfg(test)]
mod tests {
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
}
