//! The site's public address, printed on official forms (the QR code of the public lookup):
//! the configured `public_url` when set, else the request's `Host` header when it is a plain
//! `host[:port]`, so that a forged header can never end up on paper in any other shape.

use crate::state::AppState;
use axum::http::{HeaderMap, header};

/// Checks a configured public address: `http://` or `https://`, a plain host with an
/// optional port, an optional path; no user, query or fragment. Returns it without a
/// trailing `/`.
pub fn parse(text: &str) -> Result<String, String> {
    let text = text.trim();
    let bad = || format!("'{text}' is not a public address such as https://dichvucong.example.vn");
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or_else(bad)?;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path_fine = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '/');
    if !is_plain_host(authority) || !path.chars().all(path_fine) {
        return Err(bad());
    }
    Ok(text.trim_end_matches('/').to_owned())
}

/// Whether `text` is a plain `host[:port]`: a DNS name or IPv4 address, or an IPv6 address
/// in brackets, with an optional port of digits.
pub fn is_plain_host(text: &str) -> bool {
    let (host, port) = split_port(text);
    let port_fine = port.is_none_or(|p| {
        !p.is_empty()
            && p.len() <= 5
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u16>().is_ok()
    });
    port_fine && (is_dns_name(host) || is_bracketed_ipv6(host))
}

/// `host` and the text after its port colon, if any.
fn split_port(text: &str) -> (&str, Option<&str>) {
    if text.starts_with('[') {
        return match text.find(']') {
            Some(end) => match &text[end + 1..] {
                "" => (text, None),
                rest => match rest.strip_prefix(':') {
                    Some(port) => (&text[..=end], Some(port)),
                    None => (text, Some("")),
                },
            },
            None => (text, Some("")),
        };
    }
    match text.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (text, None),
    }
}

fn is_dns_name(host: &str) -> bool {
    let label_fine = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    !host.is_empty() && host.len() <= 253 && host.split('.').all(label_fine)
}

fn is_bracketed_ipv6(host: &str) -> bool {
    host.strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .is_some_and(|inner| inner.parse::<std::net::Ipv6Addr>().is_ok())
}

/// The public base URL: the configured one, else the request's plain `Host` over HTTPS when
/// the site sets secure cookies (over HTTP otherwise). Any other `Host` gives no URL.
pub fn base_url(state: &AppState, headers: &HeaderMap) -> Option<String> {
    if let Some(configured) = &state.config.public_url {
        return Some(configured.clone());
    }
    let host = headers.get(header::HOST)?.to_str().ok()?.trim();
    if !is_plain_host(host) {
        return None;
    }
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    Some(format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_hosts_pass() {
        for fine in [
            "cchc.hungyen.test",
            "localhost:8080",
            "127.0.0.1",
            "10.0.0.5:443",
            "[::1]:8080",
            "[2001:db8::1]",
        ] {
            assert!(is_plain_host(fine), "{fine}");
        }
        for bad in [
            "",
            "evil.test/path",
            "evil.test:80:80",
            "evil.test:",
            "evil.test:99999",
            "user@evil.test",
            "evil..test",
            "-evil.test",
            "evil.test.",
            "[::1",
            "[::1]x",
            "[nope]",
            "evil test",
            "evil.test?x=1",
            "evil.test#x",
        ] {
            assert!(!is_plain_host(bad), "{bad}");
        }
    }

    #[test]
    fn configured_addresses_are_checked_and_trimmed() {
        assert_eq!(
            parse("https://dichvucong.hungyen.gov.vn/").as_deref(),
            Ok("https://dichvucong.hungyen.gov.vn")
        );
        assert_eq!(
            parse("http://10.0.0.5:8080/cchc").as_deref(),
            Ok("http://10.0.0.5:8080/cchc")
        );
        for bad in [
            "dichvucong.hungyen.gov.vn",
            "ftp://x.vn",
            "https://",
            "https://user@x.vn",
            "https://x.vn/?a=1",
            "https://x.vn/#top",
            "https://x.vn/a b",
            "javascript:alert(1)",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
