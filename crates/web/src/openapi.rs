//! The OpenAPI 3.1 document of `/api/v1`, built by hand with serde_json. A test checks that
//! every routed `/api/v1` path and method is described here, and nothing else.

mod forms;
mod kpi;
mod plan;

use axum::Json;
use serde_json::{Value, json};

fn error_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
    })
}

fn ok_json(description: &str, schema: Value) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// Responses every authenticated operation may give, plus its own.
fn responses(own: Value) -> Value {
    let mut all = json!({
        "401": error_response("Thiếu hoặc sai thông tin xác thực"),
        "403": error_response("Không đủ quyền (vai trò, đơn vị hoặc phạm vi token)"),
        "500": error_response("Lỗi hệ thống")
    });
    if let (Some(all), Some(own)) = (all.as_object_mut(), own.as_object()) {
        all.extend(own.clone());
    }
    all
}

fn me_paths() -> Value {
    json!({
        "/api/v1/me": { "get": {
            "operationId": "getMe", "summary": "Người dùng hiện tại", "tags": ["accounts"],
            "responses": responses(json!({ "200": ok_json("Người dùng hiện tại", schema_ref("Me")) }))
        }}
    })
}

fn org_paths() -> Value {
    json!({
        "/api/v1/org-units/{code}/tree": { "get": {
            "operationId": "getOrgTree", "summary": "Cây đơn vị tại một ngày (cán bộ, trong phạm vi đơn vị mình)",
            "tags": ["org"],
            "parameters": [
                { "name": "code", "in": "path", "required": true, "schema": { "type": "string" }, "example": "H31" },
                { "name": "at", "in": "query", "required": false,
                  "schema": { "type": "string", "format": "date" }, "description": "Mặc định: hôm nay" }
            ],
            "responses": responses(json!({
                "200": ok_json("Cây đơn vị", schema_ref("TreeNode")),
                "400": error_response("Ngày không hợp lệ"),
                "404": error_response("Không có đơn vị này (vào ngày này)")
            }))
        }},
        "/api/v1/org-units/import": { "post": {
            "operationId": "importOrgUnits", "summary": "Nhập đơn vị từ CSV (toàn bộ hoặc không gì)",
            "tags": ["org"],
            "requestBody": { "required": true, "content": { "text/csv": { "schema": { "type": "string" },
                "example": "code,name,kind,parent_code,valid_from,valid_to,successor_code\n" } } },
            "responses": responses(json!({
                "200": ok_json("Số đơn vị đã nhập", schema_ref("ImportResult")),
                "415": error_response("Không phải text/csv"),
                "422": error_response("Tệp bị từ chối; details liệt kê từng dòng lỗi")
            }))
        }}
    })
}

fn user_paths() -> Value {
    json!({
        "/api/v1/users": {
            "get": {
                "operationId": "listUsers", "summary": "Danh sách tài khoản", "tags": ["accounts"],
                "responses": responses(json!({ "200": ok_json("Tài khoản",
                    json!({ "type": "array", "items": schema_ref("User") })) }))
            },
            "post": {
                "operationId": "createUser", "summary": "Tạo tài khoản", "tags": ["accounts"],
                "requestBody": { "required": true, "content": { "application/json": { "schema": schema_ref("NewUser") } } },
                "responses": responses(json!({
                    "201": ok_json("Tài khoản đã tạo", schema_ref("User")),
                    "400": error_response("JSON không đọc được"),
                    "409": error_response("Tên đăng nhập đã có"),
                    "422": error_response("Dữ liệu không hợp lệ")
                }))
            }
        }
    })
}

fn audit_paths() -> Value {
    json!({
        "/api/v1/audit/verify": { "get": {
            "operationId": "verifyAudit", "summary": "Kiểm tra chuỗi nhật ký", "tags": ["audit"],
            "responses": responses(json!({ "200": ok_json("Trạng thái chuỗi", schema_ref("AuditStatus")) }))
        }}
    })
}

fn code_param() -> Value {
    json!({ "name": "code", "in": "path", "required": true, "schema": { "type": "string" },
        "example": "H31.12004-260302-0001" })
}

fn query_param(name: &str, schema: Value, description: &str) -> Value {
    json!({ "name": name, "in": "query", "required": false, "schema": schema,
        "description": description })
}

