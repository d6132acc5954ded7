//! Operations of dossier statistics, the QĐ 766 index, its drill-down and the live aggregate.

#![expect(
    dead_code,
    reason = "documentation-only functions: utoipa reads their attributes, nothing calls them"
)]

use super::shapes::{ErrorEnvelope, Rebuilds};
use crate::api::kpi::{KpiParams, LossesJson};
use cchc_app::kpi::tail::LiveStatus;
use cchc_domain::kpi::{Report, Stats};

/// Thống kê hồ sơ của đơn vị và cấp dưới trong kỳ (cán bộ, trong phạm vi đơn vị mình); như cchc kpi stats
#[utoipa::path(
    get, path = "/api/v1/kpi/stats", operation_id = "getKpiStats", tag = "kpi",
    params(KpiParams),
    responses(
        (status = 200, description = "Thống kê", body = Stats),
        (status = 400, description = "Tham số không hợp lệ (đơn vị, kỳ, thời điểm tính)", body = ErrorEnvelope),
        (status = 404, description = "Không có đơn vị này vào ngày cuối kỳ", body = ErrorEnvelope),
        (status = 503, description = "Số liệu đang được tổng hợp lần đầu (details: done, total)", body = ErrorEnvelope),
    )
)]
fn get_kpi_stats() {}

/// Chỉ số phục vụ người dân, doanh nghiệp theo QĐ 766/QĐ-TTg (cán bộ); như cchc kpi 766
#[utoipa::path(
    get, path = "/api/v1/kpi/766", operation_id = "getKpi766", tag = "kpi",
    params(KpiParams),
    responses(
        (status = 200, description = "Điểm theo nhóm và chỉ tiêu", body = Report),
        (status = 400, description = "Tham số không hợp lệ (đơn vị, kỳ, thời điểm tính)", body = ErrorEnvelope),
        (status = 404, description = "Không có đơn vị này vào ngày cuối kỳ", body = ErrorEnvelope),
        (status = 503, description = "Số liệu đang được tổng hợp lần đầu (details: done, total)", body = ErrorEnvelope),
    )
)]
fn get_kpi_766() {}

/// Hồ sơ làm mất điểm một chỉ tiêu (quá hạn, chưa có kết quả điện tử, chưa số hóa…), mới tiếp nhận trước
#[utoipa::path(
    get, path = "/api/v1/kpi/766/{metric}/dossiers", operation_id = "getKpiLosses", tag = "kpi",
    params(
        ("metric" = String, Path, description = "Mã chỉ tiêu (mã quốc gia, hoặc số thứ tự như 2.1)", example = "2.1"),
        KpiParams,
    ),
    responses(
        (status = 200, description = "Một trang hồ sơ", body = LossesJson),
        (status = 400, description = "Tham số không hợp lệ", body = ErrorEnvelope),
        (status = 404, description = "Không có chỉ tiêu hoặc đơn vị này, hoặc chỉ tiêu không tính theo hồ sơ", body = ErrorEnvelope),
    )
)]
fn get_kpi_losses() {}

/// Trạng thái bộ tổng hợp số liệu trực tiếp của máy chủ này (cán bộ)
#[utoipa::path(
    get, path = "/api/v1/kpi/status", operation_id = "getKpiStatus", tag = "kpi",
    responses((status = 200, description = "Trạng thái", body = LiveStatus))
)]
fn get_kpi_status() {}

/// Yêu cầu mọi máy chủ tổng hợp lại số liệu từ hồ sơ (quản trị hệ thống)
#[utoipa::path(
    post, path = "/api/v1/kpi/rebuild", operation_id = "rebuildKpi", tag = "kpi",
    responses((status = 202, description = "Đã ghi nhận yêu cầu", body = Rebuilds))
)]
fn rebuild_kpi() {}
