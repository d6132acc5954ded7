//! The reminder job (idempotent, also from two instances at once), year rollover with lineage
//! mapping, the cascade of a unit plan, and appendix imports.

use cchc_domain::indicator::NoAutomaticValues;
use cchc_domain::plan::UnitRef;
use cchc_domain::plan::status::{ReminderKind, TargetStatus};
use cchc_store::StoreError;
use cchc_store::demo::plan::{UNIT_PLAN, UNIT_PLAN_KEY};
use cchc_store::plan::cascade::PlanLink;
use cchc_store::plan::progress::NewProgress;
use cchc_store::plan::{PlanImportError, PlanRef};
use cchc_store::testing::backends;

use crate::support::{SharedDb, cal, count, d, each_backend, plan_table_counts};

/// Notices one round of reminders sends: one per lead and co-operating unit of each task.
async fn notices_per_round(store: &cchc_store::Store) -> i64 {
    let tasks = store.plan_tasks("KH204-2023").await.unwrap();
    tasks.iter().map(|t| 1 + t.cooperating.len() as i64).sum()
}

#[tokio::test]
async fn reminders_are_created_once_per_task_and_kind() {
    each_backend(|store| async move {
        let s = &store;
        let per_round = notices_per_round(s).await;
        assert_eq!(s.run_reminders(d("2023-12-20"), cal()).await.unwrap(), 0);
        // 21/12/2023: 7 working days before the effective deadline 02/01/2024.
        assert_eq!(s.run_reminders(d("2023-12-21"), cal()).await.unwrap(), 44);
        assert_eq!(s.run_reminders(d("2023-12-21"), cal()).await.unwrap(), 0);
        assert_eq!(count(s, "notices").await, per_round);
        // A missed run catches up: 3 and 1 days before, and overdue, once each.
        assert_eq!(
            s.run_reminders(d("2024-01-03"), cal()).await.unwrap(),
            3 * 44
        );
        assert_eq!(s.run_reminders(d("2024-01-04"), cal()).await.unwrap(), 0);
        assert_eq!(count(s, "notices").await, 4 * per_round);
        let reminders = s.plan_reminders().await.unwrap();
        assert_eq!(reminders.len(), 4 * 44);
        let first = &reminders[0];
        assert_eq!(
            (first.task.as_str(), first.kind),
            ("KH204-2023/NV/1.a", ReminderKind::Before7)
        );
        let notices = s.unit_notices("H31.STP", true).await.unwrap();
        assert!(
            notices[0].message.contains("quá hạn 02/01/2024"),
            "{}",
            notices[0].message
        );
        assert!(
            s.mark_notice_read(notices[0].id, "chuyenvien")
                .await
                .unwrap()
        );
        assert!(
            !s.mark_notice_read(notices[0].id, "chuyenvien")
                .await
                .unwrap()
        );
        let unread = s.unit_notices("H31.STP", true).await.unwrap();
        assert_eq!(unread.len() + 1, notices.len());
    })
    .await;
}

