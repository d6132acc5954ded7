//! One error type for every handler. It answers with the JSON envelope
//! `{"error":{"code","message","details"}}`; on HTML routes `error_surface` turns the same
//! error into a Vietnamese page (or a redirect to the login page for 401).
//! Internal failures are logged once, with the request id of the span, and never shown.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cchc_store::StoreError;
use serde_json::{Value, json};
use std::fmt::Display;

/// An error answered to the client. Cloned into the response extensions so that the error
/// surface can render it as a page.
#[derive(Debug, Clone)]
pub struct AppError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub details: Value,
}

impl AppError {
    /// An error with a status, a stable code and a Vietnamese message.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> AppError {
        AppError {
            status,
            code,
            message: message.into(),
            details: Value::Null,
        }
    }

    /// Adds machine-readable details.
    pub fn with_details(mut self, details: Value) -> AppError {
        self.details = details;
        self
    }

    /// 400 with `code`.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 401: no credentials, or credentials that are not valid.
    pub fn unauthenticated() -> AppError {
        AppError::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "Cần đăng nhập hoặc mã truy cập (token) hợp lệ.",
        )
    }

    /// 403 with a reason.
    pub fn forbidden(message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 403 for a unit outside the user's subtree.
    pub fn outside_unit() -> AppError {
        AppError::new(
            StatusCode::FORBIDDEN,
            "outside_unit",
            "Đơn vị này nằm ngoài phạm vi đơn vị của bạn.",
        )
    }

    /// 404 with a reason.
    pub fn not_found(message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 422 with a code and a reason.
    pub fn unprocessable(code: &'static str, message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }

    /// An internal failure (status 500). Logs `err` inside the request span, so with its
    /// request id; the client sees only a generic message.
    pub fn internal(err: impl Display) -> AppError {
        tracing::error!(error = %err, "internal error");
        AppError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Lỗi hệ thống. Vui lòng thử lại sau.",
        )
    }

    /// The error a status alone implies, for responses that carry no `AppError`
    /// (routing misses, 405, body limits, extractor rejections).
    pub fn from_status(status: StatusCode) -> AppError {
        let (code, message) = match status.as_u16() {
            400 => ("bad_request", "Yêu cầu không hợp lệ."),
            401 => return AppError::unauthenticated(),
            403 => ("forbidden", "Bạn không có quyền truy cập."),
            404 => ("not_found", "Không tìm thấy trang hoặc tài nguyên yêu cầu."),
            405 => ("method_not_allowed", "Phương thức không được hỗ trợ."),
            413 => ("payload_too_large", "Dữ liệu gửi lên quá lớn."),
            415 => ("unsupported_media_type", "Kiểu dữ liệu không được hỗ trợ."),
            422 => ("unprocessable", "Dữ liệu không hợp lệ."),
            429 => ("rate_limited", "Quá nhiều yêu cầu. Vui lòng thử lại sau."),
            503 => ("unavailable", "Dịch vụ tạm thời không sẵn sàng."),
            s if s >= 500 => ("internal", "Lỗi hệ thống. Vui lòng thử lại sau."),
            _ => ("error", "Yêu cầu không thành công."),
        };
        AppError::new(status, code, message)
    }

    /// The JSON envelope.
    pub fn envelope(&self) -> Value {
        json!({ "error": { "code": self.code, "message": self.message, "details": self.details } })
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> AppError {
        cchc_app::Error::from(err).into()
    }
}

impl From<cchc_app::Error> for AppError {
    fn from(err: cchc_app::Error) -> AppError {
        use cchc_app::Error as E;
        match err {
            E::NotFound { message, details } => AppError::not_found(message).with_details(details),
            E::Forbidden { code, message } => AppError::new(StatusCode::FORBIDDEN, code, message),
            E::Refused { vi, en } => AppError::new(StatusCode::CONFLICT, "action_refused", vi)
                .with_details(json!({ "en": en })),
            E::Invalid { message, fields } => {
                AppError::unprocessable("invalid", message).with_details(json!(fields))
            }
            E::BadRequest {
                code,
                message,
                fields,
            } => AppError::bad_request(code, message).with_details(json!(fields)),
            E::Conflict {
                code,
                message,
                details,
            } => AppError::new(StatusCode::CONFLICT, code, message).with_details(details),
            E::Unavailable {
                code,
                message,
                details,
            } => {
                AppError::new(StatusCode::SERVICE_UNAVAILABLE, code, message).with_details(details)
            }
            E::Internal(detail) => AppError::internal(detail),
        }
    }
}

impl From<cchc_app::kpi::live::KpiError> for AppError {
    fn from(err: cchc_app::kpi::live::KpiError) -> AppError {
        cchc_app::Error::from(err).into()
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = Json(self.envelope());
        let mut response = (self.status, body).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response.extensions_mut().insert(self);
        response
    }
}
