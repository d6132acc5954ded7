//! The procedure catalogue in SQL: procedures and their effective-dated versions, searched by a
//! folded column (diacritics and case removed, đ → d), read back with each version's full JSON.
//! Import and base data are in [`super::import`].

use cchc_domain::dossier::ProcedureTerms;
use cchc_domain::procedure::{
    CompetentLevel, OnlineLevel, ProcedureCode, ProcessingTime, ResultType, TimeUnit, UnitKind,
};
use cchc_domain::text::fold;
use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::binds::Sql;
use crate::paging::{Page, Paged};
use crate::{Store, StoreError};

/// A stored procedure with its versions (oldest first).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProcedureRecord {
    pub code: ProcedureCode,
    pub name: String,
    pub sector_code: Option<String>,
    pub sector_name: String,
    pub level: CompetentLevel,
    pub unit_kind: UnitKind,
    pub unit_name: Option<String>,
    pub versions: Vec<VersionRecord>,
}

/// A stored procedure version: its searchable columns and the full version as imported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionRecord {
    pub version: u32,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub time: ProcessingTime,
    pub same_day_cutoff: Option<NaiveTime>,
    pub online_level: OnlineLevel,
    pub result_type: ResultType,
    /// The serialised `cchc_domain::procedure::ProcedureVersion` (fees, components, steps,
    /// legal basis, publication, provenance).
    pub detail: serde_json::Value,
}

impl VersionRecord {
    /// Whether this version is in force on `date`.
    pub fn valid_at(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|to| date <= to)
    }

    /// The processing terms for a dossier received on `receipt_date`.
    pub fn terms(&self, receipt_date: NaiveDate) -> Result<ProcedureTerms, String> {
        Ok(ProcedureTerms {
            duration: self.time.work_duration(receipt_date)?,
            cutoff: self.same_day_cutoff,
        })
    }
}

impl ProcedureRecord {
    /// The version in force on `date` (a dossier keeps the one in force at receipt).
    pub fn version_at(&self, date: NaiveDate) -> Option<&VersionRecord> {
        self.versions.iter().find(|v| v.valid_at(date))
    }
}

