//! The plan's other use-cases on real databases: the reminder job counts working days with
//! the configured calendar, the PAR admin alone clones and links plans (a unit's leader links
//! their unit's own plan), notices are read by the units they are for, and imports are the
//! system administrator's (the unit import clears the org-unit cache at once).

use crate::support::{at, each_backend, national, staff};
use cchc_app::imports::{self, ImportError};
use cchc_app::plan::{cascade, import, notices, remind, rollover};
use cchc_app::{Actor, Calendars, Error};
use cchc_calendar::{CalendarConfig, LocalClosure, WorkCalendar};
use cchc_domain::Role;
use cchc_store::demo::plan::{UNIT_PLAN, UNIT_PLAN_KEY, UNIT_PLAN_LINKS};
use cchc_store::plan::PlanRef;
use cchc_store::plan::cascade::PlanLink;
use std::collections::HashMap;

const NOW: &str = "2024-03-01T09:00";

fn is_forbidden<T: std::fmt::Debug>(result: &Result<T, Error>) -> bool {
    matches!(result, Err(Error::Forbidden { .. }))
}

/// The province closes its offices on Friday 22 December 2023.
fn closed_on_22_december() -> Calendars {
    let cfg = CalendarConfig {
        local_closures: vec![LocalClosure {
            date: at("2023-12-22T00:00").date(),
            name: "Nghỉ theo quyết định của UBND tỉnh".to_owned(),
            basis: "QĐ thử nghiệm".to_owned(),
        }],
        ..CalendarConfig::default()
    };
    Calendars::new(WorkCalendar::new(&cfg).unwrap(), HashMap::new())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reminder_job_counts_working_days_with_the_configured_calendar() {
    // The year's tasks fall due on Tuesday 2 January 2024. Nationally, 20 December is eight
    // working days before; with the province closed on the 22nd it is seven.
    each_backend(national, NOW, |app| async move {
        let day = at("2023-12-20T00:00").date();
        let job = Actor::operator("system");
        assert_eq!(remind::create(&app, &job, Some(day)).await.unwrap(), 0);
    })
    .await;
    each_backend(closed_on_22_december, NOW, |app| async move {
        let day = at("2023-12-20T00:00").date();
        let specialist = staff(11, Role::Specialist, "H31.SNV");
        assert!(is_forbidden(
            &remind::create(&app, &specialist, Some(day)).await
        ));
        let job = Actor::operator("system");
        assert_eq!(remind::create(&app, &job, Some(day)).await.unwrap(), 44);
        assert_eq!(remind::create(&app, &job, Some(day)).await.unwrap(), 0);
        let mine = notices::list(&app, &specialist, true).await.unwrap();
        assert!(!mine.is_empty());
        let reception = staff(12, Role::ReceptionOfficer, "H31.VPUB.TTPVHCC");
        let foreign = notices::mark_read(&app, &reception, mine[0].id).await;
        assert!(is_forbidden(&foreign), "another unit's notice");
        assert!(
            notices::mark_read(&app, &specialist, mine[0].id)
                .await
                .unwrap()
        );
        let unread = notices::list(&app, &specialist, true).await.unwrap();
        assert_eq!(unread.len(), mine.len() - 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_par_admin_alone_clones_a_plan_into_another_year() {
    each_backend(national, NOW, |app| async move {
        let year = PlanRef::Year(2023);
        for refused in [
            staff(11, Role::Specialist, "H31.SNV"),
            staff(12, Role::UnitLeader, "H31.SNV"),
            staff(13, Role::SystemAdmin, "H31"),
        ] {
            let clone = rollover::clone_to_year(&app, &refused, &year, 2024).await;
            assert!(is_forbidden(&clone), "{refused:?}");
        }
        let admin = staff(14, Role::ParAdmin, "H31.SNV");
        let cloned = rollover::clone_to_year(&app, &admin, &year, 2024)
            .await
            .unwrap();
        assert_eq!(cloned.key, "KH204-2024");
        let stored = app.store.plan(&PlanRef::Key(cloned.key)).await.unwrap();
        assert_eq!(stored.unwrap().cloned_from.as_deref(), Some("KH204-2023"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_par_admin_imports_and_links_plans_and_a_unit_leader_links_their_own() {
    each_backend(national, NOW, |app| async move {
        let specialist = staff(11, Role::Specialist, "H31.SNV");
        let leader = staff(12, Role::UnitLeader, "H31.SNV");
        let admin = staff(13, Role::ParAdmin, "H31.SNV");
        let year = PlanRef::Year(2023);
        assert!(matches!(
            import::plan(&app, &leader, UNIT_PLAN).await,
            Err(ImportError::Failed(Error::Forbidden { .. }))
        ));
        import::plan(&app, &admin, UNIT_PLAN).await.unwrap();
        let links: Vec<PlanLink> = UNIT_PLAN_LINKS
            .iter()
            .map(|(child, parent)| PlanLink {
                child_item: (*child).into(),
                parent_item: (*parent).into(),
            })
            .collect();
        let child = PlanRef::Key(UNIT_PLAN_KEY.into());
        let refused = cascade::link(&app, &specialist, &child, &year, &links).await;
        assert!(is_forbidden(&refused));
        let other_leader = staff(14, Role::UnitLeader, "H31.STP");
        assert!(is_forbidden(
            &cascade::link(&app, &other_leader, &child, &year, &links).await
        ));
        assert_eq!(
            cascade::link(&app, &leader, &child, &year, &links)
                .await
                .unwrap(),
            3
        );
        let up = cascade::rollup(&app, &specialist, &year, None)
            .await
            .unwrap();
        assert_eq!(up.units.len(), 1);
        assert_eq!(up.units[0].unit, "H31.SNV");
        let citizen = Actor {
            unit: None,
            ..staff(15, Role::Citizen, "H31.SNV")
        };
        assert!(is_forbidden(
            &cascade::rollup(&app, &citizen, &year, None).await
        ));
    })
    .await;
}

const UNITS: &str = "code,name,kind,parent_code,valid_from,valid_to,successor_code\n\
                     H31.T1,Xã Thử,commune,H31,2024-01-01,,\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imports_are_the_system_administrators_and_units_show_at_once() {
    each_backend(national, NOW, |app| async move {
        let before = app.org_units().await.unwrap().len();
        let par_admin = staff(11, Role::ParAdmin, "H31.SNV");
        let refused = imports::org_units(&app, &par_admin, UNITS).await;
        assert!(matches!(
            refused,
            Err(ImportError::Failed(Error::Forbidden { .. }))
        ));
        let bad = UNITS.replace("2024-01-01", "2024-02-30");
        let admin = staff(12, Role::SystemAdmin, "H31");
        let Err(ImportError::Rejected(problems)) = imports::org_units(&app, &admin, &bad).await
        else {
            panic!("not rejected");
        };
        assert_eq!(problems[0].line, 2);
        assert_eq!(app.org_units().await.unwrap().len(), before);
        assert_eq!(imports::org_units(&app, &admin, UNITS).await.unwrap(), 1);
        assert_eq!(
            app.org_units().await.unwrap().len(),
            before + 1,
            "the cache was cleared"
        );
        let catalogue =
            imports::procedures(&app, &par_admin, "{}", imports::CatalogueFormat::Json).await;
        assert!(matches!(
            catalogue,
            Err(ImportError::Failed(Error::Forbidden { .. }))
        ));
        let dossiers =
            imports::dossiers::import(&app, &par_admin, "[]".into(), false, |_| {}).await;
        assert!(matches!(
            dossiers,
            Err(ImportError::Failed(Error::Forbidden { .. }))
        ));
        let operator = Actor::operator("cli");
        let none = imports::dossiers::import(&app, &operator, "[]".into(), false, |_| {})
            .await
            .unwrap();
        assert_eq!((none.summary.written, none.invalid), (0, 0));
    })
    .await;
}
