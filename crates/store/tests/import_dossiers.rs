//! Import of national portal dossiers: unknown units rejected by index, the valid part alone
//! (--skip-invalid), replacement by MaHoSo, imported dossiers in the listing and in the
//! statistics facts; on SQLite and, when configured, on PostgreSQL.

use std::collections::HashSet;

use cchc_domain::dossier::Status;
use cchc_domain::kpi::{Aggregate, Scope, Window, parse_period};
use cchc_domain::portal::parse_items;
use cchc_store::Store;
use cchc_store::dossiers::{DossierFilter, UnitColumn};
use cchc_store::import::dossiers::ImportedDossier;
use cchc_store::kpi::changes::LogPosition;
use cchc_store::paging::Page;
use cchc_store::testing::{TestDb, backends};
use serde_json::json;

const UNITS: &str = "code,name,kind,parent_code,valid_from,valid_to,successor_code\n\
    H31,Hưng Yên,province,,1997-01-01,,\n\
    H31.T1,Xã Một,commune,H31,2025-07-01,,\n\
    H31.T2,Xã Hai,commune,H31,2025-07-01,,\n";

async fn each_backend<F, Fut>(test: F)
where
    F: Fn(Store) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    for backend in backends() {
        let db = TestDb::new(backend).await.expect("test database");
        db.store.import_org_units(UNITS, "test").await.unwrap();
        let outcome = tokio::spawn(test(db.store.clone())).await;
        db.store.close().await;
        if let Err(e) = outcome
            && e.is_panic()
        {
            std::panic::resume_unwind(e.into_panic());
        }
    }
}

/// An item of `unit`, number `n`, received on 2 March 2026, finished (status 10) or in progress.
fn item(unit: &str, n: u32, finished: bool) -> serde_json::Value {
    json!({
        "MaHoSo": format!("{unit}-260302-{n:04}"),
        "MaTTHC": "9.999999",
        "KenhThucHien": 2,
        "ChuHoSo": "Trần Thị B",
        "NgayTiepNhan": "20260302090000",
        "NgayHenTra": "20260310170000",
        "TrangThaiHoSo": if finished { 10 } else { 4 },
        "NgayKetThucXuLy": if finished { "20260305100000" } else { "" },
        "DonViXuLy": unit,
    })
}

fn ndjson(items: &[serde_json::Value]) -> String {
    items.iter().map(|v| format!("{v}\n")).collect()
}

/// Parses `text` against the stored units; the dossiers of the valid items and the invalid
/// items' indices and reasons.
async fn parse(store: &Store, text: &str) -> (Vec<ImportedDossier>, Vec<(usize, String)>) {
    let known: HashSet<String> = store
        .org_units()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.code.as_str().to_owned())
        .collect();
    let parsed = parse_items(text, |u| known.contains(u)).unwrap();
    let valid = parsed
        .valid
        .iter()
        .map(|v| ImportedDossier::from_item(v).unwrap())
        .collect();
    let invalid = parsed
        .invalid
        .into_iter()
        .map(|i| (i.index, i.reason))
        .collect();
    (valid, invalid)
}

