//! Resolves the caller's credential once per request and checks CSRF on every unsafe
//! request that rides on a session cookie.
//!
//! `Authorization: Bearer` counts on `/api` routes only; pages use the session cookie. An
//! unknown or expired session cookie is ignored (the caller is anonymous); an unknown bearer
//! token is remembered as invalid so that the extractors answer 401.

use super::{Credential, Viewer, cookies, current_user};
use crate::error::AppError;
use crate::multipart;
use crate::state::AppState;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cchc_store::Store;

/// Header carrying the CSRF token on API calls made with a session.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Largest form body read for the CSRF check.
const FORM_LIMIT: usize = 1 << 20;
/// Largest `multipart/form-data` body (forms with evidence files).
pub const UPLOAD_LIMIT: usize = 24 << 20;

/// The authentication middleware.
pub async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path.starts_with("/static/") {
        return next.run(req).await;
    }
    let api = path.starts_with("/api/");
    let credential = match resolve(&state.store, req.headers(), api).await {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    if let Some(Credential::Session { csrf_token, .. }) = &credential
        && !req.method().is_safe()
    {
        req = match check_csrf(req, csrf_token).await {
            Ok(req) => req,
            Err(e) => return e.into_response(),
        };
    }
    if let Some(c) = credential {
        req.extensions_mut().insert(c);
    }
    let (parts, body) = req.into_parts();
    let viewer = current_user(&parts).ok().flatten();
    let mut response = next.run(Request::from_parts(parts, body)).await;
    if let Some(user) = viewer {
        response.extensions_mut().insert(Viewer(user));
    }
    response
}

async fn resolve(
    store: &Store,
    headers: &HeaderMap,
    api: bool,
) -> Result<Option<Credential>, AppError> {
    if api && let Some(value) = headers.get(header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|t| !t.is_empty() && t.len() <= 256);
        let Some(token) = token else {
            return Ok(Some(Credential::Invalid));
        };
        return Ok(Some(match store.token_user(token).await? {
            Some((user, scope)) => Credential::Token { user, scope },
            None => Credential::Invalid,
        }));
    }
    let Some(secret) = cookies::get(headers, cookies::SESSION).filter(|s| cookies::is_secret(s))
    else {
        return Ok(None);
    };
    Ok(store.session(secret).await?.map(|s| Credential::Session {
        user: s.user,
        csrf_token: s.csrf_token,
    }))
}

fn csrf_rejected() -> AppError {
    AppError::new(
        axum::http::StatusCode::FORBIDDEN,
        "csrf",
        "Mã chống giả mạo biểu mẫu (CSRF) thiếu hoặc không đúng. Vui lòng tải lại trang và thử lại.",
    )
}

/// Accepts the request when the `x-csrf-token` header, or the `csrf_token` field of a form
/// body (urlencoded or multipart), equals the session's token. The body is read and put back.
async fn check_csrf(req: Request, expected: &str) -> Result<Request, AppError> {
    if let Some(sent) = req.headers().get(CSRF_HEADER) {
        let ok = sent
            .to_str()
            .is_ok_and(|s| cookies::same_secret(s, expected));
        return if ok { Ok(req) } else { Err(csrf_rejected()) };
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let upload = multipart::is_multipart(&content_type);
    if !upload && !content_type.starts_with("application/x-www-form-urlencoded") {
        return Err(csrf_rejected());
    }
    let limit = if upload { UPLOAD_LIMIT } else { FORM_LIMIT };
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, limit)
        .await
        .map_err(|_| AppError::from_status(axum::http::StatusCode::PAYLOAD_TOO_LARGE))?;
    let ok = if upload {
        multipart::parts(&content_type, bytes.clone())
            .await
            .and_then(|p| multipart::field(&p, "csrf_token").map(multipart::Part::text))
            .is_some_and(|v| cookies::same_secret(&v, expected))
    } else {
        let fields: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        fields
            .iter()
            .any(|(k, v)| k == "csrf_token" && cookies::same_secret(v, expected))
    };
    if !ok {
        return Err(csrf_rejected());
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}
