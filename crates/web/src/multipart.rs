//! `multipart/form-data` bodies (forms that upload files), read with axum's `Multipart`
//! extractor. The callers have the body in memory already, its size checked against the upload
//! limit: the CSRF check reads the token field, the plan's report forms every field and file.

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request};
use axum::http::header;
use std::convert::Infallible;
use tower::{Layer, ServiceExt, service_fn};

/// One part of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    /// The file name the browser sent, for a file field (may be empty when no file was chosen).
    pub filename: Option<String>,
    pub data: Bytes,
}

impl Part {
    /// The data as text (lossy UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.data).into_owned()
    }
}

/// The most parts a form may have.
pub const MAX_PARTS: usize = 64;

/// Whether `content_type` is `multipart/form-data` (its boundary is checked when read).
pub fn is_multipart(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .is_some_and(|kind| kind.trim().eq_ignore_ascii_case("multipart/form-data"))
}

/// Every part of `body`, in order; `None` for a body that is not well-formed `multipart/form-data`
/// of `content_type`, a nameless part or more than [`MAX_PARTS`] parts. The caller has limited
/// the body's size, so axum's default limit is lifted for this reading.
pub async fn parts(content_type: &str, body: Bytes) -> Option<Vec<Part>> {
    let request = Request::builder()
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .ok()?;
    let read =
        service_fn(
            |request: Request| async move { Ok::<_, Infallible>(read_parts(request).await) },
        );
    let lifted = DefaultBodyLimit::disable().layer(read);
    lifted.oneshot(request).await.ok().flatten()
}

async fn read_parts(request: Request) -> Option<Vec<Part>> {
    let mut form = Multipart::from_request(request, &()).await.ok()?;
    let mut parts = Vec::new();
    while let Some(field) = form.next_field().await.ok()? {
        if parts.len() == MAX_PARTS {
            return None;
        }
        let name = field.name()?.to_owned();
        let filename = field.file_name().map(str::to_owned);
        let data = field.bytes().await.ok()?;
        parts.push(Part {
            name,
            filename,
            data,
        });
    }
    Some(parts)
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

    fn content_type() -> String {
        format!("multipart/form-data; boundary={BOUNDARY}")
    }

    fn body(parts: &[(&str, Option<&str>, &[u8])]) -> Bytes {
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
        Bytes::from(out)
    }

    #[tokio::test]
    async fn fields_and_files_are_read_with_their_bytes() {
        let pdf: &[u8] = b"%PDF\r\n--not-a-boundary\r\n\x00\xff";
        let raw = body(&[
            ("csrf_token", None, b"abc"),
            ("note", None, "Đã làm \"xong\"".as_bytes()),
            ("files", Some("Báo cáo.pdf"), pdf),
        ]);
        let parts = parts(&content_type(), raw).await.unwrap();
        assert_eq!(parts.len(), 3);
        assert_eq!(field(&parts, "csrf_token").unwrap().text(), "abc");
        assert_eq!(field(&parts, "note").unwrap().text(), "Đã làm \"xong\"");
        assert_eq!(parts[2].filename.as_deref(), Some("Báo cáo.pdf"));
        assert_eq!(parts[2].data, pdf);
        assert!(
            field(&parts, "files").is_none(),
            "a file is not a text field"
        );
    }

    #[tokio::test]
    async fn a_body_past_axums_default_limit_is_read_whole() {
        let big = vec![b'x'; 3 << 20];
        let raw = body(&[("files", Some("a.pdf"), &big), ("csrf_token", None, b"abc")]);
        let parts = parts(&content_type(), raw).await.unwrap();
        assert_eq!(parts[0].data.len(), big.len());
        assert_eq!(field(&parts, "csrf_token").unwrap().text(), "abc");
    }

    #[tokio::test]
    async fn broken_bodies_and_content_types() {
        assert!(is_multipart("multipart/form-data; boundary=\"a b\""));
        assert!(is_multipart("Multipart/Form-Data; boundary=x"));
        assert!(!is_multipart("application/x-www-form-urlencoded"));
        let good = body(&[("a", None, b"1")]);
        assert!(parts(&content_type(), good.clone()).await.is_some());
        assert!(parts("multipart/form-data", good.clone()).await.is_none());
        let cut = good.slice(..good.len() - 12);
        assert!(parts(&content_type(), cut).await.is_none());
        let nothing = Bytes::from_static(b"nothing here");
        assert!(parts(&content_type(), nothing).await.is_none());
        let nameless =
            format!("--{BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nx\r\n--{BOUNDARY}--\r\n");
        assert!(
            parts(&content_type(), Bytes::from(nameless))
                .await
                .is_none()
        );
        let many: Vec<(&str, Option<&str>, &[u8])> =
            (0..=MAX_PARTS).map(|_| ("a", None, &b"1"[..])).collect();
        assert!(parts(&content_type(), body(&many)).await.is_none());
        let most: Vec<(&str, Option<&str>, &[u8])> =
            (0..MAX_PARTS).map(|_| ("a", None, &b"1"[..])).collect();
        assert!(parts(&content_type(), body(&most)).await.is_some());
    }
}
