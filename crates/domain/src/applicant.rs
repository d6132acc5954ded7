//! Checks of an applicant's personal data at the edge, before anything is stored.

/// Longest name, in characters.
pub const MAX_NAME: usize = 200;
/// Longest address, in characters.
pub const MAX_ADDRESS: usize = 300;

/// Checks a name, an identity number (9–13 digits: CCCD has 12, the old CMND 9, a tax code
/// 10 or 13), a phone (9–11 digits, optionally `+84` for the leading 0; spaces, dots and dashes
/// ignored) and an address. The messages never repeat the value.
pub fn check(
    name: &str,
    id_number: Option<&str>,
    phone: Option<&str>,
    address: Option<&str>,
) -> Result<(), String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err(format!(
            "the applicant's name must have 1 to {MAX_NAME} characters"
        ));
    }
    if let Some(id) = id_number.map(str::trim).filter(|s| !s.is_empty())
        && !(id.chars().all(|c| c.is_ascii_digit()) && (9..=13).contains(&id.len()))
    {
        return Err("the identity number must have 9 to 13 digits".into());
    }
    if let Some(p) = phone.map(str::trim).filter(|s| !s.is_empty())
        && !is_phone(p)
    {
        return Err("the phone number must have 9 to 11 digits".into());
    }
    if address.is_some_and(|a| a.chars().count() > MAX_ADDRESS) {
        return Err(format!(
            "the address must have at most {MAX_ADDRESS} characters"
        ));
    }
    Ok(())
}

fn is_phone(p: &str) -> bool {
    let rest = p.strip_prefix("+84").unwrap_or(p);
    let kept: String = rest
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    let digits = kept.len() + usize::from(rest.len() != p.len());
    kept.chars().all(|c| c.is_ascii_digit()) && (9..=11).contains(&digits)
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_usual_values() {
        assert!(
            check(
                "Nguyễn Văn An",
                Some("001203004005"),
                Some("0912 345 678"),
                Some("Phố Hiến")
            )
            .is_ok()
        );
        assert!(
            check(
                "Công ty TNHH A",
                Some("0101234567"),
                Some("+84912345678"),
                None
            )
            .is_ok()
        );
        assert!(check("Lê B", None, Some(""), None).is_ok());
    }

    #[test]
    fn refuses_bad_values_without_echoing_them() {
        let bad_id = check("Lê B", Some("00120300400X"), None, None).unwrap_err();
        assert!(!bad_id.contains("00120300400X"));
        assert!(check("  ", None, None, None).is_err());
        assert!(check("Lê B", Some("123"), None, None).is_err());
        assert!(check("Lê B", None, Some("12345"), None).is_err());
        assert!(check("Lê B", None, Some("09123456789012"), None).is_err());
        assert!(check("Lê B", None, None, Some(&"x".repeat(301))).is_err());
        assert!(check(&"A".repeat(201), None, None, None).is_err());
    }
}
