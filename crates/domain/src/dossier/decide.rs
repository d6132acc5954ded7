//! The checks of each action once its status allows it, and the event it produces.

use chrono::NaiveDateTime;

use cchc_calendar::WorkDuration;

use super::action::{Action, ActionContext, Assignee, Intake};
use super::channel::Channel;
use super::deadline::{self, ProcedureTerms, en_at, vi_at};
use super::event::EventPayload;
use super::refusal::{Refusal, require_text};
use super::rules::RuleSet;
use super::state::Dossier;
use super::{decide_due, decide_result};

/// Online submission: a code of today and a checklist.
pub(super) fn submit(intake: &Intake, ctx: &ActionContext<'_>) -> Result<EventPayload, Refusal> {
    check_code_date(intake, ctx.at)?;
    check_checklist(intake, false)?;
    Ok(EventPayload::Submitted {
        intake: intake.clone(),
    })
}

/// Receipt: direct or postal from nothing; online only after submission, with its code.
pub(super) fn receive(
    submitted: Option<&Dossier>,
    channel: Channel,
    intake: &Intake,
    terms: &ProcedureTerms,
    ctx: &ActionContext<'_>,
) -> Result<EventPayload, Refusal> {
    match (submitted, channel) {
        (None, Channel::Online) => {
            return Err(Refusal::rule(
                "Hồ sơ trực tuyến phải được nộp trên cổng dịch vụ công trước khi tiếp nhận.",
                "An online dossier must be submitted on the portal before it is received.",
            ));
        }
        (None, _) => check_code_date(intake, ctx.at)?,
        (Some(d), Channel::Online) if d.code == intake.code => {}
        (Some(d), Channel::Online) => {
            return Err(Refusal::invalid(
                format!("Mã hồ sơ {} khác mã khi nộp ({}).", intake.code, d.code),
                format!(
                    "Dossier code {} differs from the submitted code {}.",
                    intake.code, d.code
                ),
            ));
        }
        (Some(_), _) => {
            return Err(Refusal::rule(
                "Hồ sơ đã nộp trực tuyến chỉ được tiếp nhận theo kênh trực tuyến.",
                "A dossier submitted online is received on the online channel only.",
            ));
        }
    }
    check_checklist(intake, true)?;
    let (due_at, trace) =
        deadline::appointment(ctx.calendar, ctx.at, terms).map_err(|e| Refusal::calendar(&e))?;
    Ok(EventPayload::Received {
        channel,
        intake: intake.clone(),
        terms: *terms,
        rule_set: RuleSet::for_receipt(ctx.at.date()),
        due_at,
        trace,
    })
}

fn check_code_date(intake: &Intake, at: NaiveDateTime) -> Result<(), Refusal> {
    if intake.code.date() == at.date() {
        return Ok(());
    }
    Err(Refusal::invalid(
        format!(
            "Mã hồ sơ {} không mang ngày {}.",
            intake.code,
            at.format("%d/%m/%Y")
        ),
        format!(
            "Dossier code {} does not carry the date {}.",
            intake.code,
            at.format("%Y-%m-%d")
        ),
    ))
}

/// A checklist with named components; at receipt every required component must be present.
fn check_checklist(intake: &Intake, at_receipt: bool) -> Result<(), Refusal> {
    if intake.components.is_empty() {
        return Err(Refusal::blank(
            "danh mục thành phần hồ sơ",
            "component checklist",
        ));
    }
    if intake.components.iter().any(|c| c.name.trim().is_empty()) {
        return Err(Refusal::blank("tên thành phần hồ sơ", "component name"));
    }
    let missing: Vec<&str> = intake
        .components
        .iter()
        .filter(|c| c.required && !c.provided)
        .map(|c| c.name.as_str())
        .collect();
    if at_receipt && !missing.is_empty() {
        return Err(Refusal::rule(
            format!(
                "Hồ sơ chưa đủ thành phần ({}): lập Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ thay vì tiếp nhận.",
                missing.join("; ")
            ),
            format!(
                "The dossier lacks required components ({}): issue a supplement request instead of receiving it.",
                missing.join("; ")
            ),
        ));
    }
    Ok(())
}

