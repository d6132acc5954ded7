//! Inbox lists: units, statuses, overdue, due within working days, counts and pages.

use cchc_domain::dossier::{Action, Assignee, Channel, Status};
use cchc_store::Store;
use cchc_store::dossiers::{DossierFilter, UnitColumn, due_within};
use cchc_store::paging::Page;

use super::support::{at, cal, ctx, each_backend, new_dossier, unit};

const MONDAY: &str = "2026-03-02T09:00";

/// Receives a dossier of `procedure` at `desk` on [`MONDAY`], forwarded to `desk` if `forward`.
async fn received(store: &Store, desk: &str, procedure: &str, forward: bool) {
    let desk = unit(desk);
    let c = ctx("motcua", &desk, at(MONDAY));
    let new = new_dossier(procedure, Channel::Direct);
    let code = store
        .create_dossier(&new, &c)
        .await
        .unwrap()
        .dossier
        .record
        .code;
    if forward {
        let to = Assignee {
            unit: desk.clone(),
            officer: None,
        };
        let forward = Action::Forward {
            to,
            budget_hours: 4,
        };
        store.apply_action(&code, &forward, &c).await.unwrap();
    }
}

/// Two communes and another province: marriage (1 wd), marital status (3 wd) and a
/// construction permit (10 wd) at H31.12004.
async fn seed(store: &Store) {
    received(store, "H31.12004", "1.000894", false).await;
    received(store, "H31.12004", "1.004873", true).await;
    received(store, "H31.12004", "1.013225", true).await;
    received(store, "H31.12019", "1.004873", false).await;
    received(store, "H15.50", "1.004873", false).await;
}

fn of_units(codes: &[&str]) -> DossierFilter {
    DossierFilter {
        units: Some(codes.iter().map(|c| unit(c)).collect()),
        ..DossierFilter::default()
    }
}

async fn total(store: &Store, f: &DossierFilter) -> u64 {
    store.dossiers(f, Page::first(10)).await.unwrap().page.total
}

#[tokio::test]
async fn inbox_filters_by_unit_and_status_with_counts() {
    each_backend(|store| async move {
        seed(&store).await;
        let f = of_units(&["H31.12004"]);
        let list = store.dossiers(&f, Page::first(10)).await.unwrap();
        assert_eq!(list.page.total, 3);
        let counts = [(Status::Received, 1), (Status::Processing, 2)];
        assert_eq!(list.by_status, counts);
        let dues: Vec<_> = list.page.items.iter().map(|d| d.due_legal_at).collect();
        assert!(dues.windows(2).all(|w| w[0] <= w[1]), "sorted by due time");

        let processing = DossierFilter {
            statuses: vec![Status::Processing],
            ..f.clone()
        };
        let list = store.dossiers(&processing, Page::first(10)).await.unwrap();
        assert_eq!((list.page.total, list.by_status.len()), (2, 2));
        assert_eq!(
            total(&store, &of_units(&["H31.12004", "H31.12019"])).await,
            4
        );
        assert_eq!(total(&store, &of_units(&[])).await, 0);
        let receiving = DossierFilter {
            unit_column: UnitColumn::Receiving,
            ..f.clone()
        };
        assert_eq!(total(&store, &receiving).await, 3);
        let all = DossierFilter::default();
        let page = store.dossiers(&all, Page::new(2, 2)).await.unwrap().page;
        assert_eq!((page.total, page.items.len()), (5, 2));
    })
    .await;
}

#[tokio::test]
async fn inbox_filters_overdue_and_due_within_working_days() {
    each_backend(|store| async move {
        seed(&store).await;
        // On 2026-03-04 at 08:00 the one-day marriage dossier is overdue; within 2 working days
        // the 3-day dossier (due 2026-03-05 09:00) comes due as well; the permit does not.
        let now = at("2026-03-04T08:00");
        let overdue = DossierFilter {
            overdue_at: Some(now),
            ..of_units(&["H31.12004"])
        };
        let list = store.dossiers(&overdue, Page::first(10)).await.unwrap();
        let codes: Vec<_> = list
            .page
            .items
            .iter()
            .map(|d| d.procedure_code.clone())
            .collect();
        assert_eq!(codes, ["1.000894"]);
        let soon = DossierFilter {
            due_by: Some(due_within(cal(), now, 2).unwrap()),
            ..of_units(&["H31.12004"])
        };
        let list = store.dossiers(&soon, Page::first(10)).await.unwrap();
        let codes: Vec<_> = list
            .page
            .items
            .iter()
            .map(|d| d.procedure_code.clone())
            .collect();
        assert_eq!(codes, ["1.000894", "1.004873"]);
        let everywhere = DossierFilter {
            overdue_at: Some(at("2026-03-20T08:00")),
            ..DossierFilter::default()
        };
        assert_eq!(total(&store, &everywhere).await, 5);
    })
    .await;
}
