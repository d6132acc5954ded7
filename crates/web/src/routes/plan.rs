//! Routes of the section: The reform plan: overview, targets, task board, public page, exports.

use super::RouteTable;
use crate::auth::UPLOAD_LIMIT;
use crate::pages::plan;
use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::routing::post;

/// Adds this section's routes.
pub(super) fn routes(table: RouteTable) -> RouteTable {
    let uploads = || DefaultBodyLimit::max(UPLOAD_LIMIT);
    table
        .get("/ke-hoach", plan::overview::get)
        .get("/ke-hoach/xuat.xlsx", plan::export::get)
        .get("/ke-hoach/muc-tieu/{id}", plan::target::get)
        .add(
            Method::POST,
            "/ke-hoach/muc-tieu/{id}/bao-cao",
            post(plan::target::report).layer(uploads()),
        )
        .post("/ke-hoach/gia-tri/{id}/duyet", plan::review::post)
        .get("/ke-hoach/nhiem-vu", plan::board::get)
        .get("/ke-hoach/nhiem-vu/{id}", plan::task::get)
        .add(
            Method::POST,
            "/ke-hoach/nhiem-vu/{id}/tien-do",
            post(plan::task::report).layer(uploads()),
        )
        .get("/ke-hoach/minh-chung/{id}", plan::evidence::get)
        .get("/ke-hoach/thong-bao", plan::notices::get)
        .post("/ke-hoach/thong-bao/{id}/da-doc", plan::notices::mark_read)
        .get("/cong-khai/ke-hoach", plan::public::get)
}
