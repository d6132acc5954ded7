//! A plan's status as of a day, read from the store: the approved values of the plan's year
//! and its tasks, judged by `cchc_domain::plan::evaluate` (which value a figure takes, target
//! and task statuses, the VPCP summary).

use cchc_calendar::WorkCalendar;
use cchc_domain::indicator::IndicatorSource;
use cchc_domain::plan::evaluate::{Figures, plan_status};
use chrono::NaiveDate;

use super::rows::TaskRow;
use super::{PlanRef, StoredPlan};
use crate::{Store, StoreError};

pub use cchc_domain::plan::evaluate::{
    PlanStatus, TargetState, TaskState, TaskSummary, ThresholdState,
};
pub use cchc_domain::plan::precedence::ValueOrigin;

/// The status of a stored task as of `as_of`.
pub fn task_state(
    task: &TaskRow,
    as_of: NaiveDate,
    cal: &WorkCalendar,
) -> Result<TaskState, StoreError> {
    TaskState::of(task.item(), as_of, cal)
        .map_err(|e| StoreError::Invalid(format!("task {}: {e}", task.full_id())))
}

impl Store {
    /// The status of the plan named by `which` as of `as_of`; `None` when there is no such plan.
    pub async fn plan_status(
        &self,
        which: &PlanRef,
        as_of: NaiveDate,
        source: &dyn IndicatorSource,
        cal: &WorkCalendar,
    ) -> Result<Option<PlanStatus>, StoreError> {
        let Some(stored) = self.plan(which).await? else {
            return Ok(None);
        };
        self.stored_plan_status(&stored, as_of, source, cal)
            .await
            .map(Some)
    }

    /// The status of a plan already read.
    pub async fn stored_plan_status(
        &self,
        stored: &StoredPlan,
        as_of: NaiveDate,
        source: &dyn IndicatorSource,
        cal: &WorkCalendar,
    ) -> Result<PlanStatus, StoreError> {
        let approved = self.approved_values(stored.plan.period()).await?;
        let tasks = self
            .plan_tasks(&stored.key)
            .await?
            .iter()
            .map(|t| task_state(t, as_of, cal))
            .collect::<Result<Vec<_>, _>>()?;
        let figures = Figures {
            automatic: source,
            approved: &approved.0,
        };
        Ok(plan_status(
            &stored.key,
            &stored.plan,
            as_of,
            &figures,
            tasks,
        ))
    }
}
