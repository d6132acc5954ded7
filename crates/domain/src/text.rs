//! Text helpers: Unicode NFC normalisation and Vietnamese diacritic folding for search.

use unicode_normalization::UnicodeNormalization;

/// Returns `s` trimmed and in Unicode NFC, the form every stored name uses.
pub fn nfc(s: &str) -> String {
    s.trim().nfc().collect()
}

/// Folds Vietnamese text for search: lower case, diacritics removed, đ → d.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_including_d_bar() {
        assert_eq!(fold("Đài Phát thanh Hưng Yên"), "dai phat thanh hung yen");
        assert_eq!(fold("Sở Nội vụ"), "so noi vu");
    }

    #[test]
    fn nfc_composes_decomposed_input() {
        let decomposed = "Hu\u{31b}ng Yen";
        assert_eq!(nfc(decomposed), "Hưng Yen");
        assert_eq!(nfc("  Sở  "), "Sở");
    }
}
