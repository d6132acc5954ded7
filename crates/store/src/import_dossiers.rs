//! Import of dossiers in the national portal's format (`DongBoHoSoMC` items, issue 5 item 1):
//! each valid item becomes a row of the dossier projection with its statistics facts (JSON),
//! written by multi-row upserts in one transaction with one audit entry. Re-importing a code
//! replaces its row; a dossier handled in cchc with the same code is kept. Each chunk first
//! logs its changes (old facts → new facts, [`crate::kpi_changes`]) with one multi-row
//! statement that reads the old facts itself, then upserts.

use std::collections::HashMap;

use cchc_domain::dossier::{DossierCode, Status};
use cchc_domain::kpi::DossierFacts;
use cchc_domain::portal::{Scalar, ValidItem};
use cchc_domain::text::fold;
use serde::Serialize;

use crate::dossiers::{local_to_ms, province_of};
use crate::kpi_changes::{ChangeTx, import_changes_sql};
use crate::{Backend, Store, StoreError, audit, now_ms};
use sqlx::any::AnyArguments;
use sqlx::{Any, Arguments, Encode, Transaction, Type};

/// A dossier to import: its facts, its status and its applicant's name (personal data,
/// never printed by `Debug`).
#[derive(Clone, PartialEq, Eq)]
pub struct ImportedDossier {
    pub code: DossierCode,
    pub facts: DossierFacts,
    pub status: Status,
    pub applicant_name: String,
}

impl std::fmt::Debug for ImportedDossier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportedDossier")
            .field("code", &self.code.to_string())
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl ImportedDossier {
    /// The dossier of a valid portal item, or why it cannot be stored (its `MaHoSo` must be a
    /// dossier code `{unit}-{YYMMDD}-{NNNN}`, the key of the projection).
    pub fn from_item(v: &ValidItem<'_>) -> Result<Self, String> {
        let code = DossierCode::parse(&v.facts.code).map_err(|e| format!("MaHoSo: {e}"))?;
        let status = match v.item.trang_thai_ho_so.as_ref() {
            Some(Scalar::Str(s)) => s.trim().parse().ok(),
            Some(s) => s
                .int()
                .and_then(|n| u8::try_from(n).ok())
                .and_then(Status::from_code),
            None => None,
        }
        .or(v.facts.terminal)
        .unwrap_or(Status::Received);
        Ok(Self {
            code,
            facts: v.facts.clone(),
            status,
            applicant_name: v
                .item
                .chu_ho_so
                .as_ref()
                .map(|t| t.trimmed().to_owned())
                .unwrap_or_default(),
        })
    }
}

/// What an import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Items read (after dropping earlier duplicates of a code within the input).
    pub items: usize,
    /// Rows inserted or replaced.
    pub written: usize,
    /// Items not written because a dossier handled in cchc holds their code.
    pub kept_native: usize,
}

/// Rows per statement: 24 columns × 400 stays under both backends' parameter limits.
const ROWS_PER_STATEMENT: usize = 400;

/// The columns written, in the order of [`bind_row`].
const COLUMNS: [&str; 24] = [
    "province",
    "code",
    "receiving_unit",
    "competent_unit",
    "holder_unit",
    "procedure_code",
    "procedure_version",
    "rule_set",
    "channel",
    "status",
    "applicant_name",
    "applicant_folded",
    "submitted_at",
    "received_at",
    "due_legal_at",
    "due_kpi_at",
    "finished_at",
    "returned_at",
    "supplement_count",
    "seq",
    "state",
    "created_at",
    "updated_at",
    "facts",
];

impl Store {
    /// Imports `items` in one transaction (the last item of a code wins); `progress` is told
    /// the number of items written so far after each statement.
    pub async fn import_dossiers(
        &self,
        items: &[ImportedDossier],
        actor: &str,
        mut progress: impl FnMut(usize),
    ) -> Result<ImportSummary, StoreError> {
        let rows = last_of_each_code(items);
        let mut w = self.begin_write().await?;
        let mut chunks = Chunks {
            log: ChangeTx::begin_import(&mut w.tx, self.backend()).await?,
            numbered: self.backend() == Backend::Postgres,
            upsert: upsert_tail(),
            now: now_ms(),
        };
        let mut written = 0usize;
        let mut done = 0usize;
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            written += chunks.write(&mut w.tx, chunk, done).await?;
            done += chunk.len();
            progress(done);
        }
        let summary = ImportSummary {
            items: rows.len(),
            written,
            kept_native: rows.len().saturating_sub(written),
        };
        let change = serde_json::json!({
            "items": summary.items,
            "written": summary.written,
            "first": rows.first().map(|d| d.code.to_string()),
            "last": rows.last().map(|d| d.code.to_string()),
        });
        audit::append(&mut w.tx, actor, "dossiers.import", "dossiers", &change).await?;
        chunks.log.finish(&mut w.tx).await?;
        w.commit().await?;
        Ok(summary)
    }
}

/// What every chunk of an import shares.
struct Chunks {
    log: ChangeTx,
    numbered: bool,
    upsert: String,
    now: i64,
}

