//! Cascade in SQL: a unit's own plan refining the provincial plan (child → parent links), and
//! the roll-up of the unit plans. Which links are accepted, which units lag and how parent
//! items roll up are `cchc_domain::plan::rollup`.

use std::collections::HashMap;

use cchc_calendar::WorkCalendar;
use cchc_domain::indicator::IndicatorSource;
use cchc_domain::plan::rollup::{LinkRefusal, LinkedPlan, check_link, rollup};
use chrono::NaiveDate;
use sqlx::Row;

use super::{PlanRef, StoredPlan};
use crate::{Store, StoreError, audit};

pub use cchc_domain::plan::rollup::{
    ItemProgress, PlanLink, Rollup, StoredLink, TargetCounts, UnitProgress,
};

fn linked(plan: &StoredPlan) -> LinkedPlan<'_> {
    LinkedPlan {
        key: &plan.key,
        plan: &plan.plan,
        parent: plan.parent.as_deref(),
    }
}

impl Store {
    /// Records that `child` (a unit's plan) refines `parent`, with item links; all or nothing.
    /// Returns how many links are new.
    pub async fn link_plan(
        &self,
        child: &PlanRef,
        parent: &PlanRef,
        links: &[PlanLink],
        actor: &str,
    ) -> Result<usize, StoreError> {
        let found = |r: &PlanRef| StoreError::NotFound(format!("no plan {r:?}"));
        let c = self.plan(child).await?.ok_or_else(|| found(child))?;
        let p = self.plan(parent).await?.ok_or_else(|| found(parent))?;
        let parents = self.plan_parents().await?;
        check_link(linked(&c), linked(&p), links, &parents).map_err(|refusal| match refusal {
            LinkRefusal::Invalid(why) => StoreError::Invalid(why),
            LinkRefusal::Conflict(why) => StoreError::Conflict(why),
        })?;
        let mut w = self.begin_write().await?;
        sqlx::query("UPDATE plans SET parent_id = $1 WHERE id = $2")
            .bind(p.row_id)
            .bind(c.row_id)
            .execute(&mut *w.tx)
            .await?;
        let mut added = 0;
        for l in links {
            let done = sqlx::query(
                "INSERT INTO plan_links (child_plan_id, child_item, parent_plan_id, parent_item) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (child_plan_id, child_item, parent_item) DO NOTHING",
            )
            .bind(c.row_id)
            .bind(&l.child_item)
            .bind(p.row_id)
            .bind(&l.parent_item)
            .execute(&mut *w.tx)
            .await?;
            added += done.rows_affected() as usize;
        }
        let change = serde_json::json!({ "parent": p.key, "links": links });
        audit::append(
            &mut w.tx,
            actor,
            "link",
            &format!("plan:{}", c.key),
            &change,
        )
        .await?;
        w.commit().await?;
        Ok(added)
    }

    /// The id of the plan each plan refines, by the plan's id.
    async fn plan_parents(&self) -> Result<HashMap<String, String>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.plan_key AS child, p.plan_key AS parent FROM plans c \
             JOIN plans p ON p.id = c.parent_id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("child")?, r.try_get("parent")?)))
            .collect()
    }

    /// The links of the plans refining `parent`.
    pub async fn plan_links(&self, parent: &StoredPlan) -> Result<Vec<StoredLink>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.plan_key, l.child_item, l.parent_item FROM plan_links l \
             JOIN plans c ON c.id = l.child_plan_id WHERE l.parent_plan_id = $1 ORDER BY l.id",
        )
        .bind(parent.row_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredLink {
                    child_plan: r.try_get("plan_key")?,
                    child_item: r.try_get("child_item")?,
                    parent_item: r.try_get("parent_item")?,
                })
            })
            .collect()
    }

    /// The progress of the unit plans refining the plan named by `which`, as of `as_of`.
    pub async fn plan_rollup(
        &self,
        which: &PlanRef,
        as_of: NaiveDate,
        source: &dyn IndicatorSource,
        cal: &WorkCalendar,
    ) -> Result<Option<Rollup>, StoreError> {
        let Some(parent) = self.plan(which).await? else {
            return Ok(None);
        };
        let mut statuses = Vec::new();
        for child in self.child_plans(&parent).await? {
            statuses.push(self.stored_plan_status(&child, as_of, source, cal).await?);
        }
        let links = self.plan_links(&parent).await?;
        Ok(Some(rollup(
            &parent.key,
            &parent.plan,
            as_of,
            &links,
            &statuses,
        )))
    }
}
