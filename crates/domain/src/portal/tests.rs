//! Portal items: parsing (array and NDJSON), validation with indices and reasons, conversion
//! into facts, tolerance of the portal's loose typing, borrowing.

use std::borrow::Cow;

use serde_json::{Value, json};

use super::{PortalDossier, Scalar, parse_date, parse_items};
use crate::dossier::{Channel, Status};
use crate::kpi::{Flags, SupplementSpan};

fn known(u: &str) -> bool {
    u.starts_with("H31")
}

/// A complete, valid item: received online, paused once, resolved with an electronic result.
fn full() -> Value {
    json!({
        "MaHoSo": "H31.1-260105-0001",
        "MaTTHC": "1.004227",
        "TenTTHC": "Cấp giấy phép xây dựng",
        "MaLinhVuc": "XD",
        "KenhThucHien": 2,
        "ChuHoSo": "Nguyễn Văn A",
        "NgayNopHoSo": "20260105080000",
        "NgayTiepNhan": "20260105093000",
        "NgayHenTra": "20260115170000",
        "TrangThaiHoSo": 9,
        "NgayKetThucXuLy": "20260114100000",
        "NgayTra": "",
        "DonViXuLy": "H31.1",
        "HoSoCoThanhPhanSoHoa": 0,
        "TaiKhoanDuocXacThucVoiVNeID": "1",
        "DuocThanhToanTrucTuyen": 1,
        "TaiLieuNop": [
            {"TepDinhKemId": 17, "DuongDanTaiTepTin": "/f/17.pdf", "DuocSoHoa": 1, "DuocLayTuKhoDMQG": 0},
            {"IsDeleted": true, "DuocLayTuKhoDMQG": 1}
        ],
        "DanhSachLePhi": [{"TenPhiLePhi": "Lệ phí", "Gia": "50.000"}],
        "DanhSachHoSoBoSung": [
            {"NgayBoSung": "20260109080000", "NgayTiepNhanBoSung": "20260110080000"},
            {"NgayBoSung": "20260107080000", "NgayTiepNhanBoSung": null}
        ],
        "DanhSachGiayToKetQua": [{"TenGiayTo": "Giấy phép", "DuongDanTepTinKetQua": "/kq/1.pdf"}],
        "ThongTinKhac": {"ignored": true}
    })
}

fn with(mut v: Value, key: &str, value: Value) -> Value {
    v[key] = value;
    v
}

fn without(mut v: Value, key: &str) -> Value {
    v.as_object_mut().unwrap().remove(key);
    v
}

#[test]
fn a_full_item_becomes_its_facts() {
    let text = Value::Array(vec![full()]).to_string();
    let parsed = parse_items(&text, known).unwrap();
    assert!(parsed.invalid.is_empty(), "{:?}", parsed.invalid);
    let f = &parsed.valid[0].facts;
    let t = |s| parse_date(s).unwrap();
    assert_eq!(
        (f.code.as_str(), f.unit.as_str(), f.procedure.as_str()),
        ("H31.1-260105-0001", "H31.1", "1.004227")
    );
    assert_eq!(f.channel, Channel::Online);
    assert_eq!(f.received_at, Some(t("20260105093000")));
    assert_eq!(f.due_at, Some(t("20260115170000")));
    assert_eq!(
        (f.terminal, f.finished_at),
        (Some(Status::Resolved), Some(t("20260114100000")))
    );
    assert_eq!(
        f.supplements,
        [
            SupplementSpan {
                requested_at: t("20260107080000"),
                completed_at: None,
                kpi_due_after: None,
            },
            SupplementSpan {
                requested_at: t("20260109080000"),
                completed_at: Some(t("20260110080000")),
                kpi_due_after: None,
            },
        ]
    );
    assert_eq!(f.supplement_count(), 2);
    assert_eq!(
        f.awaiting_supplement_since(t("20260112000000")),
        Some(t("20260107080000"))
    );
    let expected = Flags {
        reused_data: true,
        personal_store: false,
        vneid: true,
        national_db: false,
        attachments: true,
        electronic_result: true,
        fee: true,
        paid_online: true,
        rated: false,
        dissatisfied: false,
    };
    assert_eq!(f.flags, expected);
    let item = &parsed.valid[0].item;
    assert_eq!(
        item.ten_tthc.as_ref().map(|t| t.0.as_ref()),
        Some("Cấp giấy phép xây dựng")
    );
    assert!(matches!(
        item.ma_ho_so.as_ref().map(|t| &t.0),
        Some(Cow::Borrowed(_))
    ));
}