#[tokio::test]
async fn a_completed_task_gets_no_more_reminders() {
    each_backend(|store| async move {
        let s = &store;
        let done = NewProgress {
            unit: cchc_domain::UnitCode::parse("H31.VPUB").unwrap(),
            note: "Xong".into(),
            percent: Some(100),
            completed_on: Some(d("2023-12-22")),
            evidence: Vec::new(),
        };
        s.report_progress("KH204-2023/NV/2.a", &done, "chuyenvien")
            .await
            .unwrap();
        assert_eq!(
            s.run_reminders(d("2024-01-03"), cal()).await.unwrap(),
            43 * 4
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_running_at_once_create_each_reminder_once() {
    for backend in backends() {
        let db = SharedDb::new(backend).await;
        let per_round = notices_per_round(&db.a).await;
        for as_of in ["2023-12-21", "2023-12-27", "2024-01-03"] {
            let (a, b) = (db.a.clone(), db.b.clone());
            let ta = tokio::spawn(async move { a.run_reminders(d(as_of), cal()).await });
            let tb = tokio::spawn(async move { b.run_reminders(d(as_of), cal()).await });
            let (ra, rb) = (ta.await.unwrap().unwrap(), tb.await.unwrap().unwrap());
            let expected = if as_of == "2024-01-03" { 2 * 44 } else { 44 };
            assert_eq!(ra + rb, expected, "{backend:?} {as_of}: {ra} + {rb}");
        }
        assert_eq!(count(&db.a, "plan_reminders").await, 4 * 44);
        assert_eq!(count(&db.b, "notices").await, 4 * per_round);
        db.close().await;
    }
}

#[tokio::test]
async fn a_clone_is_re_dated_and_follows_merged_units() {
    each_backend(|store| async move {
        let s = &store;
        let next = s
            .clone_plan_to_year(&PlanRef::Year(2023), 2024, "quantricchc")
            .await
            .unwrap();
        assert_eq!(next.key, "KH204-2024");
        assert!(next.mapped.is_empty(), "Sở TT&TT is in force all 2024");
        assert_eq!((next.counts.targets, next.counts.tasks), (25, 44));
        // Sở TT&TT merged into Sở KH&CN on 01/03/2025.
        let later = s
            .clone_plan_to_year(&PlanRef::Year(2023), 2025, "quantricchc")
            .await
            .unwrap();
        let merged = ("H31.STTTT".to_owned(), "H31.SKHCN".to_owned());
        assert_eq!(later.mapped, [merged]);
        assert!(later.unmapped.is_empty(), "{:?}", later.unmapped);
        let stored = s.plan(&PlanRef::Year(2025)).await.unwrap().unwrap();
        assert_eq!(stored.cloned_from.as_deref(), Some("KH204-2023"));
        assert_eq!(stored.plan.year, 2025);
        assert_eq!(
            stored.plan.title,
            "Cải cách hành chính nhà nước tỉnh Hưng Yên năm 2025"
        );
        let area6 = stored.plan.area(6).unwrap();
        assert_eq!(area6.lead_unit, UnitRef::parse("H31.SKHCN").unwrap());
        let tasks = s.plan_tasks("KH204-2025").await.unwrap();
        assert!(
            tasks
                .iter()
                .all(|t| t.deadline == d("2025-12-31") && t.completed_on.is_none())
        );
        assert!(
            tasks
                .iter()
                .filter(|t| t.area == 6)
                .all(|t| t.lead_unit == "H31.SKHCN")
        );
        let again = s
            .clone_plan_to_year(&PlanRef::Year(2023), 2024, "quantricchc")
            .await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
        let same = s
            .clone_plan_to_year(&PlanRef::Year(2023), 2023, "quantricchc")
            .await;
        assert!(matches!(same, Err(StoreError::Invalid(_))));
        assert_eq!(
            s.plan(&PlanRef::Year(2023)).await.unwrap().unwrap().key,
            "KH204-2023"
        );
    })
    .await;
}

fn link(child: &str, parent: &str) -> PlanLink {
    PlanLink {
        child_item: child.into(),
        parent_item: parent.into(),
    }
}

#[tokio::test]
async fn a_unit_plan_refines_the_provincial_plan_and_rolls_up() {
    each_backend(|store| async move {
        let s = &store;
        s.import_plan(UNIT_PLAN, "lanhdao").await.unwrap();
        let (child, parent) = (PlanRef::Key(UNIT_PLAN_KEY.into()), PlanRef::Year(2023));
        let before = plan_table_counts(s).await;
        let bad = [link("NV/3.a", "NV/3.d"), link("NV/3.z", "NV/9.a")];
        let refused = s.link_plan(&child, &parent, &bad, "lanhdao").await;
        assert!(
            matches!(&refused, Err(StoreError::Invalid(m)) if m.contains("links[1].child_item"))
        );
        assert_eq!(plan_table_counts(s).await, before);
        let links = [
            link("NV/3.a", "NV/3.d"),
            link("NV/3.b", "NV/3.đ"),
            link("MT/3.a", "MT/3.a"),
        ];
        assert_eq!(
            s.link_plan(&child, &parent, &links, "lanhdao")
                .await
                .unwrap(),
            3
        );
        assert_eq!(
            s.link_plan(&child, &parent, &links, "lanhdao")
                .await
                .unwrap(),
            0
        );
        let cycle = s
            .link_plan(&parent, &child, &[link("NV/3.d", "NV/3.a")], "x")
            .await;
        assert!(cycle.is_err());
        assert_eq!(
            s.plan(&child).await.unwrap().unwrap().parent.as_deref(),
            Some("KH204-2023")
        );
        // The year's plan stays the provincial one.
        assert_eq!(
            s.plan(&PlanRef::Year(2023)).await.unwrap().unwrap().key,
            "KH204-2023"
        );

        let done = NewProgress {
            unit: cchc_domain::UnitCode::parse("H31.SNV").unwrap(),
            note: "Đã trình".into(),
            percent: Some(100),
            completed_on: Some(d("2023-06-28")),
            evidence: vec!["TTr-01.pdf".into()],
        };
        s.report_progress(&format!("{UNIT_PLAN_KEY}/NV/3.a"), &done, "chuyenvien")
            .await
            .unwrap();
        let up = s
            .plan_rollup(&parent, d("2023-10-02"), &NoAutomaticValues, cal())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(up.units.len(), 1);
        let unit = &up.units[0];
        assert_eq!((unit.unit.as_str(), unit.lagging), ("H31.SNV", true));
        assert_eq!(
            (unit.tasks.completed_on_time, unit.tasks.open_overdue),
            (1, 1)
        );
        let item = |id: &str| up.items.iter().find(|i| i.parent_item == id).unwrap();
        assert_eq!((item("NV/3.d").linked, item("NV/3.d").done), (1, 1));
        assert_eq!(item("NV/3.đ").lagging_units, ["H31.SNV"]);
        assert_eq!(item("MT/3.a").done, 0);
    })
    .await;
}

const APPENDIX: &str = r#"
schema = 1

[[appendix_tasks]]
label = "1"
area = 2
text = "Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực đất đai."
lead_unit = "H31.VPUB"
deadline = 2023-09-30
"#;

#[tokio::test]
async fn appendix_tasks_are_added_all_or_nothing() {
    each_backend(|store| async move {
        let s = &store;
        let plan = PlanRef::Year(2023);
        let bad = APPENDIX.replace("H31.VPUB", "H31.NOPE");
        let refused = s.import_appendix(&plan, &bad, "test").await;
        assert!(
            matches!(refused, Err(PlanImportError::Rejected(p)) if p[0].path.ends_with("lead_unit"))
        );
        assert_eq!(s.import_appendix(&plan, APPENDIX, "test").await.unwrap(), 1);
        let again = s.import_appendix(&plan, APPENDIX, "test").await;
        assert!(matches!(again, Err(PlanImportError::Rejected(_))));
        let stored = s.plan(&plan).await.unwrap().unwrap();
        assert_eq!(stored.plan.appendix_tasks.len(), 1);
        let task = s.plan_task("KH204-2023/PL/1").await.unwrap().unwrap();
        assert_eq!((task.area, task.deadline), (2, d("2023-09-30")));
        assert_eq!(count(s, "plan_tasks").await, 45);
    })
    .await;
}

#[tokio::test]
async fn the_demonstration_data_shows_values_progress_and_a_lagging_unit() {
    each_backend(|store| async move {
        let s = &store;
        assert!(cchc_store::demo::plan::load(s).await.unwrap());
        assert!(!cchc_store::demo::plan::load(s).await.unwrap());
        let as_of = d("2023-10-02");
        let year = PlanRef::Year(2023);
        let st = s
            .plan_status(&year, as_of, &NoAutomaticValues, cal())
            .await
            .unwrap()
            .unwrap();
        let target = |id: &str| st.targets.iter().find(|t| t.id == id).unwrap().status;
        assert_eq!(target("MT/1.a"), Some(TargetStatus::Met));
        assert_eq!(target("MT/6.b"), Some(TargetStatus::AtRisk));
        assert_eq!(
            target("MT/4.b"),
            None,
            "a value awaiting review does not count"
        );
        assert_eq!(st.summary.completed_on_time, 1);
        let up = s
            .plan_rollup(&year, as_of, &NoAutomaticValues, cal())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(up.units.len(), 1);
        assert!(up.units[0].lagging, "{:?}", up.units[0]);
        assert_eq!(count(s, "indicator_values").await, 6);
    })
    .await;
}