fn dossier_paths() -> Value {
    let int = json!({ "type": "integer", "minimum": 1 });
    json!({
        "/api/v1/dossiers": {
            "get": {
                "operationId": "listDossiers", "tags": ["dossiers"],
                "summary": "Hồ sơ do đơn vị (và đơn vị cấp dưới) đang giữ, theo hạn xử lý (cán bộ); hồ sơ do chính mình nộp trực tuyến (người dân, không dùng unit)",
                "parameters": [
                    query_param("unit", json!({ "type": "string" }), "Mặc định: đơn vị của người dùng"),
                    query_param("status", json!({ "type": "string" }), "Số 1–10 hoặc mã tiếng Anh, phân cách bởi dấu phẩy"),
                    query_param("overdue", json!({ "type": "boolean" }), "Chỉ hồ sơ đang xử lý đã quá hạn"),
                    query_param("due_within", int.clone(), "Đến hạn trong N ngày làm việc"),
                    query_param("page", int.clone(), "Trang (từ 1)"),
                    query_param("size", int.clone(), "Số dòng mỗi trang")
                ],
                "responses": responses(json!({
                    "200": ok_json("Danh sách hồ sơ", schema_ref("DossierList")),
                    "400": error_response("Tham số không hợp lệ"),
                    "403": error_response("Đơn vị ngoài phạm vi; người dân dùng tham số unit"),
                    "404": error_response("Không có đơn vị này")
                }))
            },
            "post": {
                "operationId": "createDossier", "tags": ["dossiers"],
                "summary": "Tiếp nhận (trực tiếp, bưu chính) hoặc nộp trực tuyến một hồ sơ (cán bộ tiếp nhận); người dân nộp trực tuyến (channel online, receiving_unit)",
                "requestBody": { "required": true, "content": { "application/json": {
                    "schema": schema_ref("NewDossier") } } },
                "responses": responses(json!({
                    "201": ok_json("Hồ sơ đã tiếp nhận", schema_ref("Dossier")),
                    "403": error_response("Vai trò không được tiếp nhận hoặc nộp theo kênh này"),
                    "409": error_response("Hành động bị từ chối (message: tiếng Việt, details.en: tiếng Anh)"),
                    "422": error_response("Dữ liệu không hợp lệ")
                }))
            }
        },
    })
}

fn dossier_item_paths() -> Value {
    let int = json!({ "type": "integer", "minimum": 1 });
    json!({
        "/api/v1/dossiers/{code}": { "get": {
            "operationId": "getDossier", "tags": ["dossiers"],
            "summary": "Một hồ sơ (cán bộ có phạm vi đơn vị chứa đơn vị của hồ sơ; người dân đã nộp hồ sơ)",
            "parameters": [code_param()],
            "responses": responses(json!({
                "200": ok_json("Hồ sơ", schema_ref("Dossier")),
                "403": error_response("Ngoài phạm vi đơn vị, hoặc không phải hồ sơ của mình (not_own_dossier)"),
                "404": error_response("Không có hồ sơ mã này")
            }))
        }},
        "/api/v1/dossiers/{code}/actions": { "post": {
            "operationId": "actOnDossier", "tags": ["dossiers"],
            "summary": "Thực hiện một hành động {\"action\":\"…\", …} trên hồ sơ (vai trò thực hiện hành động đó, tại đơn vị tiếp nhận hoặc đơn vị đang giữ hồ sơ; người dân rút hồ sơ của mình)",
            "parameters": [code_param()],
            "requestBody": { "required": true, "content": { "application/json": {
                "schema": { "type": "object", "required": ["action"],
                    "properties": { "action": { "type": "string", "example": "forward" } } } } } },
            "responses": responses(json!({
                "200": ok_json("Hồ sơ sau hành động", schema_ref("Dossier")),
                "403": error_response("Vai trò hoặc đơn vị không thực hiện hành động này (action_not_for_role)"),
                "404": error_response("Không có hồ sơ mã này"),
                "409": error_response("Hành động không được phép ở trạng thái hiện tại (message: tiếng Việt, details.en: tiếng Anh)"),
                "422": error_response("Dữ liệu không hợp lệ")
            }))
        }},
        "/api/v1/procedures": { "get": {
            "operationId": "searchProcedures", "tags": ["procedures"], "security": [],
            "summary": "Tìm thủ tục hành chính (bỏ dấu, đ → d), phân trang; không cần đăng nhập",
            "parameters": [
                query_param("q", json!({ "type": "string" }), "Mã, tên hoặc lĩnh vực"),
                query_param("page", int.clone(), "Trang (từ 1)"),
                query_param("size", int, "Số dòng mỗi trang")
            ],
            "responses": {
                "200": ok_json("Trang thủ tục", json!({ "type": "object",
                    "properties": { "items": { "type": "array", "items": { "type": "object" } },
                        "total": { "type": "integer" }, "page": { "type": "integer" },
                        "size": { "type": "integer" } } })),
                "500": error_response("Lỗi hệ thống")
            }
        }}
    })
}

