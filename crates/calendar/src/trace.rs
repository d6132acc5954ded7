//! Explained computations: the same arithmetic as the fast path, with each step worded in
//! Vietnamese and English (start normalised, cut-off, duration, pauses, days skipped and why,
//! make-up days counted, due time).

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::CalendarError;
use crate::duration::WorkDuration;
use crate::holidays::{DayKind, Source};
use crate::pause::{self, Pause};
use crate::text::{en_day, en_instant, en_minutes, vi_day, vi_instant, vi_minutes};
use crate::worktime::{DeadlineRequest, WorkCalendar};

/// What a trace step records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Start,
    Duration,
    Pause,
    SkipDay,
    MakeUpDay,
    MoveToWorkingDay,
    Calendar,
    Due,
    Count,
}

/// One step of an explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraceStep {
    pub step: StepKind,
    pub vi: String,
    pub en: String,
}

/// A result with the steps that produced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Traced<T> {
    pub value: T,
    pub trace: Vec<TraceStep>,
}

fn step(step: StepKind, vi: String, en: String) -> TraceStep {
    TraceStep { step, vi, en }
}

impl WorkCalendar {
    /// [`WorkCalendar::deadline`] with its explanation.
    pub fn deadline_traced(
        &self,
        req: &DeadlineRequest<'_>,
    ) -> Result<Traced<NaiveDateTime>, CalendarError> {
        let p = self.start_position(req.start, req.cutoff)?;
        let mut trace = vec![self.start_step(req, p)?];
        trace.push(self.duration_step(p, req.duration)?);
        let q0 = self.due_position(p, req.duration)?;
        let (q, _) = self.extend_by_pauses(p, q0, req.pauses)?;
        trace.extend(self.pause_steps(p, q0, req.pauses)?);
        let due = self.instant(q, q > p)?;
        let from = req.start.date().min(self.instant(p, false)?.date());
        if matches!(req.duration, WorkDuration::CalendarDays(_)) {
            trace.extend(self.calendar_move_step(p, req.duration)?);
        } else {
            trace.extend(self.day_steps(from, due.date())?);
        }
        trace.push(self.calendar_step(req.start.date().year(), due.date().year())?);
        trace.push(step(
            StepKind::Due,
            format!("Hạn giải quyết: {}.", vi_instant(due)),
            format!("Due: {}.", en_instant(due)),
        ));
        Ok(Traced { value: due, trace })
    }

