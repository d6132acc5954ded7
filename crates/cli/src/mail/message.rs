//! The reminder e-mail as an RFC 5322 message: UTF-8 subject as RFC 2047 encoded words,
//! a base64 `text/plain; charset=utf-8` body (7-bit clean, so no SMTP extension is needed),
//! and a Message-ID made of the reminder, so that a copy sent twice is recognisably the same.

use chrono::{DateTime, FixedOffset};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A header value as RFC 2047 `B` encoded words of at most 75 characters, folded onto
/// continuation lines; plain ASCII text is left as it is.
pub fn encode_words(text: &str) -> String {
    if text.chars().all(|c| c.is_ascii() && !c.is_ascii_control()) {
        return text.to_owned();
    }
    // 45 bytes give 60 base64 characters: "=?UTF-8?B?" + 60 + "?=" is 72.
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
    }
    words.join("\r\n ")
}

/// What an e-mail says and to whom.
pub struct Mail<'a> {
    pub from: &'a str,
    pub to: &'a [String],
    pub subject: &'a str,
    pub body: &'a str,
    /// e.g. `<plan-reminder-12@cchc>`.
    pub message_id: &'a str,
    pub date: DateTime<FixedOffset>,
}

/// The message with CRLF line ends (the SMTP client adds the dot-stuffing).
pub fn render(mail: &Mail<'_>) -> String {
    let body = base64(mail.body.replace('\n', "\r\n").as_bytes());
    let mut lines: Vec<String> = vec![
        format!("From: {}", mail.from),
        format!("To: {}", mail.to.join(", ")),
        format!("Subject: {}", encode_words(mail.subject)),
        format!("Date: {}", mail.date.to_rfc2822()),
        format!("Message-ID: {}", mail.message_id),
        "MIME-Version: 1.0".into(),
        "Content-Type: text/plain; charset=utf-8".into(),
        "Content-Transfer-Encoding: base64".into(),
        String::new(),
    ];
    lines.extend(
        body.as_bytes()
            .chunks(76)
            .map(|c| String::from_utf8_lossy(c).into_owned()),
    );
    let mut out = lines.join("\r\n");
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn a_vietnamese_subject_becomes_short_encoded_words() {
        assert_eq!(encode_words("Reminder"), "Reminder");
        let subject = "Đôn đốc: nhiệm vụ 2.a (NV/2.a) của kế hoạch KH204-2023 còn 3 ngày làm việc";
        let encoded = encode_words(subject);
        let words: Vec<&str> = encoded.split("\r\n ").collect();
        assert!(words.len() > 1);
        assert!(
            words
                .iter()
                .all(|w| w.len() <= 75 && w.starts_with("=?UTF-8?B?") && w.ends_with("?="))
        );
        assert!(encoded.is_ascii());
        assert_eq!(
            words[0],
            "=?UTF-8?B?xJDDtG4gxJHhu5FjOiBuaGnhu4dtIHbhu6UgMi5hIChOVi8yLmEpIGPhu6dh?="
        );
    }
}
