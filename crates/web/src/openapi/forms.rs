//! Operations of printable dossier forms.

#![expect(
    dead_code,
    reason = "documentation-only functions: utoipa reads their attributes, nothing calls them"
)]

use super::shapes::ErrorEnvelope;
use crate::api::forms::FormJson;
use crate::pages::forms::FormQuery;

/// Biểu mẫu của hồ sơ: trang A4 để in (mặc định) hoặc mô hình JSON với Accept: application/json (cán bộ có phạm vi đơn vị chứa đơn vị của hồ sơ)
///
/// Biểu mẫu theo tên: receipt (Mẫu 01), supplement_request (02), refusal (03), apology_extension (04), stop_notice (thông báo dừng), control_slip (phiếu kiểm soát), register (sổ theo dõi: lập theo lĩnh vực và kỳ tại /so-theo-doi, nên luôn trả 409 cho một hồ sơ). Tên ngắn supplement, apology, stop, control cũng được chấp nhận. Số hiệu mẫu theo thông tư của bộ quy tắc áp dụng cho hồ sơ (TT 01/2018/TT-VPCP hoặc TT 03/2025/TT-VPCP).
#[utoipa::path(
    get, path = "/api/v1/dossiers/{code}/forms/{form}", operation_id = "getDossierForm", tag = "dossiers",
    params(
        ("code" = String, Path, description = "Mã hồ sơ", example = "H31.12004-260302-0001"),
        ("form" = String, Path, description = "Tên biểu mẫu", example = "receipt"),
        FormQuery,
        ("Accept" = Option<String>, Header, description = "application/json: mô hình biểu mẫu; mặc định: text/html"),
    ),
    responses(
        (status = 200, description = "Biểu mẫu", content(
            (FormJson = "application/json"),
            (String = "text/html"),
        )),
        (status = 404, description = "Không có hồ sơ mã này, hoặc không có biểu mẫu tên này (details.forms: các tên)", body = ErrorEnvelope),
        (status = 409, description = "Biểu mẫu không áp dụng cho hồ sơ (code form_not_applicable; message: lý do tiếng Việt; details.form, details.en)", body = ErrorEnvelope),
    )
)]
fn get_dossier_form() {}
