//! The configured calendar is the one deadlines are computed with: a closure the province
//! declares moves the due time of a dossier received through the use-case and of the
//! demonstration dossiers.

use crate::support::{DESK, FINANCE, at, each_backend, new_dossier, staff};
use cchc_app::Calendars;
use cchc_app::dossiers::receive;
use cchc_calendar::{CalendarConfig, LocalClosure, WorkCalendar};
use cchc_domain::Role;
use cchc_domain::dossier::{Channel, DossierCode, appointment};
use cchc_store::dossiers::DossierFilter;
use cchc_store::paging::Page;
use std::collections::HashMap;

/// The province closes its offices on Wednesday 11 March 2026.
fn closed_on_11_march() -> Calendars {
    let cfg = CalendarConfig {
        local_closures: vec![LocalClosure {
            date: at("2026-03-11T00:00").date(),
            name: "Nghỉ theo quyết định của UBND tỉnh".to_owned(),
            basis: "QĐ thử nghiệm".to_owned(),
        }],
        ..CalendarConfig::default()
    };
    Calendars::new(WorkCalendar::new(&cfg).unwrap(), HashMap::new())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configured_closure_moves_the_due_time_of_a_received_dossier() {
    each_backend(closed_on_11_march, "2026-03-10T09:00", |app| async move {
        let desk = staff(1, Role::ReceptionOfficer, DESK);
        // Business registration: three working days.
        let new = new_dossier("2.001610", Channel::Direct);
        let applied = receive(&app, &desk, new, Some(FINANCE)).await.unwrap();
        let receipt = applied.dossier.dossier.receipt.clone().unwrap();
        let due = applied.dossier.record.due_legal_at.unwrap();
        let configured = appointment(app.calendars.province(), receipt.at, &receipt.terms).unwrap();
        let national = appointment(
            &WorkCalendar::national().unwrap(),
            receipt.at,
            &receipt.terms,
        );
        assert_eq!(due, configured.0);
        assert!(due > national.unwrap().0, "the closure did not move {due}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demonstration_dossiers_are_dated_by_the_configured_calendar() {
    each_backend(closed_on_11_march, "2026-03-10T09:00", |app| async move {
        let created = cchc_store::demo_dossiers::load(&app.store, app.calendars.as_ref());
        assert!(created.await.unwrap() > 1_000);
        let national = WorkCalendar::national().unwrap();
        let mut records = Vec::new();
        for n in 1.. {
            let page = Page::new(n, Page::MAX_SIZE);
            let list = app
                .store
                .dossiers(&DossierFilter::default(), page)
                .await
                .unwrap();
            if list.page.items.is_empty() {
                break;
            }
            records.extend(list.page.items);
        }
        let (mut checked, mut moved) = (0, 0);
        for record in &records {
            let code = DossierCode::parse(&record.code.to_string()).unwrap();
            let stored = app.store.dossier(&code).await.unwrap().unwrap();
            let d = stored.dossier;
            let (Some(receipt), [due]) = (&d.receipt, d.dues.as_slice()) else {
                continue;
            };
            let ours = appointment(app.calendars.province(), receipt.at, &receipt.terms).unwrap();
            assert_eq!(due.legal, ours.0, "{code}");
            let theirs = appointment(&national, receipt.at, &receipt.terms).unwrap();
            checked += 1;
            moved += usize::from(theirs.0 != ours.0);
        }
        assert!(
            checked > 100 && moved > 0,
            "{checked} checked, {moved} moved"
        );
    })
    .await;
}
