//! A unit reports on the plan: a target's value for a period ([`value`]) or progress on a
//! task ([`progress`]), each with a note, references and evidence files, written in one
//! transaction. Who may report is checked first ([`super::access`]), then every field, all
//! problems at once; nothing is written on any.
//!
//! A report is what a door read: a field it could not read is [`Entry::Unreadable`], so that
//! the page, the command line and any other door get the same sentences for the same
//! mistakes.

mod progress;
mod value;

pub use progress::{ProgressForm, ProgressReport, progress, progress_form, task};
pub use value::{ValueForm, ValueReport, target, value, value_form};

use crate::FieldError;
use cchc_domain::plan::evidence::{EvidenceFile, check_count};

/// The longest note of a report.
pub const MAX_NOTE: usize = 2000;
/// The most reference lines of a report, and the longest one.
pub const MAX_REFERENCES: usize = 10;
pub const MAX_REFERENCE: usize = 300;

/// A field as a door read it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Entry<T> {
    /// Left empty.
    #[default]
    Empty,
    Value(T),
    /// Given, but not of the expected form.
    Unreadable,
}

impl<T> Entry<T> {
    /// The entry of a text field: empty, else what `parse` makes of it.
    pub fn read(text: &str, parse: impl FnOnce(&str) -> Option<T>) -> Entry<T> {
        match text.trim() {
            "" => Entry::Empty,
            t => parse(t).map_or(Entry::Unreadable, Entry::Value),
        }
    }

    /// The value, when there is one.
    pub fn value(self) -> Option<T> {
        match self {
            Entry::Value(v) => Some(v),
            Entry::Empty | Entry::Unreadable => None,
        }
    }
}

impl<T> From<Option<T>> for Entry<T> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Entry::Empty, Entry::Value)
    }
}

/// A file sent as evidence: its name and content, not yet checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// `s` with a capital letter and a full stop: the domain's clauses as sentences.
fn sentence(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        let mut out: String = c.to_uppercase().collect();
        out.push_str(chars.as_str());
        out.push('.');
        out
    })
}

/// The evidence files, checked; each problem into `problems`.
fn evidence_files(uploads: Vec<Upload>, problems: &mut Vec<FieldError>) -> Vec<EvidenceFile> {
    if let Err(e) = check_count(uploads.len()) {
        problems.push(FieldError::new("files", sentence(&e)));
        return Vec::new();
    }
    let mut out = Vec::new();
    for u in uploads {
        match EvidenceFile::new(&u.name, u.bytes) {
            Ok(f) => out.push(f),
            Err(e) => problems.push(FieldError::new("files", sentence(&e))),
        }
    }
    out
}

/// The note, at most [`MAX_NOTE`] characters (and not empty when `required`).
fn check_note(note: &str, required: bool, problems: &mut Vec<FieldError>) -> String {
    let note = note.trim();
    if required && note.is_empty() {
        problems.push(FieldError::new("note", "Cần ghi nội dung đã thực hiện."));
    }
    if note.chars().count() > MAX_NOTE {
        problems.push(FieldError::new("note", "Ghi chú không quá 2.000 ký tự."));
    }
    note.to_owned()
}

/// The references, one per line, blank lines dropped.
fn check_references(references: &[String], problems: &mut Vec<FieldError>) -> Vec<String> {
    let lines: Vec<String> = references
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if lines.len() > MAX_REFERENCES || lines.iter().any(|l| l.chars().count() > MAX_REFERENCE) {
        problems.push(FieldError::new(
            "evidence",
            "Tối đa 10 dòng minh chứng, mỗi dòng không quá 300 ký tự.",
        ));
    }
    lines
}

/// The refusal of a report with `problems`.
fn refused(problems: Vec<FieldError>) -> crate::Error {
    crate::Error::Invalid {
        message: "Báo cáo chưa hợp lệ; chưa có gì được ghi.".to_owned(),
        fields: problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_tell_empty_from_unreadable() {
        let number = |t: &str| t.parse::<u8>().ok();
        assert_eq!(Entry::read("  ", number), Entry::Empty);
        assert_eq!(Entry::read(" 40 ", number), Entry::Value(40));
        assert_eq!(Entry::read("bốn", number), Entry::Unreadable);
        assert_eq!(Entry::from(Some(3u8)).value(), Some(3));
        assert_eq!(Entry::<u8>::Unreadable.value(), None);
        assert_eq!(sentence("tệp rỗng"), "Tệp rỗng.");
    }

    #[test]
    fn notes_references_and_files_are_checked_together() {
        let mut problems = Vec::new();
        assert_eq!(check_note("  Đã làm ", true, &mut problems), "Đã làm");
        check_note("", true, &mut problems);
        check_note(&"ă".repeat(MAX_NOTE + 1), false, &mut problems);
        let lines = vec!["QĐ 12".to_owned(), " ".to_owned()];
        assert_eq!(check_references(&lines, &mut problems), ["QĐ 12"]);
        check_references(&vec!["x".to_owned(); MAX_REFERENCES + 1], &mut problems);
        let exe = Upload {
            name: "virus.exe".to_owned(),
            bytes: b"MZ".to_vec(),
        };
        assert!(evidence_files(vec![exe], &mut problems).is_empty());
        let fields: Vec<&str> = problems.iter().filter_map(|p| p.field.as_deref()).collect();
        assert_eq!(fields, ["note", "note", "evidence", "files"]);
        assert!(problems[3].message.contains("không thuộc loại"));
    }
}
