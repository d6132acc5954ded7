//! Import problems with their location (record index or CSV line) and field.

use std::fmt;

/// Where a problem was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    /// The file as a whole (format tag, top-level shape).
    File,
    /// 1-based index of a JSON record in `procedures`.
    Record(usize),
    /// 1-based CSV line (the header is line 1).
    Line(u64),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File => f.write_str("file"),
            Location::Record(i) => write!(f, "record {i}"),
            Location::Line(n) => write!(f, "line {n}"),
        }
    }
}

/// One problem found while importing a catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub location: Location,
    /// The field, as a path inside the record (e.g. `versions[1].valid_from`); empty when the
    /// whole record is concerned.
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.location, self.message)
        } else {
            write!(
                f,
                "{}, field {}: {}",
                self.location, self.field, self.message
            )
        }
    }
}

/// Collects problems for one location and field prefix.
pub(crate) struct Sink<'a> {
    pub out: &'a mut Vec<Problem>,
    pub location: Location,
    pub prefix: String,
}

impl<'a> Sink<'a> {
    pub fn new(out: &'a mut Vec<Problem>, location: Location, prefix: impl Into<String>) -> Self {
        Self {
            out,
            location,
            prefix: prefix.into(),
        }
    }

    /// Records a problem in `field` (relative to the prefix).
    pub fn push(&mut self, field: &str, message: impl Into<String>) {
        let field = match (self.prefix.is_empty(), field.is_empty()) {
            (true, _) => field.to_owned(),
            (false, true) => self.prefix.trim_end_matches('.').to_owned(),
            (false, false) => format!("{}{field}", self.prefix),
        };
        self.out.push(Problem {
            location: self.location,
            field,
            message: message.into(),
        });
    }

    /// Records the error of `r` in `field` and returns its value, if any.
    pub fn take<T>(&mut self, field: &str, r: Result<T, String>) -> Option<T> {
        r.map_err(|e| self.push(field, e)).ok()
    }

    /// Number of problems recorded so far (to tell whether a sub-check added any).
    pub fn count(&self) -> usize {
        self.out.len()
    }
}