async fn listed(store: &Store, unit: Option<&str>) -> Vec<(String, Status)> {
    let filter = DossierFilter {
        units: unit.map(|u| vec![cchc_domain::UnitCode::parse(u).unwrap()]),
        unit_column: UnitColumn::Receiving,
        ..DossierFilter::default()
    };
    let list = store.dossiers(&filter, Page::first(100)).await.unwrap();
    let mut out: Vec<_> = list
        .page
        .items
        .into_iter()
        .map(|r| (r.code.to_string(), r.status))
        .collect();
    out.sort();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_unit_is_reported_with_its_index_and_nothing_is_written() {
    each_backend(|store| async move {
        let text = ndjson(&[
            item("H31.T1", 1, true),
            item("H31.T9", 2, true),
            item("H31.T2", 3, false),
        ]);
        let (valid, invalid) = parse(&store, &text).await;
        assert_eq!(valid.len(), 2);
        assert_eq!(invalid.len(), 1);
        assert_eq!(invalid[0].0, 1);
        assert!(invalid[0].1.contains("DonViXuLy"), "{}", invalid[0].1);
        assert!(listed(&store, None).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_valid_items_alone_are_imported_and_listed() {
    each_backend(|store| async move {
        let text = ndjson(&[
            item("H31.T1", 1, true),
            item("H31.T9", 2, true),
            item("H31.T2", 3, false),
        ]);
        let (valid, _) = parse(&store, &text).await;
        let mut seen = Vec::new();
        let summary = store
            .import_dossiers(&valid, "test", |n| seen.push(n))
            .await
            .unwrap();
        assert_eq!((summary.items, summary.written), (2, 2));
        assert_eq!(seen.last(), Some(&2));
        assert_eq!(
            listed(&store, None).await,
            vec![
                ("H31.T1-260302-0001".to_owned(), Status::Returned),
                ("H31.T2-260302-0003".to_owned(), Status::Processing),
            ]
        );
        assert_eq!(listed(&store, Some("H31.T2")).await.len(), 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reimporting_a_code_replaces_it() {
    each_backend(|store| async move {
        let (first, _) = parse(&store, &ndjson(&[item("H31.T1", 1, false)])).await;
        store.import_dossiers(&first, "test", |_| ()).await.unwrap();
        let text = ndjson(&[item("H31.T1", 1, true), item("H31.T1", 2, false)]);
        let (second, _) = parse(&store, &text).await;
        let summary = store
            .import_dossiers(&second, "test", |_| ())
            .await
            .unwrap();
        assert_eq!(summary.written, 2);
        assert_eq!(
            listed(&store, None).await,
            vec![
                ("H31.T1-260302-0001".to_owned(), Status::Returned),
                ("H31.T1-260302-0002".to_owned(), Status::Processing),
            ]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imported_facts_feed_the_statistics() {
    each_backend(|store| async move {
        let text = ndjson(&[
            item("H31.T1", 1, true),
            item("H31.T2", 2, false),
            item("H31.T2", 3, true),
        ]);
        let (valid, _) = parse(&store, &text).await;
        store.import_dossiers(&valid, "test", |_| ()).await.unwrap();
        let units = ["H31".to_owned(), "H31.T1".to_owned(), "H31.T2".to_owned()];
        let facts = store.dossier_facts(&units).await.unwrap();
        assert_eq!(facts.len(), 3);
        let agg = Aggregate::from_facts(&facts);
        let period = parse_period("2026-03").unwrap();
        let s = agg.stats(&Scope::new("H31", units.clone()), &Window::closed(period));
        assert_eq!(s.population, 3);
        assert_eq!(s.received.online, 3);
        assert_eq!(s.finished.early, 2);
        assert_eq!(s.unfinished.overdue, 1);
        let t2 = store.dossier_facts(&units[2..]).await.unwrap();
        assert_eq!(t2.len(), 2);
    })
    .await;
}

/// The changes after the start of the log, as (code, had old facts, has new facts).
async fn logged(store: &Store) -> Vec<(i64, String, bool, bool)> {
    let changes = store
        .kpi_changes_after(LogPosition::after_commit(0), 1_000)
        .await
        .unwrap();
    changes
        .into_iter()
        .map(|c| {
            let code = c.new.as_ref().or(c.old.as_ref()).unwrap().code.clone();
            (c.seq, code, c.old.is_some(), c.new.is_some())
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_import_logs_its_changes_in_its_transaction() {
    each_backend(|store| async move {
        let first = ndjson(&[item("H31.T1", 1, false), item("H31.T2", 2, false)]);
        let (valid, _) = parse(&store, &first).await;
        store.import_dossiers(&valid, "test", |_| ()).await.unwrap();
        assert_eq!(store.kpi_log_head().await.unwrap().last_seq, 1);
        // The second import finishes one dossier and repeats the other unchanged.
        let second = ndjson(&[item("H31.T1", 1, true), item("H31.T2", 2, false)]);
        let (valid, _) = parse(&store, &second).await;
        store.import_dossiers(&valid, "test", |_| ()).await.unwrap();
        let log = logged(&store).await;
        assert_eq!(
            log,
            vec![
                (1, "H31.T1-260302-0001".to_owned(), false, true),
                (1, "H31.T2-260302-0002".to_owned(), false, true),
                (2, "H31.T1-260302-0001".to_owned(), true, true),
            ]
        );
        let replaced = store
            .kpi_changes_after(LogPosition::after_commit(1), 10)
            .await
            .unwrap();
        assert!(replaced[0].old.as_ref().unwrap().finished_at.is_none());
        assert!(replaced[0].new.as_ref().unwrap().finished_at.is_some());
        // An unchanged re-import logs nothing and numbers no commit.
        store.import_dossiers(&valid, "test", |_| ()).await.unwrap();
        assert_eq!(store.kpi_log_head().await.unwrap().last_seq, 2);
        // A scan sees the facts of the head it reports.
        let mut scanned = Vec::new();
        let head = store
            .kpi_scan(|f| scanned.push(f.code), |_, _| ())
            .await
            .unwrap();
        assert_eq!(head.last_seq, 2);
        scanned.sort();
        assert_eq!(scanned, ["H31.T1-260302-0001", "H31.T2-260302-0002"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_imported_dossier_has_a_record_but_no_handled_state() {
    each_backend(|store| async move {
        let (valid, _) = parse(&store, &ndjson(&[item("H31.T1", 1, true)])).await;
        store.import_dossiers(&valid, "test", |_| ()).await.unwrap();
        let code = cchc_domain::dossier::DossierCode::parse("H31.T1-260302-0001").unwrap();
        assert!(store.dossier_record(&code).await.unwrap().is_some());
        assert!(store.handled_dossier(&code).await.unwrap().is_none());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_is_read_in_pages_within_and_across_commits() {
    each_backend(|store| async move {
        // One large commit, then two small ones.
        for (first, n) in [(1, 700), (701, 5), (706, 5)] {
            let items: Vec<_> = (first..first + n)
                .map(|i| item("H31.T1", i, false))
                .collect();
            let (valid, _) = parse(&store, &ndjson(&items)).await;
            store.import_dossiers(&valid, "test", |_| ()).await.unwrap();
        }
        let mut pos = LogPosition::after_commit(0);
        let mut seen = Vec::new();
        loop {
            let page = store.kpi_changes_after(pos, 300).await.unwrap();
            let Some(last) = page.last() else { break };
            assert!(page.len() <= 300);
            pos = if page.len() == 300 {
                LogPosition {
                    seq: last.seq,
                    n: last.n,
                }
            } else {
                LogPosition::after_commit(last.seq)
            };
            seen.extend(
                page.iter()
                    .map(|c| (c.seq, c.new.as_ref().unwrap().code.clone())),
            );
        }
        assert_eq!(seen.len(), 710);
        let mut codes: Vec<&str> = seen.iter().map(|(_, c)| c.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 710, "each change once");
        let seqs: Vec<i64> = seen.iter().map(|(s, _)| *s).collect();
        assert!(seqs.is_sorted());
        assert_eq!((seqs[0], seqs[699], seqs[700], seqs[709]), (1, 1, 2, 3));
    })
    .await;
}

/// The indexes of the dossier table, by name.
async fn dossier_indexes(store: &Store) -> Vec<String> {
    let sql = match store.backend() {
        cchc_store::Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dossiers' \
             ORDER BY name"
        }
        cchc_store::Backend::Postgres => {
            "SELECT CAST(indexname AS TEXT) AS name FROM pg_indexes WHERE tablename = 'dossiers' \
             ORDER BY indexname"
        }
    };
    sqlx::query(sql)
        .fetch_all(store.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| sqlx::Row::try_get::<String, _>(r, "name").unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_import_in_several_chunks_keeps_the_indexes() {
    each_backend(|store| async move {
        let before = dossier_indexes(&store).await;
        assert!(before.len() >= 5, "{before:?}");
        let items: Vec<_> = (1..=2_500)
            .map(|n| item(if n % 2 == 0 { "H31.T1" } else { "H31.T2" }, n, n % 3 == 0))
            .collect();
        let (dossiers, invalid) = parse(&store, &ndjson(&items)).await;
        assert!(invalid.is_empty());
        let mut seen = Vec::new();
        let summary = store
            .import_dossiers(&dossiers, "test", |n| seen.push(n))
            .await
            .unwrap();
        assert_eq!((summary.items, summary.written), (2_500, 2_500));
        assert_eq!(seen, [1_000, 2_000, 2_500]);
        assert_eq!(dossier_indexes(&store).await, before);
        let filter = DossierFilter {
            statuses: vec![Status::Returned],
            ..DossierFilter::default()
        };
        let returned = store.dossiers(&filter, Page::first(10)).await.unwrap();
        assert_eq!(returned.page.total, 833);
        // A second import of a few rows into the now large table keeps them too.
        let (again, _) = parse(&store, &ndjson(&items[..10])).await;
        store.import_dossiers(&again, "test", |_| ()).await.unwrap();
        assert_eq!(dossier_indexes(&store).await, before);
    })
    .await;
}
