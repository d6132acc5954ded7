//! OpenAPI paths and schemas of dossier statistics, the QĐ 766 index and their drill-down.

use serde_json::{Value, json};

use super::{error_response, ok_json, query_param, responses, schema_ref};

/// `unit`, `period`, `as_of`.
fn selection() -> Vec<Value> {
    vec![
        query_param(
            "unit",
            json!({ "type": "string", "example": "H31" }),
            "Đơn vị (cả cây đơn vị cấp dưới tại ngày cuối kỳ); mặc định: đơn vị của người dùng",
        ),
        query_param(
            "period",
            json!({ "type": "string", "example": "2026-Q3" }),
            "Năm (2026), quý (2026-Q3), tháng (2026-09) hoặc khoảng ngày (2026-01-01..2026-03-14); mặc định: năm nay",
        ),
        query_param(
            "as_of",
            json!({ "type": "string", "example": "2026-09-30T17:00:00+07:00" }),
            "Thời điểm tính (ISO 8601; không có múi giờ là giờ Việt Nam; chỉ ngày là cuối ngày); mặc định: bây giờ, tối đa cuối kỳ",
        ),
    ]
}

/// The responses of a figures request.
fn figures(description: &str, schema: &str) -> Value {
    responses(json!({
        "200": ok_json(description, schema_ref(schema)),
        "400": error_response("Tham số không hợp lệ (đơn vị, kỳ, thời điểm tính)"),
        "404": error_response("Không có đơn vị này vào ngày cuối kỳ"),
        "503": error_response("Số liệu đang được tổng hợp lần đầu (details: done, total)")
    }))
}

/// The documented paths of this section.
pub(super) fn paths() -> Value {
    let int = json!({ "type": "integer", "minimum": 1 });
    let mut drill = selection();
    drill.insert(
        0,
        json!({ "name": "metric", "in": "path", "required": true, "schema": { "type": "string" },
                "example": "2.1", "description": "Mã chỉ tiêu (mã quốc gia, hoặc số thứ tự như 2.1)" }),
    );
    drill.push(query_param("page", int.clone(), "Trang (từ 1)"));
    drill.push(query_param(
        "size",
        int,
        "Số dòng mỗi trang (1–200, mặc định 50)",
    ));
    json!({
        "/api/v1/kpi/stats": { "get": {
            "operationId": "getKpiStats", "tags": ["kpi"],
            "summary": "Thống kê hồ sơ của đơn vị và cấp dưới trong kỳ (cán bộ, trong phạm vi đơn vị mình); như cchc kpi stats",
            "parameters": selection(),
            "responses": figures("Thống kê", "KpiStats")
        }},
        "/api/v1/kpi/766": { "get": {
            "operationId": "getKpi766", "tags": ["kpi"],
            "summary": "Chỉ số phục vụ người dân, doanh nghiệp theo QĐ 766/QĐ-TTg (cán bộ); như cchc kpi 766",
            "parameters": selection(),
            "responses": figures("Điểm theo nhóm và chỉ tiêu", "Kpi766")
        }},
        "/api/v1/kpi/766/{metric}/dossiers": { "get": {
            "operationId": "getKpiLosses", "tags": ["kpi"],
            "summary": "Hồ sơ làm mất điểm một chỉ tiêu (quá hạn, chưa có kết quả điện tử, chưa số hóa…), mới tiếp nhận trước",
            "parameters": drill,
            "responses": responses(json!({
                "200": ok_json("Một trang hồ sơ", schema_ref("KpiLosses")),
                "400": error_response("Tham số không hợp lệ"),
                "404": error_response("Không có chỉ tiêu hoặc đơn vị này, hoặc chỉ tiêu không tính theo hồ sơ")
            }))
        }},
        "/api/v1/kpi/status": { "get": {
            "operationId": "getKpiStatus", "tags": ["kpi"],
            "summary": "Trạng thái bộ tổng hợp số liệu trực tiếp của máy chủ này (cán bộ)",
            "responses": responses(json!({ "200": ok_json("Trạng thái", schema_ref("KpiStatus")) }))
        }},
        "/api/v1/kpi/rebuild": { "post": {
            "operationId": "rebuildKpi", "tags": ["kpi"],
            "summary": "Yêu cầu mọi máy chủ tổng hợp lại số liệu từ hồ sơ (quản trị hệ thống)",
            "responses": responses(json!({ "202": ok_json("Đã ghi nhận yêu cầu",
                json!({ "type": "object", "required": ["rebuilds"],
                    "properties": { "rebuilds": { "type": "integer" } } })) }))
        }}
    })
}

