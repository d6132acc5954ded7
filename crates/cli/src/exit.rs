//! How the CLI fails: bad input exits with code 2, failures with code 1, always one clear
//! message on stderr.

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