/// Folds text for the search column: folded, words separated by one space.
pub(crate) fn search_words(s: &str) -> String {
    fold(s)
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A `LIKE` pattern matching `query` anywhere, with `\` escaping `%`, `_` and `\`.
pub(crate) fn like_pattern(query: &str) -> String {
    let mut out = String::from("%");
    for c in search_words(query).chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

const PROCEDURE_COLUMNS: &str = "code, name, sector_code, sector_name, level, unit_kind, unit_name";

const VERSION_COLUMNS: &str = "procedure_code, version, valid_from, valid_to, time_value, \
    time_unit, same_day_cutoff, online_level, result_type, detail";

impl Store {
    /// Procedures whose folded code, name or sector contains the folded `query` ("dang ky khai
    /// sinh" finds "Đăng ký khai sinh"), by code; every procedure when `query` is empty.
    pub async fn procedures(
        &self,
        query: Option<&str>,
        page: Page,
    ) -> Result<Paged<ProcedureRecord>, StoreError> {
        let pattern = like_pattern(query.unwrap_or(""));
        let filter = "WHERE search_folded LIKE $1 ESCAPE '\\'";
        let total: i64 = sqlx::query(&format!("SELECT COUNT(*) AS n FROM procedures {filter}"))
            .bind(&pattern)
            .fetch_one(self.pool())
            .await?
            .try_get("n")?;
        let sql = format!(
            "SELECT {PROCEDURE_COLUMNS} FROM procedures {filter} ORDER BY code LIMIT $2 OFFSET $3"
        );
        let rows = sqlx::query(&sql)
            .bind(&pattern)
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(self.pool())
            .await?;
        let mut items = rows
            .iter()
            .map(procedure_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        self.attach_versions(&mut items).await?;
        Ok(Paged {
            items,
            total: u64::try_from(total).unwrap_or(0),
            page: page.number,
            size: page.size,
        })
    }

    /// The procedure with `code`, with every version.
    pub async fn procedure(&self, code: &str) -> Result<Option<ProcedureRecord>, StoreError> {
        let sql = format!("SELECT {PROCEDURE_COLUMNS} FROM procedures WHERE code = $1");
        let row = sqlx::query(&sql)
            .bind(code.trim())
            .fetch_optional(self.pool())
            .await?;
        let Some(row) = row else { return Ok(None) };
        let mut items = vec![procedure_from_row(&row)?];
        self.attach_versions(&mut items).await?;
        Ok(items.pop())
    }

    /// The name of a procedure: one indexed read (what the public lookup shows), the same
    /// for a known and an unknown code.
    pub async fn procedure_name(&self, code: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT name FROM procedures WHERE code = $1")
            .bind(code.trim())
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| r.try_get("name")).transpose()?)
    }

    /// The number of stored procedures.
    pub async fn procedure_count(&self) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM procedures")
            .fetch_one(self.pool())
            .await?
            .try_get("n")?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The version of `procedure` in force on `date` and its terms for a receipt that day.
    pub async fn terms_at(
        &self,
        procedure: &str,
        date: NaiveDate,
    ) -> Result<(u32, ProcedureTerms), StoreError> {
        let row = sqlx::query(
            "SELECT version, time_value, time_unit, same_day_cutoff FROM procedure_versions \
             WHERE procedure_code = $1 AND valid_from <= $2 \
             AND (valid_to IS NULL OR valid_to >= $2) ORDER BY valid_from DESC LIMIT 1",
        )
        .bind(procedure.trim())
        .bind(date.to_string())
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| {
            StoreError::Invalid(format!(
                "procedure {procedure} is unknown or has no version in force on {date}"
            ))
        })?;
        let duration = time_from_row(&row)?
            .work_duration(date)
            .map_err(StoreError::Invalid)?;
        let terms = ProcedureTerms {
            duration,
            cutoff: cutoff_from_row(&row)?,
        };
        Ok((version_number(&row)?, terms))
    }

    async fn attach_versions(&self, items: &mut [ProcedureRecord]) -> Result<(), StoreError> {
        if items.is_empty() {
            return Ok(());
        }
        let mut sql = Sql::new(format!(
            "SELECT {VERSION_COLUMNS} FROM procedure_versions WHERE procedure_code IN ("
        ));
        sql.bind_list(items.iter().map(|p| p.code.as_str().to_owned()))
            .push(") ORDER BY procedure_code, valid_from");
        let rows = sql.fetch_all(self.pool()).await?;
        for row in &rows {
            let code: String = row.try_get("procedure_code")?;
            let version = version_from_row(row)?;
            if let Some(p) = items.iter_mut().find(|p| p.code.as_str() == code) {
                p.versions.push(version);
            }
        }
        Ok(())
    }
}

fn invalid(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("stored {what}: {e}"))
}

fn procedure_from_row(r: &AnyRow) -> Result<ProcedureRecord, StoreError> {
    let code: String = r.try_get("code")?;
    let level: String = r.try_get("level")?;
    let unit_kind: String = r.try_get("unit_kind")?;
    Ok(ProcedureRecord {
        code: ProcedureCode::parse(&code).map_err(|e| invalid("procedure code", e))?,
        name: r.try_get("name")?,
        sector_code: r.try_get("sector_code")?,
        sector_name: r.try_get("sector_name")?,
        level: CompetentLevel::parse(&level).map_err(|e| invalid("level", e))?,
        unit_kind: UnitKind::parse(&unit_kind).map_err(|e| invalid("unit kind", e))?,
        unit_name: r.try_get("unit_name")?,
        versions: Vec::new(),
    })
}

fn time_from_row(r: &AnyRow) -> Result<ProcessingTime, StoreError> {
    let time_value: i64 = r.try_get("time_value")?;
    let time_unit: String = r.try_get("time_unit")?;
    ProcessingTime::new(
        u32::try_from(time_value).map_err(|e| invalid("processing time", e))?,
        TimeUnit::parse(&time_unit).map_err(|e| invalid("time unit", e))?,
    )
    .map_err(|e| invalid("processing time", e))
}

fn cutoff_from_row(r: &AnyRow) -> Result<Option<NaiveTime>, StoreError> {
    let cutoff: Option<String> = r.try_get("same_day_cutoff")?;
    cutoff
        .map(|c| NaiveTime::parse_from_str(&c, "%H:%M").map_err(|e| invalid("cut-off", e)))
        .transpose()
}

fn version_number(r: &AnyRow) -> Result<u32, StoreError> {
    u32::try_from(r.try_get::<i64, _>("version")?).map_err(|e| invalid("version", e))
}

fn version_from_row(r: &AnyRow) -> Result<VersionRecord, StoreError> {
    let date = |s: String| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| invalid("version date", e))
    };
    let online: String = r.try_get("online_level")?;
    let result: String = r.try_get("result_type")?;
    let detail: String = r.try_get("detail")?;
    Ok(VersionRecord {
        version: version_number(r)?,
        valid_from: date(r.try_get("valid_from")?)?,
        valid_to: r
            .try_get::<Option<String>, _>("valid_to")?
            .map(date)
            .transpose()?,
        time: time_from_row(r)?,
        same_day_cutoff: cutoff_from_row(r)?,
        online_level: OnlineLevel::parse(&online).map_err(|e| invalid("online level", e))?,
        result_type: ResultType::parse(&result).map_err(|e| invalid("result type", e))?,
        detail: serde_json::from_str(&detail).map_err(|e| invalid("version detail", e))?,
    })
}

#[cfg(test)]
mod tests {
    use super::{like_pattern, search_words};

    #[test]
    fn search_text_folds_and_escapes() {
        assert_eq!(search_words("  Đăng  ký\tkhai sinh "), "dang ky khai sinh");
        assert_eq!(like_pattern("50%_x\\"), "%50\\%\\_x\\\\%");
        assert_eq!(like_pattern(""), "%%");
    }
}
