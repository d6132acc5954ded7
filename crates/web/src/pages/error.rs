//! The Vietnamese error page (403, 404, 405, 500 …).

use super::{Layout, render as render_page};
use crate::auth::CurrentUser;
use crate::error::AppError;
use askama::Template;
use axum::response::Response;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    layout: Layout,
    heading: &'static str,
    status: u16,
    message: &'a str,
}

fn heading(status: u16) -> &'static str {
    match status {
        400 => "Yêu cầu không hợp lệ",
        403 => "Không có quyền truy cập",
        404 => "Không tìm thấy",
        405 => "Phương thức không được hỗ trợ",
        429 => "Quá nhiều yêu cầu",
        s if s >= 500 => "Lỗi hệ thống",
        _ => "Không thực hiện được yêu cầu",
    }
}

/// The page for `error`, shown to `viewer`.
pub fn render(viewer: Option<&CurrentUser>, error: &AppError) -> Response {
    let title = heading(error.status.as_u16());
    let page = ErrorPage {
        layout: Layout::new(title, viewer, ""),
        heading: title,
        status: error.status.as_u16(),
        message: &error.message,
    };
    render_page(error.status, &page)
}