/// Every action on an existing dossier except receipt.
pub(super) fn on_dossier(
    d: &Dossier,
    action: &Action,
    ctx: &ActionContext<'_>,
) -> Result<EventPayload, Refusal> {
    match action {
        Action::Submit { .. } | Action::Receive { .. } => {
            Err(Refusal::not_allowed(Some(d.status), action.kind()))
        }
        Action::Refuse { reason } => {
            require_text(reason, "lý do từ chối", "reason for refusal")?;
            Ok(EventPayload::Refused {
                reason: reason.clone(),
            })
        }
        Action::RequestSupplement { items, reason } => request_supplement(items, reason),
        Action::Supplement { note } => decide_due::supplement(d, note, ctx),
        Action::Forward { to, budget_hours } => forward(to, *budget_hours, ctx),
        Action::CompleteStep { note } => complete_step(d, note),
        Action::RequestPayment { amount_vnd } => decide_result::request_payment(*amount_vnd),
        Action::Pay { online } => decide_result::pay(d, *online),
        Action::ProposeExtension { apology, new_due } => {
            decide_due::extension(d, apology, *new_due, ctx)
        }
        Action::Stop { reason } => {
            require_text(reason, "lý do dừng xử lý", "reason for stopping")?;
            Ok(EventPayload::Stopped {
                reason: reason.clone(),
            })
        }
        Action::Withdraw { reason } => Ok(EventPayload::Withdrawn {
            reason: reason.clone(),
        }),
        Action::Finish {
            result_codes,
            files,
            electronic,
        } => decide_result::finish(result_codes, files, *electronic),
        Action::Return { channel, at } => decide_result::return_result(d, *channel, *at, ctx),
    }
}

fn request_supplement(items: &[String], reason: &str) -> Result<EventPayload, Refusal> {
    if items.iter().all(|i| i.trim().is_empty()) {
        return Err(Refusal::blank(
            "nội dung cần bổ sung",
            "list of items to supplement",
        ));
    }
    require_text(reason, "lý do yêu cầu bổ sung", "reason for the supplement")?;
    Ok(EventPayload::SupplementRequested {
        items: items
            .iter()
            .filter(|i| !i.trim().is_empty())
            .cloned()
            .collect(),
        reason: reason.to_owned(),
    })
}

fn forward(to: &Assignee, budget: u32, ctx: &ActionContext<'_>) -> Result<EventPayload, Refusal> {
    if budget == 0 {
        return Err(Refusal::invalid(
            "Thời gian giải quyết của bước phải từ 1 giờ làm việc trở lên.",
            "The step's budget must be at least 1 working hour.",
        ));
    }
    if to.officer.as_deref().is_some_and(|o| o.trim().is_empty()) {
        return Err(Refusal::blank("cán bộ nhận hồ sơ", "receiving officer"));
    }
    let due_at = ctx
        .calendar
        .due(ctx.at, WorkDuration::Hours(budget))
        .map_err(|e| Refusal::calendar(&e))?;
    Ok(EventPayload::Forwarded {
        to: to.clone(),
        budget_hours: budget,
        due_at,
    })
}

fn complete_step(d: &Dossier, note: &Option<String>) -> Result<EventPayload, Refusal> {
    match d.current_step() {
        Some(s) if s.completed_at.is_none() => {
            Ok(EventPayload::StepCompleted { note: note.clone() })
        }
        Some(s) => Err(Refusal::rule(
            format!(
                "Bước xử lý hiện tại đã hoàn thành lúc {}; hãy chuyển hồ sơ hoặc kết thúc xử lý.",
                vi_at(s.completed_at.unwrap_or(s.started_at))
            ),
            format!(
                "The current step was completed at {}; forward or finish the dossier.",
                en_at(s.completed_at.unwrap_or(s.started_at))
            ),
        )),
        None => Err(Refusal::rule(
            "Hồ sơ không có bước xử lý đang mở.",
            "The dossier has no open step.",
        )),
    }
}
