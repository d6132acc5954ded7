//! `/login` and `/logout`: the login form with its pre-session CSRF cookie, the rate limit,
//! password checks off the runtime, and server-side sessions.

use super::{Layout, render};
use crate::auth::client::ClientAddress;
use crate::auth::{CurrentUser, cookies, password};
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use cchc_domain::auth::new_secret;
use cchc_store::accounts::User;
use serde::Deserialize;

/// Lifetime of the login form's CSRF cookie.
const LOGIN_CSRF_SECS: i64 = 60 * 60;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    layout: Layout,
    error: Option<&'a str>,
    csrf_token: &'a str,
    next: &'a str,
    username: &'a str,
}

/// Query of `GET /login`.
#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    pub next: Option<String>,
}

/// Fields of the login form. All default to empty, so a missing CSRF token is a 403 and
/// not a parse error.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    pub username: String,
    pub password: String,
    pub csrf_token: String,
    pub next: String,
}

/// Where to go after logging in: a local path only (no open redirect).
pub fn safe_next(next: &str) -> &str {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(char::is_control);
    let pointless = next.starts_with("/login") || next.starts_with("/logout");
    if local && !pointless { next } else { "/" }
}

fn page(
    status: StatusCode,
    error: Option<&str>,
    csrf: &str,
    next: &str,
    username: &str,
) -> Response {
    render(
        status,
        &LoginPage {
            layout: Layout::new("Đăng nhập", None, "login"),
            error,
            csrf_token: csrf,
            next,
            username,
        },
    )
}

/// GET `/login`: the form, with a CSRF token in a cookie and in the form.
pub async fn get(
    State(state): State<AppState>,
    current: Option<CurrentUser>,
    headers: HeaderMap,
    Query(query): Query<LoginQuery>,
) -> Response {
    let next = safe_next(query.next.as_deref().unwrap_or("/"));
    if current.is_some() {
        return Redirect::to(next).into_response();
    }
    let csrf = cookies::get(&headers, cookies::LOGIN_CSRF)
        .filter(|c| cookies::is_secret(c))
        .map_or_else(new_secret, str::to_owned);
    let mut response = page(StatusCode::OK, None, &csrf, next, "");
    let cookie = cookies::set(
        cookies::LOGIN_CSRF,
        &csrf,
        LOGIN_CSRF_SECS,
        state.config.secure_cookies,
    );
    response.headers_mut().append(header::SET_COOKIE, cookie);
    response
}

/// The login form's CSRF pair: the cookie set by `GET /login` and the form field agree.
fn check_login_csrf(cookie: &str, field: &str) -> Result<(), AppError> {
    if cookies::same_secret(cookie, field) {
        return Ok(());
    }
    Err(AppError::new(
        StatusCode::FORBIDDEN,
        "csrf",
        "Biểu mẫu đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang đăng nhập.",
    ))
}

/// Opens a session for `user` and sends them on to `next`.
async fn open_session(state: &AppState, user: &User, next: &str) -> Result<Response, AppError> {
    let ttl_ms = state.config.session_ttl_minutes.max(1) * 60_000;
    let (secret, _csrf) = state.store.create_session(user, ttl_ms).await?;
    let secure = state.config.secure_cookies;
    let mut response = Redirect::to(next).into_response();
    let h = response.headers_mut();
    h.append(
        header::SET_COOKIE,
        cookies::set(cookies::SESSION, &secret, ttl_ms / 1000, secure),
    );
    h.append(
        header::SET_COOKIE,
        cookies::clear(cookies::LOGIN_CSRF, secure),
    );
    Ok(response)
}

/// POST `/login`: checks the CSRF pair, the rate limit, then the password; opens a session.
pub async fn post(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let cookie = cookies::get(&headers, cookies::LOGIN_CSRF).unwrap_or("");
    check_login_csrf(cookie, &form.csrf_token)?;
    let next = safe_next(&form.next);
    let username = form.username.trim();
    if !state.limiter.try_attempt(username, &address) {
        let message = "Bạn đã thử đăng nhập quá nhiều lần. Vui lòng đợi một phút rồi thử lại.";
        let status = StatusCode::TOO_MANY_REQUESTS;
        let mut response = page(status, Some(message), cookie, next, username);
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return Ok(response);
    }
    match password::check(&state.store, username, &form.password).await? {
        Some(user) => open_session(&state, &user, next).await,
        None => {
            let message = "Tên đăng nhập hoặc mật khẩu không đúng.";
            let status = StatusCode::UNAUTHORIZED;
            Ok(page(status, Some(message), cookie, next, username))
        }
    }
}

/// POST `/logout`: ends the session (its CSRF token was checked by the middleware).
pub async fn logout(
    State(state): State<AppState>,
    current: Option<CurrentUser>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if let (Some(current), Some(secret)) = (&current, cookies::get(&headers, cookies::SESSION)) {
        state
            .store
            .delete_session(secret, &current.user.username)
            .await?;
    }
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::clear(cookies::SESSION, state.config.secure_cookies),
    );
    Ok(response)
}