#[test]
fn ndjson_and_arrays_give_the_same_items() {
    let items = [full(), with(full(), "MaHoSo", json!("H31.1-260105-0002"))];
    let array = Value::Array(items.to_vec()).to_string();
    let lines = items
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    let a = parse_items(&array, known).unwrap();
    let padded = format!("\n{lines}\n\n");
    let b = parse_items(&padded, known).unwrap();
    assert_eq!(a.valid.len(), 2);
    assert_eq!(a, b);
    assert_eq!(b.valid[1].index, 1);
}

#[test]
fn invalid_items_are_reported_by_index_with_a_reason() {
    let bad = [
        full(),                                                           // 0 valid
        with(full(), "NgayTiepNhan", json!("2026-01-05 09:30")),          // 1
        with(full(), "DonViXuLy", json!("H99.1")),                        // 2
        without(full(), "MaHoSo"),                                        // 3
        with(full(), "KenhThucHien", json!(4)),                           // 4
        json!(17),                                                        // 5
        with(full(), "NgayKetThucXuLy", json!("20260101000000")),         // 6
        without(full(), "NgayHenTra"),                                    // 7
        without(with(full(), "NgayTra", json!(null)), "NgayKetThucXuLy"), // 8
        with(
            full(),
            "DanhSachHoSoBoSung",
            json!([{"NgayBoSung": "20260110080000", "NgayTiepNhanBoSung": "20260109080000"}]),
        ), // 9
        with(full(), "TrangThaiHoSo", json!("11")),                       // 10
        with(full(), "HoSoCoThanhPhanSoHoa", json!(2)),                   // 11
        with(full(), "MaTTHC", json!("9.999999")), // 12 valid: unknown procedure kept
        with(full(), "NgayHenTra", json!("20260230170000")), // 13
    ];
    let text = Value::Array(bad.to_vec()).to_string();
    let parsed = parse_items(&text, known).unwrap();
    let got: Vec<(usize, &str)> = parsed
        .invalid
        .iter()
        .map(|i| (i.index, i.reason.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                1,
                "NgayTiepNhan: '2026-01-05 09:30' is not a date yyyyMMddHHmmss"
            ),
            (2, "DonViXuLy: unknown unit 'H99.1'"),
            (3, "MaHoSo is missing"),
            (4, "KenhThucHien: '4' is not 1, 2 or 3"),
            (
                5,
                "not a dossier item: invalid type: integer `17`, expected struct PortalDossier at line 1 column 2"
            ),
            (6, "NgayKetThucXuLy is before NgayTiepNhan"),
            (7, "NgayHenTra is missing for a received dossier"),
            (8, "NgayKetThucXuLy is missing for a dossier in status 9"),
            (
                9,
                "DanhSachHoSoBoSung[0].NgayTiepNhanBoSung is before its NgayBoSung"
            ),
            (10, "TrangThaiHoSo: '11' is not a status 1–10"),
            (11, "HoSoCoThanhPhanSoHoa: '2' is not 0 or 1"),
            (
                13,
                "NgayHenTra: '20260230170000' is not a date yyyyMMddHHmmss"
            ),
        ]
    );
    assert_eq!(parsed.invalid[1].code.as_deref(), Some("H31.1-260105-0001"));
    assert_eq!(parsed.invalid[2].code, None);
    let valid: Vec<usize> = parsed.valid.iter().map(|v| v.index).collect();
    assert_eq!(valid, [0, 12]);
    assert_eq!(parsed.valid[1].facts.procedure, "9.999999");
}

#[test]
fn ndjson_reports_lines_and_keeps_going_after_a_broken_line() {
    let text = format!("{}\n{{\"MaHoSo\": \n{}\n", full(), full());
    let parsed = parse_items(&text, known).unwrap();
    assert_eq!(
        parsed.valid.iter().map(|v| v.index).collect::<Vec<_>>(),
        [0, 2]
    );
    assert_eq!((parsed.invalid[0].index, parsed.invalid[0].line), (1, 2));
    assert!(
        parsed.invalid[0]
            .reason
            .starts_with("not a dossier item: EOF")
    );
    assert!(parse_items("[{\"MaHoSo\": 1}", known).is_err());
    assert!(parse_items("MaHoSo;MaTTHC", known).is_err());
    assert!(parse_items(" ", known).unwrap().is_empty());
}

