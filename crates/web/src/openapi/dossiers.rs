//! Operations of the procedure catalogue and of dossiers: list, read, receive or submit, act,
//! and the public lookup.

#![expect(
    dead_code,
    reason = "documentation-only functions: utoipa reads their attributes, nothing calls them"
)]

use super::shapes::ErrorEnvelope;
use crate::api::dossier_write::NewDossierJson;
use crate::api::dossiers::{DossierJson, ListJson, ListQuery, ProcedureQuery};
use cchc_app::dossiers::lookup::PublicDossier;
use cchc_domain::dossier::Action;
use cchc_store::paging::Paged;
use cchc_store::procedures::ProcedureRecord;

/// Tìm thủ tục hành chính (bỏ dấu, đ → d), phân trang; không cần đăng nhập
#[utoipa::path(
    get, path = "/api/v1/procedures", operation_id = "searchProcedures", tag = "procedures",
    security(()),
    params(ProcedureQuery),
    responses((status = 200, description = "Trang thủ tục", body = Paged<ProcedureRecord>))
)]
fn search_procedures() {}

/// Hồ sơ do đơn vị (và đơn vị cấp dưới) đang giữ, theo hạn xử lý (cán bộ); hồ sơ do chính mình nộp trực tuyến (người dân, không dùng unit)
#[utoipa::path(
    get, path = "/api/v1/dossiers", operation_id = "listDossiers", tag = "dossiers",
    params(ListQuery),
    responses(
        (status = 200, description = "Danh sách hồ sơ", body = ListJson),
        (status = 400, description = "Tham số không hợp lệ", body = ErrorEnvelope),
        (status = 403, description = "Đơn vị ngoài phạm vi; người dân dùng tham số unit", body = ErrorEnvelope),
        (status = 404, description = "Không có đơn vị này", body = ErrorEnvelope),
    )
)]
fn list_dossiers() {}

/// Tiếp nhận (trực tiếp, bưu chính) hoặc nộp trực tuyến một hồ sơ (cán bộ tiếp nhận); người dân nộp trực tuyến (channel online, receiving_unit)
#[utoipa::path(
    post, path = "/api/v1/dossiers", operation_id = "createDossier", tag = "dossiers",
    request_body = NewDossierJson,
    responses(
        (status = 201, description = "Hồ sơ đã tiếp nhận", body = DossierJson),
        (status = 403, description = "Vai trò không được tiếp nhận hoặc nộp theo kênh này", body = ErrorEnvelope),
        (status = 409, description = "Hành động bị từ chối (message: tiếng Việt, details.en: tiếng Anh)", body = ErrorEnvelope),
        (status = 422, description = "Dữ liệu không hợp lệ", body = ErrorEnvelope),
    )
)]
fn create_dossier() {}

/// Một hồ sơ (cán bộ có phạm vi đơn vị chứa đơn vị của hồ sơ; người dân đã nộp hồ sơ)
#[utoipa::path(
    get, path = "/api/v1/dossiers/{code}", operation_id = "getDossier", tag = "dossiers",
    params(("code" = String, Path, description = "Mã hồ sơ", example = "H31.12004-260302-0001")),
    responses(
        (status = 200, description = "Hồ sơ", body = DossierJson),
        (status = 403, description = "Ngoài phạm vi đơn vị, hoặc không phải hồ sơ của mình (not_own_dossier)", body = ErrorEnvelope),
        (status = 404, description = "Không có hồ sơ mã này", body = ErrorEnvelope),
    )
)]
fn get_dossier() {}

/// Thực hiện một hành động {"action":"…", …} trên hồ sơ (vai trò thực hiện hành động đó, tại đơn vị tiếp nhận hoặc đơn vị đang giữ hồ sơ; người dân rút hồ sơ của mình)
#[utoipa::path(
    post, path = "/api/v1/dossiers/{code}/actions", operation_id = "actOnDossier", tag = "dossiers",
    params(("code" = String, Path, description = "Mã hồ sơ", example = "H31.12004-260302-0001")),
    request_body = Action,
    responses(
        (status = 200, description = "Hồ sơ sau hành động", body = DossierJson),
        (status = 403, description = "Vai trò hoặc đơn vị không thực hiện hành động này (action_not_for_role)", body = ErrorEnvelope),
        (status = 404, description = "Không có hồ sơ mã này", body = ErrorEnvelope),
        (status = 409, description = "Hành động không được phép ở trạng thái hiện tại, hoặc hồ sơ đồng bộ từ Cổng DVCQG (message: tiếng Việt, details.en: tiếng Anh)", body = ErrorEnvelope),
        (status = 422, description = "Dữ liệu không hợp lệ", body = ErrorEnvelope),
    )
)]
fn act_on_dossier() {}

/// Tra cứu hồ sơ công khai (không cần đăng nhập; giới hạn số lượt theo địa chỉ)
#[utoipa::path(
    get, path = "/api/v1/public/dossiers/{code}", operation_id = "getPublicDossier", tag = "dossiers",
    security(()),
    params(("code" = String, Path, description = "Mã hồ sơ", example = "H31.12004-260302-0001")),
    responses(
        (status = 200, description = "Hồ sơ (tên người nộp đã che)", body = PublicDossier),
        (status = 404, description = "Không có hồ sơ mã này", body = ErrorEnvelope),
        (status = 429, description = "Quá nhiều lượt tra cứu", body = ErrorEnvelope),
    )
)]
fn get_public_dossier() {}
