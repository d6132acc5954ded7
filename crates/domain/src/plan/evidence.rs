//! Evidence files (minh chứng) attached to a reported value or a progress update: the checks
//! on name, kind and size that every channel (web form, CLI) applies before storing one.

use sha2::{Digest, Sha256};

use crate::text::nfc;

/// The largest evidence file accepted.
pub const MAX_EVIDENCE_BYTES: usize = 10 * 1024 * 1024;

/// The most files one report may carry.
pub const MAX_EVIDENCE_FILES: usize = 5;

/// Accepted extensions and the content type each is served with.
const KINDS: &[(&str, &str)] = &[
    ("pdf", "application/pdf"),
    ("doc", "application/msword"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ("xls", "application/vnd.ms-excel"),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("odt", "application/vnd.oasis.opendocument.text"),
    ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("png", "image/png"),
    ("txt", "text/plain; charset=utf-8"),
    ("zip", "application/zip"),
];

/// A checked evidence file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceFile {
    /// The file's own name (no directory), NFC.
    pub file_name: String,
    pub content_type: &'static str,
    pub content: Vec<u8>,
    /// SHA-256 of the content, hex.
    pub sha256: String,
}

impl EvidenceFile {
    /// Checks a file named `name` (a path is cut to its last part) holding `content`.
    pub fn new(name: &str, content: Vec<u8>) -> Result<Self, String> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let file_name = nfc(base);
        if file_name.is_empty() || file_name.chars().count() > 200 {
            return Err("tên tệp minh chứng trống hoặc dài quá 200 ký tự".into());
        }
        if file_name.chars().any(char::is_control) {
            return Err("tên tệp minh chứng chứa ký tự điều khiển".into());
        }
        let extension = file_name
            .rsplit_once('.')
            .map(|(_, e)| e.to_lowercase())
            .unwrap_or_default();
        let Some((_, content_type)) = KINDS.iter().find(|(e, _)| *e == extension) else {
            let known: Vec<&str> = KINDS.iter().map(|(e, _)| *e).collect();
            return Err(format!(
                "tệp minh chứng '{file_name}' không thuộc loại được nhận ({})",
                known.join(", ")
            ));
        };
        if content.is_empty() {
            return Err(format!("tệp minh chứng '{file_name}' rỗng"));
        }
        if content.len() > MAX_EVIDENCE_BYTES {
            return Err(format!(
                "tệp minh chứng '{file_name}' lớn hơn {} MB",
                MAX_EVIDENCE_BYTES >> 20
            ));
        }
        let sha256 = hex::encode(Sha256::digest(&content));
        Ok(Self {
            file_name,
            content_type,
            content,
            sha256,
        })
    }
}

/// Checks the number of files of one report.
pub fn check_count(files: usize) -> Result<(), String> {
    if files > MAX_EVIDENCE_FILES {
        return Err(format!(
            "mỗi lần báo cáo đính kèm tối đa {MAX_EVIDENCE_FILES} tệp minh chứng"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_kinds_and_sizes_are_checked() {
        let ok = EvidenceFile::new("C:\\Báo cáo\\BC 6 tháng.PDF", b"%PDF-1.4".to_vec()).unwrap();
        assert_eq!(ok.file_name, "BC 6 tháng.PDF");
        assert_eq!(ok.content_type, "application/pdf");
        assert_eq!(ok.sha256.len(), 64);
        assert!(EvidenceFile::new("a/b/anh.png", vec![1]).is_ok());
        assert!(
            EvidenceFile::new("chay.exe", vec![1])
                .unwrap_err()
                .contains("loại")
        );
        assert!(EvidenceFile::new("khong-duoi", vec![1]).is_err());
        assert!(
            EvidenceFile::new("rong.pdf", Vec::new())
                .unwrap_err()
                .contains("rỗng")
        );
        assert!(EvidenceFile::new("", vec![1]).is_err());
        assert!(EvidenceFile::new("a\u{7}.pdf", vec![1]).is_err());
        let big = vec![0u8; MAX_EVIDENCE_BYTES + 1];
        assert!(
            EvidenceFile::new("lon.pdf", big)
                .unwrap_err()
                .contains("MB")
        );
        assert!(check_count(MAX_EVIDENCE_FILES).is_ok());
        assert!(check_count(MAX_EVIDENCE_FILES + 1).is_err());
    }
}
