//! What units reported, for staff: the values of a target's figures within the plan's year
//! and the progress updates of a task, each with its evidence files, the reminders a task
//! reached, and an evidence file to download.

use super::access::ensure_staff;
use crate::{Actor, App, Error};
use cchc_domain::plan::Target;
use cchc_store::plan::StoredPlan;
use cchc_store::plan_evidence::{EvidenceInfo, EvidenceOwner, StoredEvidence};
use cchc_store::plan_progress::ProgressUpdate;
use cchc_store::plan_remind::Reminder;
use cchc_store::plan_values::ReportedValue;

/// A reported value with its evidence files.
#[derive(Debug, Clone)]
pub struct ValueWithFiles {
    pub value: ReportedValue,
    pub files: Vec<EvidenceInfo>,
}

/// A progress update with its evidence files.
#[derive(Debug, Clone)]
pub struct UpdateWithFiles {
    pub update: ProgressUpdate,
    pub files: Vec<EvidenceInfo>,
}

/// The values reported for the figures of `target` of `stored` (about the plan's issuer,
/// within its year), by period, with their files.
pub async fn target_values(
    app: &App,
    actor: &Actor,
    stored: &StoredPlan,
    target: &Target,
) -> Result<Vec<ValueWithFiles>, Error> {
    ensure_staff(actor)?;
    let plan = &stored.plan;
    let year = plan.period();
    let mut indicators: Vec<_> = target.thresholds.iter().map(|t| &t.indicator).collect();
    indicators.dedup();
    let mut out = Vec::new();
    for indicator in indicators {
        let values = app
            .store
            .indicator_values(indicator, plan.issuer.as_str())
            .await?;
        for value in values {
            let ours = target
                .thresholds
                .iter()
                .any(|t| t.indicator == value.indicator && t.scope == value.tier);
            if ours && value.period_start >= year.start && value.period_end <= year.end {
                let files = app
                    .store
                    .evidence_files(EvidenceOwner::Value(value.id))
                    .await?;
                out.push(ValueWithFiles { value, files });
            }
        }
    }
    Ok(out)
}

/// The progress updates of the task `full_id`, oldest first, with their files.
pub async fn task_updates(
    app: &App,
    actor: &Actor,
    full_id: &str,
) -> Result<Vec<UpdateWithFiles>, Error> {
    ensure_staff(actor)?;
    let mut out = Vec::new();
    for update in app.store.task_progress(full_id).await? {
        let files = app
            .store
            .evidence_files(EvidenceOwner::Update(update.id))
            .await?;
        out.push(UpdateWithFiles { update, files });
    }
    Ok(out)
}

/// The reminders the task `full_id` reached, in the order they were created.
pub async fn task_reminders(
    app: &App,
    actor: &Actor,
    full_id: &str,
) -> Result<Vec<Reminder>, Error> {
    ensure_staff(actor)?;
    Ok(app
        .store
        .plan_reminders()
        .await?
        .into_iter()
        .filter(|r| r.task == full_id)
        .collect())
}

/// An evidence file with its content, for staff.
pub async fn evidence_file(app: &App, actor: &Actor, id: i64) -> Result<StoredEvidence, Error> {
    ensure_staff(actor)?;
    app.store
        .evidence_file(id)
        .await?
        .ok_or_else(|| Error::not_found("Không có tệp minh chứng này."))
}
