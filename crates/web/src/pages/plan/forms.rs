//! The report forms of the plan pages (a target's value, a task's progress), read from a
//! `multipart/form-data` body (with evidence files) or an urlencoded one, and checked into
//! what the store writes. Every problem is a Vietnamese sentence; nothing is written on any.

use crate::error::AppError;
use crate::multipart;
use crate::time;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, header};
use cchc_domain::UnitCode;
use cchc_domain::plan::evidence::{EvidenceFile, check_count};
use cchc_domain::plan::{MeasureUnit, Period, Plan, Target};
use cchc_store::plan_progress::NewProgress;
use cchc_store::plan_values::NewValue;
use chrono::NaiveDate;

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
    fn references(&self, problems: &mut Vec<String>) -> Vec<String> {
        let lines: Vec<String> = self
            .get("evidence")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if lines.len() > 10 || lines.iter().any(|l| l.chars().count() > 300) {
            problems.push("Tối đa 10 dòng minh chứng, mỗi dòng không quá 300 ký tự.".into());
        }
        lines
    }

    /// The evidence files, checked.
    pub fn evidence_files(&self, problems: &mut Vec<String>) -> Vec<EvidenceFile> {
        if let Err(e) = check_count(self.files.len()) {
            problems.push(capitalised(&e));
            return Vec::new();
        }
        let mut out = Vec::new();
        for (name, bytes) in &self.files {
            match EvidenceFile::new(name, bytes.clone()) {
                Ok(f) => out.push(f),
                Err(e) => problems.push(capitalised(&e)),
            }
        }
        out
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        let mut out: String = c.to_uppercase().collect();
        out.push_str(chars.as_str());
        out.push('.');
        out
    })
}

/// A note of at most 2,000 characters.
fn note(text: &str, required: bool, problems: &mut Vec<String>) -> String {
    if required && text.is_empty() {
        problems.push("Cần ghi nội dung đã thực hiện.".into());
    }
    if text.chars().count() > 2000 {
        problems.push("Ghi chú không quá 2.000 ký tự.".into());
    }
    text.to_owned()
}

fn date(text: &str, what: &str, problems: &mut Vec<String>) -> Option<NaiveDate> {
    let day = time::parse_date(text);
    if day.is_none() {
        problems.push(format!("{what} không hợp lệ (định dạng YYYY-MM-DD)."));
    }
    day
}

/// A number typed with a decimal comma or point.
pub fn number(text: &str) -> Option<f64> {
    text.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// The value a unit reports for `target` of `plan`, as of `today`; the problems otherwise.
pub fn value(
    form: &Submitted,
    plan: &Plan,
    target: &Target,
    reporting_unit: &UnitCode,
    today: NaiveDate,
) -> Result<NewValue, Vec<String>> {
    let mut problems = Vec::new();
    let threshold = form
        .get("threshold")
        .parse::<usize>()
        .ok()
        .and_then(|i| target.thresholds.get(i));
    if threshold.is_none() {
        problems.push("Chọn chỉ tiêu được báo cáo.".into());
    }
    let start = date(form.get("period_start"), "Ngày đầu kỳ", &mut problems);
    let end = date(form.get("period_end"), "Ngày cuối kỳ", &mut problems);
    let year = plan.period();
    if let (Some(s), Some(e)) = (start, end) {
        if s > e {
            problems.push("Ngày đầu kỳ sau ngày cuối kỳ.".into());
        } else if s < year.start || e > year.end {
            problems.push(format!("Kỳ báo cáo phải nằm trong năm {}.", plan.year));
        } else if e > today {
            problems.push("Kỳ báo cáo chưa kết thúc.".into());
        }
    }
    let value = number(form.get("value"));
    match (value, threshold) {
        (None, _) => problems.push("Giá trị phải là một số.".into()),
        (Some(v), Some(t)) if t.unit == MeasureUnit::Percent && !(0.0..=100.0).contains(&v) => {
            problems.push("Tỷ lệ phải từ 0 đến 100 %.".into());
        }
        _ => {}
    }
    let note = note(form.get("note"), false, &mut problems);
    let evidence = form.references(&mut problems);
    match (threshold, start, end, value) {
        (Some(t), Some(start), Some(end), Some(value)) if problems.is_empty() => Ok(NewValue {
            indicator: t.indicator.clone(),
            scope_unit: plan.issuer.clone(),
            tier: t.scope,
            period: Period { start, end },
            value,
            note,
            evidence,
            reporting_unit: reporting_unit.clone(),
        }),
        _ => Err(problems),
    }
}

/// The progress a unit reports on a task, as of `today`; the problems otherwise.
pub fn progress(
    form: &Submitted,
    unit: &UnitCode,
    today: NaiveDate,
) -> Result<NewProgress, Vec<String>> {
    let mut problems = Vec::new();
    let note = note(form.get("note"), true, &mut problems);
    let percent = match form.get("percent") {
        "" => None,
        p => {
            let parsed = p.parse::<u8>().ok().filter(|p| *p <= 100);
            if parsed.is_none() {
                problems.push("Phần trăm hoàn thành là số nguyên từ 0 đến 100.".into());
            }
            parsed
        }
    };
    let completed_on = match form.get("completed_on") {
        "" => None,
        d => {
            let day = date(d, "Ngày hoàn thành", &mut problems);
            if day.is_some_and(|d| d > today) {
                problems.push("Ngày hoàn thành không được sau hôm nay.".into());
            }
            day
        }
    };
    let evidence = form.references(&mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(NewProgress {
        unit: unit.clone(),
        note,
        percent,
        completed_on,
        evidence,
    })
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
            files: Vec::new(),
        }
    }

    #[test]
    fn progress_is_checked_field_by_field() {
        let unit = UnitCode::parse("H31.SNV").unwrap();
        let today: NaiveDate = "2026-11-27".parse().unwrap();
        let ok = progress(
            &form(&[("note", "Đã làm"), ("percent", "40")]),
            &unit,
            today,
        )
        .unwrap();
        assert_eq!((ok.percent, ok.completed_on), (Some(40), None));
        let bad = progress(
            &form(&[("percent", "140"), ("completed_on", "2026-12-01")]),
            &unit,
            today,
        )
        .unwrap_err();
        assert_eq!(bad.len(), 3, "{bad:?}");
        assert_eq!(number("95,5"), Some(95.5));
        assert_eq!(number("NaN"), None);
        assert_eq!(capitalised("tệp rỗng"), "Tệp rỗng.");
    }
}
