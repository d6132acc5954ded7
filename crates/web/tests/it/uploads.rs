//! Forms with files (`multipart/form-data`), read with axum's multipart support: the CSRF token
//! is found wherever the form puts it, a wrong or missing one is refused, a body past the upload
//! limit is refused whole, and a broken body is a bad request.

use crate::support::{Reply, TestApp, each_backend};
use axum::body::Body;
use axum::http::Request;

const SPECIALIST: &str = "chuyenvien";
const REPORT: &str = "/ke-hoach/muc-tieu/KH204-2023~MT~3.a/bao-cao";
const BOUNDARY: &str = "----cchcUploadBoundary";

/// A part: (name, file name, bytes).
type Part<'a> = (&'a str, Option<&'a str>, &'a [u8]);

fn multipart(parts: &[Part<'_>]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, file, data) in parts {
        let head = match file {
            Some(f) => format!(
                "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                 Content-Type: application/pdf"
            ),
            None => format!("Content-Disposition: form-data; name=\"{name}\""),
        };
        body.extend_from_slice(format!("--{BOUNDARY}\r\n{head}\r\n\r\n").as_bytes());
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Posts `body` to the report form with the session of the specialist; `csrf_header` sends the
/// token as the `x-csrf-token` header.
async fn post(app: &TestApp, cookie: &str, body: Vec<u8>, csrf_header: Option<&str>) -> Reply {
    let mut req = Request::builder()
        .method("POST")
        .uri(REPORT)
        .header("cookie", cookie)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        );
    if let Some(token) = csrf_header {
        req = req.header("x-csrf-token", token);
    }
    app.send(req.body(Body::from(body)).unwrap()).await
}

const FIELDS: [(&str, &str); 5] = [
    ("threshold", "2"),
    ("period_start", "2023-01-01"),
    ("period_end", "2023-06-30"),
    ("value", "1,5"),
    ("note", "Giảm 24 biên chế"),
];

fn report<'a>(csrf: &'a str, file: &'a [u8]) -> Vec<Part<'a>> {
    let mut parts: Vec<Part<'a>> = vec![("files", Some("Báo cáo.pdf"), file)];
    parts.extend(FIELDS.iter().map(|(k, v)| (*k, None, v.as_bytes())));
    parts.push(("csrf_token", None, csrf.as_bytes()));
    parts
}

#[tokio::test]
async fn the_csrf_token_is_read_after_a_file_past_axums_default_limit() {
    each_backend(|app| async move {
        let (cookie, csrf) = app.session(SPECIALIST).await;
        let mut pdf = b"%PDF-1.4\n".to_vec();
        pdf.resize(3 << 20, b' ');
        let missing: Vec<Part<'_>> = report(&csrf, &pdf)
            .into_iter()
            .filter(|p| p.0 != "csrf_token")
            .collect();
        let reply = post(&app, &cookie, multipart(&missing), None).await;
        assert_eq!(reply.status, 403, "{}", reply.body);
        assert!(reply.body.contains("CSRF"));
        let wrong = post(
            &app,
            &cookie,
            multipart(&report("not-the-token", &pdf)),
            None,
        )
        .await;
        assert_eq!(wrong.status, 403);
        let ok = post(&app, &cookie, multipart(&report(&csrf, &pdf)), None).await;
        assert_eq!(ok.status, 303, "{}", ok.body);
        assert!(ok.header("location").ends_with("?done=1"));
    })
    .await;
}

#[tokio::test]
async fn a_body_past_the_upload_limit_is_refused() {
    each_backend(|app| async move {
        let (cookie, csrf) = app.session(SPECIALIST).await;
        let huge = vec![b'x'; cchc_web::auth::UPLOAD_LIMIT + 1];
        let reply = post(&app, &cookie, multipart(&report(&csrf, &huge)), None).await;
        assert_eq!(reply.status, 413, "{}", reply.body);
        let header_token = post(
            &app,
            &cookie,
            multipart(&report("", &huge)),
            Some(csrf.as_str()),
        )
        .await;
        assert_eq!(header_token.status, 413, "the route's limit is the same");
    })
    .await;
}

#[tokio::test]
async fn a_broken_multipart_body_is_a_bad_request() {
    each_backend(|app| async move {
        let (cookie, csrf) = app.session(SPECIALIST).await;
        let mut cut = multipart(&report(&csrf, b"%PDF-1.4"));
        cut.truncate(cut.len() - 12);
        let reply = post(&app, &cookie, cut, Some(csrf.as_str())).await;
        assert_eq!(reply.status, 400, "{}", reply.body);
        let body =
            format!("--{BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nx\r\n--{BOUNDARY}--\r\n");
        let nameless = post(&app, &cookie, body.into_bytes(), Some(csrf.as_str())).await;
        assert_eq!(nameless.status, 400, "{}", nameless.body);
    })
    .await;
}