fn dossier_schemas() -> Value {
    let time = json!({ "type": ["string", "null"], "format": "date-time",
        "description": "ISO 8601, giờ Việt Nam (+07:00)" });
    let text = json!({ "type": "string" });
    let applicant = json!({ "type": "object", "required": ["name"], "properties": {
        "name": text, "id_number": { "type": ["string", "null"] },
        "phone": { "type": ["string", "null"] }, "address": { "type": ["string", "null"] } } });
    json!({
        "Dossier": { "type": "object",
            "required": ["code", "status", "status_code", "received_at", "due_at", "finished_at", "returned_at"],
            "properties": {
                "code": text, "procedure_code": text, "procedure_version": { "type": "integer" },
                "channel": { "type": "integer", "description": "1 trực tiếp, 2 trực tuyến, 3 bưu chính" },
                "status": { "type": "integer", "minimum": 1, "maximum": 10 },
                "status_code": { "type": "string", "description": "Mã tiếng Anh của Cổng DVCQG" },
                "status_label": text, "receiving_unit": text, "competent_unit": text, "holder_unit": text,
                "applicant": applicant, "submitted_at": time, "received_at": time, "due_at": time,
                "due_kpi_at": time, "finished_at": time, "returned_at": time,
                "supplement_count": { "type": "integer" } } },
        "DossierList": { "type": "object", "required": ["items", "total", "page", "size", "by_status"],
            "properties": { "items": { "type": "array", "items": schema_ref("Dossier") },
                "total": { "type": "integer" }, "page": { "type": "integer" }, "size": { "type": "integer" },
                "by_status": { "type": "array", "items": { "type": "object", "properties": {
                    "status": { "type": "integer" }, "status_code": text, "count": { "type": "integer" } } } } } },
        "NewDossier": { "type": "object", "required": ["procedure_code", "channel", "applicant"],
            "properties": { "procedure_code": text,
                "channel": { "type": "string", "enum": ["direct", "online", "postal"] },
                "applicant": applicant, "components": { "type": "array", "items": text },
                "vneid_verified": { "type": "boolean" }, "competent_unit": { "type": ["string", "null"] },
                "receiving_unit": { "type": ["string", "null"],
                    "description": "Người dân nộp trực tuyến: mã đơn vị tiếp nhận" } } }
    })
}

fn public_paths() -> Value {
    json!({
        "/api/v1/public/dossiers/{code}": { "get": {
            "operationId": "getPublicDossier", "security": [],
            "summary": "Tra cứu hồ sơ công khai (không cần đăng nhập; giới hạn số lượt theo địa chỉ)",
            "tags": ["dossiers"],
            "parameters": [
                { "name": "code", "in": "path", "required": true, "schema": { "type": "string" },
                  "example": "H31.12004-260302-0001" }
            ],
            "responses": {
                "200": ok_json("Hồ sơ (tên người nộp đã che)", schema_ref("PublicDossier")),
                "404": error_response("Không có hồ sơ mã này"),
                "429": error_response("Quá nhiều lượt tra cứu"),
                "500": error_response("Lỗi hệ thống")
            }
        }}
    })
}

/// Every documented path. New API resources add their own function here.
fn paths() -> Value {
    let mut all = serde_json::Map::new();
    for group in [
        me_paths(),
        org_paths(),
        user_paths(),
        audit_paths(),
        public_paths(),
        dossier_paths(),
        dossier_item_paths(),
        forms::paths(),
        kpi::paths(),
        plan::paths(),
    ] {
        if let Value::Object(map) = group {
            all.extend(map);
        }
    }
    Value::Object(all)
}

fn public_dossier_schema() -> Value {
    let time = json!({ "type": ["string", "null"], "format": "date-time",
        "description": "ISO 8601, giờ Việt Nam (+07:00)" });
    json!({ "type": "object",
        "required": ["code", "procedure", "status", "status_code", "status_label", "applicant",
            "received_at", "due_at", "finished_at", "returned_at", "timeline"],
        "properties": {
            "code": { "type": "string" },
            "procedure": { "type": "object", "properties": { "code": { "type": "string" },
                "name": { "type": ["string", "null"] } } },
            "status": { "type": "integer", "minimum": 1, "maximum": 10 },
            "status_code": { "type": "string", "description": "Mã tiếng Anh của Cổng DVCQG" },
            "status_label": { "type": "string" },
            "applicant": { "type": "string", "description": "Tên đã che, ví dụ Nguyễn V** A**" },
            "received_at": time, "due_at": time, "finished_at": time, "returned_at": time,
            "timeline": { "type": "array", "items": { "type": "object",
                "required": ["kind", "label", "unit", "unit_name", "at"],
                "properties": { "kind": { "type": "string" }, "label": { "type": "string" },
                    "unit": { "type": "string" },
                    "unit_name": { "type": "string", "description": "Tên đơn vị tại ngày của bước" },
                    "at": { "type": "string", "format": "date-time" } } } }
        } })
}

