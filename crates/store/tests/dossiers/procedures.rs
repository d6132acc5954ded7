//! The catalogue in SQL: base data, folded search, versions, all-or-nothing import.

use cchc_domain::procedure::{Catalogue, shipped};
use cchc_store::Store;
use cchc_store::paging::Page;
use cchc_store::procedures::import::ProcedureImportError;
use cchc_store::testing::{TestDb, backends};

use super::support::each_backend;

async fn codes(store: &Store, q: &str) -> Vec<String> {
    let found = store.procedures(Some(q), Page::first(100)).await.unwrap();
    assert_eq!(found.total, found.items.len() as u64, "{q}");
    found.items.iter().map(|p| p.code.to_string()).collect()
}

#[tokio::test]
async fn search_folds_diacritics_case_and_d_bar() {
    each_backend(|store| async move {
        let all = store.procedures(None, Page::first(500)).await.unwrap();
        assert_eq!(all.total, shipped().unwrap().len() as u64);
        for q in [
            "đăng ký khai sinh",
            "dang ky khai sinh",
            "ĐĂNG KÝ  KHAI SINH",
            "Dang Ky Khai Sinh",
        ] {
            assert_eq!(codes(&store, q).await, ["1.001193"], "{q}");
        }
        assert_eq!(codes(&store, "1.001193").await, ["1.001193"]);
        assert!(codes(&store, "ho tich").await.len() >= 5);
        assert!(codes(&store, "chứng thực").await.len() >= 5);
        assert!(codes(&store, "không có thủ tục này").await.is_empty());
        assert!(codes(&store, "100%").await.is_empty());
        let page = store
            .procedures(Some("ho tich"), Page::new(2, 2))
            .await
            .unwrap();
        assert_eq!(page.items.len(), 2);
        assert!(page.total >= 5);
    })
    .await;
}

#[tokio::test]
async fn a_procedure_keeps_its_versions_and_terms() {
    each_backend(|store| async move {
        let p = store
            .procedure("1.001193")
            .await
            .unwrap()
            .expect("khai sinh");
        assert_eq!(p.name, "Thủ tục đăng ký khai sinh");
        assert_eq!(p.versions.len(), 2);
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(p.version_at(d("2025-06-30")).unwrap().version, 1);
        let v2 = p.version_at(d("2026-03-02")).unwrap();
        assert_eq!(v2.version, 2);
        assert_eq!(
            v2.same_day_cutoff.map(|t| t.to_string()).as_deref(),
            Some("15:00:00")
        );
        assert!(
            v2.detail["legal_basis"]
                .as_array()
                .is_some_and(|l| !l.is_empty())
        );
        let (version, terms) = store.terms_at("1.001193", d("2026-03-02")).await.unwrap();
        assert_eq!((version, terms.cutoff), (2, v2.same_day_cutoff));
        assert!(store.procedure("9.999999").await.unwrap().is_none());
        assert_eq!(
            store.procedure_name(" 1.001193 ").await.unwrap().as_deref(),
            Some("Thủ tục đăng ký khai sinh")
        );
        assert_eq!(store.procedure_name("9.999999").await.unwrap(), None);
    })
    .await;
}

#[tokio::test]
async fn an_import_writes_everything_or_nothing() {
    each_backend(|store| async move {
        let before = store.procedure_count().await.unwrap();
        let audit_before = store.audit_entries().await.unwrap().len();
        let bad = r#"{"format": "cchc-procedures/1", "procedures": [{"code": "x"}]}"#;
        match store.import_procedures_json(bad, "test").await {
            Err(ProcedureImportError::Rejected(problems)) => assert!(!problems.is_empty()),
            other => panic!("expected a rejection, got {other:?}"),
        }
        // A catalogue that passes no validation: the second record repeats the first code,
        // so the database refuses it after the first rows were written in the transaction.
        let mut c: Catalogue = shipped().unwrap();
        c.procedures.truncate(2);
        c.procedures[0].name = "Tên đã đổi".to_owned();
        c.procedures[1] = c.procedures[0].clone();
        assert!(store.import_procedures(&c, "test").await.is_err());
        let kept = store.procedure("1.001193").await.unwrap().unwrap();
        assert_eq!(kept.name, "Thủ tục đăng ký khai sinh");
        assert_eq!(store.procedure_count().await.unwrap(), before);
        assert_eq!(store.audit_entries().await.unwrap().len(), audit_before);

        c.procedures.truncate(1);
        assert_eq!(store.import_procedures(&c, "test").await.unwrap(), 1);
        let changed = store.procedure("1.001193").await.unwrap().unwrap();
        assert_eq!(
            (changed.name.as_str(), changed.versions.len()),
            ("Tên đã đổi", 2)
        );
        assert_eq!(store.procedure_count().await.unwrap(), before);
    })
    .await;
}

#[tokio::test]
async fn procedures_load_into_a_database_that_already_has_org_units() {
    for backend in backends() {
        let db = TestDb::new(backend).await.unwrap();
        let store = &db.store;
        sqlx::query(
            "INSERT INTO org_units (code, name, name_folded, kind, valid_from) \
             VALUES ('H31', 'Tỉnh Hưng Yên', 'tinh hung yen', 'province', '1997-01-01')",
        )
        .execute(store.pool())
        .await
        .unwrap();
        assert_eq!(store.procedure_count().await.unwrap(), 0);
        assert!(!store.load_base_org_units_if_empty().await.unwrap());
        assert!(store.load_base_procedures_if_empty().await.unwrap());
        assert!(store.procedure_count().await.unwrap() >= 30);
        assert_eq!(store.org_units().await.unwrap().len(), 1);
        assert!(!store.load_base_procedures_if_empty().await.unwrap());
        store.close().await;
    }
}

#[tokio::test]
async fn an_import_that_changes_a_sector_or_online_level_asks_for_a_kpi_rebuild() {
    each_backend(|store| async move {
        let reclassified =
            |store: Store| async move { store.kpi_log_head().await.unwrap().reclassified };
        let before = reclassified(store.clone()).await;
        let mut c = shipped().unwrap();
        c.procedures.retain(|p| p.code.as_str() == "1.001193");
        store.import_procedures(&c, "test").await.unwrap();
        assert_eq!(reclassified(store.clone()).await, before, "the same traits");
        c.procedures[0].name = "Tên đã đổi".into();
        store.import_procedures(&c, "test").await.unwrap();
        assert_eq!(reclassified(store.clone()).await, before, "a new name only");
        c.procedures[0].sector.name = "Đất đai".into();
        store.import_procedures(&c, "test").await.unwrap();
        assert_eq!(reclassified(store.clone()).await, before + 1);
        let traits = store.procedure_traits().await.unwrap();
        assert_eq!(traits["1.001193"].sector_name, "Đất đai");
    })
    .await;
}