#[test]
fn loose_typing_of_the_portal_is_accepted() {
    let loose = json!({
        "MaHoSo": 123456, "MaTTHC": "1.1", "DonViXuLy": "H31", "KenhThucHien": "3",
        "TrangThaiHoSo": "processing", "NgayTiepNhan": 20260105093000_i64, "NgayHenTra": "20260115170000",
        "NgayKetThucXuLy": "20260101000000", "HoSoCoThanhPhanSoHoa": true,
        "TaiKhoanDuocXacThucVoiVNeID": null, "DuocThanhToanTrucTuyen": "",
        "TaiLieuNop": null, "DanhSachLePhi": [{"Gia": 0}, {"Gia": "0"}], "DSKetNoiCSDL": [{"MaCSDL": "DC"}]
    });
    let text = loose.to_string();
    let parsed = parse_items(&text, known).unwrap();
    assert!(parsed.invalid.is_empty(), "{:?}", parsed.invalid);
    let f = &parsed.valid[0].facts;
    assert_eq!((f.code.as_str(), f.channel), ("123456", Channel::Postal));
    // Not terminal: the end date is ignored.
    assert_eq!((f.terminal, f.finished_at), (None, None));
    assert!(f.flags.reused_data && f.flags.national_db && !f.flags.fee && !f.flags.paid_online);
    assert!(f.flags.citizen_data());
}

#[test]
fn refused_and_withdrawn_before_receipt_are_valid_but_never_received() {
    let refused = json!({"MaHoSo": "X1", "MaTTHC": "1.1", "DonViXuLy": "H31", "TrangThaiHoSo": 3, "NgayTuChoi": "20260105093000"});
    let withdrawn =
        json!({"MaHoSo": "X2", "MaTTHC": "1.1", "DonViXuLy": "H31", "TrangThaiHoSo": "cancelled"});
    let processing =
        json!({"MaHoSo": "X3", "MaTTHC": "1.1", "DonViXuLy": "H31", "TrangThaiHoSo": 4});
    let text = Value::Array(vec![refused, withdrawn, processing]).to_string();
    let parsed = parse_items(&text, known).unwrap();
    assert_eq!(parsed.valid.len(), 2);
    assert_eq!(parsed.valid[0].facts.terminal, Some(Status::Refused));
    assert_eq!(parsed.valid[0].facts.received_at, None);
    assert_eq!(parsed.valid[1].facts.terminal, None);
    assert_eq!(
        parsed.invalid[0].reason,
        "NgayTiepNhan is missing for a dossier in status 4"
    );
}

#[test]
fn items_serialise_back_with_the_portal_field_names() {
    let text = full().to_string();
    let item: PortalDossier<'_> = serde_json::from_str(&text).unwrap();
    let again = serde_json::to_value(&item).unwrap();
    let mut expected = without(full(), "ThongTinKhac");
    expected["TaiLieuNop"][1] = json!({"IsDeleted": true, "DuocLayTuKhoDMQG": 1});
    expected["DanhSachHoSoBoSung"][1] = json!({"NgayBoSung": "20260107080000"});
    assert_eq!(again, expected);
    let again = again.to_string();
    let back: PortalDossier<'_> = serde_json::from_str(&again).unwrap();
    assert_eq!(back.facts(), item.facts());
}

#[test]
fn amounts_and_flags_read_leniently() {
    fn s(v: &str) -> Scalar<'_> {
        Scalar::Str(Cow::Borrowed(v))
    }
    assert!(s("50.000").is_positive_amount() && s("50,000 đồng").is_positive_amount());
    assert!(
        !s("0").is_positive_amount()
            && !s("Miễn phí").is_positive_amount()
            && !Scalar::Int(0).is_positive_amount()
    );
    assert_eq!(
        (
            s(" 1 ").flag(),
            s("").flag(),
            s("TRUE").flag(),
            s("x").flag()
        ),
        (Some(true), Some(false), Some(true), None)
    );
    assert_eq!(
        (Scalar::Float(1.0).int(), Scalar::Float(1.5).int()),
        (Some(1), None)
    );
}
