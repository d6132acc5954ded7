//! Procedure codes (mã TTHC): opaque strings of dot-separated digit groups, e.g. `1.001193`,
//! with an optional local suffix such as `.H31` (docs/DOMAIN.md § Procedures).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A TTHC code from the national procedure database, or a local variant of one.
///
/// Accepted shape: at least two groups of ASCII digits separated by dots (`1.001193`,
/// `2.000815.000.00.00`), optionally followed by one last group made of one upper-case letter
/// and digits (`.H31`, `.H55`). Nothing else is assumed: the leading digit has no meaning here.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProcedureCode(String);

impl ProcedureCode {
    /// Parses a code (surrounding spaces are trimmed).
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let bad = |why: &str| {
            format!("bad procedure code '{s}': {why}; expected e.g. 1.001193 or 1.001193.H31")
        };
        if s.is_empty() {
            return Err(bad("empty"));
        }
        let groups: Vec<&str> = s.split('.').collect();
        let (digits, suffix) = match groups.split_last() {
            Some((last, rest)) if last.starts_with(|c: char| c.is_ascii_alphabetic()) => {
                (rest, Some(*last))
            }
            _ => (groups.as_slice(), None),
        };
        if digits.len() < 2 {
            return Err(bad("needs at least two groups of digits"));
        }
        if digits
            .iter()
            .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad("every group before the suffix must be digits"));
        }
        if let Some(suf) = suffix {
            let mut chars = suf.chars();
            let letter_ok = chars.next().is_some_and(|c| c.is_ascii_uppercase());
            let rest = chars.as_str();
            if !letter_ok || rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad(
                    "the suffix must be a capital letter and digits, like H31",
                ));
            }
        }
        Ok(Self(s.to_owned()))
    }

    /// The code as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The local suffix (`H31` in `1.001193.H31`), if any.
    pub fn local_suffix(&self) -> Option<&str> {
        self.0
            .rsplit_once('.')
            .map(|(_, last)| last)
            .filter(|last| last.starts_with(|c: char| c.is_ascii_alphabetic()))
    }

    /// The code without its local suffix.
    pub fn national(&self) -> &str {
        match self.local_suffix() {
            Some(suf) => &self.0[..self.0.len() - suf.len() - 1],
            None => &self.0,
        }
    }
}

impl fmt::Display for ProcedureCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ProcedureCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<ProcedureCode> for String {
    fn from(c: ProcedureCode) -> Self {
        c.0
    }
}
