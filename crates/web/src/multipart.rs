//! A small reader of `multipart/form-data` bodies (RFC 7578), for forms that upload files:
//! the boundary from the content type, then each part's name, file name, type and bytes.
//! The body is read whole first (its size is capped by the caller).

/// One part of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    /// The file name the browser sent, for a file field (may be empty when no file was chosen).
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

impl Part {
    /// The data as text (lossy UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.data).into_owned()
    }
}

/// The most parts a form may have.
pub const MAX_PARTS: usize = 64;

/// The boundary of a `multipart/form-data` content type, if it is one.
pub fn boundary(content_type: &str) -> Option<String> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_owned())
            .filter(|b| !b.is_empty() && b.len() <= 70)
    })
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > haystack.len() {
        return None;
    }
    haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The value of `key="…"` in a `Content-Disposition` header (quotes and `%22` as browsers
/// write them).
fn disposition_param(header: &str, key: &str) -> Option<String> {
    let marker = format!("{key}=\"");
    let mut rest = header;
    while let Some(at) = rest.find(&marker) {
        let before = rest[..at].chars().last();
        if before.is_none_or(|c| c == ' ' || c == ';') {
            let value = &rest[at + marker.len()..];
            let end = value.find('"')?;
            return Some(value[..end].replace("%22", "\""));
        }
        rest = &rest[at + marker.len()..];
    }
    None
}

fn part(raw: &[u8]) -> Result<Part, String> {
    let split = find(raw, b"\r\n\r\n", 0).ok_or("a part has no header end")?;
    let head = String::from_utf8_lossy(&raw[..split]);
    let data = raw[split + 4..].to_vec();
    let mut name = None;
    let mut filename = None;
    let mut content_type = None;
    for line in head.split("\r\n") {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        if k.trim().eq_ignore_ascii_case("content-disposition") {
            name = disposition_param(v, "name");
            filename = disposition_param(v, "filename");
        } else if k.trim().eq_ignore_ascii_case("content-type") {
            content_type = Some(v.trim().to_owned());
        }
    }
    let name = name.ok_or("a part has no name")?;
    Ok(Part {
        name,
        filename,
        content_type,
        data,
    })
}

/// The parts of `body` delimited by `boundary`.
pub fn parse(body: &[u8], boundary: &str) -> Result<Vec<Part>, String> {
    let delimiter = format!("--{boundary}");
    let next = format!("\r\n--{boundary}");
    let mut at = find(body, delimiter.as_bytes(), 0).ok_or("no first boundary")? + delimiter.len();
    let mut parts = Vec::new();
    loop {
        if body[at..].starts_with(b"--") {
            return Ok(parts);
        }
        if !body[at..].starts_with(b"\r\n") {
            return Err("a boundary is not followed by a line end".into());
        }
        let start = at + 2;
        let end = find(body, next.as_bytes(), start).ok_or("a part is not closed")?;
        parts.push(part(&body[start..end])?);
        if parts.len() > MAX_PARTS {
            return Err("too many parts".into());
        }
        at = end + next.len();
    }
}

/// The first text field `name` of `parts`.
pub fn field<'a>(parts: &'a [Part], name: &str) -> Option<&'a Part> {
    parts
        .iter()
        .find(|p| p.name == name && p.filename.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDARY: &str = "----cchcBoundary7MA4YWxk";

    fn body(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, file, data) in parts {
            out.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
            let disposition = match file {
                Some(f) => format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                     Content-Type: application/pdf\r\n"
                ),
                None => format!("Content-Disposition: form-data; name=\"{name}\"\r\n"),
            };
            out.extend_from_slice(disposition.as_bytes());
            out.extend_from_slice(b"\r\n");
            out.extend_from_slice(data);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        out
    }

    #[test]
    fn fields_and_files_are_read_with_their_bytes() {
        let pdf: &[u8] = b"%PDF\r\n--not-a-boundary\r\n\x00\xff";
        let raw = body(&[
            ("csrf_token", None, b"abc"),
            ("note", None, "Đã làm \"xong\"".as_bytes()),
            ("files", Some("Báo cáo.pdf"), pdf),
            ("files", Some(""), b""),
        ]);
        let ct = format!("multipart/form-data; boundary={BOUNDARY}");
        let parts = parse(&raw, &boundary(&ct).unwrap()).unwrap();
        assert_eq!(parts.len(), 4);
        assert_eq!(field(&parts, "csrf_token").unwrap().text(), "abc");
        assert_eq!(field(&parts, "note").unwrap().text(), "Đã làm \"xong\"");
        assert_eq!(parts[2].filename.as_deref(), Some("Báo cáo.pdf"));
        assert_eq!(parts[2].content_type.as_deref(), Some("application/pdf"));
        assert_eq!(parts[2].data, pdf);
        assert_eq!(parts[3].filename.as_deref(), Some(""));
        assert!(
            field(&parts, "files").is_none(),
            "a file is not a text field"
        );
    }

    #[test]
    fn boundaries_and_broken_bodies() {
        assert_eq!(
            boundary("multipart/form-data; boundary=\"a b\"").as_deref(),
            Some("a b")
        );
        assert_eq!(boundary("application/x-www-form-urlencoded"), None);
        assert_eq!(boundary("multipart/form-data"), None);
        assert_eq!(boundary("multipart/form-data; boundary="), None);
        let good = body(&[("a", None, b"1")]);
        assert!(parse(&good, BOUNDARY).is_ok());
        assert!(parse(&good[..good.len() - 12], BOUNDARY).is_err());
        assert!(parse(b"nothing here", BOUNDARY).is_err());
        let nameless =
            format!("--{BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nx\r\n--{BOUNDARY}--");
        assert!(
            parse(nameless.as_bytes(), BOUNDARY)
                .unwrap_err()
                .contains("name")
        );
        let many: Vec<(&str, Option<&str>, &[u8])> =
            (0..=MAX_PARTS).map(|_| ("a", None, &b"1"[..])).collect();
        assert!(
            parse(&body(&many), BOUNDARY)
                .unwrap_err()
                .contains("too many")
        );
    }
}
