//! The typed outcome of a use-case that did not succeed. The web maps it to the one JSON error
//! envelope (and to pages), the CLI to exit codes. An internal fault keeps its detail for the
//! log only: it is never shown to a user.

use cchc_domain::dossier::Refusal;
use cchc_store::StoreError;
use cchc_store::dossiers::DossierError;
use serde::Serialize;

/// One problem of the input, naming the field (form or JSON key) when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
}

impl FieldError {
    /// A problem of `field`.
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        FieldError {
            field: Some(field.to_owned()),
            message: message.into(),
        }
    }

    /// A problem of the input as a whole.
    pub fn general(message: impl Into<String>) -> Self {
        FieldError {
            field: None,
            message: message.into(),
        }
    }
}

/// Why a use-case did not succeed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Nothing of that name (or nothing the caller may know of); `details` may list what
    /// there is.
    #[error("{message}")]
    NotFound {
        message: String,
        details: serde_json::Value,
    },
    /// The caller may not do this; `code` says why in a stable word.
    #[error("{message}")]
    Forbidden { code: &'static str, message: String },
    /// A rule refused the action in the state it found (the domain's sentences).
    #[error("{vi}")]
    Refused { vi: String, en: String },
    /// The input is not valid: a sentence and the problems by field. Nothing was written.
    #[error("{message}")]
    Invalid {
        message: String,
        fields: Vec<FieldError>,
    },
    /// A parameter of the request is out of its range or form (a query, not a record).
    #[error("{message}")]
    BadRequest {
        code: &'static str,
        message: String,
        fields: Vec<FieldError>,
    },
    /// The request conflicts with stored data or with the state of what it names (a
    /// duplicate, a form that does not apply). Nothing was written.
    #[error("{message}")]
    Conflict {
        code: &'static str,
        message: String,
        details: serde_json::Value,
    },
    /// Not possible right now (a figure still being computed); worth trying again.
    #[error("{message}")]
    Unavailable {
        code: &'static str,
        message: String,
        details: serde_json::Value,
    },
    /// A fault of the system (database, corrupt row, broken invariant). The text is for the
    /// log only.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// 404 with a sentence.
    pub fn not_found(message: impl Into<String>) -> Self {
        Error::NotFound {
            message: message.into(),
            details: serde_json::Value::Null,
        }
    }

    /// 403 with a stable code and a sentence.
    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        Error::Forbidden {
            code,
            message: message.into(),
        }
    }

    /// Invalid input: one sentence, no field.
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid {
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// Invalid input: a sentence and the problem of one field.
    pub fn invalid_field(
        message: impl Into<String>,
        field: &str,
        problem: impl Into<String>,
    ) -> Self {
        Error::Invalid {
            message: message.into(),
            fields: vec![FieldError::new(field, problem)],
        }
    }

    /// An internal fault; `detail` goes to the log, never to a user.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        Error::Internal(detail.to_string())
    }

    /// The sentence a form shows: the message, with the first field's problem.
    pub fn sentence(&self) -> String {
        match self {
            Error::Invalid { message, fields } => match fields.first() {
                Some(f) => format!("{message} ({})", f.message),
                None => message.clone(),
            },
            other => other.to_string(),
        }
    }
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Self {
        Error::Refused { vi: r.vi, en: r.en }
    }
}

impl From<StoreError> for Error {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Invalid(text) => Error::Invalid {
                message: "Dữ liệu không hợp lệ.".to_owned(),
                fields: vec![FieldError::general(text)],
            },
            StoreError::Conflict(text) => Error::Conflict {
                code: "conflict",
                message: "Dữ liệu trùng với dữ liệu đã có.".to_owned(),
                details: serde_json::json!([text]),
            },
            StoreError::NotFound(text) => Error::not_found(text),
            StoreError::BadUrl(text) => Error::invalid(text),
            other => Error::internal(other),
        }
    }
}

impl From<DossierError> for Error {
    fn from(err: DossierError) -> Self {
        match err {
            DossierError::Refused(r) => r.into(),
            DossierError::Denied(d) => Error::forbidden(d.code, d.message),
            DossierError::Imported => imported(),
            DossierError::Store(e) => e.into(),
        }
    }
}

/// The refusal of an action on a dossier imported from the national portal.
pub fn imported() -> Error {
    Error::Refused {
        vi: "Hồ sơ được đồng bộ từ Cổng Dịch vụ công quốc gia: chỉ xem, không thực hiện thao tác trong hệ thống này.".to_owned(),
        en: "The dossier was imported from the national portal: it can be viewed, not acted on here.".to_owned(),
    }
}
