//! The SQL baseline counts what the aggregate counts, on hand-made dossiers covering each
//! clause of the KPI view (supplements answered, awaited, awaited when the dossier ended,
//! requested twice) and the population's digitisation flags (SQLite).

use chrono::NaiveDateTime;
use sqlx::Executor;

use cchc_domain::dossier::{Channel, Status};
use cchc_domain::kpi::{Aggregate, DossierFacts, Flags, Scope, SupplementSpan, Window};

use super::backends::Db;
use super::sql;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// A dossier of unit 0 received at `r`, due at `due`, ended at `end` in `status`, with
/// supplements `(requested, completed)`.
fn dossier(
    n: u32,
    r: &str,
    end: Option<(&str, Status)>,
    sup: &[(&str, Option<&str>)],
) -> DossierFacts {
    DossierFacts {
        code: format!("D{n}"),
        unit: "0".to_owned(),
        procedure: format!("P{}", n % 3),
        channel: [Channel::Direct, Channel::Online, Channel::Postal][n as usize % 3],
        received_at: Some(at(r)),
        due_at: Some(at(r) + chrono::TimeDelta::days(7)),
        finished_at: end.map(|(e, _)| at(e)),
        terminal: end.map(|(_, s)| s),
        supplements: sup
            .iter()
            .map(|(q, c)| SupplementSpan {
                requested_at: at(q),
                completed_at: c.map(at),
                kpi_due_after: None,
            })
            .collect(),
        flags: Flags {
            reused_data: n.is_multiple_of(2),
            personal_store: n.is_multiple_of(3),
            vneid: n.is_multiple_of(5),
            attachments: n % 2 == 1,
            electronic_result: n % 4 != 3,
            dissatisfied: n.is_multiple_of(7),
            ..Flags::default()
        },
    }
}

fn facts() -> Vec<DossierFacts> {
    let stopped = Some(("2026-03-25T08:00", Status::Stopped));
    vec![
        dossier(
            1,
            "2026-02-20T08:00",
            Some(("2026-03-03T08:00", Status::Returned)),
            &[],
        ),
        dossier(
            2,
            "2026-03-02T08:00",
            Some(("2026-03-12T08:00", Status::Resolved)),
            &[],
        ),
        dossier(
            3,
            "2026-03-02T08:00",
            stopped,
            &[("2026-03-05T08:00", None)],
        ),
        dossier(
            4,
            "2026-03-02T08:00",
            stopped,
            &[("2026-03-11T08:00", None)],
        ),
        dossier(
            5,
            "2026-03-02T08:00",
            Some(("2026-03-08T08:00", Status::Resolved)),
            &[
                ("2026-03-03T08:00", Some("2026-03-03T09:00")),
                ("2026-03-04T08:00", None),
            ],
        ),
        dossier(
            6,
            "2026-03-02T08:00",
            Some(("2026-03-12T08:00", Status::Returned)),
            &[("2026-03-04T08:00", Some("2026-03-07T08:00"))],
        ),
        dossier(7, "2026-03-10T08:00", None, &[("2026-03-12T08:00", None)]),
        dossier(8, "2026-03-20T08:00", None, &[]),
        dossier(
            9,
            "2026-02-02T08:00",
            Some(("2026-02-10T08:00", Status::Resolved)),
            &[],
        ),
    ]
}

#[tokio::test]
async fn the_baseline_query_gives_the_aggregates_counts() {
    let facts = facts();
    let mut db = Db::sqlite().await.unwrap();
    let Db::Sqlite(c, _) = &mut db else {
        unreachable!("a SQLite database")
    };
    c.execute(sql::create_table().as_str()).await.unwrap();
    let mut insert = String::from("INSERT INTO kpi_facts VALUES ");
    for (i, f) in facts.iter().enumerate() {
        if i > 0 {
            insert.push(',');
        }
        let procedure = f.procedure[1..].parse().unwrap();
        sql::push_tuple(&mut insert, &sql::row(f, 0, procedure));
    }
    c.execute(insert.as_str()).await.unwrap();
    let agg = Aggregate::from_facts(&facts);
    let scope = Scope::single("0");
    let secs = |t: NaiveDateTime| t.and_utc().timestamp();
    for (period, as_of) in [
        ("2026-03", "2026-04-15T00:00"),
        ("2026-03", "2026-03-11T12:00"),
        ("2026", "2026-03-31T00:00"),
    ] {
        let w = Window::new(cchc_domain::kpi::parse_period(period).unwrap(), at(as_of)).unwrap();
        let query = sql::counts_query("unit = 0", secs(w.start()), secs(w.at()), false);
        let ours = agg.counts(&scope, &w);
        assert_eq!(
            db.counts(&query).await.unwrap(),
            ours,
            "{period} at {as_of}"
        );
    }
    // The clause is exercised: dossier 3 ended awaiting a request made before its due (early),
    // dossier 4 one made after it (late); 1, 2 and 5 (two requests) are late, 6 on time.
    let march = Window::new(
        cchc_domain::kpi::parse_period("2026-03").unwrap(),
        at("2026-04-15T00:00"),
    )
    .unwrap();
    let c = agg.counts(&scope, &march);
    assert_eq!(c.finished, [1, 1, 4]);
    db.close().await;
}
