//! Actions on payment and results: request and record payment, finish, return.

use chrono::NaiveDateTime;

use super::action::ActionContext;
use super::channel::Channel;
use super::deadline::{en_at, vi_at};
use super::event::EventPayload;
use super::refusal::Refusal;
use super::state::Dossier;

pub(super) fn request_payment(amount_vnd: u64) -> Result<EventPayload, Refusal> {
    if amount_vnd == 0 {
        return Err(Refusal::invalid(
            "Số tiền phải nộp phải lớn hơn 0 đồng.",
            "The amount to pay must be more than 0 VND.",
        ));
    }
    Ok(EventPayload::PaymentRequested { amount_vnd })
}

pub(super) fn pay(d: &Dossier, online: bool) -> Result<EventPayload, Refusal> {
    if d.outstanding_payment().is_none() {
        return Err(Refusal::rule(
            "Hồ sơ không có khoản phí, lệ phí nào đang chờ nộp.",
            "The dossier has no outstanding payment.",
        ));
    }
    Ok(EventPayload::Paid { online })
}

/// An electronic result needs at least one file reference; no entry may be blank.
pub(super) fn finish(
    result_codes: &[String],
    files: &[String],
    electronic: bool,
) -> Result<EventPayload, Refusal> {
    if result_codes
        .iter()
        .chain(files)
        .any(|s| s.trim().is_empty())
    {
        return Err(Refusal::blank(
            "mã kết quả hoặc đường dẫn tệp kết quả (có dòng trống)",
            "result code or file reference (a line is blank)",
        ));
    }
    if electronic && files.is_empty() {
        return Err(Refusal::invalid(
            "Kết quả điện tử phải có ít nhất một tệp kết quả.",
            "An electronic result needs at least one result file.",
        ));
    }
    Ok(EventPayload::Finished {
        result_codes: result_codes.to_vec(),
        files: files.to_vec(),
        electronic,
    })
}

/// The return time lies between the result and now; payments are settled; an online return
/// needs an electronic result.
pub(super) fn return_result(
    d: &Dossier,
    channel: Channel,
    at: NaiveDateTime,
    ctx: &ActionContext<'_>,
) -> Result<EventPayload, Refusal> {
    let Some(result) = &d.result else {
        return Err(Refusal::rule(
            "Hồ sơ chưa có kết quả.",
            "The dossier has no result yet.",
        ));
    };
    if at < result.at || at > ctx.at {
        return Err(Refusal::invalid(
            format!(
                "Thời điểm trả kết quả ({}) phải từ lúc có kết quả ({}) đến hiện tại ({}).",
                vi_at(at),
                vi_at(result.at),
                vi_at(ctx.at)
            ),
            format!(
                "The return time ({}) must lie between the result ({}) and now ({}).",
                en_at(at),
                en_at(result.at),
                en_at(ctx.at)
            ),
        ));
    }
    if d.outstanding_payment().is_some() {
        return Err(Refusal::rule(
            "Người nộp chưa thực hiện xong nghĩa vụ tài chính.",
            "The applicant has not yet paid what is due.",
        ));
    }
    if channel == Channel::Online && !result.electronic {
        return Err(Refusal::rule(
            "Kết quả bản giấy không trả được qua kênh trực tuyến.",
            "A paper result cannot be returned online.",
        ));
    }
    Ok(EventPayload::Returned { channel, at })
}
