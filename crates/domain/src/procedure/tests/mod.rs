//! Tests of the procedure catalogue: the shipped data, the model, and every rejection of the
//! JSON and CSV imports with its location.

mod csv;
mod model;
mod rejections;
mod shipped;

use super::*;

/// A minimal valid JSON catalogue with one procedure; `edit` changes the record before use.
pub(super) fn one(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut record = serde_json::json!({
        "code": "1.001193",
        "name": "Thủ tục đăng ký khai sinh",
        "sector": {"code": "G15-TP07", "name": "Hộ tịch"},
        "level": "commune",
        "unit_kind": "ubnd_xa",
        "versions": [version(1, "2016-01-01", Some("2025-06-30"))]
    });
    edit(&mut record);
    serde_json::json!({"format": FORMAT, "procedures": [record]}).to_string()
}

/// A valid version with a same-day time, a 15:00 cut-off and 8 hours of steps.
pub(super) fn version(n: u32, from: &str, to: Option<&str>) -> serde_json::Value {
    serde_json::json!({
        "version": n,
        "valid_from": from,
        "valid_to": to,
        "processing_time": {"value": 1, "unit": "trong_ngay"},
        "same_day_cutoff": "15:00",
        "fees": [{"kind": "le_phi", "name": "Lệ phí", "amount": "mien"}],
        "components": [{"name": "Tờ khai"}],
        "result": {"name": "Giấy khai sinh", "kind": "both"},
        "online_level": "full",
        "steps": [{"name": "Tiếp nhận", "budget_hours": 1}, {"name": "Xử lý", "budget_hours": 7}],
        "legal_basis": [{"number": "60/2014/QH13", "title": "Luật Hộ tịch"}],
        "publication": {"decision_no": "1872/QĐ-BTP", "issuer": "Bộ Tư pháp"}
    })
}

/// The problems of an import that must fail.
pub(super) fn problems(text: &str) -> Vec<Problem> {
    match parse_json(text) {
        Ok(c) => panic!("expected problems, got {} procedures", c.len()),
        Err(p) => p,
    }
}
