//! The CSV import: one version per line, problems with their line numbers.

use super::*;
use chrono::NaiveDate;

fn header() -> String {
    csv_import::COLUMNS.join(",")
}

/// A line of the CSV template for `code`/`version` with the given dates; `edit` replaces
/// columns by name.
fn line(code: &str, version: u32, from: &str, to: &str, edit: &[(&str, &str)]) -> String {
    let mut cols: Vec<String> = [
        code,
        &version.to_string(),
        "Thủ tục đăng ký khai sinh",
        "G15-TP07",
        "Hộ tịch",
        "commune",
        "ubnd_xa",
        "",
        from,
        to,
        "1",
        "trong_ngay",
        "15:00",
        "le_phi:Lệ phí đăng ký khai sinh=mien;phi:Phí bản sao=8000",
        "Tờ khai;?Văn bản ủy quyền",
        "Giấy khai sinh",
        "both",
        "full",
        "Tiếp nhận=1;Xử lý=6.5;Trả kết quả=0.5",
        "60/2014/QH13|Luật Hộ tịch;123/2015/NĐ-CP",
        "1872/QĐ-BTP",
        "Bộ Tư pháp",
        "2020-09-04",
        "",
        "",
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    for (name, value) in edit {
        let i = csv_import::COLUMNS.iter().position(|c| c == name).unwrap();
        cols[i] = (*value).to_owned();
    }
    cols.iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn lines_with_one_code_become_versions_of_one_procedure() {
    let text = format!(
        "{}\n{}\n{}\n",
        header(),
        line("1.001193", 1, "2016-01-01", "2025-06-30", &[]),
        line(
            "1.001193",
            2,
            "2025-07-01",
            "",
            &[("unconfirmed", "publication;code"), ("note", "not found")]
        )
    );
    let c = parse_csv(&text).unwrap();
    assert_eq!(c.len(), 1);
    let p = &c.procedures[0];
    assert_eq!(p.versions.len(), 2);
    let v1 = p
        .version_at(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap())
        .unwrap();
    assert_eq!(v1.fees[1].amount, FeeAmount::Vnd(8000));
    assert!(!v1.components[1].required);
    assert_eq!(v1.steps[1].budget_minutes, 390);
    assert_eq!(v1.legal_basis[0].title.as_deref(), Some("Luật Hộ tịch"));
    assert_eq!(p.unconfirmed_fields(), ["code", "versions[1].publication"]);
}

#[test]
fn csv_problems_carry_their_line_and_field() {
    let text = format!(
        "{}\n{}\n{}\n{}\n{}\n{}\n",
        header(),
        line(
            "1.001193",
            1,
            "2016-01-01",
            "2025-06-30",
            &[("time_unit", "tuần")]
        ),
        line("1.001193", 2, "2025-06-01", "2025-12-31", &[]),
        line("1.001193", 2, "2026-01-01", "", &[]),
        line(
            "x.1",
            1,
            "2025-07-01",
            "",
            &[("name", ""), ("steps", "Xử lý")]
        ),
        line("1.000894", 1, "2025-07-01", "", &[("steps", "Xử lý=9")])
    );
    let p = parse_csv(&text).unwrap_err();
    let got: Vec<(Location, &str)> = p.iter().map(|p| (p.location, p.field.as_str())).collect();
    assert_eq!(
        got,
        [
            (Location::Line(2), "processing_time.unit"),
            (Location::Line(4), "version"),
            (Location::Line(5), "steps"),
            (Location::Line(6), "steps"),
        ],
        "{p:?}"
    );
}

#[test]
fn csv_reports_overlaps_missing_names_and_bad_codes_by_line() {
    let text = format!(
        "{}\n{}\n{}\n{}\n",
        header(),
        line("1.001193", 1, "2016-01-01", "", &[]),
        line("1.001193", 2, "2025-07-01", "", &[]),
        line("1,000894", 1, "2025-07-01", "", &[("name", "")])
    );
    let p = parse_csv(&text).unwrap_err();
    let got: Vec<(Location, &str)> = p.iter().map(|p| (p.location, p.field.as_str())).collect();
    assert_eq!(
        got,
        [
            (Location::Line(3), "valid_from"),
            (Location::Line(4), "code"),
            (Location::Line(4), "name")
        ],
        "{p:?}"
    );
    assert!(p[0].message.contains("overlaps version 1"));
}

#[test]
fn csv_header_must_have_every_column() {
    let p = parse_csv("code,name\n1.001193,x\n").unwrap_err();
    assert_eq!(p[0].location, Location::Line(1));
    assert!(p[0].message.contains("valid_from"));
    let marks = format!(
        "{}\n{}\n",
        header(),
        line("1.001193", 1, "2016-01-01", "", &[("unconfirmed", "name")])
    );
    let p = parse_csv(&marks).unwrap_err();
    assert_eq!(
        (p[0].location, p[0].field.as_str()),
        (Location::Line(2), "unconfirmed")
    );
}
