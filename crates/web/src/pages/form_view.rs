//! What every printed form shares: the sheet's head (issuing unit, national motto, place and
//! date, form number), the template filters for Vietnamese dates, and the QR code of the public
//! lookup drawn as SVG on the server.

use cchc_domain::forms::{FormHeader, FormNumber};
use chrono::NaiveDateTime;
use qrcode::QrCode;
use qrcode::render::svg;

/// The head of a sheet.
pub struct SheetHead {
    /// The document title (`<title>`).
    pub title: String,
    /// The issuing unit, as printed (upper case on the sheet by CSS).
    pub unit_name: String,
    /// "Hưng Yên, ngày 02 tháng 03 năm 2026".
    pub place_date: String,
    /// "Mẫu số 01", or `None` when the circular has no number for the form.
    pub number: Option<String>,
    /// "TT 03/2025/TT-VPCP".
    pub circular: String,
    /// Where the toolbar's back link goes, with its label.
    pub back_href: String,
    pub back_label: String,
    /// A landscape sheet (the register).
    pub landscape: bool,
}

impl SheetHead {
    /// The head of a dossier form.
    pub fn for_form(h: &FormHeader, place: &str) -> SheetHead {
        SheetHead {
            title: format!("{} — {}", h.title, h.code),
            unit_name: h.unit_name.clone(),
            place_date: place_date(place, h.issued_at),
            number: h.number.as_ref().map(FormNumber::short),
            circular: h.circular.to_owned(),
            back_href: format!("/ho-so/{}", h.code),
            back_label: format!("Hồ sơ {}", h.code),
            landscape: false,
        }
    }
}

/// "Hưng Yên, ngày 02 tháng 03 năm 2026" (just the date without a place).
pub fn place_date(place: &str, t: NaiveDateTime) -> String {
    let date = t.format("ngày %d tháng %m năm %Y").to_string();
    if place.is_empty() {
        date
    } else {
        format!("{place}, {date}")
    }
}

/// The place name of a province unit's name ("Tỉnh Hưng Yên" → "Hưng Yên").
pub fn place_of(province_name: &str) -> String {
    let name = province_name.trim();
    ["Tỉnh ", "Thành phố "]
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .unwrap_or(name)
        .to_owned()
}

/// The public lookup of `code` as an inline SVG QR code (no XML declaration), with the URL.
pub fn lookup_qr(url: &str) -> Option<String> {
    let code = QrCode::new(url.as_bytes()).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(132, 132)
        .quiet_zone(true)
        .build();
    let start = image.find("<svg")?;
    Some(image[start..].to_owned())
}

/// A value a date filter can print: a time, or an optional one.
pub trait Stamp {
    fn stamp(&self) -> Option<NaiveDateTime>;
}

impl Stamp for NaiveDateTime {
    fn stamp(&self) -> Option<NaiveDateTime> {
        Some(*self)
    }
}

impl Stamp for Option<NaiveDateTime> {
    fn stamp(&self) -> Option<NaiveDateTime> {
        *self
    }
}

impl<T: Stamp + ?Sized> Stamp for &T {
    fn stamp(&self) -> Option<NaiveDateTime> {
        (**self).stamp()
    }
}

/// Template filters: `long` ("09 giờ 00 phút, ngày 02/03/2026"), `short` ("09:00 02/03/2026"),
/// `day` ("02/03/2026"); "—" for no time.
pub mod filters {
    use super::Stamp;

    fn with(t: &impl Stamp, format: &str) -> askama::Result<String> {
        Ok(t.stamp()
            .map_or_else(|| "—".to_owned(), |t| t.format(format).to_string()))
    }

    pub fn long(t: &impl Stamp) -> askama::Result<String> {
        with(t, "%H giờ %M phút, ngày %d/%m/%Y")
    }

    pub fn short(t: &impl Stamp) -> askama::Result<String> {
        with(t, "%H:%M %d/%m/%Y")
    }

    pub fn day(t: &impl Stamp) -> askama::Result<String> {
        with(t, "%d/%m/%Y")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_dates_read_as_on_paper() {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(9, 5, 0)
            .unwrap();
        assert_eq!(place_of("Tỉnh Hưng Yên"), "Hưng Yên");
        assert_eq!(place_of("Thành phố Hà Nội"), "Hà Nội");
        assert_eq!(
            place_date("Hưng Yên", t),
            "Hưng Yên, ngày 02 tháng 03 năm 2026"
        );
        assert_eq!(place_date("", t), "ngày 02 tháng 03 năm 2026");
        assert_eq!(
            filters::long(&t).unwrap(),
            "09 giờ 05 phút, ngày 02/03/2026"
        );
        assert_eq!(filters::short(&Some(t)).unwrap(), "09:05 02/03/2026");
        assert_eq!(filters::day(&None::<NaiveDateTime>).unwrap(), "—");
    }

    #[test]
    fn the_qr_code_is_inline_svg() {
        let svg = lookup_qr("http://example.org/tra-cuu?ma=H31.36-260302-0001").unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(svg.contains("<path") || svg.contains("<rect"));
        assert!(!svg.contains("<?xml"));
    }
}
