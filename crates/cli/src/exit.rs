//! How the CLI fails: bad input exits with code 2, failures with code 1, always one clear
//! message on stderr. A use-case's refusal (not found, forbidden, refused, invalid, conflict)
//! is bad input: nothing was written; a use-case's fault is a failure.

use cchc_store::StoreError;
use std::process::ExitCode;

/// A command's failure.
#[derive(Debug)]
pub enum CliError {
    /// The input was wrong (exit code 2); nothing was written.
    Usage(String),
    /// The input was wrong in several places (exit code 2), one line each.
    Problems(String, Vec<String>),
    /// Something failed (exit code 1).
    Failed(String),
}

impl CliError {
    /// Prints the message on stderr and gives the exit code.
    pub fn report(self) -> ExitCode {
        match self {
            CliError::Usage(msg) => {
                eprintln!("error: {msg}");
                ExitCode::from(2)
            }
            CliError::Problems(head, lines) => {
                eprintln!("error: {head}");
                for line in lines {
                    eprintln!("  {line}");
                }
                ExitCode::from(2)
            }
            CliError::Failed(msg) => {
                eprintln!("error: {msg}");
                ExitCode::from(1)
            }
        }
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        match e {
            // An unknown scheme or an unreachable database is the operator's input to fix.
            StoreError::Unreachable(m) => CliError::Usage(m),
            e if e.is_user_error() => CliError::Usage(e.to_string()),
            e => CliError::Failed(e.to_string()),
        }
    }
}

impl From<cchc_calendar::CalendarError> for CliError {
    fn from(e: cchc_calendar::CalendarError) -> Self {
        match e {
            cchc_calendar::CalendarError::Data(m) => CliError::Failed(m),
            other => CliError::Usage(other.to_string()),
        }
    }
}

impl From<cchc_app::Error> for CliError {
    fn from(e: cchc_app::Error) -> Self {
        use cchc_app::Error as E;
        match e {
            E::Invalid { message, fields } if !fields.is_empty() => {
                CliError::Problems(message, fields.iter().map(field_line).collect())
            }
            E::Conflict {
                message, details, ..
            } => CliError::Usage(with_details(message, &details)),
            E::Forbidden { code, message } => CliError::Usage(format!("{message} ({code})")),
            E::Unavailable { message, .. } => CliError::Failed(message),
            E::Internal(detail) => CliError::Failed(detail),
            other => CliError::Usage(other.sentence()),
        }
    }
}

/// One problem of the input: `field: message`.
fn field_line(f: &cchc_app::FieldError) -> String {
    match &f.field {
        Some(field) => format!("{field}: {}", f.message),
        None => f.message.clone(),
    }
}

/// `message`, followed by the texts `details` lists.
fn with_details(message: String, details: &serde_json::Value) -> String {
    let texts: Vec<&str> = details
        .as_array()
        .map(|a| a.iter().filter_map(serde_json::Value::as_str).collect())
        .unwrap_or_default();
    if texts.is_empty() {
        message
    } else {
        format!("{message} ({})", texts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_bad_input_and_faults_are_failures() {
        let invalid = cchc_app::Error::invalid_field("Sai.", "period", "ngoài năm");
        let CliError::Problems(head, lines) = invalid.into() else {
            panic!("not problems");
        };
        assert_eq!(
            (head.as_str(), lines),
            ("Sai.", vec!["period: ngoài năm".to_owned()])
        );
        let own = cchc_app::Error::forbidden("own_report", "Không được.");
        assert!(matches!(own.into(), CliError::Usage(m) if m == "Không được. (own_report)"));
        let conflict = cchc_app::Error::Conflict {
            code: "conflict",
            message: "Trùng.".into(),
            details: serde_json::json!(["plan 'X' is already stored"]),
        };
        assert!(
            matches!(conflict.into(), CliError::Usage(m) if m.ends_with("(plan 'X' is already stored)"))
        );
        let fault = cchc_app::Error::internal("disk full");
        assert!(matches!(fault.into(), CliError::Failed(m) if m.contains("disk full")));
    }
}
