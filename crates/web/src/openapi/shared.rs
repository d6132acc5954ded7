//! What every operation shares: the two security schemes, and the error answers an operation
//! gives because of what it is rather than what it does: 401/403 when it needs credentials,
//! 400/413/415/422 when it reads a body, 400 when it reads query parameters, 500 always. An
//! operation's own description of a status wins.

use utoipa::Modify;
use utoipa::openapi::path::{Operation, ParameterIn, PathItem};
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, ResponseBuilder};

/// A session cookie from the login page, or a bearer API token.
pub struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, doc: &mut OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        let bearer = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "Token API (scope read hoặc write); token read bị từ chối (403) với yêu cầu ghi",
            ))
            .build();
        components.add_security_scheme("bearerAuth", SecurityScheme::Http(bearer));
        let cookie = ApiKeyValue::with_description(
            crate::auth::cookies::SESSION,
            "Phiên đăng nhập; yêu cầu ghi cần thêm header x-csrf-token",
        );
        components.add_security_scheme(
            "sessionCookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(cookie)),
        );
    }
}

/// Adds the shared error answers to every operation.
pub struct SharedErrors;

impl Modify for SharedErrors {
    fn modify(&self, doc: &mut OpenApi) {
        for item in doc.paths.paths.values_mut() {
            for operation in operations(item) {
                add_shared_errors(operation);
            }
        }
    }
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.patch,
    ]
    .into_iter()
    .filter_map(Option::as_mut)
}

/// Whether the operation needs no credentials (`security: [{}]`).
fn is_public(operation: &Operation) -> bool {
    operation
        .security
        .as_ref()
        .is_some_and(|s| s.iter().all(|r| *r == SecurityRequirement::default()))
}

fn add_shared_errors(operation: &mut Operation) {
    if !is_public(operation) {
        add(operation, 401, "Thiếu hoặc sai thông tin xác thực");
        add(
            operation,
            403,
            "Không đủ quyền (vai trò, đơn vị, phạm vi token hoặc mã CSRF)",
        );
    }
    if operation.request_body.is_some() {
        add(operation, 400, "Nội dung gửi lên không đọc được");
        add(operation, 413, "Nội dung gửi lên quá lớn");
        add(operation, 415, "Sai kiểu nội dung (Content-Type)");
        add(
            operation,
            422,
            "Nội dung không đúng cấu trúc hoặc không hợp lệ",
        );
    }
    let reads_query = operation.parameters.iter().flatten().any(|p| match p {
        RefOr::T(p) => p.parameter_in == ParameterIn::Query,
        RefOr::Ref(_) => false,
    });
    if reads_query {
        add(operation, 400, "Tham số không hợp lệ");
    }
    add(operation, 500, "Lỗi hệ thống");
}

/// Adds `status` with the error envelope unless the operation describes it already.
fn add(operation: &mut Operation, status: u16, description: &str) {
    let envelope = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name("Error")))
        .build();
    let response = ResponseBuilder::new()
        .description(description)
        .content("application/json", envelope)
        .build();
    operation
        .responses
        .responses
        .entry(status.to_string())
        .or_insert(RefOr::T(response));
}
