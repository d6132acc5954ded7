//! The national portal's dossier item (`DongBoHoSoMC` data item, docs/DOMAIN.md) with its field
//! names, borrowing its strings from the input. Unknown fields are ignored; missing or `null`
//! fields are `None` or empty lists.

use serde::{Deserialize, Serialize};

use super::value::{Scalar, Text, nullable_vec};

/// A dossier item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PortalDossier<'a> {
    #[serde(
        rename = "MaHoSo",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ma_ho_so: Option<Text<'a>>,
    #[serde(
        rename = "MaTTHC",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ma_tthc: Option<Text<'a>>,
    #[serde(
        rename = "TenTTHC",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ten_tthc: Option<Text<'a>>,
    #[serde(
        rename = "MaLinhVuc",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ma_linh_vuc: Option<Text<'a>>,
    /// 1 direct, 2 online, 3 postal; `null` counts as direct.
    #[serde(
        rename = "KenhThucHien",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kenh_thuc_hien: Option<Scalar<'a>>,
    #[serde(
        rename = "ChuHoSo",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub chu_ho_so: Option<Text<'a>>,
    #[serde(
        rename = "NgayNopHoSo",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ngay_nop_ho_so: Option<Scalar<'a>>,
    #[serde(
        rename = "NgayTiepNhan",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ngay_tiep_nhan: Option<Scalar<'a>>,
    #[serde(
        rename = "NgayHenTra",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ngay_hen_tra: Option<Scalar<'a>>,
    #[serde(
        rename = "NgayTuChoi",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ngay_tu_choi: Option<Scalar<'a>>,
    /// 1–10 (docs/DOMAIN.md § Statuses), or the DVCQG English code.
    #[serde(
        rename = "TrangThaiHoSo",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub trang_thai_ho_so: Option<Scalar<'a>>,
    #[serde(
        rename = "NgayKetThucXuLy",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ngay_ket_thuc_xu_ly: Option<Scalar<'a>>,
    #[serde(
        rename = "NgayTra",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ngay_tra: Option<Scalar<'a>>,
    #[serde(
        rename = "DonViXuLy",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub don_vi_xu_ly: Option<Text<'a>>,
    #[serde(
        rename = "HoSoCoThanhPhanSoHoa",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ho_so_co_thanh_phan_so_hoa: Option<Scalar<'a>>,
    #[serde(
        rename = "TaiKhoanDuocXacThucVoiVNeID",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tai_khoan_duoc_xac_thuc_voi_vneid: Option<Scalar<'a>>,
    /// 1 DVCQG payment platform, 2 ministry or province gateway.
    #[serde(
        rename = "DuocThanhToanTrucTuyen",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub duoc_thanh_toan_truc_tuyen: Option<Scalar<'a>>,
    #[serde(
        rename = "TaiLieuNop",
        borrow,
        default,
        deserialize_with = "nullable_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tai_lieu_nop: Vec<Component<'a>>,
    #[serde(
        rename = "DanhSachLePhi",
        borrow,
        default,
        deserialize_with = "nullable_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub danh_sach_le_phi: Vec<Fee<'a>>,
    #[serde(
        rename = "DanhSachHoSoBoSung",
        borrow,
        default,
        deserialize_with = "nullable_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub danh_sach_ho_so_bo_sung: Vec<Supplement<'a>>,
    #[serde(
        rename = "DanhSachGiayToKetQua",
        borrow,
        default,
        deserialize_with = "nullable_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub danh_sach_giay_to_ket_qua: Vec<ResultDocument<'a>>,
    #[serde(
        rename = "DSKetNoiCSDL",
        borrow,
        default,
        deserialize_with = "nullable_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub ds_ket_noi_csdl: Vec<DatabaseLink<'a>>,
}

/// A submitted component (`TaiLieuNop[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Component<'a> {
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub tep_dinh_kem_id: Option<Scalar<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub ten_tep_dinh_kem: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub is_deleted: Option<Scalar<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub ma_thanh_phan_ho_so: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub duong_dan_tai_tep_tin: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub duoc_so_hoa: Option<Scalar<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub duoc_tai_su_dung: Option<Scalar<'a>>,
    #[serde(
        rename = "DuocLayTuKhoDMQG",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub duoc_lay_tu_kho_dmqg: Option<Scalar<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub ma_ket_qua_thay_the: Option<Text<'a>>,
}

/// A fee line (`DanhSachLePhi[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Fee<'a> {
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub ten_phi_le_phi: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub ma_phi_le_phi: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub hinh_thuc_thu: Option<Scalar<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub gia: Option<Scalar<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub loai_phi_le_phi: Option<Scalar<'a>>,
}

/// A supplement request and its completion (`DanhSachHoSoBoSung[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Supplement<'a> {
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub ho_so_bo_sung_id: Option<Scalar<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub nguoi_yeu_cau_bo_sung: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub noi_dung_bo_sung: Option<Text<'a>>,
    /// The request.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub ngay_bo_sung: Option<Scalar<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub nguoi_tiep_nhan_bo_sung: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub thong_tin_tiep_nhan: Option<Text<'a>>,
    /// The completion (the supplement received).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub ngay_tiep_nhan_bo_sung: Option<Scalar<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub trang_thai_bo_sung: Option<Scalar<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub ngay_hen_tra_truoc: Option<Scalar<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub ngay_hen_tra_moi: Option<Scalar<'a>>,
}

/// A result document (`DanhSachGiayToKetQua[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ResultDocument<'a> {
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub ten_giay_to: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub ma_thanh_phan_ho_so: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub giay_to_id: Option<Scalar<'a>>,
    /// The electronic result's file link.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub duong_dan_tep_tin_ket_qua: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub ma_giay_to_ket_qua: Option<Text<'a>>,
}

/// A national database used (`DSKetNoiCSDL[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DatabaseLink<'a> {
    #[serde(
        rename = "MaCSDL",
        borrow,
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ma_csdl: Option<Scalar<'a>>,
}