fn schemas() -> Value {
    let mut all = base_schemas();
    let sections = [
        dossier_schemas(),
        forms::schemas(),
        kpi::schemas(),
        plan::schemas(),
    ];
    for section in sections {
        if let (Some(all), Value::Object(more)) = (all.as_object_mut(), section) {
            all.extend(more);
        }
    }
    all
}

fn base_schemas() -> Value {
    let role = json!({ "type": "string", "enum": cchc_domain::Role::ALL.map(|r| r.as_str()) });
    let kind = json!({ "type": "string", "enum": cchc_domain::OrgKind::ALL.map(|k| k.as_str()) });
    json!({
        "Error": { "type": "object", "required": ["error"], "properties": { "error": {
            "type": "object", "required": ["code", "message", "details"],
            "properties": { "code": { "type": "string" }, "message": { "type": "string" }, "details": {} } } } },
        "Me": { "type": "object", "required": ["username", "display_name", "role", "role_label", "unit", "auth"],
            "properties": {
                "username": { "type": "string" }, "display_name": { "type": "string" }, "role": role,
                "role_label": { "type": "string" },
                "unit": { "type": ["object", "null"], "properties": { "code": { "type": "string" },
                    "name": { "type": ["string", "null"] } } },
                "auth": { "type": "object", "properties": {
                    "method": { "type": "string", "enum": ["session", "token"] },
                    "scope": { "type": ["string", "null"], "enum": ["read", "write", null] } } } } },
        "TreeNode": { "type": "object", "required": ["code", "name", "kind", "valid_from", "valid_to", "children"],
            "properties": {
                "code": { "type": "string" }, "name": { "type": "string" }, "kind": kind,
                "valid_from": { "type": "string", "format": "date" },
                "valid_to": { "type": ["string", "null"], "format": "date" },
                "children": { "type": "array", "items": schema_ref("TreeNode") } } },
        "ImportResult": { "type": "object", "required": ["imported"],
            "properties": { "imported": { "type": "integer" } } },
        "User": { "type": "object", "required": ["id", "username", "display_name", "role", "unit_code"],
            "properties": { "id": { "type": "integer" }, "username": { "type": "string" },
                "display_name": { "type": "string" }, "role": role,
                "unit_code": { "type": ["string", "null"] } } },
        "NewUser": { "type": "object", "required": ["username", "display_name", "role", "password"],
            "properties": { "username": { "type": "string", "pattern": "^[a-z0-9._-]{3,32}$" },
                "display_name": { "type": "string" }, "role": role,
                "unit_code": { "type": ["string", "null"] },
                "password": { "type": "string", "minLength": cchc_domain::auth::MIN_PASSWORD_LEN } } },
        "PublicDossier": public_dossier_schema(),
        "AuditStatus": { "type": "object", "required": ["status"], "properties": {
            "status": { "type": "string", "enum": ["intact", "broken"] },
            "entries": { "type": "integer" }, "seq": { "type": "integer" }, "reason": { "type": "string" } } }
    })
}

/// The document.
pub fn document() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "cchc API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "API của hệ thống cải cách hành chính tỉnh Hưng Yên. Lỗi luôn có dạng {\"error\":{\"code\",\"message\",\"details\"}}."
        },
        "servers": [{ "url": "/" }],
        "security": [{ "bearerAuth": [] }, { "sessionCookie": [] }],
        "paths": paths(),
        "components": {
            "schemas": schemas(),
            "securitySchemes": {
                "bearerAuth": { "type": "http", "scheme": "bearer",
                    "description": "Token API (scope read hoặc write); token read bị từ chối (403) với yêu cầu ghi" },
                "sessionCookie": { "type": "apiKey", "in": "cookie", "name": "cchc_session",
                    "description": "Phiên đăng nhập; yêu cầu ghi cần thêm header x-csrf-token" }
            }
        }
    })
}

/// GET `/api/openapi.json`.
pub async fn handler() -> Json<Value> {
    Json(document())
}
