//! Reporting periods (year, quarter, month, custom range) and the window of a query: the
//! period with its as-of instant, capped at the period end.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

pub use crate::plan::Period;

/// Why a period or a window was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error(
        "period '{0}' is not a year (2026), a quarter (2026-Q3), a month (2026-09) or a range \
         (2026-01-01..2026-03-14)"
    )]
    Syntax(String),
    #[error("period '{0}' ends before it starts")]
    Reversed(String),
    #[error("as-of '{0}' is not an ISO date or time (2026-09-30, 2026-09-30T17:00:00)")]
    AsOfSyntax(String),
    #[error("as-of {as_of} is before the start of the period ({start})")]
    AsOfBeforeStart {
        as_of: NaiveDateTime,
        start: NaiveDate,
    },
}

/// Parses `2026`, `2026-Q3`, `2026-09` or `2026-01-01..2026-03-14` (both ends included).
pub fn parse_period(text: &str) -> Result<Period, PeriodError> {
    let s = text.trim();
    let bad = || PeriodError::Syntax(text.to_owned());
    if let Some((a, b)) = s.split_once("..") {
        let start = parse_day(a).ok_or_else(bad)?;
        let end = parse_day(b).ok_or_else(bad)?;
        if end < start {
            return Err(PeriodError::Reversed(text.to_owned()));
        }
        return Ok(Period { start, end });
    }
    let (year, rest) = match s.split_once('-') {
        Some((y, r)) => (y, Some(r)),
        None => (s, None),
    };
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let year: i32 = year.parse().map_err(|_| bad())?;
    let (first, last) = match rest {
        None => (1, 12),
        Some(q) if q.len() == 2 && q.starts_with(['Q', 'q']) => {
            let n: u32 = q[1..].parse().map_err(|_| bad())?;
            if !(1..=4).contains(&n) {
                return Err(bad());
            }
            (3 * n - 2, 3 * n)
        }
        Some(m) if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
            let n: u32 = m.parse().map_err(|_| bad())?;
            (n, n)
        }
        Some(_) => return Err(bad()),
    };
    let start = NaiveDate::from_ymd_opt(year, first, 1).ok_or_else(bad)?;
    let end = last_day_of_month(year, last).ok_or_else(bad)?;
    Ok(Period { start, end })
}

/// Parses an as-of instant in ISO 8601: with an offset (`Z`, `+07:00`) it is converted to
/// local time (UTC+7); without one it is local time; a date alone is its end (23:59:59).
pub fn parse_as_of(text: &str) -> Result<NaiveDateTime, PeriodError> {
    let t = text.trim();
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(cchc_calendar::local::from_utc(dt.to_utc()));
    }
    for f in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, f) {
            return Ok(dt);
        }
    }
    parse_day(t)
        .and_then(|d| d.and_hms_opt(23, 59, 59))
        .ok_or_else(|| PeriodError::AsOfSyntax(text.to_owned()))
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    (s.len() == 10)
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// The month of a date, as a period.
#[must_use]
pub fn month_of(date: NaiveDate) -> Period {
    let start = date.with_day(1).unwrap_or(date);
    let end = last_day_of_month(date.year(), date.month()).unwrap_or(date);
    Period { start, end }
}

/// A query window: the period `[start 00:00:00, end 23:59:59]` and the instant `at` the
/// figures are taken at, `min(as-of, period end)`, in whole seconds (local time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    period: Period,
    start: NaiveDateTime,
    at: NaiveDateTime,
}

impl Window {
    /// The window of `period` as of `as_of` (truncated to the second, capped at the end of
    /// the period). An as-of before the period start is refused: nothing of the period is
    /// known yet.
    pub fn new(period: Period, as_of: NaiveDateTime) -> Result<Self, PeriodError> {
        let start = period.start.and_time(NaiveTime::MIN);
        let last = period
            .end
            .and_hms_opt(23, 59, 59)
            .unwrap_or_else(|| period.end.and_time(NaiveTime::MIN));
        let as_of = as_of.with_nanosecond(0).unwrap_or(as_of);
        if as_of < start {
            return Err(PeriodError::AsOfBeforeStart {
                as_of,
                start: period.start,
            });
        }
        Ok(Self {
            period,
            start,
            at: as_of.min(last),
        })
    }

    /// The whole period, as seen after its end.
    #[must_use]
    pub fn closed(period: Period) -> Self {
        let start = period.start.and_time(NaiveTime::MIN);
        let at = period.end.and_hms_opt(23, 59, 59).unwrap_or(start);
        Self { period, start, at }
    }

