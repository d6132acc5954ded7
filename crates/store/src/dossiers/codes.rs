//! Numbers of new dossier codes: one statement per (unit, day) and batch moves the unit's daily
//! counter past the larger of its value and the highest counter among the codes of that unit
//! and day already stored (imported dossiers keep their portal code, which may be ahead of the
//! counter), so a code is never issued twice.

use cchc_domain::UnitCode;
use cchc_domain::dossier::DossierCode;
use chrono::NaiveDate;
use sqlx::{Any, Row, Transaction};

use crate::StoreError;

/// Takes `n` numbers of the counter of (`$1` province, `$2` unit, `$3` day); returns the last.
///
/// The stored codes of the unit and day are read by a range of the primary key
/// (`province`, `code`) from the day prefix `$5` to `$6` (the prefix then `Z`: every digit sorts
/// before it in byte order and in the usual linguistic collations); the prefix is checked again
/// exactly. Only a counter [`DossierCode::parse`] accepts counts: digits alone, four of them or
/// more without a leading zero, at most `u32::MAX`. No value is cast before the filter: the
/// aggregate sees only the rows that passed it.
const TAKE_NUMBERS: &str = "\
INSERT INTO dossier_counters (province, unit_code, day, last_seq) \
SELECT $1, $2, $3, COALESCE(MAX(CAST(n AS BIGINT)), 0) + $4 \
FROM (SELECT substr(code, length($5) + 1) AS n FROM dossiers \
      WHERE province = $1 AND code >= $5 AND code < $6 AND substr(code, 1, length($5)) = $5) AS s \
WHERE ltrim(n, '0123456789') = '' \
  AND (length(n) = 4 OR (length(n) BETWEEN 5 AND 10 AND substr(n, 1, 1) <> '0' \
                         AND (length(n) < 10 OR n <= '4294967295'))) \
ON CONFLICT (province, unit_code, day) DO UPDATE SET last_seq = \
  CASE WHEN dossier_counters.last_seq + $4 > excluded.last_seq \
       THEN dossier_counters.last_seq + $4 ELSE excluded.last_seq END \
RETURNING last_seq";

/// The `n` codes of `unit` on `day` that the batch issues, in order.
pub(super) async fn take(
    tx: &mut Transaction<'static, Any>,
    province: &str,
    unit: &UnitCode,
    day: NaiveDate,
    n: usize,
) -> Result<Vec<DossierCode>, StoreError> {
    let count = i64::try_from(n).unwrap_or(i64::MAX);
    let prefix = DossierCode::day_prefix(unit, day);
    let row = sqlx::query(TAKE_NUMBERS)
        .bind(province.to_owned())
        .bind(unit.to_string())
        .bind(day.to_string())
        .bind(count)
        .bind(prefix.clone())
        .bind(format!("{prefix}Z"))
        .fetch_one(&mut **tx)
        .await?;
    let last: i64 = row.try_get("last_seq")?;
    (last - count + 1..=last)
        .map(|seq| {
            let seq = u32::try_from(seq)
                .map_err(|_| StoreError::Corrupt(format!("dossier counter of {unit} overflows")))?;
            DossierCode::new(unit.clone(), day, seq).map_err(StoreError::Invalid)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::TAKE_NUMBERS;
    use crate::Backend;
    use crate::testing::TestDb;

    /// The stored codes are read through the primary key's index, by a range of codes.
    #[tokio::test]
    async fn the_stored_codes_are_a_range_of_the_primary_key() {
        let db = TestDb::new(Backend::Sqlite).await.unwrap();
        let plan = sqlx::query(&format!("EXPLAIN QUERY PLAN {TAKE_NUMBERS}"))
            .fetch_all(db.store.pool())
            .await
            .unwrap();
        let details: Vec<String> = plan
            .iter()
            .map(|r| sqlx::Row::try_get::<String, _>(r, "detail").unwrap())
            .collect();
        let read = details
            .iter()
            .find(|d| d.contains(" dossiers "))
            .unwrap_or_else(|| panic!("{details:?}"));
        assert!(read.starts_with("SEARCH"), "{read}");
        assert!(
            read.contains("(province=? AND code>? AND code<?)"),
            "{read}"
        );
        db.store.close().await;
    }
}
