//! `/`: the home page.

use super::{Layout, ok};
use crate::auth::CurrentUser;
use askama::Template;
use axum::response::Response;

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    layout: Layout,
    greeting: Option<String>,
}

/// GET `/`: open to everyone; signed-in users see their entry points.
pub async fn get(current: Option<CurrentUser>) -> Response {
    ok(&Home {
        layout: Layout::new("Trang chủ", current.as_ref(), "home"),
        greeting: current.map(|c| c.user.display_name),
    })
}
