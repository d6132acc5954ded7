//! The rows of a plan: inserting its targets, tasks and section III items, reading tasks back.

use cchc_domain::plan::evaluate::TaskItem;
use cchc_domain::plan::{Plan, Target, Task, TaskTiming};
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use crate::plan::iso_date;
use crate::{Store, StoreError, now_ms};

type Tx = Transaction<'static, Any>;

fn json(value: &impl Serialize) -> Result<String, sqlx::Error> {
    serde_json::to_string(value).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// Inserts the plan row and every item row; returns the plan's row id.
pub(crate) async fn insert_plan(
    tx: &mut Tx,
    plan: &Plan,
    cloned_from: Option<i64>,
    actor: &str,
) -> Result<i64, sqlx::Error> {
    let row = sqlx::query(
        "INSERT INTO plans (plan_key, number, title, issued_on, year, issuer_code, cloned_from, \
         document, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         RETURNING id",
    )
    .bind(&plan.id)
    .bind(&plan.number)
    .bind(&plan.title)
    .bind(plan.date.to_string())
    .bind(i64::from(plan.year))
    .bind(plan.issuer.to_string())
    .bind(cloned_from)
    .bind(json(plan)?)
    .bind(now_ms())
    .bind(actor)
    .fetch_one(&mut **tx)
    .await?;
    let id: i64 = row.try_get("id")?;
    let goals = plan.headline.goals.iter().map(|g| (None, g));
    let targets = plan
        .areas
        .iter()
        .flat_map(|a| a.targets.iter().map(move |t| (Some(a.code), t)));
    insert_targets(tx, id, goals.chain(targets)).await?;
    let tasks: Vec<Task> = plan.tasks().cloned().collect();
    insert_tasks(tx, id, 0, &tasks).await?;
    insert_items(tx, id, plan).await?;
    Ok(id)
}

async fn insert_targets<'a>(
    tx: &mut Tx,
    plan_id: i64,
    targets: impl Iterator<Item = (Option<u8>, &'a Target)>,
) -> Result<(), sqlx::Error> {
    for (position, (area, t)) in targets.enumerate() {
        sqlx::query(
            "INSERT INTO plan_targets (plan_id, local_id, area, position, label, text, thresholds) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(plan_id)
        .bind(&t.id)
        .bind(area.map(i64::from))
        .bind(position as i64)
        .bind(&t.label)
        .bind(&t.text)
        .bind(json(&t.thresholds)?)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Inserts task rows, numbering their positions from `first`.
pub(crate) async fn insert_tasks(
    tx: &mut Tx,
    plan_id: i64,
    first: usize,
    tasks: &[Task],
) -> Result<(), sqlx::Error> {
    for (i, t) in tasks.iter().enumerate() {
        let cooperating: Vec<String> = t.cooperating.iter().map(ToString::to_string).collect();
        sqlx::query(
            "INSERT INTO plan_tasks (plan_id, local_id, area, position, label, text, lead_unit, \
             cooperating, deadline) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(plan_id)
        .bind(&t.id)
        .bind(i64::from(t.area))
        .bind((first + i) as i64)
        .bind(&t.label)
        .bind(&t.text)
        .bind(t.lead_unit.to_string())
        .bind(json(&cooperating)?)
        .bind(t.deadline.to_string())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn insert_items(tx: &mut Tx, plan_id: i64, plan: &Plan) -> Result<(), sqlx::Error> {
    let items = plan
        .responsibilities
        .iter()
        .flat_map(|b| b.items.iter().map(move |i| (b, i)));
    for (position, (body, item)) in items.enumerate() {
        sqlx::query(
            "INSERT INTO plan_responsibilities (plan_id, body, body_name, local_id, position, \
             label, text) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(plan_id)
        .bind(i64::from(body.number))
        .bind(&body.name)
        .bind(&item.id)
        .bind(position as i64)
        .bind(item.label.clone())
        .bind(&item.text)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A task as stored, with its completion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskRow {
    #[serde(skip)]
    pub(crate) row_id: i64,
    pub plan: String,
    /// Local id, e.g. `NV/2.l#2`.
    pub id: String,
    pub area: u8,
    pub label: String,
    /// A unit code or a group (`group:districts`).
    pub lead_unit: String,
    pub cooperating: Vec<String>,
    pub deadline: NaiveDate,
    pub completed_on: Option<NaiveDate>,
}

impl TaskRow {
    /// The full id: `KH204-2023/NV/2.a`.
    pub fn full_id(&self) -> String {
        format!("{}/{}", self.plan, self.id)
    }

    /// Its deadline and completion, for the status and reminder rules.
    pub fn timing(&self) -> TaskTiming {
        TaskTiming {
            deadline: self.deadline,
            completed_on: self.completed_on,
        }
    }

    /// What its state is judged from.
    pub fn item(&self) -> TaskItem<'_> {
        TaskItem {
            id: &self.id,
            area: self.area,
            label: &self.label,
            lead_unit: &self.lead_unit,
            timing: self.timing(),
        }
    }
}

const TASK_COLUMNS: &str = "t.id, p.plan_key, t.local_id, t.area, t.label, t.lead_unit, \
    t.cooperating, t.deadline, t.completed_on";

fn task_from_row(r: &AnyRow) -> Result<TaskRow, StoreError> {
    let cooperating: String = r.try_get("cooperating")?;
    let area: i64 = r.try_get("area")?;
    Ok(TaskRow {
        row_id: r.try_get("id")?,
        plan: r.try_get("plan_key")?,
        id: r.try_get("local_id")?,
        area: u8::try_from(area).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        label: r.try_get("label")?,
        lead_unit: r.try_get("lead_unit")?,
        cooperating: serde_json::from_str(&cooperating)
            .map_err(|e| StoreError::Corrupt(format!("stored units unreadable: {e}")))?,
        deadline: iso_date(&r.try_get::<String, _>("deadline")?)?,
        completed_on: r
            .try_get::<Option<String>, _>("completed_on")?
            .as_deref()
            .map(iso_date)
            .transpose()?,
    })
}

impl Store {
    /// The tasks of a plan (by its id), in document order.
    pub async fn plan_tasks(&self, plan_key: &str) -> Result<Vec<TaskRow>, StoreError> {
        let sql = format!(
            "SELECT {TASK_COLUMNS} FROM plan_tasks t JOIN plans p ON p.id = t.plan_id \
             WHERE p.plan_key = $1 ORDER BY t.position"
        );
        let rows = sqlx::query(&sql)
            .bind(plan_key)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(task_from_row).collect()
    }

    /// Every task not completed by `as_of` (or at all), of every plan.
    pub async fn open_tasks(&self, as_of: NaiveDate) -> Result<Vec<TaskRow>, StoreError> {
        let sql = format!(
            "SELECT {TASK_COLUMNS} FROM plan_tasks t JOIN plans p ON p.id = t.plan_id \
             WHERE t.completed_on IS NULL OR t.completed_on > $1 ORDER BY t.id"
        );
        let rows = sqlx::query(&sql)
            .bind(as_of.to_string())
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(task_from_row).collect()
    }

    /// The task with full id `KH204-2023/NV/2.a`.
    pub async fn plan_task(&self, full_id: &str) -> Result<Option<TaskRow>, StoreError> {
        let Some((plan, local)) = full_id.split_once('/') else {
            return Ok(None);
        };
        let sql = format!(
            "SELECT {TASK_COLUMNS} FROM plan_tasks t JOIN plans p ON p.id = t.plan_id \
             WHERE p.plan_key = $1 AND t.local_id = $2"
        );
        let row = sqlx::query(&sql)
            .bind(plan)
            .bind(local)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(task_from_row).transpose()
    }
}
