//! Codes issued beside imported dossiers: an imported code of a unit and day is never issued
//! again, whether the counter is behind it or already past it; odd codes do not count.

use cchc_domain::dossier::{Channel, DossierCode};
use cchc_domain::portal::parse_items;
use cchc_store::Store;
use cchc_store::import::dossiers::ImportedDossier;
use serde_json::json;

use super::support::{at, ctx, each_backend, new_dossier, unit};

const DESK: &str = "H31.VPUB.TTPVHCC";
/// The receipt day of the dossiers created here ("today" of their context).
const TODAY: &str = "2026-11-27T09:00";

/// Imports portal items with the codes `codes` (the unit is the code's).
async fn import(store: &Store, codes: &[&str]) {
    let text: String = codes
        .iter()
        .map(|code| {
            let unit = code.rsplitn(3, '-').nth(2).unwrap();
            let item = json!({
                "MaHoSo": code,
                "MaTTHC": "1.004873",
                "KenhThucHien": 2,
                "ChuHoSo": "Trần Thị B",
                "NgayTiepNhan": "20261127080000",
                "NgayHenTra": "20261204170000",
                "TrangThaiHoSo": 4,
                "DonViXuLy": unit,
            });
            format!("{item}\n")
        })
        .collect();
    let parsed = parse_items(&text, |_| true).unwrap();
    let reasons: Vec<&str> = parsed.invalid.iter().map(|i| i.reason.as_str()).collect();
    assert!(reasons.is_empty(), "{reasons:?}");
    let items: Vec<ImportedDossier> = parsed
        .valid
        .iter()
        .map(|v| ImportedDossier::from_item(v).unwrap())
        .collect();
    let summary = store.import_dossiers(&items, "test", |_| ()).await.unwrap();
    assert_eq!(summary.written, codes.len(), "every code imported");
}

/// Creates `n` dossiers at the desk today, concurrently (so that they may share a batch);
/// their codes in order.
async fn create(store: &Store, n: usize) -> Vec<String> {
    let mut tasks = Vec::new();
    for _ in 0..n {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let desk = unit(DESK);
            let new = new_dossier("1.004873", Channel::Direct);
            store
                .create_dossier(&new, &ctx("motcua", &desk, at(TODAY)))
                .await
                .map(|a| a.dossier.record.code.to_string())
        }));
    }
    let mut codes = Vec::new();
    for t in tasks {
        codes.push(t.await.unwrap().expect("the creation succeeds"));
    }
    codes.sort();
    codes
}

/// `H31.VPUB.TTPVHCC-261127-{suffix}`.
fn today(suffix: &str) -> String {
    format!("{DESK}-261127-{suffix}")
}

/// The imported dossier `code` is still the imported one (a record with no handled state).
async fn still_imported(store: &Store, code: &str) {
    let code = DossierCode::parse(code).unwrap();
    assert!(
        store.dossier_record(&code).await.unwrap().is_some(),
        "{code}"
    );
    assert!(
        store.handled_dossier(&code).await.unwrap().is_none(),
        "{code}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_imported_code_next_in_line_is_skipped() {
    each_backend(|store| async move {
        assert_eq!(create(&store, 1).await, [today("0001")]);
        import(&store, &[&today("0002")]).await;
        assert_eq!(create(&store, 1).await, [today("0003")]);
        import(&store, &[&today("0004"), &today("0005")]).await;
        assert_eq!(
            create(&store, 3).await,
            [today("0006"), today("0007"), today("0008")]
        );
        for code in ["0002", "0004", "0005"] {
            still_imported(&store, &today(code)).await;
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_and_day_without_a_counter_start_after_the_imported_codes() {
    each_backend(|store| async move {
        import(&store, &[&today("0001"), &today("0002")]).await;
        assert_eq!(create(&store, 2).await, [today("0003"), today("0004")]);
        still_imported(&store, &today("0001")).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_counter_past_the_imported_code_numbers_as_before() {
    each_backend(|store| async move {
        import(&store, &[&today("0002")]).await;
        assert_eq!(create(&store, 2).await, [today("0003"), today("0004")]);
        // A later file holds a number the counter has passed and cchc never issued.
        import(&store, &[&today("0001")]).await;
        assert_eq!(create(&store, 1).await, [today("0005")]);
        still_imported(&store, &today("0001")).await;
    })
    .await;
}

/// Renames the stored dossier `from` to `to` (a code no import would write).
async fn rename(store: &Store, from: &str, to: &str) {
    let done = sqlx::query("UPDATE dossiers SET code = $1 WHERE code = $2")
        .bind(to.to_owned())
        .bind(from.to_owned())
        .execute(store.pool())
        .await
        .unwrap();
    assert_eq!(done.rows_affected(), 1, "{from}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_codes_of_the_unit_and_day_in_canonical_form_count() {
    each_backend(|store| async move {
        let other_day = |n: u32| format!("{DESK}-261120-{n:04}");
        let imported: Vec<String> = (1..=6).map(other_day).collect();
        let refs: Vec<&str> = imported.iter().map(String::as_str).collect();
        import(&store, &refs).await;
        let odd = [
            today("00099"),
            today("099"),
            today("9999A"),
            today("4294967296"),
            today("99-10"),
            today(""),
        ];
        for (from, to) in imported.iter().zip(&odd) {
            rename(&store, from, to).await;
        }
        // Codes of the same unit on another day, of another unit today, and of a unit whose
        // code extends the desk's.
        import(
            &store,
            &[
                &format!("{DESK}-261126-0009"),
                "H31.12004-261127-0009",
                &format!("{DESK}.1-261127-0009"),
            ],
        )
        .await;
        assert_eq!(create(&store, 1).await, [today("0001")]);
        // A counter wider than four digits counts by its value.
        import(&store, &[&today("10000"), &today("9999")]).await;
        assert_eq!(create(&store, 1).await, [today("10001")]);
    })
    .await;
}
