//! Gives every error response its surface: the JSON envelope on `/api` routes and `/metrics`
//! (including axum's own 404, 405, 413 and extractor rejections), a Vietnamese HTML page elsewhere,
//! and for 401 on a page a redirect to `/login?next=…`.

use crate::auth::Viewer;
use crate::error::AppError;
use crate::observe::RequestId;
use crate::pages;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// Whether `path` belongs to the JSON API.
pub fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// Whether errors on `path` take the JSON envelope: the API, and the metrics (read by
/// machines).
fn has_json_errors(path: &str) -> bool {
    is_api(path) || path == crate::metrics::PATH
}

/// The router's fallback: 404 with the envelope or the page.
pub async fn not_found() -> AppError {
    AppError::from_status(StatusCode::NOT_FOUND)
}

/// The middleware.
pub async fn layer(req: Request, next: Next) -> Response {
    let api = has_json_errors(req.uri().path());
    let back_to = login_target(&req);
    let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let error = response.extensions().get::<AppError>().cloned();
    if error.is_none() && has_own_body(&response, api) {
        return response;
    }
    let mut error = error.unwrap_or_else(|| AppError::from_status(status));
    if status.is_server_error()
        && let Some(id) = request_id
    {
        // The fault's detail is in the log under this id; the caller gets only the id.
        error.message = format!("{} Mã yêu cầu: {id}.", error.message);
        error.details = serde_json::json!({ "request_id": id });
    }
    if api {
        return rebuild(response, error.into_response());
    }
    if status == StatusCode::UNAUTHORIZED {
        return login_redirect(&back_to);
    }
    let viewer = response.extensions().get::<Viewer>().map(|v| v.0.clone());
    rebuild(response, pages::error::render(viewer.as_ref(), &error))
}

/// A response a handler built on purpose: a JSON body (the API, `/healthz`), or an HTML page
/// off the API (such as the login form answered with 401).
fn has_own_body(response: &Response, api: bool) -> bool {
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    content_type.starts_with("application/json") || (!api && content_type.starts_with("text/html"))
}

/// Keeps headers such as `Allow` and `Set-Cookie` of the original response.
fn rebuild(original: Response, mut replacement: Response) -> Response {
    let keep = [header::ALLOW, header::SET_COOKIE, header::RETRY_AFTER];
    for name in keep {
        for value in original.headers().get_all(&name) {
            replacement
                .headers_mut()
                .append(name.clone(), value.clone());
        }
    }
    *replacement.status_mut() = original.status();
    replacement
}

fn login_target(req: &Request) -> String {
    let uri = req.uri();
    if req.method() == Method::GET {
        uri.path_and_query().map_or("/", |p| p.as_str()).to_owned()
    } else {
        uri.path().to_owned()
    }
}

/// 303 to the login page, coming back to `next` afterwards.
pub fn login_redirect(next: &str) -> Response {
    let query = serde_urlencoded::to_string([("next", next)]).unwrap_or_default();
    let mut response = Redirect::to(&format!("/login?{query}")).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
