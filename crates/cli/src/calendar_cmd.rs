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
mod tests;
