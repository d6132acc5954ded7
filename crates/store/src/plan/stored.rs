//! Stored plans: import all-or-nothing, the shipped KH 204/KH-UBND as base data, look-up.
//!
//! A plan row keeps the whole parsed plan as JSON (`plans.document`, the text of every item,
//! legal bases, quirks); its targets, tasks and section III items are repeated as rows so that
//! reported values, progress, reminders and links of unit plans can refer to them. Plans are
//! never edited in place: an import adds a plan, a clone adds a draft for another year.

use std::collections::BTreeSet;

use cchc_domain::UnitCode;
use cchc_domain::plan::{Plan, PlanProblem, base::KH_204_2023, parse_appendix, parse_plan};
pub use cchc_domain::plan::{PlanCounts, PlanRef};
use chrono::NaiveDate;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::base::SYSTEM_ACTOR;
use crate::plan::rows::{insert_plan, insert_tasks};
use crate::{Store, StoreError, audit};

/// A stored plan: the plan as parsed and where it stands among the others.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPlan {
    /// The plan's id (`plan.id`), unique in the database.
    pub key: String,
    pub plan: Plan,
    /// The id of the plan this one refines (a unit plan's provincial plan).
    pub parent: Option<String>,
    /// The id of the plan this draft was cloned from.
    pub cloned_from: Option<String>,
    pub(crate) row_id: i64,
}

/// Why a plan import was refused.
#[derive(Debug)]
pub enum PlanImportError {
    /// The file has problems, each with the path of its field; nothing was written.
    Rejected(Vec<PlanProblem>),
    /// The database failed.
    Store(StoreError),
}

impl From<StoreError> for PlanImportError {
    fn from(e: StoreError) -> Self {
        PlanImportError::Store(e)
    }
}

impl From<sqlx::Error> for PlanImportError {
    fn from(e: sqlx::Error) -> Self {
        PlanImportError::Store(e.into())
    }
}

fn problem(path: &str, message: String) -> PlanImportError {
    PlanImportError::Rejected(vec![PlanProblem {
        path: path.to_owned(),
        message,
    }])
}

const PLAN_COLUMNS: &str = "p.id, p.plan_key, p.document, \
    (SELECT q.plan_key FROM plans q WHERE q.id = p.parent_id) AS parent_key, \
    (SELECT q.plan_key FROM plans q WHERE q.id = p.cloned_from) AS cloned_key";