fn period() -> Value {
    json!({ "type": "object", "required": ["start", "end"], "properties": {
        "start": { "type": "string", "format": "date" }, "end": { "type": "string", "format": "date" } } })
}

fn counts(names: &[&str]) -> Value {
    let props: serde_json::Map<String, Value> = names
        .iter()
        .map(|n| ((*n).to_owned(), json!({ "type": "integer" })))
        .collect();
    json!({ "type": "object", "required": names, "properties": props })
}

/// The schemas of this section.
pub(super) fn schemas() -> Value {
    let number = json!({ "type": ["number", "null"] });
    let text = json!({ "type": "string" });
    let time = json!({ "type": ["string", "null"], "format": "date-time" });
    json!({
        "KpiStats": { "type": "object",
            "required": ["unit", "period", "population", "carried_over", "received", "finished", "unfinished", "on_time_ratio"],
            "properties": { "unit": text, "period": period(),
                "population": { "type": "integer" }, "carried_over": { "type": "integer" },
                "received": counts(&["direct", "online", "postal"]),
                "finished": counts(&["early", "on_time", "late"]),
                "unfinished": counts(&["within", "overdue"]),
                "on_time_ratio": number } },
        "Kpi766": { "type": "object",
            "required": ["unit", "period", "total_score", "max_score", "groups", "metrics"],
            "properties": { "unit": text, "period": period(),
                "total_score": { "type": "number" }, "max_score": { "type": "number" },
                "groups": { "type": "array", "items": { "type": "object",
                    "required": ["code", "name", "score", "max_score"], "properties": {
                    "code": text, "name": text, "score": number, "max_score": { "type": "number" } } } },
                "metrics": { "type": "array", "items": { "type": "object",
                    "required": ["code", "name", "numerator", "denominator", "ratio", "score", "max_score", "computable"],
                    "properties": { "code": text, "name": text, "numerator": number, "denominator": number,
                        "ratio": number, "score": number, "max_score": { "type": "number" },
                        "computable": { "type": "boolean" } } } } } },
        "KpiLosses": { "type": "object",
            "required": ["metric", "unit", "period", "at", "total", "page", "size", "items"],
            "properties": {
                "metric": { "type": "object", "properties": { "code": text, "name": text } },
                "unit": text, "period": period(), "at": { "type": "string", "format": "date-time" },
                "total": { "type": "integer" }, "page": { "type": "integer" }, "size": { "type": "integer" },
                "items": { "type": "array", "items": { "type": "object",
                    "required": ["code", "procedure", "unit", "reason_code", "reason", "href"],
                    "properties": { "code": text, "procedure": text, "unit": text,
                        "received_at": time, "due_at": time, "finished_at": time,
                        "reason_code": { "type": "string", "enum": ["late", "overdue",
                            "late_supplement_request", "no_result", "no_electronic_result", "not_digitised", "no_reused_data",
                            "no_personal_store_data", "no_citizen_data", "not_paid_online",
                            "not_online", "dissatisfied"] },
                        "reason": text, "href": text } } } } },
        "KpiStatus": { "type": "object", "required": ["phase", "done", "total", "seq", "entries", "rebuilds"],
            "properties": {
                "phase": { "type": "string", "enum": ["building", "ready", "rebuilding"] },
                "done": { "type": "integer" }, "total": { "type": "integer" },
                "seq": { "type": "integer", "description": "Lần ghi cuối của nhật ký thay đổi đã áp dụng" },
                "entries": { "type": "integer" },
                "rebuilds": { "type": "integer", "description": "Số yêu cầu tổng hợp lại đã thực hiện" } } }
    })
}
