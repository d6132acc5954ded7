//! OpenAPI paths and schemas of printable dossier forms.

use super::{error_response, responses, schema_ref};
use serde_json::{Value, json};

/// The documented paths of this section.
pub(super) fn paths() -> Value {
    json!({
        "/api/v1/dossiers/{code}/forms/{form}": { "get": {
            "operationId": "getDossierForm", "tags": ["dossiers"],
            "summary": "Biểu mẫu của hồ sơ: trang A4 để in (mặc định) hoặc mô hình JSON với Accept: application/json (cán bộ có phạm vi đơn vị chứa đơn vị của hồ sơ)",
            "description": "Biểu mẫu theo tên: receipt (Mẫu 01), supplement_request (02), refusal (03), apology_extension (04), stop_notice (thông báo dừng), control_slip (phiếu kiểm soát), register (sổ theo dõi: lập theo lĩnh vực và kỳ tại /so-theo-doi, nên luôn trả 409 cho một hồ sơ). Tên ngắn supplement, apology, stop, control cũng được chấp nhận. Số hiệu mẫu theo thông tư của bộ quy tắc áp dụng cho hồ sơ (TT 01/2018/TT-VPCP hoặc TT 03/2025/TT-VPCP).",
            "parameters": [
                { "name": "code", "in": "path", "required": true, "schema": { "type": "string" },
                  "example": "H31.12004-260302-0001" },
                { "name": "form", "in": "path", "required": true,
                  "schema": { "type": "string", "enum": ["receipt", "supplement_request", "refusal",
                    "apology_extension", "stop_notice", "control_slip", "register", "supplement",
                    "apology", "stop", "control", "control_sheet"] } },
                { "name": "n", "in": "query", "required": false,
                  "schema": { "type": "integer", "minimum": 1 },
                  "description": "Lần yêu cầu bổ sung được in (Mẫu 02); mặc định: lần cuối" },
                { "name": "Accept", "in": "header", "required": false, "schema": { "type": "string" },
                  "description": "application/json: mô hình biểu mẫu; mặc định: text/html" }
            ],
            "responses": responses(json!({
                "200": {
                    "description": "Biểu mẫu",
                    "content": {
                        "text/html": { "schema": { "type": "string" } },
                        "application/json": { "schema": schema_ref("DossierForm") }
                    }
                },
                "404": error_response("Không có hồ sơ mã này, hoặc không có biểu mẫu tên này (details.forms: các tên)"),
                "409": error_response("Biểu mẫu không áp dụng cho hồ sơ (code form_not_applicable; message: lý do tiếng Việt; details.form, details.en)")
            }))
        }}
    })
}

fn header_schema() -> Value {
    json!({
        "type": "object",
        "required": ["form", "title", "circular", "rule_set", "code", "unit_code", "unit_name", "issued_at"],
        "properties": {
            "form": { "type": "string", "example": "receipt" },
            "title": { "type": "string", "example": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" },
            "number": { "type": ["object", "null"], "properties": {
                "circular": { "type": "string" }, "number": { "type": "integer" } } },
            "number_label": { "type": ["string", "null"], "example": "Mẫu số 01" },
            "circular": { "type": "string", "example": "TT 03/2025/TT-VPCP" },
            "rule_set": { "type": "string", "enum": ["ND61_2018", "ND118_2025", "ND118_2025_TT04"] },
            "code": { "type": "string" },
            "unit_code": { "type": "string" },
            "unit_name": { "type": "string" },
            "issued_at": { "type": "string", "format": "date-time", "example": "2026-03-02T09:00:00+07:00" }
        }
    })
}

/// The schemas of this section.
pub(super) fn schemas() -> Value {
    json!({
        "DossierForm": {
            "type": "object",
            "required": ["header", "applicant", "procedure", "body"],
            "properties": {
                "header": header_schema(),
                "applicant": { "type": "object", "properties": {
                    "name": { "type": "string" }, "id_number": { "type": ["string", "null"] },
                    "phone": { "type": ["string", "null"] }, "address": { "type": ["string", "null"] } } },
                "procedure": { "type": "object", "properties": {
                    "code": { "type": "string" }, "name": { "type": "string" },
                    "sector": { "type": "string" }, "legal_time": { "type": "string" } } },
                "body": {
                    "type": "object",
                    "description": "Một khoá theo biểu mẫu: receipt, supplement_request, refusal, apology_extension, stop_notice hoặc control_slip (xem docs/API.md)",
                    "minProperties": 1, "maxProperties": 1
                },
                "lookup_url": { "type": ["string", "null"],
                    "description": "Địa chỉ tra cứu công khai mà mã QR của Mẫu 01 trỏ tới" }
            }
        }
    })
}
