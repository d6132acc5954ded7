//! The SQL baseline: the same facts in one flat table (one row per dossier: unit, procedure,
//! channel, times in seconds, up to two supplements, the flags) and one `GROUP BY` query that
//! computes every [`Counts`] field of a scope and window straight from the definitions of
//! `DossierFacts` (verdict at the window's instant, KPI due extended by completed supplements,
//! more than one request late or overdue, an awaited supplement judged at its request, also
//! when the dossier ended awaiting it).
//!
//! The query groups by procedure first (so PostgreSQL can aggregate in parallel, distinct
//! procedures being the groups with a marked row) and sums the groups.

use cchc_domain::kpi::{Counts, Digitisation, DossierFacts};
use sqlx::Row;

/// The flat table's columns, in insertion order.
pub const COLUMNS: [&str; 21] = [
    "unit",
    "procedure",
    "channel",
    "received",
    "due",
    "finished",
    "terminal",
    "s1_req",
    "s1_done",
    "s2_req",
    "s2_done",
    "reused",
    "personal",
    "vneid",
    "national_db",
    "attachments",
    "electronic",
    "fee",
    "paid",
    "rated",
    "dissatisfied",
];

/// The table (both backends).
pub fn create_table() -> String {
    let cols: Vec<String> = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let ty = if (3..=10).contains(&i) {
                "BIGINT"
            } else {
                "INTEGER"
            };
            let null = if matches!(i, 0..=3) { " NOT NULL" } else { "" };
            format!("{c} {ty}{null}")
        })
        .collect();
    format!("CREATE TABLE kpi_facts ({})", cols.join(", "))
}

/// The index for queries of one unit.
pub const CREATE_INDEX: &str = "CREATE INDEX kpi_facts_unit ON kpi_facts (unit, received)";

/// Seconds since 1970 of a local time.
fn secs(t: chrono::NaiveDateTime) -> i64 {
    t.and_utc().timestamp()
}

/// The row of one dossier (`None` for NULL); `unit` and `procedure` are indexes.
pub fn row(f: &DossierFacts, unit: u32, procedure: u32) -> [Option<i64>; 21] {
    assert!(
        f.supplements.len() <= 2 && f.supplements.iter().all(|s| s.kpi_due_after.is_none()),
        "the flat table holds two supplements without a computed KPI due"
    );
    let s = |i: usize| f.supplements.get(i);
    let b = |v: bool| Some(i64::from(v));
    let fl = &f.flags;
    [
        Some(i64::from(unit)),
        Some(i64::from(procedure)),
        Some(i64::from(f.channel.code())),
        f.received_at.map(secs),
        f.due_at.map(secs),
        f.finished_at.map(secs),
        f.terminal.map(|t| i64::from(t.code())),
        s(0).map(|s| secs(s.requested_at)),
        s(0).and_then(|s| s.completed_at).map(secs),
        s(1).map(|s| secs(s.requested_at)),
        s(1).and_then(|s| s.completed_at).map(secs),
        b(fl.reused_data),
        b(fl.personal_store),
        b(fl.vneid),
        b(fl.national_db),
        b(fl.attachments),
        b(fl.electronic_result),
        b(fl.fee),
        b(fl.paid_online),
        b(fl.rated),
        b(fl.dissatisfied),
    ]
}

/// Appends a row as an SQL tuple of literals.
pub fn push_tuple(out: &mut String, values: &[Option<i64>]) {
    out.push('(');
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match v {
            Some(n) => out.push_str(&n.to_string()),
            None => out.push_str("NULL"),
        }
    }
    out.push(')');
}

/// Appends a row in PostgreSQL's COPY text format.
pub fn push_copy_line(out: &mut String, values: &[Option<i64>]) {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        match v {
            Some(n) => out.push_str(&n.to_string()),
            None => out.push_str("\\N"),
        }
    }
    out.push('\n');
}

fn when(cond: &str) -> String {
    format!("CASE WHEN {cond} THEN 1 ELSE 0 END")
}

/// Counted per row: (column alias, condition). Indexes follow [`counts_of`].
fn counters() -> Vec<(&'static str, String)> {
    let recv = "received >= {S}";
    let result = "verdict <= 2 AND terminal IN (9, 10)";
    let has_result = "finished IS NOT NULL AND terminal IN (9, 10)";
    vec![
        ("carried", "received < {S}".to_owned()),
        ("direct", format!("{recv} AND channel = 1")),
        ("online", format!("{recv} AND channel = 2")),
        ("postal", format!("{recv} AND channel = 3")),
        ("early", "verdict = 0".to_owned()),
        ("on_time", "verdict = 1".to_owned()),
        ("late", "verdict = 2".to_owned()),
        ("within", "verdict = 3".to_owned()),
        ("overdue", "verdict = 4".to_owned()),
        ("reused", format!("{recv} AND reused = 1")),
        ("personal", format!("{recv} AND personal = 1")),
        (
            "citizen",
            format!("{recv} AND (vneid = 1 OR personal = 1 OR national_db = 1)"),
        ),
        ("obligation", format!("{recv} AND (fee = 1 OR paid = 1)")),
        ("paid_online", format!("{recv} AND paid = 1")),
        ("with_result", result.to_owned()),
        ("electronic_result", format!("{result} AND electronic = 1")),
        (
            "digitised",
            format!("{result} AND attachments = 1 AND electronic = 1"),
        ),
        ("rated_n", "rated = 1".to_owned()),
        (
            "unsatisfied",
            "verdict IN (2, 4) OR dissatisfied = 1".to_owned(),
        ),
        ("rated_bad", "rated = 1 AND dissatisfied = 1".to_owned()),
        ("pop_electronic", format!("{has_result} AND electronic = 1")),
        (
            "pop_digitised",
            format!("{has_result} AND attachments = 1 AND electronic = 1"),
        ),
        ("pop_reused", "reused = 1".to_owned()),
        ("pop_personal", "personal = 1".to_owned()),
        (
            "pop_citizen",
            "(vneid = 1 OR personal = 1 OR national_db = 1)".to_owned(),
        ),
    ]
}

