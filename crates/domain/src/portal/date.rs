//! Portal dates `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh local time (docs/DOMAIN.md), parsed by
//! hand: fourteen ASCII digits, no allocation.

use chrono::{NaiveDate, NaiveDateTime};

/// Parses `20260105143000`; `None` unless it is exactly fourteen digits forming a valid date
/// and time.
#[must_use]
pub fn parse_date(s: &str) -> Option<NaiveDateTime> {
    let b: &[u8; 14] = s.as_bytes().try_into().ok()?;
    if !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = |from: usize, to: usize| {
        b[from..to]
            .iter()
            .fold(0_u32, |acc, d| acc * 10 + u32::from(d - b'0'))
    };
    let year = i32::try_from(n(0, 4)).ok()?;
    NaiveDate::from_ymd_opt(year, n(4, 6), n(6, 8))?.and_hms_opt(n(8, 10), n(10, 12), n(12, 14))
}

/// The date as a fourteen-digit number (`20260105143000` sent unquoted).
#[must_use]
pub fn parse_date_number(n: i64) -> Option<NaiveDateTime> {
    if !(10_000_000_000_000..100_000_000_000_000).contains(&n) {
        return None;
    }
    let mut digits = [0_u8; 14];
    let mut rest = n;
    for d in digits.iter_mut().rev() {
        *d = b'0' + u8::try_from(rest % 10).ok()?;
        rest /= 10;
    }
    parse_date(std::str::from_utf8(&digits).ok()?)
}

/// Formats a local time as `yyyyMMddHHmmss`.
#[must_use]
pub fn format_date(t: NaiveDateTime) -> String {
    t.format("%Y%m%d%H%M%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fourteen_digits_make_a_local_time() {
        let t = parse_date("20260105143000").unwrap();
        assert_eq!(t.to_string(), "2026-01-05 14:30:00");
        assert_eq!(format_date(t), "20260105143000");
        assert_eq!(parse_date_number(20_260_105_143_000), Some(t));
        assert_eq!(
            parse_date("20240229235959").unwrap().to_string(),
            "2024-02-29 23:59:59"
        );
    }

    #[test]
    fn anything_else_is_not_a_date() {
        for bad in [
            "",
            "2026010514300",
            "202601051430000",
            "2026-01-05T14:30",
            "20260230143000",
            "20261305143000",
            "20260105243000",
            "20260105146000",
            "2026010514300a",
            "20250229000000",
            "２０２６０１０５１４３０００",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(parse_date_number(2_026_010_514_300), None);
    }
}
