//! Reported indicator values: a unit reports a value per period with a note and evidence, the
//! PAR admin approves or returns it; approved values feed the plan's targets. What may be
//! reported and what a review does are `cchc_domain::plan::reporting`.

use cchc_domain::UnitCode;
use cchc_domain::indicator::IndicatorSource;
use cchc_domain::plan::evidence::{EvidenceFile, check_count};
use cchc_domain::plan::precedence::{Approved, ReportKey, latest_approved};
use cchc_domain::plan::reporting::check_value;
use cchc_domain::plan::{IndicatorId, Period, Scope};
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::plan::evidence::{EvidenceOwner, insert_files};
use crate::plan::iso_date;
use crate::{Store, StoreError, audit, now_ms};

pub use cchc_domain::plan::reporting::{Review, ValueState};

/// A value as a unit reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewValue {
    pub indicator: IndicatorId,
    /// What the value is about: the province (`H31`), a department, a commune …
    pub scope_unit: UnitCode,
    /// The tier, when a target sets one figure per tier (area 6 b).
    pub tier: Option<Scope>,
    pub period: Period,
    pub value: f64,
    pub note: String,
    /// References to the evidence files (document numbers, stored file names).
    pub evidence: Vec<String>,
    /// The unit that reports.
    pub reporting_unit: UnitCode,
}

/// A stored value with its review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedValue {
    pub id: i64,
    pub indicator: IndicatorId,
    pub scope_unit: String,
    pub tier: Option<Scope>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub value: f64,
    pub note: String,
    pub evidence: Vec<String>,
    pub state: ValueState,
    pub reporting_unit: String,
    pub reported_by: String,
    pub reported_at_ms: i64,
    pub reviewed_by: Option<String>,
    pub reviewed_at_ms: Option<i64>,
    pub review_note: Option<String>,
}

/// The name of a tier as stored (`''` for none).
pub(crate) fn tier_name(tier: Option<Scope>) -> &'static str {
    tier.map_or("", Scope::as_str)
}

fn tier_from(s: &str) -> Result<Option<Scope>, StoreError> {
    if s.is_empty() {
        return Ok(None);
    }
    s.parse()
        .map(Some)
        .map_err(|e| StoreError::Invalid(format!("stored tier: {e}")))
}

fn state_from(s: &str) -> Result<ValueState, StoreError> {
    s.parse()
        .map_err(|e| StoreError::Invalid(format!("stored state: {e}")))
}

const VALUE_COLUMNS: &str = "id, indicator, scope_unit, tier, period_start, period_end, value, \
    note, evidence, state, reporting_unit, reported_by, reported_at, reviewed_by, reviewed_at, \
    review_note";

fn value_from_row(r: &AnyRow) -> Result<ReportedValue, StoreError> {
    let invalid = |e: String| StoreError::Invalid(e);
    let evidence: String = r.try_get("evidence")?;
    Ok(ReportedValue {
        id: r.try_get("id")?,
        indicator: IndicatorId::parse(&r.try_get::<String, _>("indicator")?).map_err(invalid)?,
        scope_unit: r.try_get("scope_unit")?,
        tier: tier_from(&r.try_get::<String, _>("tier")?)?,
        period_start: iso_date(&r.try_get::<String, _>("period_start")?)?,
        period_end: iso_date(&r.try_get::<String, _>("period_end")?)?,
        value: r.try_get("value")?,
        note: r.try_get("note")?,
        evidence: serde_json::from_str(&evidence).map_err(|e| invalid(e.to_string()))?,
        state: state_from(&r.try_get::<String, _>("state")?)?,
        reporting_unit: r.try_get("reporting_unit")?,
        reported_by: r.try_get("reported_by")?,
        reported_at_ms: r.try_get("reported_at")?,
        reviewed_by: r.try_get("reviewed_by")?,
        reviewed_at_ms: r.try_get("reviewed_at")?,
        review_note: r.try_get("review_note")?,
    })
}

impl Store {
    /// Records a value as submitted; returns its id.
    pub async fn report_value(&self, new: &NewValue, actor: &str) -> Result<i64, StoreError> {
        self.report_value_with_files(new, &[], actor).await
    }

