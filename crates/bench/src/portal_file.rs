//! The seeded population written as the national portal's `DongBoHoSoMC` items (NDJSON, field
//! names of the portal, dates `yyyyMMddHHmmss`), shaped so that the portal conversion gives
//! back each dossier's facts (the QĐ 766 flags through their portal fields).

use std::io::Write;

use cchc_domain::dossier::Status;
use chrono::NaiveDateTime;
use serde_json::{Value, json};

use crate::generate::{Population, Synthetic};

fn date(t: NaiveDateTime) -> String {
    t.format("%Y%m%d%H%M%S").to_string()
}

fn opt(t: Option<NaiveDateTime>) -> Value {
    t.map_or(Value::Null, |t| Value::String(date(t)))
}

/// One item.
#[must_use]
pub fn item(d: &Synthetic) -> Value {
    let f = &d.facts;
    let fl = &f.flags;
    let received = f.received_at.map(date);
    let components = json!([{
        "MaThanhPhanHoSo": "TP1",
        "TenTepDinhKem": "To khai.pdf",
        "DuongDanTaiTepTin": if fl.attachments { json!("https://dichvucong.gov.vn/tep/1") } else { Value::Null },
        "DuocLayTuKhoDMQG": u8::from(fl.personal_store),
        "IsDeleted": 0,
    }]);
    let fees = if fl.fee {
        json!([{"TenPhiLePhi": "Lệ phí", "MaPhiLePhi": "LP1", "HinhThucThu": 1, "Gia": 50_000}])
    } else {
        json!([])
    };
    let supplements: Vec<Value> = f
        .supplements
        .iter()
        .map(|s| {
            json!({
                "NgayBoSung": date(s.requested_at),
                "NoiDungBoSung": "Bổ sung giấy tờ",
                "NgayTiepNhanBoSung": opt(s.completed_at),
            })
        })
        .collect();
    let results = if fl.electronic_result {
        json!([{"TenGiayTo": "Kết quả", "DuongDanTepTinKetQua": "https://dichvucong.gov.vn/kq/1"}])
    } else {
        json!([])
    };
    json!({
        "MaHoSo": f.code,
        "MaTTHC": f.procedure,
        "TenTTHC": "Thủ tục hành chính",
        "MaLinhVuc": "G01",
        "KenhThucHien": f.channel.code(),
        "ChuHoSo": d.applicant,
        "NgayNopHoSo": received,
        "NgayTiepNhan": received,
        "NgayHenTra": opt(f.due_at),
        "TrangThaiHoSo": d.status.code(),
        "NgayKetThucXuLy": opt(f.finished_at),
        "NgayTra": opt(f.finished_at.filter(|_| d.status == Status::Returned)),
        "DonViXuLy": f.unit,
        "HoSoCoThanhPhanSoHoa": u8::from(fl.reused_data),
        "TaiKhoanDuocXacThucVoiVNeID": u8::from(fl.vneid),
        "DuocThanhToanTrucTuyen": u8::from(fl.paid_online),
        "TaiLieuNop": components,
        "DanhSachLePhi": fees,
        "DanhSachHoSoBoSung": supplements,
        "DanhSachGiayToKetQua": results,
        "DSKetNoiCSDL": if fl.national_db { json!([{"MaCSDL": "CSDLQGDC"}]) } else { json!([]) },
    })
}

/// Writes every dossier as one line; returns the bytes written.
pub fn write_ndjson(pop: &Population, path: &std::path::Path) -> Result<u64, String> {
    let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    let mut bytes = 0u64;
    for (i, key) in pop.keys().enumerate() {
        let line = item(&pop.dossier(key)).to_string();
        bytes += line.len() as u64 + 1;
        writeln!(out, "{line}").map_err(|e| e.to_string())?;
        if (i + 1) % 100_000 == 0 {
            eprint!("\rwriting items: {} / {}", i + 1, pop.len());
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    eprintln!();
    Ok(bytes)
}
