//! Demonstration dossiers: thousands, across the centre and communes, every one consistent
//! with the state machine.

use cchc_domain::dossier::{Status, replay};
use cchc_store::Store;
use cchc_store::audit::ChainStatus;
use cchc_store::dossiers::DossierFilter;
use cchc_store::paging::Page;

use super::support::each_backend;

/// The centre's departments and six communes, as in the shipped org units.
async fn seed_units(store: &Store) {
    let rows = [
        ("H31", "province", "", "1997-01-01"),
        ("H31.VPUB", "department", "H31", "2020-01-01"),
        (
            "H31.VPUB.TTPVHCC",
            "service_center",
            "H31.VPUB",
            "2020-01-01",
        ),
        ("H31.STP", "department", "H31", "2020-01-01"),
        ("H31.STC", "department", "H31", "2020-01-01"),
        ("H31.11953", "ward", "H31", "2025-07-01"),
        ("H31.11977", "commune", "H31", "2025-07-01"),
        ("H31.11980", "ward", "H31", "2025-07-01"),
        ("H31.12004", "commune", "H31", "2025-07-01"),
        ("H31.12019", "commune", "H31", "2025-07-01"),
        ("H31.12142", "commune", "H31", "2025-07-01"),
    ];
    for (code, kind, parent, from) in rows {
        sqlx::query(
            "INSERT INTO org_units (code, name, name_folded, kind, parent_code, valid_from) \
             VALUES ($1, $1, $1, $2, $3, $4)",
        )
        .bind(code)
        .bind(kind)
        .bind((!parent.is_empty()).then_some(parent))
        .bind(from)
        .execute(store.pool())
        .await
        .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_dossiers_are_many_varied_and_consistent() {
    each_backend(|store| async move {
        seed_units(&store).await;
        let created = cchc_store::demo_dossiers::load(&store).await.unwrap();
        assert!(created >= 2_500, "{created}");
        assert_eq!(cchc_store::demo_dossiers::load(&store).await.unwrap(), 0);
        let list = store
            .dossiers(&DossierFilter::default(), Page::first(20))
            .await
            .unwrap();
        assert_eq!(list.page.total, created as u64);
        let statuses: Vec<Status> = list.by_status.iter().map(|(s, _)| *s).collect();
        for s in [
            Status::Returned,
            Status::Resolved,
            Status::Processing,
            Status::Refused,
        ] {
            assert!(
                statuses.contains(&s),
                "{s:?} missing from {:?}",
                list.by_status
            );
        }
        let returned = list.by_status.iter().find(|(s, _)| *s == Status::Returned);
        assert!(returned.is_some_and(|(_, n)| *n as usize > created / 2));
        for status in statuses {
            let f = DossierFilter {
                statuses: vec![status],
                ..DossierFilter::default()
            };
            for d in store.dossiers(&f, Page::first(3)).await.unwrap().page.items {
                let stored = store.dossier(&d.code).await.unwrap().unwrap();
                let events: Vec<_> = store.dossier_events(&d.code).await.unwrap();
                assert_eq!(events.len(), stored.record.seq as usize);
                let plain: Vec<_> = events.into_iter().map(|e| e.event).collect();
                assert_eq!(replay(&plain).dossier.as_ref(), Some(&stored.dossier));
            }
        }
        eprintln!("demo dossiers by status: {:?}", list.by_status);
        let chain = store.verify_audit().await.unwrap();
        assert!(
            matches!(chain, ChainStatus::Intact(n) if n as usize > created),
            "{chain:?}"
        );
    })
    .await;
}