impl Store {
    /// Every unit code the database knows, at any time: what plan files are checked against.
    pub async fn unit_codes(&self) -> Result<BTreeSet<UnitCode>, StoreError> {
        let rows = sqlx::query("SELECT DISTINCT code FROM org_units")
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| UnitCode::parse(&r.try_get::<String, _>("code")?).map_err(StoreError::Corrupt))
            .collect()
    }

    /// Validates a plan file against the stored units and stores it whole, or writes nothing.
    pub async fn import_plan(
        &self,
        text: &str,
        actor: &str,
    ) -> Result<PlanCounts, PlanImportError> {
        let plan =
            parse_plan(text, &self.unit_codes().await?).map_err(PlanImportError::Rejected)?;
        if self.plan(&PlanRef::Key(plan.id.clone())).await?.is_some() {
            let msg = format!("a plan with id '{}' is already stored", plan.id);
            return Err(problem("plan.id", msg));
        }
        let digest = cchc_domain::auth::token_digest(text);
        self.store_plan(&plan, None, actor, &digest).await?;
        Ok(PlanCounts::of(&plan))
    }

    /// Stores a validated plan (and, for a clone, its source) in one audited transaction.
    pub(crate) async fn store_plan(
        &self,
        plan: &Plan,
        cloned_from: Option<i64>,
        actor: &str,
        digest: &str,
    ) -> Result<i64, StoreError> {
        let mut w = self.begin_write().await?;
        let id = insert_plan(&mut w.tx, plan, cloned_from, actor)
            .await
            .map_err(|e| {
                StoreError::on_unique(e, format!("plan '{}' is already stored", plan.id))
            })?;
        let counts = PlanCounts::of(plan);
        let change = serde_json::json!({ "counts": counts, "file_digest": digest });
        let action = if cloned_from.is_some() {
            "clone"
        } else {
            "import"
        };
        audit::append(
            &mut w.tx,
            actor,
            action,
            &format!("plan:{}", plan.id),
            &change,
        )
        .await?;
        w.commit().await?;
        Ok(id)
    }

    /// Adds the tasks of an appendix file to a stored plan, all or nothing.
    pub async fn import_appendix(
        &self,
        plan: &PlanRef,
        text: &str,
        actor: &str,
    ) -> Result<usize, PlanImportError> {
        let stored = self.plan(plan).await?.ok_or_else(|| {
            PlanImportError::Store(StoreError::NotFound(format!("no plan {plan:?}")))
        })?;
        let units = self.unit_codes().await?;
        let tasks =
            parse_appendix(text, &units, &stored.plan).map_err(PlanImportError::Rejected)?;
        let mut updated = stored.plan.clone();
        let first = updated.tasks().count();
        updated.appendix_tasks.extend(tasks.iter().cloned());
        let document = serde_json::to_string(&updated)
            .map_err(|e| StoreError::Corrupt(format!("plan not serialisable: {e}")))?;
        let mut w = self.begin_write().await?;
        sqlx::query("UPDATE plans SET document = $1 WHERE id = $2")
            .bind(document)
            .bind(stored.row_id)
            .execute(&mut *w.tx)
            .await?;
        insert_tasks(&mut w.tx, stored.row_id, first, &tasks).await?;
        let change = serde_json::json!({ "appendix_tasks": tasks.len(),
            "file_digest": cchc_domain::auth::token_digest(text) });
        let entity = format!("plan:{}", stored.key);
        audit::append(&mut w.tx, actor, "import_appendix", &entity, &change).await?;
        w.commit().await?;
        Ok(tasks.len())
    }

    /// Loads the shipped plan (KH 204/KH-UBND, 2023) when no plan is stored yet; it must fit
    /// the stored org units. Returns whether it did.
    pub async fn load_base_plan_if_empty(&self) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM plans")
            .fetch_one(self.pool())
            .await?;
        if row.try_get::<i64, _>("n")? > 0 {
            return Ok(false);
        }
        match self.import_plan(KH_204_2023, SYSTEM_ACTOR).await {
            Ok(_) => Ok(true),
            Err(PlanImportError::Store(e)) => Err(e),
            Err(PlanImportError::Rejected(problems)) => {
                let list: Vec<String> = problems.iter().take(5).map(ToString::to_string).collect();
                Err(StoreError::Invalid(format!(
                    "the shipped plan does not fit the org units in the database: {}",
                    list.join("; ")
                )))
            }
        }
    }

    /// The plan named by `which`; for a year, its provincial plan (an issued plan before a
    /// draft clone).
    pub async fn plan(&self, which: &PlanRef) -> Result<Option<StoredPlan>, StoreError> {
        let (filter, order) = match which {
            PlanRef::Year(_) => (
                "p.year = $1 AND p.parent_id IS NULL",
                "CASE WHEN p.issuer_code LIKE '%.%' THEN 1 ELSE 0 END, \
                 CASE WHEN p.cloned_from IS NULL THEN 0 ELSE 1 END, p.id",
            ),
            PlanRef::Number(_) => ("p.number = $1", "p.issued_on DESC, p.id DESC"),
            PlanRef::Key(_) => ("p.plan_key = $1", "p.id"),
        };
        let sql =
            format!("SELECT {PLAN_COLUMNS} FROM plans p WHERE {filter} ORDER BY {order} LIMIT 1");
        let query = sqlx::query(&sql);
        let query = match which {
            PlanRef::Year(y) => query.bind(i64::from(*y)),
            PlanRef::Number(s) | PlanRef::Key(s) => query.bind(s.clone()),
        };
        let row = query.fetch_optional(self.pool()).await?;
        row.as_ref().map(stored_from_row).transpose()
    }

    /// Every stored plan, by year and id.
    pub async fn plans(&self) -> Result<Vec<StoredPlan>, StoreError> {
        let sql = format!("SELECT {PLAN_COLUMNS} FROM plans p ORDER BY p.year, p.id");
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        rows.iter().map(stored_from_row).collect()
    }

    /// The plans that refine `parent` (unit plans linked to it).
    pub async fn child_plans(&self, parent: &StoredPlan) -> Result<Vec<StoredPlan>, StoreError> {
        let sql =
            format!("SELECT {PLAN_COLUMNS} FROM plans p WHERE p.parent_id = $1 ORDER BY p.id");
        let rows = sqlx::query(&sql)
            .bind(parent.row_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(stored_from_row).collect()
    }
}

fn stored_from_row(r: &AnyRow) -> Result<StoredPlan, StoreError> {
    let document: String = r.try_get("document")?;
    let plan: Plan = serde_json::from_str(&document)
        .map_err(|e| StoreError::Corrupt(format!("stored plan unreadable: {e}")))?;
    Ok(StoredPlan {
        key: r.try_get("plan_key")?,
        plan,
        parent: r.try_get("parent_key")?,
        cloned_from: r.try_get("cloned_key")?,
        row_id: r.try_get("id")?,
    })
}

/// Reads a stored ISO date.
pub(crate) fn iso_date(s: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| StoreError::Corrupt(format!("stored date {s}: {e}")))
}
