//! Concurrent writers: unique consecutive codes, and group commit keeping one audit chain.

use std::sync::Arc;

use cchc_domain::dossier::{Action, Assignee, Channel, DossierCode, Status};
use cchc_store::Store;
use cchc_store::audit::ChainStatus;
use cchc_store::dossiers::{Applied, DossierError, DossierFilter};
use cchc_store::paging::Page;

use super::support::{at, ctx, each_backend, new_dossier, unit};

const DESK: &str = "H31.VPUB.TTPVHCC";

type Outcome = Result<Applied, DossierError>;

async fn receive_in_parallel(store: &Store, n: usize, direct: bool) -> Vec<u32> {
    let tasks: Vec<_> = (0..n)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                let desk = unit(DESK);
                let c = ctx("motcua", &desk, at("2026-03-02T09:00"));
                let new = new_dossier("1.004873", Channel::Direct);
                let got = if direct {
                    store.create_dossier_direct(&new, &c).await
                } else {
                    store.create_dossier(&new, &c).await
                };
                let code = got.unwrap().dossier.record.code;
                assert_eq!(
                    code.to_string()[..24].to_owned(),
                    "H31.VPUB.TTPVHCC-260302-"
                );
                code.seq()
            })
        })
        .collect();
    let mut seqs = Vec::new();
    for t in tasks {
        seqs.push(t.await.unwrap());
    }
    seqs.sort_unstable();
    seqs
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_receptions_get_unique_consecutive_codes() {
    each_backend(|store| async move {
        let grouped = receive_in_parallel(&store, 32, false).await;
        assert_eq!(grouped, (1..=32).collect::<Vec<u32>>());
        let direct = receive_in_parallel(&store, 32, true).await;
        assert_eq!(direct, (33..=64).collect::<Vec<u32>>());
        let all = store
            .dossiers(&DossierFilter::default(), Page::first(100))
            .await
            .unwrap();
        assert_eq!(all.page.total, 64);
    })
    .await;
}

async fn act(store: &Store, code: &DossierCode, action: Action, when: &str) -> Outcome {
    let desk = unit(DESK);
    store
        .apply_action(code, &action, &ctx("motcua", &desk, at(when)))
        .await
}

fn give_back(when: &str) -> Action {
    Action::Return {
        channel: Channel::Direct,
        at: at(when),
    }
}

/// Receive, forward, finish and return one dossier; two refused actions on the way.
async fn lifecycle(store: Arc<Store>, i: usize) -> Result<(), DossierError> {
    let desk = unit(DESK);
    let new = new_dossier("1.004873", Channel::Direct);
    let c = ctx("motcua", &desk, at("2026-03-02T09:00"));
    let code = store.create_dossier(&new, &c).await?.dossier.record.code;
    let to = Assignee {
        unit: unit("H31.12004"),
        officer: Some(format!("cv{i}")),
    };
    let forward = Action::Forward {
        to,
        budget_hours: 8,
    };
    act(&store, &code, forward, "2026-03-02T10:00").await?;
    let early = act(
        &store,
        &code,
        give_back("2026-03-02T11:00"),
        "2026-03-02T11:00",
    )
    .await;
    assert!(
        matches!(early, Err(DossierError::Refused(_))),
        "no result yet"
    );
    let finish = Action::Finish {
        result_codes: vec![format!("KQ-{i}")],
        files: vec![],
        electronic: false,
    };
    act(&store, &code, finish, "2026-03-03T10:00").await?;
    let before = act(
        &store,
        &code,
        give_back("2026-03-02T11:00"),
        "2026-03-03T11:00",
    )
    .await;
    assert!(
        matches!(before, Err(DossierError::Refused(_))),
        "returned before the result"
    );
    act(
        &store,
        &code,
        give_back("2026-03-03T11:00"),
        "2026-03-03T11:00",
    )
    .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn group_commit_under_concurrency_keeps_one_audit_chain() {
    each_backend(|store| async move {
        let audit_before = store.audit_entries().await.unwrap().len();
        let store = Arc::new(store.clone());
        let tasks: Vec<_> = (0..32).map(|i| tokio::spawn(lifecycle(store.clone(), i))).collect();
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        let expected = audit_before + 32 * 4;
        assert!(
            matches!(store.verify_audit().await.unwrap(), ChainStatus::Intact(n) if n as usize == expected)
        );
        let returned = DossierFilter { statuses: vec![Status::Returned], ..DossierFilter::default() };
        let list = store.dossiers(&returned, Page::first(50)).await.unwrap();
        assert_eq!(list.page.total, 32);
        for d in &list.page.items {
            assert_eq!(store.dossier_events(&d.code).await.unwrap().len(), 4);
        }
    })
    .await;
}