    /// [`WorkCalendar::working_days`] with the non-working days it left out.
    pub fn working_days_traced(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Traced<u32>, CalendarError> {
        let n = self.working_days(from, to)?;
        let mut trace = self.day_steps(from, to)?;
        trace.push(step(
            StepKind::Count,
            format!(
                "Từ {} đến {} (tính cả hai ngày): {n} ngày làm việc.",
                vi_day(from),
                vi_day(to)
            ),
            format!(
                "From {} to {} (both included): {n} working days.",
                en_day(from),
                en_day(to)
            ),
        ));
        Ok(Traced { value: n, trace })
    }

    fn start_step(&self, req: &DeadlineRequest<'_>, p: i64) -> Result<TraceStep, CalendarError> {
        let t = req.start;
        let begin = self.instant(p, false)?;
        let (vi_why, en_why) = self.start_reason(req)?;
        let (vi_then, en_then) = if begin == t {
            (
                "bắt đầu tính ngay".to_owned(),
                "the clock starts at once".to_owned(),
            )
        } else {
            (
                format!("bắt đầu tính từ {}", vi_instant(begin)),
                format!("the clock starts at {}", en_instant(begin)),
            )
        };
        Ok(step(
            StepKind::Start,
            format!("Tiếp nhận lúc {}{vi_why}: {vi_then}.", vi_instant(t)),
            format!("Received at {}{en_why}: {en_then}.", en_instant(t)),
        ))
    }

    /// Why the receipt instant is or is not where the clock starts.
    fn start_reason(&self, req: &DeadlineRequest<'_>) -> Result<(String, String), CalendarError> {
        let t = req.start;
        let kind = self.day_kind(t.date())?;
        if !kind.is_working() {
            let (vi, en) = self.day_reason(t.date(), kind);
            return Ok((format!(", ngày nghỉ ({vi})"), format!(", a day off ({en})")));
        }
        let m =
            u16::try_from(chrono::Timelike::num_seconds_from_midnight(&t.time()) / 60).unwrap_or(0);
        if let Some(c) = req
            .cutoff
            .filter(|c| t.time() > *c && m < self.clock.closing)
        {
            let c = c.format("%H:%M");
            return Ok((
                format!(", sau giờ chốt {c}"),
                format!(", after the {c} cut-off"),
            ));
        }
        Ok(if self.clock.in_shift(t.time()) {
            (
                " (trong giờ làm việc)".into(),
                " (during office hours)".into(),
            )
        } else if m < self.clock.opening {
            (
                ", trước giờ làm việc".into(),
                ", before office hours".into(),
            )
        } else if m >= self.clock.closing {
            (", sau giờ làm việc".into(), ", after office hours".into())
        } else {
            (
                ", trong giờ nghỉ giữa ca".into(),
                ", during the break between shifts".into(),
            )
        })
    }

    fn duration_step(&self, p: i64, d: WorkDuration) -> Result<TraceStep, CalendarError> {
        let wd = i64::from(self.clock.wd);
        Ok(match d {
            WorkDuration::Hours(n) => step(
                StepKind::Duration,
                format!("Thời hạn {n} giờ làm việc, tính qua giờ nghỉ trưa và qua đêm."),
                format!(
                    "Duration {n} working hour{}, carried across breaks and nights.",
                    if n == 1 { "" } else { "s" }
                ),
            ),
            WorkDuration::WorkingDays(n) => step(
                StepKind::Duration,
                format!(
                    "Thời hạn {n} ngày làm việc = {} làm việc (1 ngày làm việc = {}), tính từ thời điểm bắt đầu.",
                    vi_minutes(i64::from(n) * wd),
                    vi_minutes(wd)
                ),
                format!(
                    "Duration {n} working day{} = {} of working time (1 working day = {}), counted from the start.",
                    if n == 1 { "" } else { "s" },
                    en_minutes(i64::from(n) * wd),
                    en_minutes(wd)
                ),
            ),
            WorkDuration::CalendarDays(n) => {
                let (target, _) = self.calendar_due(p, n)?;
                let from = self.instant(p, false)?.date();
                step(
                    StepKind::Duration,
                    format!(
                        "Thời hạn {n} ngày (ngày lịch): {} + {n} ngày = {}.",
                        vi_day(from),
                        vi_day(target)
                    ),
                    format!(
                        "Duration {n} calendar day(s): {} + {n} = {}.",
                        en_day(from),
                        en_day(target)
                    ),
                )
            }
        })
    }

    fn calendar_move_step(
        &self,
        p: i64,
        d: WorkDuration,
    ) -> Result<Option<TraceStep>, CalendarError> {
        let (target, q) = self.calendar_due(p, d.count())?;
        let kind = self.day_kind(target)?;
        if kind.is_working() {
            return Ok(None);
        }
        let moved = self.instant(q, true)?.date();
        let (vi, en) = self.day_reason(target, kind);
        Ok(Some(step(
            StepKind::MoveToWorkingDay,
            format!(
                "{} là ngày nghỉ ({vi}): hạn chuyển sang ngày làm việc tiếp theo, {}.",
                vi_day(target),
                vi_day(moved)
            ),
            format!(
                "{} is a day off ({en}): the due date moves to the next working day, {}.",
                en_day(target),
                en_day(moved)
            ),
        )))
    }

    fn pause_steps(
        &self,
        p: i64,
        q0: i64,
        pauses: &[Pause],
    ) -> Result<Vec<TraceStep>, CalendarError> {
        let merged = pause::merge(pauses);
        let mut out = Vec::new();
        if merged.len() < pauses.len() {
            out.push(step(
                StepKind::Pause,
                format!(
                    "Gộp {} khoảng tạm dừng chồng lấn thành {}.",
                    pauses.len(),
                    merged.len()
                ),
                format!(
                    "Merged {} overlapping pauses into {}.",
                    pauses.len(),
                    merged.len()
                ),
            ));
        }
        let mut q = q0;
        for x in &merged {
            let (q1, added) = self.extend_by_pauses(p, q, std::slice::from_ref(x))?;
            q = q1;
            let span_vi = format!("{} → {}", vi_instant(x.from), vi_instant(x.to));
            let span_en = format!("{} → {}", en_instant(x.from), en_instant(x.to));
            out.push(if added > 0 {
                step(
                    StepKind::Pause,
                    format!("Tạm dừng chờ người nộp {span_vi}: cộng thêm {} làm việc.", vi_minutes(added)),
                    format!("Paused for the applicant {span_en}: adds {} of working time.", en_minutes(added)),
                )
            } else {
                step(
                    StepKind::Pause,
                    format!("Tạm dừng {span_vi}: không cộng thêm (ngoài thời gian làm việc, trước khi bắt đầu hoặc sau hạn)."),
                    format!("Pause {span_en}: adds nothing (outside working time, before the start or after the due time)."),
                )
            });
        }
        Ok(out)
    }

    /// Which calendar data (source and edition) each year spanned was computed with.
    fn calendar_step(&self, from: i32, to: i32) -> Result<TraceStep, CalendarError> {
        let (mut vi, mut en) = (Vec::new(), Vec::new());
        for y in from..=to {
            let h = self.holidays(y)?;
            match h.source {
                Source::Data => {
                    vi.push(format!(
                        "năm {y} theo lịch nghỉ đã công bố (phiên bản {})",
                        h.version
                    ));
                    en.push(format!("{y} as announced (edition {})", h.version));
                }
                Source::Rules => {
                    vi.push(format!(
                        "năm {y} theo quy tắc của Bộ luật Lao động (chưa có thông báo)"
                    ));
                    en.push(format!("{y} by the labour-code rules (no notice loaded)"));
                }
            }
        }
        Ok(step(
            StepKind::Calendar,
            format!("Lịch nghỉ áp dụng: {}.", vi.join("; ")),
            format!("Calendar used: {}.", en.join("; ")),
        ))
    }

    /// Steps for the non-working and make-up days from `from` to `to`, both included.
    fn day_steps(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<TraceStep>, CalendarError> {
        let mut out = Vec::new();
        let mut weekend: Vec<NaiveDate> = Vec::new();
        for d in from.iter_days().take_while(|d| *d <= to) {
            let kind = self.day_kind(d)?;
            if kind == DayKind::Weekend {
                weekend.push(d);
                continue;
            }
            out.extend(weekend_step(&weekend));
            weekend.clear();
            if kind != DayKind::Working {
                out.push(self.day_step(d, kind));
            }
        }
        out.extend(weekend_step(&weekend));
        Ok(out)
    }

    fn day_step(&self, d: NaiveDate, kind: DayKind) -> TraceStep {
        let (vi, en) = self.day_reason(d, kind);
        if kind == DayKind::MakeUpWorking {
            return step(
                StepKind::MakeUpDay,
                format!("Tính {} là ngày làm việc ({vi}).", vi_day(d)),
                format!("{} counts as a working day ({en}).", en_day(d)),
            );
        }
        step(
            StepKind::SkipDay,
            format!("Bỏ qua {}: {vi}.", vi_day(d)),
            format!("Skipped {}: {en}.", en_day(d)),
        )
    }

    /// The kind of a day with the entry's name and legal basis.
    pub(crate) fn day_reason(&self, d: NaiveDate, kind: DayKind) -> (String, String) {
        let (off, make_up) = self.days.entries(d);
        let named = match (kind, off.first(), make_up) {
            (DayKind::MakeUpWorking, _, Some(w)) => Some((w.name.as_str(), w.basis.as_str())),
            (_, Some(o), _) => Some((o.name.as_str(), o.basis.as_str())),
            _ => None,
        };
        match named {
            Some((name, basis)) => (
                format!("{}: {name}; căn cứ {basis}", kind.vi()),
                format!("{}: {name}; basis {basis}", kind.en()),
            ),
            None => (kind.vi().to_owned(), kind.en().to_owned()),
        }
    }
}

/// One step for a run of plain weekly rest days.
fn weekend_step(days: &[NaiveDate]) -> Option<TraceStep> {
    let (first, last) = (days.first()?, days.last()?);
    let (vi, en) = if first == last {
        (vi_day(*first), en_day(*first))
    } else {
        (
            format!("{} – {}", vi_day(*first), vi_day(*last)),
            format!("{} – {}", en_day(*first), en_day(*last)),
        )
    };
    Some(step(
        StepKind::SkipDay,
        format!("Bỏ qua {vi}: nghỉ hằng tuần."),
        format!("Skipped {en}: weekly rest days."),
    ))
}
