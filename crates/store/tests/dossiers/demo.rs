//! Demonstration dossiers: thousands, across the centre and communes, every one consistent
//! with the state machine; open work at the centre's desk and at Sở Nội vụ (the units of the
//! demonstration staff), and online dossiers of the demonstration citizen.

use cchc_domain::dossier::{Channel, Status, replay};
use cchc_domain::{Role, UnitCode};
use cchc_store::Store;
use cchc_store::accounts::NewUser;
use cchc_store::audit::ChainStatus;
use cchc_store::dossiers::{DossierFilter, UnitColumn};
use cchc_store::paging::Page;

use super::support::{cal, each_backend};

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
        ("H31.SNV", "department", "H31", "2020-01-01"),
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

/// Open dossiers whose `column` is `unit`.
async fn open_at(store: &Store, unit: &str, column: UnitColumn) -> u64 {
    let f = DossierFilter {
        units: Some(vec![UnitCode::parse(unit).unwrap()]),
        unit_column: column,
        statuses: vec![
            Status::Submitted,
            Status::Received,
            Status::Processing,
            Status::AwaitingSupplement,
            Status::AwaitingPayment,
            Status::Resolved,
        ],
        ..DossierFilter::default()
    };
    store.dossiers(&f, Page::first(1)).await.unwrap().page.total
}

/// The demonstration citizen's account.
async fn citizen(store: &Store) -> i64 {
    let new = NewUser {
        username: "congdan".into(),
        display_name: "Nguyễn Văn An".into(),
        role: Role::Citizen,
        unit_code: None,
        password_hash: "x".into(),
    };
    store.create_user(&new, "test").await.unwrap().id
}

/// Every demonstration staff account has work: the desk of the centre, Sở Nội vụ; and the
/// citizen sees their own online dossiers.
async fn assert_every_demo_account_has_dossiers(store: &Store, citizen: i64) {
    assert!(open_at(store, "H31.VPUB.TTPVHCC", UnitColumn::Receiving).await > 0);
    assert!(open_at(store, "H31.SNV", UnitColumn::Holder).await > 0);
    let own = DossierFilter {
        submitted_by: Some(citizen),
        ..DossierFilter::default()
    };
    let own = store.dossiers(&own, Page::first(100)).await.unwrap().page;
    assert!(own.total > 0);
    for d in own.items {
        assert_eq!(d.channel, Channel::Online);
        assert_eq!(d.applicant.name, "Nguyễn Văn An");
    }
}

/// The centre receives for the departments: each department's statistics hold dossiers of
/// its own, and the centre's desk none (it decides nothing).
async fn assert_each_department_counts_its_own(store: &Store) {
    for dept in ["H31.STP", "H31.STC", "H31.SNV"] {
        let facts = store.dossier_facts(&[dept.to_owned()]).await.unwrap();
        assert!(facts.len() > 20, "{dept}: {}", facts.len());
        assert!(facts.iter().all(|f| f.unit == dept), "{dept}");
    }
    let centre = store
        .dossier_facts(&["H31.VPUB.TTPVHCC".to_owned()])
        .await
        .unwrap();
    assert!(centre.is_empty(), "{}", centre.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_dossiers_are_many_varied_and_consistent() {
    each_backend(|store| async move {
        seed_units(&store).await;
        let account = citizen(&store).await;
        let created = cchc_store::demo::dossiers::load(&store, cal())
            .await
            .unwrap();
        assert_every_demo_account_has_dossiers(&store, account).await;
        assert_each_department_counts_its_own(&store).await;
        assert!(created >= 2_500, "{created}");
        assert_eq!(
            cchc_store::demo::dossiers::load(&store, cal())
                .await
                .unwrap(),
            0
        );
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
