//! Progress on a task, reported by its lead or a co-operating unit (or the PAR admin, or an
//! operator transcribing a unit's report); a completion day marks the task completed.

use super::{Entry, Upload, check_note, check_references, evidence_files, refused};
use crate::plan::access::{ensure_may_report, reporting_unit};
use crate::plan::unknown_task;
use crate::{Actor, App, Error, FieldError};
use cchc_domain::UnitCode;
use cchc_domain::plan::{Task, UnitRef};
use cchc_store::plan::{PlanRef, StoredPlan};
use cchc_store::plan_progress::NewProgress;
use chrono::NaiveDate;

/// Progress as a door read it.
#[derive(Debug, Clone, Default)]
pub struct ProgressReport {
    /// The task's full id (`KH204-2023/NV/2.a`).
    pub task: String,
    /// What was done.
    pub note: String,
    /// Share done, 0–100.
    pub percent: Entry<u8>,
    /// The day the task was completed, when it was.
    pub completed_on: Entry<NaiveDate>,
    /// References to documents, one per line.
    pub references: Vec<String>,
    pub files: Vec<Upload>,
    /// The reporting unit; by default the actor's own.
    pub unit: Option<UnitCode>,
}

/// A task someone may report progress on.
#[derive(Debug, Clone)]
pub struct ProgressForm {
    pub stored: StoredPlan,
    pub task: Task,
    /// Its lead, then its co-operating units.
    pub responsible: Vec<UnitRef>,
}

/// The units responsible for `task`: its lead, then its co-operating units.
pub fn responsible(task: &Task) -> Vec<UnitRef> {
    std::iter::once(task.lead_unit.clone())
        .chain(task.cooperating.iter().cloned())
        .collect()
}

/// The task with full id `full_id` (`KH204-2023/NV/2.a`), with its plan.
pub async fn task(app: &App, full_id: &str) -> Result<ProgressForm, Error> {
    let (key, local) = full_id.trim().split_once('/').ok_or_else(unknown_task)?;
    let stored = app
        .store
        .plan(&PlanRef::Key(key.to_owned()))
        .await?
        .ok_or_else(unknown_task)?;
    let task = stored
        .plan
        .tasks()
        .find(|t| t.id == local)
        .cloned()
        .ok_or_else(unknown_task)?;
    Ok(ProgressForm {
        responsible: responsible(&task),
        task,
        stored,
    })
}

/// The task progress is reported on, once `actor` may report on it (404, else 403).
pub async fn progress_form(app: &App, actor: &Actor, full_id: &str) -> Result<ProgressForm, Error> {
    let form = task(app, full_id).await?;
    let units = app.org_units().await?;
    let on = app.clock.today().min(form.stored.plan.period().end);
    ensure_may_report(actor, &units, &form.responsible, on)?;
    Ok(form)
}

/// Reports progress as `actor`: who may, then every field; written with its files in one
/// transaction. Returns the update's id.
pub async fn progress(app: &App, actor: &Actor, report: ProgressReport) -> Result<i64, Error> {
    let form = progress_form(app, actor, &report.task).await?;
    let units = app.org_units().await?;
    let today = app.clock.today();
    let on = today.min(form.stored.plan.period().end);
    let unit = reporting_unit(actor, report.unit.as_ref(), &units, on)?;
    let mut problems = Vec::new();
    let new = checked(&report, unit, today, &mut problems);
    let files = evidence_files(report.files, &mut problems);
    if !problems.is_empty() {
        return Err(refused(problems));
    }
    let full_id = form.stored.plan.full_id(&form.task.id);
    Ok(app
        .store
        .report_progress_with_files(&full_id, &new, &files, &actor.username)
        .await?)
}

/// The fields of `r` checked as of `today`; each problem into `problems`.
fn checked(
    r: &ProgressReport,
    unit: UnitCode,
    today: NaiveDate,
    problems: &mut Vec<FieldError>,
) -> NewProgress {
    let note = check_note(&r.note, true, problems);
    let percent = match r.percent {
        Entry::Empty => None,
        Entry::Value(p) if p <= 100 => Some(p),
        Entry::Value(_) | Entry::Unreadable => {
            problems.push(FieldError::new(
                "percent",
                "Phần trăm hoàn thành là số nguyên từ 0 đến 100.",
            ));
            None
        }
    };
    let completed_on = match r.completed_on {
        Entry::Empty => None,
        Entry::Unreadable => {
            problems.push(FieldError::new(
                "completed_on",
                "Ngày hoàn thành không hợp lệ (định dạng YYYY-MM-DD).",
            ));
            None
        }
        Entry::Value(day) => {
            if day > today {
                let message = "Ngày hoàn thành không được sau hôm nay.";
                problems.push(FieldError::new("completed_on", message));
            }
            Some(day)
        }
    };
    NewProgress {
        unit,
        note,
        percent,
        completed_on,
        evidence: check_references(&r.references, problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_checked_field_by_field() {
        let unit = UnitCode::parse("H31.SNV").unwrap();
        let today: NaiveDate = "2026-11-27".parse().unwrap();
        let mut problems = Vec::new();
        let ok = ProgressReport {
            note: "Đã làm".into(),
            percent: Entry::Value(40),
            ..ProgressReport::default()
        };
        let new = checked(&ok, unit.clone(), today, &mut problems);
        assert_eq!((new.percent, new.completed_on), (Some(40), None));
        assert!(problems.is_empty());
        let bad = ProgressReport {
            percent: Entry::Value(140),
            completed_on: Entry::Value("2026-12-01".parse().unwrap()),
            ..ProgressReport::default()
        };
        checked(&bad, unit, today, &mut problems);
        let fields: Vec<&str> = problems.iter().filter_map(|p| p.field.as_deref()).collect();
        assert_eq!(fields, ["note", "percent", "completed_on"]);
    }
}
