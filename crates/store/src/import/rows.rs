//! The two statements of one chunk of a dossier import: its change-log rows (old facts read by
//! the statement itself, [`crate::kpi::changes`]) and its upsert into the dossier projection.
//! The upsert binds only what differs from row to row (14 values; the columns repeating a
//! value, the constants and the import time are written in its `SELECT`), so a chunk holds
//! 1,000 rows under both backends' parameter limits. Building a chunk's statements is plain
//! CPU work, done while the previous chunk runs in the database.

use cchc_domain::dossier::Status;
use cchc_domain::kpi::DossierFacts;
use cchc_domain::text::fold;
use sqlx::any::AnyArguments;
use sqlx::{Any, Arguments, Encode, Type};

use crate::StoreError;
use crate::dossiers::{local_to_ms, province_of};
use crate::import::dossiers::ImportedDossier;
use crate::kpi::changes::import_changes_sql;

/// Rows per chunk: 14 values × 1,000 (and 4 × 1,000 for the change log) stay under SQLite's
/// 32,766 and PostgreSQL's 65,535 parameters.
pub(crate) const ROWS_PER_CHUNK: usize = 1_000;

/// The columns written, each with the value it takes: `vN` is the N-th bound value of the row
/// (see [`bind_row`]), `{now}` the import time.
const COLUMNS: [(&str, &str); 24] = [
    ("province", "v1"),
    ("code", "v2"),
    ("receiving_unit", "v3"),
    ("competent_unit", "v3"),
    ("holder_unit", "v3"),
    ("procedure_code", "v4"),
    ("procedure_version", "0"),
    ("rule_set", "NULL"),
    ("channel", "v5"),
    ("status", "v6"),
    ("applicant_name", "v7"),
    ("applicant_folded", "v8"),
    ("submitted_at", "NULL"),
    ("received_at", "v9"),
    ("due_legal_at", "v10"),
    ("due_kpi_at", "v10"),
    ("finished_at", "v11"),
    ("returned_at", "v12"),
    ("supplement_count", "v13"),
    ("seq", "0"),
    ("state", "'null'"),
    ("created_at", "{now}"),
    ("updated_at", "{now}"),
    ("facts", "v14"),
];

/// Values bound per row.
const ROW_VALUES: usize = 14;
/// Values bound per change-log row: position, province, code, new facts.
const CHANGE_VALUES: usize = 4;

/// A statement with its arguments.
pub(crate) struct Statement {
    pub text: String,
    pub args: AnyArguments<'static>,
}

/// The change-log and upsert statements of `chunk`, whose first row is at position `first`.
pub(crate) fn chunk_statements(
    chunk: &[&ImportedDossier],
    first: usize,
    numbered: bool,
    txn: i64,
    now: i64,
) -> Result<[Statement; 2], StoreError> {
    let facts: Vec<String> = chunk.iter().map(|d| facts_json(&d.facts)).collect();
    let mut changes = Binder::new(numbered, CHANGE_VALUES, chunk.len());
    for ((n, d), facts) in (first..).zip(chunk).zip(&facts) {
        changes
            .bind(i64::try_from(n).unwrap_or(i64::MAX))
            .bind(province_of(d.code.unit()))
            .bind(d.facts.code.clone())
            .bind(facts.clone());
    }
    let mut rows = Binder::new(numbered, ROW_VALUES, chunk.len());
    for (d, facts) in chunk.iter().zip(facts) {
        bind_row(&mut rows, d, facts);
    }
    let changes = changes.finish(|v| import_changes_sql(txn, v, numbered))?;
    let rows = rows.finish(|v| upsert_sql(v, now))?;
    Ok([changes, rows])
}

/// `INSERT … SELECT … FROM (VALUES …) … ON CONFLICT … DO UPDATE` replacing an imported row,
/// never a dossier handled in cchc. (`WHERE true` keeps SQLite from reading `ON` as a join's.)
fn upsert_sql(values: &str, now: i64) -> String {
    let names: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
    let now = now.to_string();
    let select: Vec<String> = COLUMNS
        .iter()
        .map(|c| match c.1.strip_prefix('v') {
            Some(n) => format!("column{n}"),
            None => c.1.replace("{now}", &now),
        })
        .collect();
    let set: Vec<String> = names
        .iter()
        .filter(|c| !matches!(**c, "province" | "code" | "created_at"))
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    format!(
        "INSERT INTO dossiers ({}) SELECT {} FROM (VALUES {values}) AS v WHERE true \
         ON CONFLICT (province, code) DO UPDATE SET {} WHERE dossiers.facts IS NOT NULL",
        names.join(", "),
        select.join(", "),
        set.join(", ")
    )
}

fn ms(t: Option<chrono::NaiveDateTime>) -> Option<i64> {
    t.map(local_to_ms)
}

/// The 14 values of a row, in the order of the `vN` of [`COLUMNS`].
fn bind_row(b: &mut Binder, d: &ImportedDossier, facts: String) {
    let f = &d.facts;
    let returned = f.finished_at.filter(|_| d.status == Status::Returned);
    b.bind(province_of(d.code.unit()))
        .bind(f.code.clone())
        .bind(f.unit.clone())
        .bind(f.procedure.clone())
        .bind(i64::from(f.channel.code()))
        .bind(i64::from(d.status.code()))
        .bind(d.applicant_name.clone())
        .bind(fold(&d.applicant_name))
        .bind(ms(f.received_at))
        .bind(ms(f.due_at))
        .bind(ms(f.finished_at))
        .bind(ms(returned))
        .bind(i64::try_from(f.supplements.len()).unwrap_or(i64::MAX))
        .bind(facts);
}

/// The facts as stored (and logged).
fn facts_json(f: &DossierFacts) -> String {
    serde_json::to_string(f).unwrap_or_default()
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
    fn finish(self, statement: impl FnOnce(&str) -> String) -> Result<Statement, StoreError> {
        if let Some(e) = self.error {
            return Err(StoreError::Invalid(e));
        }
        Ok(Statement {
            text: statement(&format!("{})", self.values)),
            args: self.args,
        })
    }
}
