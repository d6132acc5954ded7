//! Lists of dossiers for the officer inbox: by units (e.g. a unit's subtree), status, overdue
//! as of an instant, due by an instant, procedure, part of the code, or the submitting citizen;
//! sorted by legal due time, with counts per status.

use cchc_calendar::{CalendarError, WorkCalendar, WorkDuration};
use cchc_domain::UnitCode;
use cchc_domain::dossier::Status;
use chrono::NaiveDateTime;
use serde::Serialize;
use sqlx::{Any, Row};

use super::rows::{COLUMNS, record_from_row};
use super::{DossierRecord, local_to_ms, province_of};
use crate::binds::Sql;
use crate::paging::{Page, Paged};
use crate::{Store, StoreError};

/// Which unit of a dossier a unit filter matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnitColumn {
    /// The unit holding the dossier now (the inbox).
    #[default]
    Holder,
    /// The unit that received it.
    Receiving,
    /// The unit competent to decide.
    Competent,
}

impl UnitColumn {
    fn column(self) -> &'static str {
        match self {
            UnitColumn::Holder => "holder_unit",
            UnitColumn::Receiving => "receiving_unit",
            UnitColumn::Competent => "competent_unit",
        }
    }
}

/// The order of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DossierOrder {
    /// By legal due time, undated last, then code (the inbox).
    #[default]
    Due,
    /// Newest submission or receipt first (an applicant's own list).
    Newest,
}

impl DossierOrder {
    fn sql(self) -> &'static str {
        match self {
            DossierOrder::Due => {
                " ORDER BY CASE WHEN due_legal_at IS NULL THEN 1 ELSE 0 END, due_legal_at, code"
            }
            DossierOrder::Newest => " ORDER BY COALESCE(submitted_at, received_at) DESC, code DESC",
        }
    }
}

/// Statuses whose legal due time runs: received, processing, awaiting payment. A dossier
/// awaiting a supplement is left out (its clock stops; the due time moves when it resumes).
pub const RUNNING: [Status; 3] = [
    Status::Received,
    Status::Processing,
    Status::AwaitingPayment,
];

/// What to list. The default lists every dossier.
#[derive(Debug, Clone, Default)]
pub struct DossierFilter {
    /// Units to match (e.g. the subtree of the user's unit); `None` matches every unit and an
    /// empty list matches none.
    pub units: Option<Vec<UnitCode>>,
    pub unit_column: UnitColumn,
    /// Statuses to match; empty matches every status.
    pub statuses: Vec<Status>,
    /// Running dossiers ([`RUNNING`]) whose legal due time is before this local time.
    pub overdue_at: Option<NaiveDateTime>,
    /// Running dossiers due at or before this local time (see [`due_within`]).
    pub due_by: Option<NaiveDateTime>,
    /// Procedure codes to match; `None` matches every procedure and an empty list none.
    pub procedures: Option<Vec<String>>,
    /// Text the dossier code contains (case-insensitive).
    pub code_contains: Option<String>,
    /// The citizen account that submitted the dossiers online.
    pub submitted_by: Option<i64>,
    pub order: DossierOrder,
}

/// The bound for "due within `days` working days of `now`" on the unit's calendar.
pub fn due_within(
    calendar: &WorkCalendar,
    now: NaiveDateTime,
    days: u32,
) -> Result<NaiveDateTime, CalendarError> {
    calendar.due(now, WorkDuration::WorkingDays(days))
}

/// A page of dossiers with the counts of the filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DossierList {
    pub page: Paged<DossierRecord>,
    /// Dossiers per status matching every condition but the status one, in status order.
    pub by_status: Vec<(Status, u64)>,
}

/// Appends the `WHERE` clause of `filter` (without its statuses unless `with_status`).
fn push_where(qb: &mut Sql, filter: &DossierFilter, with_status: bool) {
    qb.push(" WHERE 1 = 1");
    if let Some(units) = &filter.units {
        let mut provinces: Vec<String> = units.iter().map(province_of).collect();
        provinces.sort();
        provinces.dedup();
        push_in(qb, "province", provinces);
        let codes = units.iter().map(ToString::to_string).collect();
        push_in(qb, filter.unit_column.column(), codes);
    }
    if with_status && !filter.statuses.is_empty() {
        let codes = filter
            .statuses
            .iter()
            .map(|s| i64::from(s.code()))
            .collect();
        push_in(qb, "status", codes);
    }
    let running = || RUNNING.iter().map(|s| i64::from(s.code())).collect();
    if let Some(at) = filter.overdue_at {
        push_in(qb, "status", running());
        qb.push(" AND due_legal_at < ").bind(local_to_ms(at));
    }
    if let Some(by) = filter.due_by {
        push_in(qb, "status", running());
        qb.push(" AND due_legal_at <= ").bind(local_to_ms(by));
    }
    if let Some(codes) = &filter.procedures {
        push_in(qb, "procedure_code", codes.clone());
    }
    if let Some(text) = filter.code_contains.as_deref().map(str::trim)
        && !text.is_empty()
    {
        qb.push(" AND code LIKE ")
            .bind(code_pattern(text))
            .push(" ESCAPE '\\'");
    }
    if let Some(account) = filter.submitted_by {
        qb.push(" AND submitted_by = ").bind(account);
    }
}

/// A `LIKE` pattern for codes containing `text` (codes are upper case), `\` escaping `%`, `_`
/// and `\`.
fn code_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.to_uppercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// `AND column IN (…)`, or a false condition for an empty list.
fn push_in<T>(qb: &mut Sql, column: &str, values: Vec<T>)
where
    T: 'static + Send + sqlx::Encode<'static, Any> + sqlx::Type<Any>,
{
    if values.is_empty() {
        qb.push(" AND 1 = 0");
        return;
    }
    qb.push(&format!(" AND {column} IN ("))
        .bind_list(values)
        .push(")");
}

impl Store {
    /// Dossiers matching `filter`, in its order (by legal due time unless told otherwise).
    pub async fn dossiers(
        &self,
        filter: &DossierFilter,
        page: Page,
    ) -> Result<DossierList, StoreError> {
        let mut qb = Sql::new(format!("SELECT {COLUMNS} FROM dossiers"));
        push_where(&mut qb, filter, true);
        qb.push(filter.order.sql())
            .push(" LIMIT ")
            .bind(page.limit())
            .push(" OFFSET ")
            .bind(page.offset());
        let rows = qb.fetch_all(self.pool()).await?;
        let items = rows
            .iter()
            .map(record_from_row)
            .collect::<Result<Vec<_>, _>>()?;

        let mut qb = Sql::new("SELECT status, COUNT(*) AS n FROM dossiers");
        push_where(&mut qb, filter, false);
        qb.push(" GROUP BY status ORDER BY status");
        let mut by_status = Vec::new();
        for r in qb.fetch_all(self.pool()).await? {
            let code = u8::try_from(r.try_get::<i64, _>("status")?).unwrap_or(0);
            let n = u64::try_from(r.try_get::<i64, _>("n")?).unwrap_or(0);
            if let Some(s) = Status::from_code(code) {
                by_status.push((s, n));
            }
        }
        let total = by_status
            .iter()
            .filter(|(s, _)| filter.statuses.is_empty() || filter.statuses.contains(s))
            .map(|(_, n)| n)
            .sum();
        Ok(DossierList {
            page: Paged {
                items,
                total,
                page: page.number,
                size: page.size,
            },
            by_status,
        })
    }
}
