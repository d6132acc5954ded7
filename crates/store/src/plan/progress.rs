//! Progress updates on plan tasks, with evidence; an update may report the task completed.

use cchc_domain::UnitCode;
use cchc_domain::plan::evidence::{EvidenceFile, check_count};
use cchc_domain::plan::reporting::check_percent;
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::plan::evidence::{EvidenceOwner, insert_files};
use crate::plan::iso_date;
use crate::plan::rows::TaskRow;
use crate::{Store, StoreError, audit, now_ms};

/// What a unit reports on a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProgress {
    /// The reporting unit.
    pub unit: UnitCode,
    pub note: String,
    /// Share done, 0–100, when the unit gives one.
    pub percent: Option<u8>,
    /// The day the task was completed, when this update reports it complete.
    pub completed_on: Option<NaiveDate>,
    /// References to the evidence files.
    pub evidence: Vec<String>,
}

/// A stored progress update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgressUpdate {
    pub id: i64,
    pub at_ms: i64,
    pub actor: String,
    pub unit: String,
    pub note: String,
    pub percent: Option<u8>,
    pub completed_on: Option<NaiveDate>,
    pub evidence: Vec<String>,
}

fn update_from_row(r: &AnyRow) -> Result<ProgressUpdate, StoreError> {
    let evidence: String = r.try_get("evidence")?;
    let percent: Option<i64> = r.try_get("percent")?;
    Ok(ProgressUpdate {
        id: r.try_get("id")?,
        at_ms: r.try_get("at_ms")?,
        actor: r.try_get("actor")?,
        unit: r.try_get("unit_code")?,
        note: r.try_get("note")?,
        percent: percent.and_then(|p| u8::try_from(p).ok()),
        completed_on: r
            .try_get::<Option<String>, _>("completed_on")?
            .as_deref()
            .map(iso_date)
            .transpose()?,
        evidence: serde_json::from_str(&evidence)
            .map_err(|e| StoreError::Corrupt(format!("stored evidence unreadable: {e}")))?,
    })
}

impl Store {
    /// Records a progress update on the task with full id `KH204-2023/NV/2.a`; an update with
    /// a completion day marks the task completed on that day. Returns the update's id.
    pub async fn report_progress(
        &self,
        task: &str,
        new: &NewProgress,
        actor: &str,
    ) -> Result<i64, StoreError> {
        self.report_progress_with_files(task, new, &[], actor).await
    }

    /// [`Store::report_progress`] with evidence files, in one transaction.
    pub async fn report_progress_with_files(
        &self,
        task: &str,
        new: &NewProgress,
        files: &[EvidenceFile],
        actor: &str,
    ) -> Result<i64, StoreError> {
        let row = self.check_progress(task, new).await?;
        check_count(files.len()).map_err(StoreError::Invalid)?;
        let evidence =
            serde_json::to_string(&new.evidence).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let completed = new.completed_on.map(|d| d.to_string());
        let mut w = self.begin_write().await?;
        let inserted = sqlx::query(
            "INSERT INTO plan_task_updates (task_id, at_ms, actor, unit_code, note, percent, \
             completed_on, evidence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(row.row_id)
        .bind(now_ms())
        .bind(actor)
        .bind(new.unit.as_str())
        .bind(&new.note)
        .bind(new.percent.map(i64::from))
        .bind(completed.clone())
        .bind(evidence)
        .fetch_one(&mut *w.tx)
        .await?;
        let id: i64 = inserted.try_get("id")?;
        insert_files(&mut w.tx, EvidenceOwner::Update(id), files, actor).await?;
        if let Some(day) = &completed {
            sqlx::query("UPDATE plan_tasks SET completed_on = $1 WHERE id = $2")
                .bind(day)
                .bind(row.row_id)
                .execute(&mut *w.tx)
                .await?;
        }
        let change = serde_json::json!({ "update": id, "percent": new.percent,
            "completed_on": completed, "evidence": new.evidence.len(),
            "files": files.iter().map(|f| &f.sha256).collect::<Vec<_>>() });
        audit::append(
            &mut w.tx,
            actor,
            "progress",
            &format!("plan_task:{task}"),
            &change,
        )
        .await?;
        w.commit().await?;
        Ok(id)
    }

    /// The task an update is for, once the update is found sound.
    async fn check_progress(&self, task: &str, new: &NewProgress) -> Result<TaskRow, StoreError> {
        let row = self
            .plan_task(task)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("no plan task {task}")))?;
        check_percent(new.percent).map_err(StoreError::Invalid)?;
        if !self.org_unit_exists(new.unit.as_str()).await? {
            return Err(StoreError::Invalid(format!("unknown unit {}", new.unit)));
        }
        Ok(row)
    }

    /// The progress updates of a task, oldest first.
    pub async fn task_progress(&self, task: &str) -> Result<Vec<ProgressUpdate>, StoreError> {
        let Some(row) = self.plan_task(task).await? else {
            return Ok(Vec::new());
        };
        let rows = sqlx::query(
            "SELECT id, at_ms, actor, unit_code, note, percent, completed_on, evidence \
             FROM plan_task_updates WHERE task_id = $1 ORDER BY at_ms, id",
        )
        .bind(row.row_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(update_from_row).collect()
    }
}
