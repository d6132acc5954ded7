//! Validation of a portal item and its conversion into [`DossierFacts`].
//!
//! Rules (the reason of the first broken one is reported):
//!
//! - `MaHoSo`, `MaTTHC` (kept even when unknown to the catalogue), `DonViXuLy` and
//!   `TrangThaiHoSo` (1–10 or the DVCQG English code) are required; `KenhThucHien` is 1, 2,
//!   3 or null (direct);
//! - dates are `yyyyMMddHHmmss` (a blank string is a missing date);
//! - a dossier in a status that follows receipt needs `NgayTiepNhan`; a received dossier needs
//!   `NgayHenTra`;
//! - a received dossier in a terminal status (refused, stopped, resolved, returned,
//!   withdrawn) needs its time: `NgayKetThucXuLy`, else `NgayTra` (returned) or `NgayTuChoi`
//!   (refused); it may not precede the receipt. A non-terminal status has no end, whatever
//!   `NgayKetThucXuLy` says;
//! - a supplement needs its request `NgayBoSung`; its completion `NgayTiepNhanBoSung`, when
//!   present, may not precede it;
//! - flags are 0/1 (`DuocThanhToanTrucTuyen` 0, 1 or 2).

use chrono::NaiveDateTime;

use super::date::{parse_date, parse_date_number};
use super::item::PortalDossier;
use super::value::{Scalar, Text};
use crate::dossier::{Channel, Status};
use crate::kpi::{DossierFacts, Flags, SupplementSpan};

/// A date value: `Ok(None)` when missing or blank, `Err(())` when not a date.
fn date_value(v: Option<&Scalar<'_>>) -> Result<Option<NaiveDateTime>, ()> {
    let Some(v) = v.filter(|v| !v.is_blank()) else {
        return Ok(None);
    };
    match v {
        Scalar::Str(s) => parse_date(s.trim()),
        Scalar::Int(n) => parse_date_number(*n),
        Scalar::Bool(_) | Scalar::Float(_) => None,
    }
    .map(Some)
    .ok_or(())
}

/// A date field, the field's name written only on failure.
fn date(
    field: impl FnOnce() -> String,
    v: Option<&Scalar<'_>>,
) -> Result<Option<NaiveDateTime>, String> {
    date_value(v).map_err(|()| {
        let shown = v.map(ToString::to_string).unwrap_or_default();
        format!("{}: '{shown}' is not a date yyyyMMddHHmmss", field())
    })
}

fn named(field: &'static str) -> impl FnOnce() -> String {
    move || field.to_owned()
}

fn required<'t>(field: &str, v: Option<&'t Text<'_>>) -> Result<&'t str, String> {
    v.map(Text::trimmed)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| format!("{field} is missing"))
}

/// A 0/1 flag field, the field's name written only on failure.
fn flag(field: impl FnOnce() -> String, v: Option<&Scalar<'_>>) -> Result<bool, String> {
    v.map_or(Some(false), Scalar::flag).ok_or_else(|| {
        let shown = v.map(ToString::to_string).unwrap_or_default();
        format!("{}: '{shown}' is not 0 or 1", field())
    })
}

fn status(v: Option<&Scalar<'_>>) -> Result<Status, String> {
    let v = v
        .filter(|v| !v.is_blank())
        .ok_or("TrangThaiHoSo is missing")?;
    let s = match v {
        Scalar::Str(s) => s.trim().parse().ok(),
        _ => v
            .int()
            .and_then(|n| u8::try_from(n).ok())
            .and_then(Status::from_code),
    };
    s.ok_or_else(|| format!("TrangThaiHoSo: '{v}' is not a status 1–10"))
}

fn channel(v: Option<&Scalar<'_>>) -> Result<Channel, String> {
    match v.filter(|v| !v.is_blank()) {
        None => Ok(Channel::Direct),
        Some(v) => v
            .int()
            .and_then(|n| u8::try_from(n).ok())
            .and_then(Channel::from_code)
            .ok_or_else(|| format!("KenhThucHien: '{v}' is not 1, 2 or 3")),
    }
}

