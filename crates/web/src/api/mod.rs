//! The JSON API `/api/v1`, with body extractors whose rejections use the error envelope.

pub mod audit;
pub mod dossier_write;
pub mod dossiers;
pub mod forms;
pub mod kpi;
pub mod me;
pub mod org;
pub mod public;
pub mod users;

use crate::error::AppError;
use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;
use serde_json::json;

/// A JSON body; a malformed or mistyped body is a 400/415/422 envelope with the reason.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(&rejection)),
        }
    }
}

fn json_rejection(rejection: &JsonRejection) -> AppError {
    let (code, message) = match rejection {
        JsonRejection::JsonDataError(_) => ("invalid_body", "Nội dung JSON không đúng cấu trúc."),
        JsonRejection::JsonSyntaxError(_) => ("malformed_json", "Nội dung JSON không đọc được."),
        JsonRejection::MissingJsonContentType(_) => (
            "unsupported_media_type",
            "Cần gửi nội dung kiểu application/json.",
        ),
        _ => ("bad_request", "Không đọc được nội dung gửi lên."),
    };
    AppError::new(rejection.status(), code, message).with_details(json!([rejection.body_text()]))
}

/// A `text/csv` body in UTF-8.
pub struct CsvBody(pub String);

impl<S: Send + Sync> FromRequest<S> for CsvBody {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_csv = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("text/csv"));
        if !is_csv {
            return Err(AppError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Cần gửi tệp kiểu text/csv.",
            ));
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|r| AppError::from_status(r.status()))?;
        String::from_utf8(bytes.to_vec()).map(CsvBody).map_err(|_| {
            AppError::bad_request("invalid_encoding", "Tệp CSV phải được mã hoá UTF-8.")
        })
    }
}
