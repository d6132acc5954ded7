//! Operations of accounts, organisation units and the audit chain.

#![expect(
    dead_code,
    reason = "documentation-only functions: utoipa reads their attributes, nothing calls them"
)]

use super::shapes::{AuditStatus, ErrorEnvelope, ImportResult, Me};
use crate::accounts::NewAccount;
use crate::api::org::TreeQuery;
use cchc_domain::org_tree::TreeNode;
use cchc_store::accounts::User;

/// Người dùng hiện tại
#[utoipa::path(
    get, path = "/api/v1/me", operation_id = "getMe", tag = "accounts",
    responses((status = 200, description = "Người dùng hiện tại", body = Me))
)]
fn get_me() {}

/// Cây đơn vị tại một ngày (cán bộ, trong phạm vi đơn vị mình)
#[utoipa::path(
    get, path = "/api/v1/org-units/{code}/tree", operation_id = "getOrgTree", tag = "org",
    params(("code" = String, Path, description = "Mã đơn vị", example = "H31"), TreeQuery),
    responses(
        (status = 200, description = "Cây đơn vị", body = TreeNode),
        (status = 400, description = "Ngày không hợp lệ", body = ErrorEnvelope),
        (status = 404, description = "Không có đơn vị này (vào ngày này)", body = ErrorEnvelope),
    )
)]
fn get_org_tree() {}

/// Nhập đơn vị từ CSV (toàn bộ hoặc không gì)
#[utoipa::path(
    post, path = "/api/v1/org-units/import", operation_id = "importOrgUnits", tag = "org",
    request_body(
        content = String, content_type = "text/csv",
        example = json!("code,name,kind,parent_code,valid_from,valid_to,successor_code\n")
    ),
    responses(
        (status = 200, description = "Số đơn vị đã nhập", body = ImportResult),
        (status = 400, description = "Tệp không mã hoá UTF-8", body = ErrorEnvelope),
        (status = 413, description = "Tệp lớn hơn 16 MiB", body = ErrorEnvelope),
        (status = 415, description = "Không phải text/csv", body = ErrorEnvelope),
        (status = 422, description = "Tệp bị từ chối; details liệt kê từng dòng lỗi ({line, message})", body = ErrorEnvelope),
    )
)]
fn import_org_units() {}

/// Danh sách tài khoản
#[utoipa::path(
    get, path = "/api/v1/users", operation_id = "listUsers", tag = "accounts",
    responses((status = 200, description = "Tài khoản", body = Vec<User>))
)]
fn list_users() {}

/// Tạo tài khoản
#[utoipa::path(
    post, path = "/api/v1/users", operation_id = "createUser", tag = "accounts",
    request_body = NewAccount,
    responses(
        (status = 201, description = "Tài khoản đã tạo", body = User),
        (status = 409, description = "Tên đăng nhập đã có", body = ErrorEnvelope),
        (status = 422, description = "Dữ liệu không hợp lệ", body = ErrorEnvelope),
    )
)]
fn create_user() {}

/// Kiểm tra chuỗi nhật ký
#[utoipa::path(
    get, path = "/api/v1/audit/verify", operation_id = "verifyAudit", tag = "audit",
    responses((status = 200, description = "Trạng thái chuỗi", body = AuditStatus))
)]
fn verify_audit() {}