    /// Records a value as submitted with its evidence files, in one transaction; returns its
    /// id.
    pub async fn report_value_with_files(
        &self,
        new: &NewValue,
        files: &[EvidenceFile],
        actor: &str,
    ) -> Result<i64, StoreError> {
        check_value(new.value, new.period).map_err(StoreError::Invalid)?;
        check_count(files.len()).map_err(StoreError::Invalid)?;
        for unit in [&new.scope_unit, &new.reporting_unit] {
            if !self.org_unit_exists(unit.as_str()).await? {
                return Err(StoreError::Invalid(format!("unknown unit {unit}")));
            }
        }
        let evidence =
            serde_json::to_string(&new.evidence).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut w = self.begin_write().await?;
        let row = sqlx::query(
            "INSERT INTO indicator_values (indicator, scope_unit, tier, period_start, period_end, \
             value, note, evidence, state, reporting_unit, reported_by, reported_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'submitted', $9, $10, $11) RETURNING id",
        )
        .bind(new.indicator.as_str())
        .bind(new.scope_unit.as_str())
        .bind(tier_name(new.tier))
        .bind(new.period.start.to_string())
        .bind(new.period.end.to_string())
        .bind(new.value)
        .bind(&new.note)
        .bind(evidence)
        .bind(new.reporting_unit.as_str())
        .bind(actor)
        .bind(now_ms())
        .fetch_one(&mut *w.tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        insert_files(&mut w.tx, EvidenceOwner::Value(id), files, actor).await?;
        let change = serde_json::json!({ "indicator": new.indicator, "scope_unit": new.scope_unit,
            "period": [new.period.start, new.period.end], "value": new.value,
            "files": files.iter().map(|f| &f.sha256).collect::<Vec<_>>() });
        audit::append(
            &mut w.tx,
            actor,
            "report",
            &format!("indicator_value:{id}"),
            &change,
        )
        .await?;
        w.commit().await?;
        Ok(id)
    }

    /// Approves or returns a submitted value. Not found → `NotFound`; already reviewed →
    /// `Conflict`.
    pub async fn review_value(
        &self,
        id: i64,
        review: &Review,
        actor: &str,
    ) -> Result<ReportedValue, StoreError> {
        let (state, note) = review.outcome().map_err(StoreError::Invalid)?;
        let mut w = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE indicator_values SET state = $1, reviewed_by = $2, reviewed_at = $3, \
             review_note = $4 WHERE id = $5 AND state = 'submitted'",
        )
        .bind(state.as_str())
        .bind(actor)
        .bind(now_ms())
        .bind(note)
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
        if done.rows_affected() == 0 {
            w.tx.rollback().await?;
            return Err(match self.indicator_value(id).await? {
                Some(v) => StoreError::Conflict(format!("value {id} is already {:?}", v.state)),
                None => StoreError::NotFound(format!("no reported value {id}")),
            });
        }
        let change = serde_json::json!({ "state": state.as_str() });
        audit::append(
            &mut w.tx,
            actor,
            "review",
            &format!("indicator_value:{id}"),
            &change,
        )
        .await?;
        w.commit().await?;
        self.indicator_value(id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("no reported value {id}")))
    }

    /// One reported value.
    pub async fn indicator_value(&self, id: i64) -> Result<Option<ReportedValue>, StoreError> {
        let sql = format!("SELECT {VALUE_COLUMNS} FROM indicator_values WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(value_from_row).transpose()
    }

    /// Every value reported for `indicator` about `scope_unit`, by period: the data behind a
    /// target and its trend.
    pub async fn indicator_values(
        &self,
        indicator: &IndicatorId,
        scope_unit: &str,
    ) -> Result<Vec<ReportedValue>, StoreError> {
        let sql = format!(
            "SELECT {VALUE_COLUMNS} FROM indicator_values WHERE indicator = $1 AND scope_unit = $2 \
             ORDER BY period_end, period_start, id"
        );
        let rows = sqlx::query(&sql)
            .bind(indicator.as_str())
            .bind(scope_unit)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(value_from_row).collect()
    }

    /// The values awaiting review whose periods lie within `within`, oldest report first.
    pub async fn submitted_values(&self, within: Period) -> Result<Vec<ReportedValue>, StoreError> {
        let sql = format!(
            "SELECT {VALUE_COLUMNS} FROM indicator_values WHERE state = 'submitted' \
             AND period_start >= $1 AND period_end <= $2 ORDER BY reported_at, id"
        );
        let rows = sqlx::query(&sql)
            .bind(within.start.to_string())
            .bind(within.end.to_string())
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(value_from_row).collect()
    }

    /// The approved values of periods within `within`, ready to answer look-ups.
    pub async fn approved_values(&self, within: Period) -> Result<ApprovedValues, StoreError> {
        let sql = format!(
            "SELECT {VALUE_COLUMNS} FROM indicator_values WHERE state = 'approved' \
             AND period_start >= $1 AND period_end <= $2 ORDER BY period_end, period_start, reviewed_at, id"
        );
        let rows = sqlx::query(&sql)
            .bind(within.start.to_string())
            .bind(within.end.to_string())
            .fetch_all(self.pool())
            .await?;
        let values = rows.iter().map(value_from_row).collect::<Result<_, _>>()?;
        Ok(ApprovedValues(values))
    }
}

/// Approved values loaded from the store: the store-backed [`IndicatorSource`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ApprovedValues(pub Vec<ReportedValue>);

impl ApprovedValues {
    /// The latest approved value for `indicator`, `scope_unit` and `tier` whose period lies
    /// within `period` (the rule is `cchc_domain::plan::precedence::latest_approved`).
    pub fn latest(
        &self,
        indicator: &IndicatorId,
        scope_unit: &str,
        tier: Option<Scope>,
        period: Period,
    ) -> Option<&ReportedValue> {
        let key = ReportKey {
            indicator,
            scope_unit,
            tier,
        };
        latest_approved(&self.0, key, period)
    }
}

impl IndicatorSource for ApprovedValues {
    fn value(&self, indicator: &IndicatorId, scope_unit: &UnitCode, period: Period) -> Option<f64> {
        self.latest(indicator, scope_unit.as_str(), None, period)
            .map(|v| v.value)
    }
}

impl Approved for ReportedValue {
    fn indicator(&self) -> &IndicatorId {
        &self.indicator
    }
    fn scope_unit(&self) -> &str {
        &self.scope_unit
    }
    fn tier(&self) -> Option<Scope> {
        self.tier
    }
    fn period(&self) -> Period {
        Period {
            start: self.period_start,
            end: self.period_end,
        }
    }
    fn value(&self) -> f64 {
        self.value
    }
}
