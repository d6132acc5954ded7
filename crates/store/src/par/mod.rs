//! The PAR Index in SQL: criteria templates, campaigns with their units, and scores. Reads and
//! writes only, every write audited in its transaction; the rules (template checks, the
//! scores file, the index) are `cchc_domain::par`.

use cchc_domain::kpi::exact::Dec;
use cchc_domain::par::{ScoreRow, Stage, Template};
use sqlx::Row;

use crate::binds::Sql;
use crate::{Store, StoreError, audit, now_ms};

/// A campaign is named by its year and its template's code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignKey {
    pub year: i32,
    pub template: String,
}

impl CampaignKey {
    fn entity(&self) -> String {
        format!("par_campaign:{}:{}", self.year, self.template)
    }
}

impl Store {
    /// The stored template with `code`.
    pub async fn par_template(&self, code: &str) -> Result<Option<Template>, StoreError> {
        let row = sqlx::query("SELECT document FROM par_templates WHERE code = $1")
            .bind(code)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| {
            let text: String = r.try_get("document")?;
            serde_json::from_str(&text)
                .map_err(|e| StoreError::Corrupt(format!("par template {code}: {e}")))
        })
        .transpose()
    }

    /// Stores a validated template, replacing one of the same code that no campaign uses
    /// yet; returns whether it replaced one. A template in use is a conflict.
    pub async fn store_par_template(
        &self,
        template: &Template,
        actor: &str,
        digest: &str,
    ) -> Result<bool, StoreError> {
        let document = serde_json::to_string(template)
            .map_err(|e| StoreError::Invalid(format!("template not serialisable: {e}")))?;
        let mut w = self.begin_write().await?;
        let used = sqlx::query("SELECT COUNT(*) AS n FROM par_campaigns WHERE template_code = $1")
            .bind(&template.code)
            .fetch_one(&mut *w.tx)
            .await?
            .try_get::<i64, _>("n")?;
        if used > 0 {
            return Err(StoreError::Conflict(format!(
                "bộ tiêu chí {} đã dùng cho đợt đánh giá: không thay được",
                template.code
            )));
        }
        let replaced = sqlx::query("DELETE FROM par_templates WHERE code = $1")
            .bind(&template.code)
            .execute(&mut *w.tx)
            .await?
            .rows_affected()
            > 0;
        sqlx::query(
            "INSERT INTO par_templates (code, year, unit_group, document, created_at, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&template.code)
        .bind(i64::from(template.year))
        .bind(&template.group)
        .bind(document)
        .bind(now_ms())
        .bind(actor)
        .execute(&mut *w.tx)
        .await?;
        let change = serde_json::json!({ "replaced": replaced, "leaves": template.leaves().len(),
            "file_digest": digest });
        let entity = format!("par_template:{}", template.code);
        audit::append(&mut w.tx, actor, "par_template_import", &entity, &change).await?;
        w.commit().await?;
        Ok(replaced)
    }

    /// Opens a campaign with its units (code, name); a campaign of that year and template
    /// already stored is a conflict.
    pub async fn create_par_campaign(
        &self,
        key: &CampaignKey,
        units: &[(String, String)],
        actor: &str,
    ) -> Result<(), StoreError> {
        let mut w = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO par_campaigns (year, template_code, created_at, created_by) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(i64::from(key.year))
        .bind(&key.template)
        .bind(now_ms())
        .bind(actor)
        .execute(&mut *w.tx)
        .await
        .map_err(|e| {
            StoreError::on_unique(
                e,
                format!(
                    "đợt đánh giá năm {} theo bộ tiêu chí {} đã có",
                    key.year, key.template
                ),
            )
        })?;
        for chunk in units.chunks(500) {
            let mut sql = Sql::new(
                "INSERT INTO par_campaign_units (year, template_code, unit_code, unit_name)",
            );
            sql.values(chunk, |t, (code, name)| {
                t.bind(i64::from(key.year))
                    .bind(key.template.clone())
                    .bind(code.clone())
                    .bind(name.clone());
            });
            sql.execute(&mut *w.tx).await?;
        }
        let codes: Vec<&str> = units.iter().map(|(c, _)| c.as_str()).collect();
        let change = serde_json::json!({ "units": codes });
        audit::append(
            &mut w.tx,
            actor,
            "par_campaign_create",
            &key.entity(),
            &change,
        )
        .await?;
        w.commit().await?;
        Ok(())
    }

    /// The units (code, name) of a campaign by code, or `None` when there is no campaign.
    pub async fn par_campaign_units(
        &self,
        key: &CampaignKey,
    ) -> Result<Option<Vec<(String, String)>>, StoreError> {
        let exists = sqlx::query(
            "SELECT COUNT(*) AS n FROM par_campaigns WHERE year = $1 AND template_code = $2",
        )
        .bind(i64::from(key.year))
        .bind(&key.template)
        .fetch_one(self.pool())
        .await?
        .try_get::<i64, _>("n")?;
        if exists == 0 {
            return Ok(None);
        }
        let rows = sqlx::query(
            "SELECT unit_code, unit_name FROM par_campaign_units \
             WHERE year = $1 AND template_code = $2 ORDER BY unit_code",
        )
        .bind(i64::from(key.year))
        .bind(&key.template)
        .fetch_all(self.pool())
        .await?;
        let units = rows
            .iter()
            .map(|r| Ok((r.try_get("unit_code")?, r.try_get("unit_name")?)))
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        Ok(Some(units))
    }

    /// Writes checked scores of a campaign in one audited transaction: a score of the same
    /// unit, criterion and stage is replaced. Returns how many rows were written.
    pub async fn write_par_scores(
        &self,
        key: &CampaignKey,
        rows: &[ScoreRow],
        actor: &str,
        digest: &str,
    ) -> Result<usize, StoreError> {
        let mut w = self.begin_write().await?;
        let at = now_ms();
        for chunk in rows.chunks(500) {
            let mut sql = Sql::new(
                "INSERT INTO par_scores (year, template_code, unit_code, criterion, stage, \
                 points, note, updated_at, updated_by)",
            );
            sql.values(chunk, |t, row| {
                t.bind(i64::from(key.year))
                    .bind(key.template.clone())
                    .bind(row.unit.clone())
                    .bind(row.criterion.clone())
                    .bind(row.stage.as_str())
                    .bind(row.points.map(|p| p.to_string()))
                    .bind(row.note.clone())
                    .bind(at)
                    .bind(actor.to_owned());
            });
            sql.push(
                " ON CONFLICT (year, template_code, unit_code, criterion, stage) DO UPDATE SET \
                 points = excluded.points, note = excluded.note, \
                 updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            );
            sql.execute(&mut *w.tx).await?;
        }
        let change = serde_json::json!({ "scores": rows.len(), "file_digest": digest });
        audit::append(
            &mut w.tx,
            actor,
            "par_scores_import",
            &key.entity(),
            &change,
        )
        .await?;
        w.commit().await?;
        Ok(rows.len())
    }

    /// Every stored score of a campaign.
    pub async fn par_scores(&self, key: &CampaignKey) -> Result<Vec<ScoreRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT unit_code, criterion, stage, points, note FROM par_scores \
             WHERE year = $1 AND template_code = $2 ORDER BY unit_code, criterion, stage",
        )
        .bind(i64::from(key.year))
        .bind(&key.template)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let stage: String = r.try_get("stage")?;
                let points: Option<String> = r.try_get("points")?;
                let corrupt = |what: &str| StoreError::Corrupt(format!("par score {what}"));
                Ok(ScoreRow {
                    unit: r.try_get("unit_code")?,
                    criterion: r.try_get("criterion")?,
                    stage: Stage::parse(&stage).ok_or_else(|| corrupt(&stage))?,
                    points: points
                        .map(|p| Dec::parse(&p).ok_or_else(|| corrupt(&p)))
                        .transpose()?,
                    note: r.try_get("note")?,
                })
            })
            .collect()
    }
}
