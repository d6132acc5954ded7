//! The report forms of the plan pages (a target's value, a task's progress), read from a
//! `multipart/form-data` body (with evidence files) or an urlencoded one into the reports of
//! [`cchc_app::plan::report`], which checks them: every problem is a Vietnamese sentence the
//! form shows again; nothing is written on any.

use crate::error::AppError;
use crate::multipart;
use crate::time;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, header};
use cchc_app::plan::report::{Entry, ProgressReport, Upload, ValueReport};

/// A submitted form: its text fields and its files.
#[derive(Debug, Default)]
pub struct Submitted {
    fields: Vec<(String, String)>,
    /// (file name, bytes) of each file chosen.
    pub files: Vec<(String, Vec<u8>)>,
}

impl Submitted {
    /// Reads `body` by its content type; 415 for any other type, 400 for a broken body.
    pub async fn read(headers: &HeaderMap, body: Bytes) -> Result<Submitted, AppError> {
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if multipart::is_multipart(content_type) {
            let parts = multipart::parts(content_type, body).await.ok_or_else(|| {
                AppError::bad_request("bad_form", "Biểu mẫu gửi lên không đọc được.")
            })?;
            let mut out = Submitted::default();
            for p in parts {
                match p.filename {
                    Some(name) if !(name.is_empty() && p.data.is_empty()) => {
                        out.files.push((name, p.data.to_vec()));
                    }
                    Some(_) => {}
                    None => out.fields.push((p.name.clone(), p.text())),
                }
            }
            return Ok(out);
        }
        if content_type.starts_with("application/x-www-form-urlencoded") {
            let fields = serde_urlencoded::from_bytes(&body).map_err(|_| {
                AppError::bad_request("bad_form", "Biểu mẫu gửi lên không đọc được.")
            })?;
            return Ok(Submitted {
                fields,
                files: Vec::new(),
            });
        }
        Err(AppError::from_status(StatusCode::UNSUPPORTED_MEDIA_TYPE))
    }

    /// The trimmed value of field `name` (empty when absent).
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.trim())
    }

    /// The evidence references typed one per line.
    fn references(&self) -> Vec<String> {
        self.get("evidence").lines().map(str::to_owned).collect()
    }

    /// The files chosen, as uploads (checked by the use-case).
    fn uploads(&mut self) -> Vec<Upload> {
        std::mem::take(&mut self.files)
            .into_iter()
            .map(|(name, bytes)| Upload { name, bytes })
            .collect()
    }
}

/// A number typed with a decimal comma or point.
pub fn number(text: &str) -> Option<f64> {
    text.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// The value the form reports for the target `target` (local id) of the plan `plan` (id),
/// for the user's own unit.
pub fn value(mut form: Submitted, plan: &str, target: &str) -> ValueReport {
    ValueReport {
        plan: plan.to_owned(),
        target: target.to_owned(),
        threshold: Entry::read(form.get("threshold"), |t| t.parse().ok()),
        period_start: Entry::read(form.get("period_start"), time::parse_date),
        period_end: Entry::read(form.get("period_end"), time::parse_date),
        value: Entry::read(form.get("value"), number),
        note: form.get("note").to_owned(),
        references: form.references(),
        files: form.uploads(),
        unit: None,
    }
}

/// The progress the form reports on the task `task` (full id), for the user's own unit.
pub fn progress(mut form: Submitted, task: &str) -> ProgressReport {
    ProgressReport {
        task: task.to_owned(),
        note: form.get("note").to_owned(),
        percent: Entry::read(form.get("percent"), |p| p.parse().ok()),
        completed_on: Entry::read(form.get("completed_on"), time::parse_date),
        references: form.references(),
        files: form.uploads(),
        unit: None,
    }
}

/// The sentences of a refused report, one per problem: what the form shows again.
pub fn problems(err: &cchc_app::Error) -> Option<Vec<String>> {
    match err {
        cchc_app::Error::Invalid { fields, .. } if !fields.is_empty() => {
            Some(fields.iter().map(|f| f.message.clone()).collect())
        }
        cchc_app::Error::Invalid { message, .. } => Some(vec![message.clone()]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(fields: &[(&str, &str)]) -> Submitted {
        Submitted {
            fields: fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            files: vec![("to-trinh.docx".to_owned(), b"PK".to_vec())],
        }
    }

    #[test]
    fn a_form_is_read_field_by_field_unreadable_kept_apart_from_empty() {
        let read = progress(
            form(&[
                ("note", " Đã làm "),
                ("percent", "bốn mươi"),
                ("evidence", "QĐ 1\nQĐ 2"),
            ]),
            "KH204-2023/NV/3.a",
        );
        assert_eq!(read.percent, Entry::Unreadable);
        assert_eq!(read.completed_on, Entry::Empty);
        assert_eq!(read.references, ["QĐ 1", "QĐ 2"]);
        assert_eq!(read.files[0].name, "to-trinh.docx");
        let v = value(
            form(&[
                ("threshold", "2"),
                ("value", "95,5"),
                ("period_end", "2023-06-30"),
            ]),
            "KH204-2023",
            "MT/3.a",
        );
        assert_eq!(
            (v.threshold, v.value, v.period_start),
            (Entry::Value(2), Entry::Value(95.5), Entry::Empty)
        );
        assert_eq!(number("NaN"), None);
    }
}
