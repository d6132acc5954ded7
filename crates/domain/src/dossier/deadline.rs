//! Deadline inputs and arithmetic on top of the working calendar: the appointment at receipt
//! with its trace, and due times moved by the working time of a pause.
//!
//! A pause `[from, to]` moves a due time by the working minutes between `from` and `to` when it
//! begins before that due time, and leaves it alone otherwise (the calendar's pause rule, so a
//! pause never rescues a dossier already late).

use chrono::{NaiveDateTime, NaiveTime, TimeDelta};
use serde::{Deserialize, Serialize};

use cchc_calendar::{CalendarError, DeadlineRequest, WorkCalendar, WorkDuration};

/// The processing terms of the procedure version in force at receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcedureTerms {
    /// Legal duration, serialised as `24h`, `3wd` or `15d`.
    #[serde(with = "duration_text")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "3wd"))]
    pub duration: WorkDuration,
    /// A receipt strictly after this time counts from the next working day (e.g. 15:00).
    pub cutoff: Option<NaiveTime>,
}

/// One line of a deadline's explanation, in Vietnamese and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceLine {
    pub step: String,
    pub vi: String,
    pub en: String,
}

impl TraceLine {
    fn new(step: &str, vi: String, en: String) -> Self {
        Self {
            step: step.to_owned(),
            vi,
            en,
        }
    }
}

/// The due time of `terms` for a receipt (or a restart) at `start`, with its trace.
pub fn appointment(
    cal: &WorkCalendar,
    start: NaiveDateTime,
    terms: &ProcedureTerms,
) -> Result<(NaiveDateTime, Vec<TraceLine>), CalendarError> {
    let req = DeadlineRequest {
        start,
        duration: terms.duration,
        cutoff: terms.cutoff,
        pauses: &[],
    };
    let traced = cal.deadline_traced(&req)?;
    let trace = traced
        .trace
        .into_iter()
        .map(|s| {
            let step = serde_json::to_value(s.step)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            TraceLine {
                step,
                vi: s.vi,
                en: s.en,
            }
        })
        .collect();
    Ok((traced.value, trace))
}

/// The earliest instant at which `minutes` working minutes have passed since `t` (a shift's
/// end rather than the next opening, as the calendar writes due times).
pub fn add_working_minutes(
    cal: &WorkCalendar,
    t: NaiveDateTime,
    minutes: i64,
) -> Result<NaiveDateTime, CalendarError> {
    if minutes <= 0 {
        return Ok(t);
    }
    let reached = |m: i64| -> Result<bool, CalendarError> {
        Ok(cal.working_minutes_between(t, t + TimeDelta::minutes(m))? >= minutes)
    };
    let mut hi = (minutes / 480 + 2) * 1_440;
    while !reached(hi)? {
        hi *= 2;
    }
    let mut lo = 0;
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if reached(mid)? {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok(t + TimeDelta::minutes(hi))
}

/// `due` moved by the pause `[from, to]`, with the working minutes added (0 when the pause
/// begins at or after the due time).
pub fn extend_by_pause(
    cal: &WorkCalendar,
    due: NaiveDateTime,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<(NaiveDateTime, i64), CalendarError> {
    if cal.working_minutes_between(from, due)? <= 0 {
        return Ok((due, 0));
    }
    let added = cal.working_minutes_between(from, to)?.max(0);
    Ok((add_working_minutes(cal, due, added)?, added))
}

/// The trace line of a pause applied to a due time.
#[must_use]
pub fn pause_line(
    from: NaiveDateTime,
    to: NaiveDateTime,
    added: i64,
    due: NaiveDateTime,
) -> TraceLine {
    let (h, m) = (added / 60, added % 60);
    TraceLine::new(
        "pause",
        format!(
            "Tạm dừng chờ bổ sung từ {} đến {}: cộng thêm {h} giờ {m} phút làm việc; hạn mới {}.",
            vi_at(from),
            vi_at(to),
            vi_at(due)
        ),
        format!(
            "Paused for a supplement from {} to {}: adds {h} h {m} min of working time; new due {}.",
            en_at(from),
            en_at(to),
            en_at(due)
        ),
    )
}

/// "08:30 ngày 16/02/2026".
#[must_use]
pub fn vi_at(t: NaiveDateTime) -> String {
    t.format("%H:%M ngày %d/%m/%Y").to_string()
}

/// "2026-02-16 08:30".
#[must_use]
pub fn en_at(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// Serde for [`WorkDuration`] as its text form.
mod duration_text {
    use cchc_calendar::WorkDuration;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(d: &WorkDuration, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<WorkDuration, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
