//! GET `/ke-hoach/minh-chung/{id}`: an evidence file, for staff, as an attachment with its
//! stored type (never rendered inline, so an uploaded file cannot run in the site's origin).

use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// `attachment; filename="…"; filename*=UTF-8''…` for a stored file name.
pub fn disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// GET `/ke-hoach/minh-chung/{id}`.
pub async fn get(
    staff: Staff,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let actor = staff.current.actor();
    let file = cchc_app::plan::read::evidence_file(&state.app, &actor, id).await?;
    let content_type = HeaderValue::from_str(&file.info.content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    let disposition =
        HeaderValue::from_str(&disposition(&file.info.file_name)).map_err(AppError::internal)?;
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CONTENT_DISPOSITION, disposition),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
    ];
    Ok((headers, file.content).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_quoted_safely() {
        assert_eq!(
            disposition("Báo cáo \"6\".pdf"),
            "attachment; filename=\"B_o c_o _6_.pdf\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%226%22.pdf"
        );
    }
}
