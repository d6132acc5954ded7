//! Periodic reporting in SQL: the values of reporting units per regime × period × unit ×
//! indicator, written all together in one audited transaction, and read back per period.
//! Every rule (types, ranges, periods, who reports, the roll-up) is in `cchc_domain::report`.

use crate::{Store, StoreError, audit, now_ms};
use sqlx::Row;

/// One value to write, already checked by the domain's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReportValue {
    pub regime: String,
    /// The period label (`2026-Q1` …).
    pub period: String,
    pub unit: String,
    pub indicator: String,
    /// The canonical text of the typed value.
    pub value: String,
    pub note: String,
}

/// One stored value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportValueRow {
    pub regime: String,
    pub period: String,
    pub unit: String,
    pub indicator: String,
    pub value: String,
    pub note: String,
    /// `imported` or `approved`.
    pub state: String,
}

/// The states a roll-up counts.
pub const COUNTED_STATES: [&str; 2] = ["imported", "approved"];

impl Store {
    /// Writes `values` (a value already stored for the same regime, period, unit and
    /// indicator is replaced) and one audit entry, in one transaction: all or nothing.
    pub async fn put_report_values(
        &self,
        values: &[NewReportValue],
        regimes_version: u32,
        actor: &str,
        source: &str,
    ) -> Result<usize, StoreError> {
        if values.is_empty() {
            return Err(StoreError::Invalid("no report value to write".into()));
        }
        let at = now_ms();
        let mut w = self.begin_write().await?;
        for v in values {
            sqlx::query(
                "INSERT INTO report_values (regime, period, unit, indicator, value, note, state, \
                 regimes_version, updated_by, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'imported', $7, $8, $9) \
                 ON CONFLICT (regime, period, unit, indicator) DO UPDATE SET \
                 value = excluded.value, note = excluded.note, state = 'imported', \
                 regimes_version = excluded.regimes_version, updated_by = excluded.updated_by, \
                 updated_at = excluded.updated_at",
            )
            .bind(&v.regime)
            .bind(&v.period)
            .bind(&v.unit)
            .bind(&v.indicator)
            .bind(&v.value)
            .bind(&v.note)
            .bind(i64::from(regimes_version))
            .bind(actor)
            .bind(at)
            .execute(&mut *w.tx)
            .await?;
        }
        let change = serde_json::json!({
            "source": source,
            "values": values.iter().map(|v| [&v.regime, &v.period, &v.unit, &v.indicator, &v.value, &v.note]).collect::<Vec<_>>(),
        });
        audit::append(
            &mut w.tx,
            actor,
            "report_values_import",
            "report_values",
            &change,
        )
        .await?;
        w.commit().await?;
        Ok(values.len())
    }

    /// Every stored value of one regime and period, of every unit, in a stable order.
    pub async fn report_values(
        &self,
        regime: &str,
        period: &str,
    ) -> Result<Vec<ReportValueRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT regime, period, unit, indicator, value, note, state FROM report_values \
             WHERE regime = $1 AND period = $2 ORDER BY unit, indicator",
        )
        .bind(regime)
        .bind(period)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ReportValueRow {
                    regime: r.try_get("regime")?,
                    period: r.try_get("period")?,
                    unit: r.try_get("unit")?,
                    indicator: r.try_get("indicator")?,
                    value: r.try_get("value")?,
                    note: r.try_get("note")?,
                    state: r.try_get("state")?,
                })
            })
            .collect()
    }
}
