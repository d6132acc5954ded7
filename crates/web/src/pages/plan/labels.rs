//! How the plan pages write statuses, figures and units in Vietnamese, and the RAG classes
//! the stylesheet colours.

use cchc_domain::plan::auto::AutoIndicator;
use cchc_domain::plan::status::{TargetStatus, TaskStatus};
use cchc_domain::plan::{Comparator, MeasureUnit, Scope};
use cchc_store::plan_status::ValueOrigin;
use cchc_store::plan_values::ValueState;

/// A target status in Vietnamese; `None` is "no data yet".
pub fn target_status(status: Option<TargetStatus>) -> &'static str {
    match status {
        Some(TargetStatus::Met) => "Đạt",
        Some(TargetStatus::OnTrack) => "Đúng tiến độ",
        Some(TargetStatus::AtRisk) => "Có nguy cơ không đạt",
        Some(TargetStatus::Missed) => "Không đạt",
        None => "Chưa có số liệu",
    }
}

/// The CSS class of a target status (`rag-met` …).
pub fn target_class(status: Option<TargetStatus>) -> &'static str {
    match status {
        Some(TargetStatus::Met) => "rag-met",
        Some(TargetStatus::OnTrack) => "rag-on-track",
        Some(TargetStatus::AtRisk) => "rag-at-risk",
        Some(TargetStatus::Missed) => "rag-missed",
        None => "rag-none",
    }
}

/// The code of a target status in links and data (`met`, `on_track` …, `none`).
pub fn target_code(status: Option<TargetStatus>) -> &'static str {
    match status {
        Some(TargetStatus::Met) => "met",
        Some(TargetStatus::OnTrack) => "on_track",
        Some(TargetStatus::AtRisk) => "at_risk",
        Some(TargetStatus::Missed) => "missed",
        None => "none",
    }
}

/// Every task status with its code, in the VPCP order.
pub const TASK_STATUSES: [(TaskStatus, &str); 4] = [
    (TaskStatus::CompletedOnTime, "completed_on_time"),
    (TaskStatus::CompletedLate, "completed_late"),
    (TaskStatus::OpenWithinDeadline, "open_within_deadline"),
    (TaskStatus::OpenOverdue, "open_overdue"),
];

/// The code of a task status (`open_overdue` …).
pub fn task_code(status: TaskStatus) -> &'static str {
    TASK_STATUSES
        .iter()
        .find(|(s, _)| *s == status)
        .map_or("", |(_, c)| c)
}

/// The CSS class of a task status.
pub fn task_class(status: TaskStatus) -> &'static str {
    match status {
        TaskStatus::CompletedOnTime => "rag-met",
        TaskStatus::CompletedLate => "rag-at-risk",
        TaskStatus::OpenWithinDeadline => "rag-on-track",
        TaskStatus::OpenOverdue => "rag-missed",
    }
}

/// A unit of measure after a number (`%`, ` đơn vị` …).
pub fn unit(u: MeasureUnit) -> &'static str {
    match u {
        MeasureUnit::Percent => " %",
        MeasureUnit::PercentagePoints => " điểm %",
        MeasureUnit::Organisations => " đơn vị",
        MeasureUnit::People => " người",
        MeasureUnit::Posts => " biên chế",
        MeasureUnit::Rank => " (thứ hạng)",
        MeasureUnit::Places => " bậc",
        MeasureUnit::Points => " điểm",
    }
}

/// A number with a decimal comma and at most two decimals: `81,61`, `95`.
pub fn number(v: f64) -> String {
    let text = format!("{:.2}", (v * 100.0).round() / 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.replace('.', ",")
}

/// A value with its unit: `81,61 %`; `—` when unknown.
pub fn value(v: Option<f64>, u: MeasureUnit) -> String {
    v.map_or_else(|| "—".to_owned(), |v| format!("{}{}", number(v), unit(u)))
}

/// A threshold: `> 95 %`, `≤ 20 (thứ hạng)`.
pub fn threshold(comparator: Comparator, v: f64, u: MeasureUnit) -> String {
    format!("{} {}{}", comparator.symbol(), number(v), unit(u))
}

/// A tier in Vietnamese.
pub fn tier(scope: Option<Scope>) -> &'static str {
    match scope {
        None => "",
        Some(Scope::Province) => "toàn tỉnh",
        Some(Scope::Provincial) => "cấp tỉnh",
        Some(Scope::District) => "cấp huyện",
        Some(Scope::Commune) => "cấp xã",
        Some(Scope::Department) => "từng sở, ngành",
    }
}

/// Where a value came from.
pub fn origin(o: Option<ValueOrigin>) -> &'static str {
    match o {
        Some(ValueOrigin::Automatic) => "Tự động từ dữ liệu hồ sơ",
        Some(ValueOrigin::Reported) => "Báo cáo đã duyệt",
        None => "",
    }
}

/// The review state of a reported value.
pub fn review_state(s: ValueState) -> &'static str {
    match s {
        ValueState::Submitted => "Chờ duyệt",
        ValueState::Approved => "Đã duyệt",
        ValueState::Returned => "Trả lại",
    }
}

/// The Vietnamese name of an automatic indicator, when it is one.
pub fn auto_name(indicator: &str) -> Option<&'static str> {
    AutoIndicator::parse(indicator).map(|(kind, _)| match kind {
        AutoIndicator::OnTime => "Tỷ lệ hồ sơ giải quyết đúng hạn",
        AutoIndicator::Early => "Tỷ lệ hồ sơ giải quyết trước hạn",
        AutoIndicator::OnlineShare => "Tỷ lệ hồ sơ TTHC toàn trình nộp trực tuyến",
        AutoIndicator::Satisfaction => "Mức độ hài lòng (đánh giá của người nộp hồ sơ)",
    })
}

/// The rule of the target statuses, as the pages explain it.
pub const STATUS_RULE: &str = "Trong kỳ: Đạt khi giá trị hiện tại thỏa ngưỡng; Đúng tiến độ \
    khi còn thiếu không quá 10 % ngưỡng nhân với phần thời gian còn lại của năm; Có nguy cơ \
    không đạt khi thiếu nhiều hơn. Sau kỳ: Đạt hoặc Không đạt. Mục tiêu có nhiều chỉ tiêu lấy \
    trạng thái xấu nhất của các chỉ tiêu đã có số liệu.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_a_decimal_comma() {
        assert_eq!(number(81.613_058), "81,61");
        assert_eq!(number(95.0), "95");
        assert_eq!(number(1.38), "1,38");
        assert_eq!(number(0.5), "0,5");
        assert_eq!(number(-2.0), "-2");
        assert_eq!(value(Some(60.0), MeasureUnit::Percent), "60 %");
        assert_eq!(value(None, MeasureUnit::Percent), "—");
        assert_eq!(
            threshold(Comparator::Gt, 95.0, MeasureUnit::Percent),
            "> 95 %"
        );
        assert_eq!(task_code(TaskStatus::OpenOverdue), "open_overdue");
        assert_eq!(
            auto_name("dossier.on_time_ratio.land"),
            Some("Tỷ lệ hồ sơ giải quyết đúng hạn")
        );
        assert_eq!(auto_name("manual.x"), None);
    }
}
