//! Masking of personal names for public pages: the family name stays, every other word keeps
//! its first letter followed by two stars (the length of the word is not revealed).

/// Masks `name`: "Nguyễn Văn An" → "Nguyễn V** A**". Whitespace is normalised to single
/// spaces; an empty name gives an empty string.
#[must_use]
pub fn mask_name(name: &str) -> String {
    let mut words = name.split_whitespace();
    let Some(family) = words.next() else {
        return String::new();
    };
    let mut out = family.to_owned();
    for word in words {
        out.push(' ');
        if let Some(first) = word.chars().next() {
            out.push(first);
        }
        out.push_str("**");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::mask_name;

    #[test]
    fn keeps_the_family_name_and_initials() {
        assert_eq!(mask_name("Nguyễn Văn An"), "Nguyễn V** A**");
        assert_eq!(mask_name("  Trần   Thị  Ánh Nguyệt "), "Trần T** Á** N**");
        assert_eq!(mask_name("Đặng"), "Đặng");
        assert_eq!(mask_name("   "), "");
        assert_eq!(mask_name("Lê Ý"), "Lê Ý**");
    }
}