    /// The period.
    #[must_use]
    pub const fn period(&self) -> Period {
        self.period
    }

    /// The first instant of the period.
    #[must_use]
    pub const fn start(&self) -> NaiveDateTime {
        self.start
    }

    /// The instant the figures are taken at: `min(as-of, end of the period)`.
    #[must_use]
    pub const fn at(&self) -> NaiveDateTime {
        self.at
    }
}

/// Seconds since 1970-01-01 00:00 of a local time (floored to the second).
#[must_use]
pub(crate) fn secs(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
    }

    #[test]
    fn years_quarters_months_and_ranges_parse() {
        let p = |s| parse_period(s).map(|p| (p.start, p.end));
        assert_eq!(p("2026"), Ok((d("2026-01-01"), d("2026-12-31"))));
        assert_eq!(p("2026-Q1"), Ok((d("2026-01-01"), d("2026-03-31"))));
        assert_eq!(p("2026-Q3"), Ok((d("2026-07-01"), d("2026-09-30"))));
        assert_eq!(p("2026-q4"), Ok((d("2026-10-01"), d("2026-12-31"))));
        assert_eq!(p("2026-09"), Ok((d("2026-09-01"), d("2026-09-30"))));
        assert_eq!(p("2024-02"), Ok((d("2024-02-01"), d("2024-02-29"))));
        assert_eq!(p("2026-12"), Ok((d("2026-12-01"), d("2026-12-31"))));
        assert_eq!(
            p(" 2026-01-01..2026-03-14 "),
            Ok((d("2026-01-01"), d("2026-03-14")))
        );
        assert_eq!(
            p("2026-03-14..2026-03-14"),
            Ok((d("2026-03-14"), d("2026-03-14")))
        );
    }

    #[test]
    fn malformed_periods_are_refused() {
        for bad in [
            "",
            "26",
            "2026-Q5",
            "2026-Q0",
            "2026-13",
            "2026-00",
            "2026-9",
            "2026-W3",
            "2026-02-30..2026-03-01",
            "2026-01-01..",
            "2026-1-1..2026-2-1",
            "abcd",
        ] {
            assert!(
                matches!(parse_period(bad), Err(PeriodError::Syntax(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            parse_period("2026-03-14..2026-01-01"),
            Err(PeriodError::Reversed(_))
        ));
    }

    #[test]
    fn the_as_of_is_capped_at_the_period_end_and_truncated_to_the_second() {
        let p = parse_period("2026-Q1").unwrap();
        let w = Window::new(p, t("2026-06-01T10:00:00")).unwrap();
        assert_eq!(w.at(), t("2026-03-31T23:59:59"));
        assert_eq!(w.start(), t("2026-01-01T00:00:00"));
        let inside = t("2026-02-10T08:30:15") + chrono::TimeDelta::milliseconds(700);
        assert_eq!(
            Window::new(p, inside).unwrap().at(),
            t("2026-02-10T08:30:15")
        );
        assert_eq!(Window::closed(p).at(), t("2026-03-31T23:59:59"));
        assert!(matches!(
            Window::new(p, t("2025-12-31T23:59:59")),
            Err(PeriodError::AsOfBeforeStart { .. })
        ));
    }

    #[test]
    fn as_of_accepts_local_times_offsets_and_dates() {
        assert_eq!(
            parse_as_of("2026-09-30T10:00:00"),
            Ok(t("2026-09-30T10:00:00"))
        );
        assert_eq!(
            parse_as_of("2026-09-30T10:00"),
            Ok(t("2026-09-30T10:00:00"))
        );
        assert_eq!(
            parse_as_of("2026-09-30T03:00:00Z"),
            Ok(t("2026-09-30T10:00:00"))
        );
        assert_eq!(
            parse_as_of("2026-09-30T10:00:00+07:00"),
            Ok(t("2026-09-30T10:00:00"))
        );
        assert_eq!(parse_as_of(" 2026-09-30 "), Ok(t("2026-09-30T23:59:59")));
        for bad in ["yesterday", "2026-13-01", "30/09/2026", ""] {
            assert!(
                matches!(parse_as_of(bad), Err(PeriodError::AsOfSyntax(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn month_of_a_date() {
        let m = month_of(d("2026-02-17"));
        assert_eq!((m.start, m.end), (d("2026-02-01"), d("2026-02-28")));
    }
}
