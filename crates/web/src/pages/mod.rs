//! Server-rendered Vietnamese pages (askama templates in `templates/`, auto-escaped and
//! compiled into the binary). Every page extends `base.html` through a `Layout`.

pub mod account;
pub mod admin_audit;
pub mod admin_users;
pub mod error;
pub mod form_view;
pub mod forms;
pub mod home;
pub mod kpi;
pub mod login;
pub mod lookup;
pub mod office;
pub mod org;
pub mod plan;
pub mod register;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::nav;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// One navigation link as rendered.
pub struct NavLink {
    pub key: &'static str,
    pub href: &'static str,
    pub label: &'static str,
    pub active: bool,
}

/// The signed-in user as the header shows them.
pub struct HeaderUser {
    pub display_name: String,
    pub role_label: &'static str,
}

/// What the base layout needs: the title, the user, the navigation and the CSRF token of
/// the logout form.
pub struct Layout {
    pub title: String,
    pub user: Option<HeaderUser>,
    pub nav: Vec<NavLink>,
    pub csrf_token: String,
}

impl Layout {
    /// The layout for `current` (or an anonymous visitor), with `active` the key of the
    /// navigation entry of this page.
    pub fn new(title: &str, current: Option<&CurrentUser>, active: &str) -> Layout {
        let nav = nav::for_role(current.map(CurrentUser::role))
            .into_iter()
            .map(|e| NavLink {
                key: e.key,
                href: e.href,
                label: e.label,
                active: e.key == active,
            })
            .collect();
        Layout {
            title: title.to_owned(),
            user: current.map(|c| HeaderUser {
                display_name: c.user.display_name.clone(),
                role_label: c.role().label_vi(),
            }),
            nav,
            csrf_token: current
                .map(|c| c.csrf_token().to_owned())
                .unwrap_or_default(),
        }
    }
}

/// Renders a template as an HTML response with `status`.
pub fn render<T: Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(err) => AppError::internal(err).into_response(),
    }
}

/// Renders a template with 200.
pub fn ok<T: Template>(page: &T) -> Response {
    render(StatusCode::OK, page)
}
