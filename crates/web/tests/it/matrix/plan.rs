//! Role-matrix rows of the plan section's routes.

use super::{ALL, Case, Kind, STAFF, case};
use axum::http::Method;

/// Staff who report for Sở Nội vụ (the lead of areas 3 and 4) and the PAR admin.
const REPORT_SNV: &[&str] = &["chuyenvien", "lanhdao", "quantricchc"];
/// The PAR admin (Sở Nội vụ).
const PAR_ADMIN: &[&str] = &["quantricchc"];

/// One row per route of the section (and per interesting unit).
#[rustfmt::skip]
pub(super) fn cases() -> Vec<Case> {
    use Kind::*;
    let (get, post) = (|| Method::GET, || Method::POST);
    vec![
        case(get(), "/ke-hoach", "/ke-hoach?year=2023", Page, STAFF),
        case(get(), "/ke-hoach/xuat.xlsx", "/ke-hoach/xuat.xlsx?year=2023", Page, STAFF),
        case(get(), "/ke-hoach/muc-tieu/{id}", "/ke-hoach/muc-tieu/KH204-2023~MT~3.a", Page, STAFF),
        // An empty form: the responsible unit and the PAR admin get its problems (422).
        case(post(), "/ke-hoach/muc-tieu/{id}/bao-cao", "/ke-hoach/muc-tieu/KH204-2023~MT~3.a/bao-cao", Page, REPORT_SNV).ok(422),
        case(post(), "/ke-hoach/gia-tri/{id}/duyet", "/ke-hoach/gia-tri/999999/duyet", Page, PAR_ADMIN).ok(422),
        case(get(), "/ke-hoach/nhiem-vu", "/ke-hoach/nhiem-vu?year=2023", Page, STAFF),
        case(get(), "/ke-hoach/nhiem-vu/{id}", "/ke-hoach/nhiem-vu/KH204-2023~NV~3.a", Page, STAFF),
        case(post(), "/ke-hoach/nhiem-vu/{id}/tien-do", "/ke-hoach/nhiem-vu/KH204-2023~NV~3.a/tien-do", Page, REPORT_SNV).ok(422),
        case(get(), "/ke-hoach/minh-chung/{id}", "/ke-hoach/minh-chung/999999", Page, STAFF).ok(404),
        case(get(), "/ke-hoach/thong-bao", "/ke-hoach/thong-bao", Page, STAFF),
        case(post(), "/ke-hoach/thong-bao/{id}/da-doc", "/ke-hoach/thong-bao/999999/da-doc", Page, STAFF).ok(404),
        case(get(), "/cong-khai/ke-hoach", "/cong-khai/ke-hoach?year=2023", Public, ALL),
    ]
}