impl PortalDossier<'_> {
    /// The dossier code, if any.
    #[must_use]
    pub fn code(&self) -> Option<&str> {
        self.ma_ho_so
            .as_ref()
            .map(Text::trimmed)
            .filter(|s| !s.is_empty())
    }

    /// The processing unit's code, if any.
    #[must_use]
    pub fn unit(&self) -> Option<&str> {
        self.don_vi_xu_ly
            .as_ref()
            .map(Text::trimmed)
            .filter(|s| !s.is_empty())
    }

    /// Validates the item and returns its facts, or the reason it is invalid.
    pub fn facts(&self) -> Result<DossierFacts, String> {
        let code = required("MaHoSo", self.ma_ho_so.as_ref())?;
        let procedure = required("MaTTHC", self.ma_tthc.as_ref())?;
        let unit = required("DonViXuLy", self.don_vi_xu_ly.as_ref())?;
        let channel = channel(self.kenh_thuc_hien.as_ref())?;
        let status = status(self.trang_thai_ho_so.as_ref())?;
        date(named("NgayNopHoSo"), self.ngay_nop_ho_so.as_ref())?;
        let received_at = date(named("NgayTiepNhan"), self.ngay_tiep_nhan.as_ref())?;
        let due_at = date(named("NgayHenTra"), self.ngay_hen_tra.as_ref())?;
        let after_receipt = !matches!(
            status,
            Status::Submitted | Status::Refused | Status::Withdrawn
        );
        if received_at.is_none() && after_receipt {
            return Err(format!(
                "NgayTiepNhan is missing for a dossier in status {}",
                status.code()
            ));
        }
        if received_at.is_some() && due_at.is_none() {
            return Err("NgayHenTra is missing for a received dossier".to_owned());
        }
        let (terminal, finished_at) = self.end(status, received_at)?;
        Ok(DossierFacts {
            code: code.to_owned(),
            unit: unit.to_owned(),
            procedure: procedure.to_owned(),
            channel,
            received_at,
            due_at,
            finished_at,
            terminal,
            supplements: self.supplements()?,
            flags: self.flags()?,
        })
    }

    /// The terminal status and its time.
    fn end(
        &self,
        status: Status,
        received: Option<NaiveDateTime>,
    ) -> Result<(Option<Status>, Option<NaiveDateTime>), String> {
        let ended = date(named("NgayKetThucXuLy"), self.ngay_ket_thuc_xu_ly.as_ref())?;
        let returned = date(named("NgayTra"), self.ngay_tra.as_ref())?;
        let refused = date(named("NgayTuChoi"), self.ngay_tu_choi.as_ref())?;
        if !status.is_terminal_for_kpi(received.is_some()) {
            return Ok((None, None));
        }
        let at = ended
            .or(returned.filter(|_| status == Status::Returned))
            .or(refused.filter(|_| status == Status::Refused));
        match (received, at) {
            (Some(_), None) => Err(format!(
                "NgayKetThucXuLy is missing for a dossier in status {}",
                status.code()
            )),
            (Some(r), Some(a)) if a < r => Err("NgayKetThucXuLy is before NgayTiepNhan".to_owned()),
            _ => Ok((Some(status), at)),
        }
    }

    /// The supplement spans, by request time.
    fn supplements(&self) -> Result<Vec<SupplementSpan>, String> {
        let mut spans = Vec::with_capacity(self.danh_sach_ho_so_bo_sung.len());
        for (i, s) in self.danh_sach_ho_so_bo_sung.iter().enumerate() {
            let field = |name: &str| format!("DanhSachHoSoBoSung[{i}].{name}");
            let requested_at = date(|| field("NgayBoSung"), s.ngay_bo_sung.as_ref())?
                .ok_or_else(|| format!("{} is missing", field("NgayBoSung")))?;
            let completed_at = date(
                || field("NgayTiepNhanBoSung"),
                s.ngay_tiep_nhan_bo_sung.as_ref(),
            )?;
            if completed_at.is_some_and(|c| c < requested_at) {
                return Err(format!(
                    "{} is before its NgayBoSung",
                    field("NgayTiepNhanBoSung")
                ));
            }
            spans.push(SupplementSpan {
                requested_at,
                completed_at,
                kpi_due_after: None,
            });
        }
        spans.sort_by_key(|s| s.requested_at);
        Ok(spans)
    }

    fn flags(&self) -> Result<Flags, String> {
        let mut f = Flags {
            reused_data: flag(
                named("HoSoCoThanhPhanSoHoa"),
                self.ho_so_co_thanh_phan_so_hoa.as_ref(),
            )?,
            vneid: flag(
                named("TaiKhoanDuocXacThucVoiVNeID"),
                self.tai_khoan_duoc_xac_thuc_voi_vneid.as_ref(),
            )?,
            ..Flags::default()
        };
        f.paid_online = match self
            .duoc_thanh_toan_truc_tuyen
            .as_ref()
            .filter(|v| !v.is_blank())
        {
            None => false,
            Some(v) => match v.int() {
                Some(0) => false,
                Some(1 | 2) => true,
                _ => return Err(format!("DuocThanhToanTrucTuyen: '{v}' is not 0, 1 or 2")),
            },
        };
        for (i, c) in self.tai_lieu_nop.iter().enumerate() {
            let field = |name: &str| format!("TaiLieuNop[{i}].{name}");
            if flag(|| field("IsDeleted"), c.is_deleted.as_ref())? {
                continue;
            }
            f.reused_data |= flag(|| field("DuocSoHoa"), c.duoc_so_hoa.as_ref())?;
            f.personal_store |= flag(
                || field("DuocLayTuKhoDMQG"),
                c.duoc_lay_tu_kho_dmqg.as_ref(),
            )?;
            let link = c
                .duong_dan_tai_tep_tin
                .as_ref()
                .is_some_and(|t| !t.trimmed().is_empty());
            let id = c.tep_dinh_kem_id.as_ref().is_some_and(|v| !v.is_blank());
            f.attachments |= link || id;
        }
        f.national_db = self
            .ds_ket_noi_csdl
            .iter()
            .any(|d| d.ma_csdl.as_ref().is_some_and(|v| !v.is_blank()));
        f.electronic_result = self.danh_sach_giay_to_ket_qua.iter().any(|r| {
            r.duong_dan_tep_tin_ket_qua
                .as_ref()
                .is_some_and(|t| !t.trimmed().is_empty())
        });
        f.fee = self
            .danh_sach_le_phi
            .iter()
            .any(|l| l.gia.as_ref().is_some_and(Scalar::is_positive_amount));
        Ok(f)
    }
}