/// Marks whose distinct procedures are counted.
fn marks() -> Vec<(&'static str, String)> {
    let recv = "received >= {S}";
    vec![
        ("m_fee", format!("{recv} AND fee = 1")),
        ("m_paid", format!("{recv} AND paid = 1")),
        (
            "m_citizen",
            format!("{recv} AND (vneid = 1 OR personal = 1 OR national_db = 1)"),
        ),
    ]
}

/// The rows of the population of `scope` in the window `[s, t]` with their verdict at `t`:
/// 0 early, 1 on time, 2 late (finished by `t`), 3 within, 4 overdue (unfinished at `t`).
fn population(scope: &str) -> String {
    let done = |i: u8, at: &str| format!("(s{i}_done <= {at})");
    let ext = |at: &str| {
        format!(
            "(CASE WHEN {} THEN s1_done - s1_req ELSE 0 END + CASE WHEN {} THEN s2_done - s2_req ELSE 0 END)",
            done(1, at),
            done(2, at)
        )
    };
    let awaited = |i: u8| format!("s{i}_req <= e AND (s{i}_done IS NULL OR s{i}_done > e)");
    let level_a = format!(
        "SELECT f.*, CASE WHEN finished <= {{T}} THEN finished ELSE {{T}} END AS e, \
         {} AS fin FROM kpi_facts f \
         WHERE {scope} AND received <= {{T}} AND (finished IS NULL OR finished >= {{S}})",
        when("finished <= {T}")
    );
    let level_b = format!(
        "SELECT a.*, {} + {} AS nreq, \
         CASE WHEN {} THEN s1_req WHEN {} THEN s2_req ELSE e END AS judged \
         FROM ({level_a}) a",
        when("s1_req <= e"),
        when("s2_req <= e"),
        awaited(1),
        awaited(2)
    );
    format!(
        "SELECT b.*, CASE WHEN fin = 1 THEN \
           CASE WHEN nreq > 1 THEN 2 WHEN due IS NULL THEN 1 \
                WHEN judged > due + {x} THEN 2 WHEN judged / 86400 < (due + {x}) / 86400 THEN 0 \
                ELSE 1 END \
         ELSE \
           CASE WHEN nreq > 1 THEN 4 WHEN due IS NULL THEN 3 WHEN judged > due + {x} THEN 4 ELSE 3 END \
         END AS verdict FROM ({level_b}) b",
        x = ext("judged")
    )
}

/// The counts query for `scope` (an SQL condition on `unit`), `s` and `t` in seconds; with
/// `by_unit`, one row per unit (its first column the unit).
pub fn counts_query(scope: &str, s: i64, t: i64, by_unit: bool) -> String {
    let inner: Vec<String> = counters()
        .iter()
        .map(|(a, c)| format!("SUM({}) AS {a}", when(c)))
        .chain(
            marks()
                .iter()
                .map(|(a, c)| format!("MAX({}) AS {a}", when(c))),
        )
        .collect();
    let outer: Vec<String> = counters()
        .iter()
        .map(|(a, _)| format!("CAST(COALESCE(SUM({a}), 0) AS BIGINT)"))
        .chain(
            marks()
                .iter()
                .map(|(a, _)| format!("CAST(COALESCE(SUM({a}), 0) AS BIGINT)")),
        )
        .collect();
    let (outer_key, key) = if by_unit {
        ("CAST(unit AS BIGINT), ", "unit, ")
    } else {
        ("", "")
    };
    let text = format!(
        "SELECT {outer_key}{} FROM (SELECT {key}procedure, {} FROM ({}) p GROUP BY {key}procedure) g{}",
        outer.join(", "),
        inner.join(", "),
        population(scope),
        if by_unit {
            " GROUP BY unit ORDER BY unit"
        } else {
            ""
        }
    );
    text.replace("{S}", &s.to_string())
        .replace("{T}", &t.to_string())
}

/// The counts of a result row whose count columns start at `first`.
pub fn counts_of<R: Row>(r: &R, first: usize) -> Result<Counts, sqlx::Error>
where
    usize: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let n = |i: usize| -> Result<u64, sqlx::Error> {
        r.try_get::<i64, _>(first + i)
            .map(|v| u64::try_from(v).unwrap_or(0))
    };
    Ok(Counts {
        carried_over: n(0)?,
        received: [n(1)?, n(2)?, n(3)?],
        finished: [n(4)?, n(5)?, n(6)?],
        unfinished: [n(7)?, n(8)?],
        reused_data: n(9)?,
        personal_store: n(10)?,
        citizen_data: n(11)?,
        fee_obligation: n(12)?,
        paid_online: n(13)?,
        with_result: n(14)?,
        electronic_result: n(15)?,
        digitised_result: n(16)?,
        rated: n(17)?,
        unsatisfied: n(18)?,
        rated_dissatisfied: n(19)?,
        in_population: Digitisation {
            electronic_result: n(20)?,
            digitised_result: n(21)?,
            reused_data: n(22)?,
            personal_store: n(23)?,
            citizen_data: n(24)?,
        },
        procedures_with_fee: n(25)?,
        procedures_paid_online: n(26)?,
        procedures_citizen_data: n(27)?,
    })
}
