//! Actions that move due times: completing a supplement and the apology-extension.

use chrono::NaiveDateTime;

use super::action::ActionContext;
use super::deadline::{self, TraceLine, en_at, extend_by_pause, pause_line, vi_at};
use super::event::{DueChange, EventPayload};
use super::refusal::{Refusal, require_text};
use super::rules::SupplementPolicy;
use super::state::Dossier;

/// The supplement is complete: the legal due restarts or pauses by the rule set, the KPI due
/// and the open step's due always pause.
pub(super) fn supplement(
    d: &Dossier,
    note: &Option<String>,
    ctx: &ActionContext<'_>,
) -> Result<EventPayload, Refusal> {
    let (Some(req), Some(receipt), Some(due)) = (d.open_supplement(), &d.receipt, d.due()) else {
        return Err(Refusal::rule(
            "Hồ sơ không có yêu cầu bổ sung đang chờ.",
            "The dossier has no open supplement request.",
        ));
    };
    let cal = ctx.calendar;
    let (from, to) = (req.requested_at, ctx.at);
    let err = |e| Refusal::calendar(&e);
    let (kpi, _) = extend_by_pause(cal, due.kpi, from, to).map_err(err)?;
    let (legal, trace) = match receipt.rule_set.supplement_policy() {
        SupplementPolicy::Restart => {
            let (legal, mut trace) = deadline::appointment(cal, to, &receipt.terms).map_err(err)?;
            trace.insert(0, restart_line(receipt.rule_set.as_str(), to));
            (legal, trace)
        }
        SupplementPolicy::Pause => {
            let (legal, added) = extend_by_pause(cal, due.legal, from, to).map_err(err)?;
            (legal, vec![pause_line(from, to, added, legal)])
        }
    };
    let step = d
        .current_step()
        .and_then(|s| s.due_at)
        .map(|s| extend_by_pause(cal, s, from, to).map(|x| x.0))
        .transpose()
        .map_err(err)?;
    Ok(EventPayload::Supplemented {
        note: note.clone(),
        due: DueChange {
            legal,
            kpi,
            step,
            trace,
        },
    })
}

fn restart_line(rule_set: &str, at: NaiveDateTime) -> TraceLine {
    TraceLine {
        step: "restart".to_owned(),
        vi: format!(
            "Nhận đủ hồ sơ bổ sung lúc {}: thời hạn giải quyết được tính lại từ đầu ({rule_set}).",
            vi_at(at)
        ),
        en: format!(
            "Supplement complete at {}: the full duration counts again from then ({rule_set}).",
            en_at(at)
        ),
    }
}

/// Apology and new return date: once, no later than the rule set's notice (1 working day)
/// before the due time, to a later working day.
pub(super) fn extension(
    d: &Dossier,
    apology: &str,
    new_due: NaiveDateTime,
    ctx: &ActionContext<'_>,
) -> Result<EventPayload, Refusal> {
    if let Some(x) = &d.extension {
        return Err(Refusal::rule(
            format!(
                "Hồ sơ đã được hẹn lại ngày trả kết quả lúc {}; việc hẹn lại chỉ được thực hiện không quá một lần.",
                vi_at(x.at)
            ),
            format!(
                "The return date was already extended at {}; an extension is allowed only once.",
                en_at(x.at)
            ),
        ));
    }
    require_text(apology, "nội dung xin lỗi", "apology text")?;
    let (Some(receipt), Some(due)) = (&d.receipt, d.due().map(|e| e.legal)) else {
        return Err(Refusal::rule(
            "Hồ sơ chưa có ngày hẹn trả.",
            "The dossier has no appointment yet.",
        ));
    };
    check_notice(ctx, due, receipt.rule_set.extension_notice_working_days())?;
    check_new_due(ctx, due, new_due)?;
    Ok(EventPayload::ExtensionProposed {
        apology: apology.to_owned(),
        new_due,
    })
}

/// At least `days` working days of working time must remain before `due`.
fn check_notice(ctx: &ActionContext<'_>, due: NaiveDateTime, days: u32) -> Result<(), Refusal> {
    let cal = ctx.calendar;
    let needed = i64::from(days) * i64::from(cal.office_hours().working_day_minutes);
    let left = cal
        .working_minutes_between(ctx.at, due)
        .map_err(|e| Refusal::calendar(&e))?;
    if left >= needed {
        return Ok(());
    }
    let (h, m) = (left.max(0) / 60, left.max(0) % 60);
    Err(Refusal::rule(
        format!(
            "Phải xin lỗi và hẹn lại chậm nhất {days} ngày làm việc trước hạn trả kết quả ({}); chỉ còn {h} giờ {m} phút làm việc.",
            vi_at(due)
        ),
        format!(
            "An extension must be issued at least {days} working day(s) before the due time ({}); only {h} h {m} min of working time remain.",
            en_at(due)
        ),
    ))
}

fn check_new_due(
    ctx: &ActionContext<'_>,
    due: NaiveDateTime,
    new_due: NaiveDateTime,
) -> Result<(), Refusal> {
    if new_due <= due {
        return Err(Refusal::invalid(
            format!(
                "Ngày hẹn mới ({}) phải sau hạn hiện tại ({}).",
                vi_at(new_due),
                vi_at(due)
            ),
            format!(
                "The new return date ({}) must be after the current due time ({}).",
                en_at(new_due),
                en_at(due)
            ),
        ));
    }
    let working = ctx
        .calendar
        .is_working_day(new_due.date())
        .map_err(|e| Refusal::calendar(&e))?;
    if working {
        return Ok(());
    }
    Err(Refusal::invalid(
        format!(
            "Ngày hẹn mới ({}) không phải ngày làm việc.",
            vi_at(new_due)
        ),
        format!(
            "The new return date ({}) is not a working day.",
            en_at(new_due)
        ),
    ))
}