impl Chunks {
    /// Logs the changes of `chunk` (rows from position `first`), then upserts it; returns the
    /// rows written.
    async fn write(
        &mut self,
        tx: &mut Transaction<'static, Any>,
        chunk: &[&ImportedDossier],
        first: usize,
    ) -> Result<usize, StoreError> {
        let facts: Vec<String> = chunk.iter().map(|d| facts_json(&d.facts)).collect();
        let mut changes = Binder::new(self.numbered, CHANGE_COLUMNS, chunk.len());
        for ((n, d), facts) in (first..).zip(chunk).zip(&facts) {
            bind_change(&mut changes, n, d, facts.clone());
        }
        let text = changes.finish(|v| import_changes_sql(self.log.txn(), v))?;
        let logged = sqlx::query_with(&text, changes.args)
            .execute(&mut **tx)
            .await?;
        self.log.counted(logged.rows_affected());
        let mut b = Binder::new(self.numbered, COLUMNS.len(), chunk.len());
        for (d, facts) in chunk.iter().zip(facts) {
            bind_row(&mut b, d, facts, self.now);
        }
        let text = b.finish(|v| {
            format!(
                "INSERT INTO dossiers ({}) VALUES {v}{}",
                COLUMNS.join(", "),
                self.upsert
            )
        })?;
        let done = sqlx::query_with(&text, b.args).execute(&mut **tx).await?;
        Ok(usize::try_from(done.rows_affected()).unwrap_or(usize::MAX))
    }
}

/// The items, each code once (its last occurrence), in input order.
fn last_of_each_code(items: &[ImportedDossier]) -> Vec<&ImportedDossier> {
    let mut last: HashMap<&str, usize> = HashMap::with_capacity(items.len());
    for (i, d) in items.iter().enumerate() {
        last.insert(d.facts.code.as_str(), i);
    }
    items
        .iter()
        .enumerate()
        .filter(|(i, d)| last.get(d.facts.code.as_str()) == Some(i))
        .map(|(_, d)| d)
        .collect()
}

/// `ON CONFLICT … DO UPDATE` replacing an imported row, never a dossier handled in cchc.
fn upsert_tail() -> String {
    let set: Vec<String> = COLUMNS
        .iter()
        .filter(|c| !matches!(**c, "province" | "code" | "created_at"))
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    format!(
        " ON CONFLICT (province, code) DO UPDATE SET {} WHERE dossiers.facts IS NOT NULL",
        set.join(", ")
    )
}

fn ms(t: Option<chrono::NaiveDateTime>) -> Option<i64> {
    t.map(local_to_ms)
}

/// A multi-row `VALUES` list with its arguments. SQLite gets anonymous `?` placeholders: with
/// numbered ones the driver's lookup of each parameter's name makes a statement quadratic in
/// its parameter count.
struct Binder {
    numbered: bool,
    /// Values per tuple.
    width: usize,
    values: String,
    args: AnyArguments<'static>,
    count: usize,
    error: Option<String>,
}

impl Binder {
    fn new(numbered: bool, width: usize, rows: usize) -> Self {
        Self {
            numbered,
            width,
            values: String::with_capacity(rows * width * 6),
            args: AnyArguments::default(),
            count: 0,
            error: None,
        }
    }

    fn bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'static + Send + Encode<'static, Any> + Type<Any>,
    {
        let in_row = self.count % self.width;
        self.values.push_str(match (in_row, self.count) {
            (0, 0) => "(",
            (0, _) => "), (",
            _ => ", ",
        });
        self.count += 1;
        if self.numbered {
            self.values.push('$');
            self.values.push_str(&self.count.to_string());
        } else {
            self.values.push('?');
        }
        if let Err(e) = self.args.add(value)
            && self.error.is_none()
        {
            self.error = Some(format!("argument {}: {e}", self.count));
        }
        self
    }

    /// The whole statement, given the text around the tuples `(…), …, (…)`.
    fn finish(&self, statement: impl FnOnce(&str) -> String) -> Result<String, StoreError> {
        if let Some(e) = &self.error {
            return Err(StoreError::Invalid(e.clone()));
        }
        Ok(statement(&format!("{})", self.values)))
    }
}

/// The facts as stored (and logged).
fn facts_json(f: &DossierFacts) -> String {
    serde_json::to_string(f).unwrap_or_default()
}

/// The values of a change row: position, province, code, new facts.
const CHANGE_COLUMNS: usize = 4;

fn bind_change(b: &mut Binder, n: usize, d: &ImportedDossier, facts: String) {
    b.bind(i64::try_from(n).unwrap_or(i64::MAX))
        .bind(province_of(d.code.unit()))
        .bind(d.facts.code.clone())
        .bind(facts);
}

fn bind_row(b: &mut Binder, d: &ImportedDossier, facts: String, now: i64) {
    let f = &d.facts;
    let returned = f.finished_at.filter(|_| d.status == Status::Returned);
    b.bind(province_of(d.code.unit()))
        .bind(f.code.clone())
        .bind(f.unit.clone())
        .bind(f.unit.clone())
        .bind(f.unit.clone())
        .bind(f.procedure.clone())
        .bind(0_i64)
        .bind(None::<String>)
        .bind(i64::from(f.channel.code()))
        .bind(i64::from(d.status.code()));
    b.bind(d.applicant_name.clone())
        .bind(fold(&d.applicant_name))
        .bind(None::<i64>)
        .bind(ms(f.received_at))
        .bind(ms(f.due_at))
        .bind(ms(f.due_at))
        .bind(ms(f.finished_at))
        .bind(ms(returned))
        .bind(i64::try_from(f.supplements.len()).unwrap_or(i64::MAX))
        .bind(0_i64);
    b.bind("null".to_owned()).bind(now).bind(now).bind(facts);
}
