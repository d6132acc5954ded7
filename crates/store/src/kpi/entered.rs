//! The figures of the QĐ 766 index entered by hand (`kpi_entered_values`), per unit, period
//! and row; checked by [`cchc_domain::kpi::entered::check_entry`] before they are written.

use cchc_domain::kpi::{Dec, ManualValue, ManualValues, Period};
use sqlx::Row;

use crate::{Store, StoreError, audit, now_ms};

/// One entered figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnteredValue {
    pub unit: String,
    pub period: Period,
    pub metric: String,
    /// `None` for a row whose numerator is counted.
    pub numerator: Option<u64>,
    pub denominator: u64,
}

fn to_i64(n: u64) -> Result<i64, StoreError> {
    i64::try_from(n).map_err(|_| StoreError::Invalid(format!("số quá lớn: {n}")))
}

fn dec_of(n: i64) -> Dec {
    Dec::from_u64(u64::try_from(n).unwrap_or(0))
}

impl Store {
    /// Writes `v` (replacing the value of its unit, period and row), audited as `actor`'s.
    pub async fn set_entered_value(&self, v: &EnteredValue, actor: &str) -> Result<(), StoreError> {
        let mut w = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO kpi_entered_values (unit, period_start, period_end, metric, numerator, \
             denominator, entered_by, entered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (unit, period_start, period_end, metric) DO UPDATE SET \
             numerator = excluded.numerator, denominator = excluded.denominator, \
             entered_by = excluded.entered_by, entered_at = excluded.entered_at",
        )
        .bind(&v.unit)
        .bind(v.period.start.to_string())
        .bind(v.period.end.to_string())
        .bind(&v.metric)
        .bind(v.numerator.map(to_i64).transpose()?)
        .bind(to_i64(v.denominator)?)
        .bind(actor)
        .bind(now_ms())
        .execute(&mut *w.tx)
        .await?;
        let change = serde_json::json!({
            "unit": v.unit, "period_start": v.period.start, "period_end": v.period.end,
            "metric": v.metric, "numerator": v.numerator, "denominator": v.denominator,
        });
        let entity = format!("kpi766:{}:{}..{}", v.unit, v.period.start, v.period.end);
        audit::append(&mut w.tx, actor, "kpi_enter", &entity, &change).await?;
        w.commit().await?;
        Ok(())
    }

    /// Every entered value (a few per unit and period), by unit, period and row.
    pub async fn all_entered_values(&self) -> Result<Vec<EnteredValue>, StoreError> {
        let rows = sqlx::query(
            "SELECT unit, period_start, period_end, metric, numerator, denominator \
             FROM kpi_entered_values ORDER BY unit, period_start, period_end, metric",
        )
        .fetch_all(self.pool())
        .await?;
        let day = |r: &sqlx::any::AnyRow, c: &str| -> Result<chrono::NaiveDate, StoreError> {
            let text: String = r.try_get(c)?;
            text.parse()
                .map_err(|e| StoreError::Corrupt(format!("kpi_entered_values.{c}: {e}")))
        };
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        rows.iter()
            .map(|r| {
                Ok(EnteredValue {
                    unit: r.try_get("unit")?,
                    period: Period {
                        start: day(r, "period_start")?,
                        end: day(r, "period_end")?,
                    },
                    metric: r.try_get("metric")?,
                    numerator: r.try_get::<Option<i64>, _>("numerator")?.map(count),
                    denominator: count(r.try_get("denominator")?),
                })
            })
            .collect()
    }

    /// The values entered for `unit` and exactly `period`, by row code.
    pub async fn entered_values(
        &self,
        unit: &str,
        period: &Period,
    ) -> Result<ManualValues, StoreError> {
        let rows = sqlx::query(
            "SELECT metric, numerator, denominator FROM kpi_entered_values \
             WHERE unit = $1 AND period_start = $2 AND period_end = $3",
        )
        .bind(unit)
        .bind(period.start.to_string())
        .bind(period.end.to_string())
        .fetch_all(self.pool())
        .await?;
        let mut out = ManualValues::new();
        for r in rows {
            let value = ManualValue {
                numerator: r.try_get::<Option<i64>, _>("numerator")?.map(dec_of),
                denominator: Some(dec_of(r.try_get("denominator")?)),
                ratio: None,
            };
            out.insert(r.try_get("metric")?, value);
        }
        Ok(out)
    }
}
