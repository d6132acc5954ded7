//! Reform-plan storage on SQLite and, when `CCHC_TEST_POSTGRES_URL` is set, PostgreSQL: the
//! shipped plan as base data, all-or-nothing imports, reported values, statuses as of dates.
//! Reminders, clones and the cascade are in `plan/jobs.rs`.

#[path = "plan/jobs.rs"]
mod jobs;
#[path = "plan/live.rs"]
mod live;
#[path = "plan/support.rs"]
mod support;

use cchc_domain::UnitCode;
use cchc_domain::indicator::{FixedValues, NoAutomaticValues};
use cchc_domain::plan::base::KH_204_2023;
use cchc_domain::plan::status::{TargetStatus, TaskStatus};
use cchc_domain::plan::{IndicatorId, Period, Scope};
use cchc_store::StoreError;
use cchc_store::plan::progress::NewProgress;
use cchc_store::plan::status::{PlanStatus, TargetState, ValueOrigin};
use cchc_store::plan::values::{NewValue, Review, ValueState};
use cchc_store::plan::{PlanImportError, PlanRef};
use cchc_store::testing::{TestDb, backends};
use support::{cal, count, d, each_backend, plan_table_counts};

fn year_2023() -> PlanRef {
    PlanRef::Year(2023)
}

fn target<'a>(status: &'a PlanStatus, id: &str) -> &'a TargetState {
    status.targets.iter().find(|t| t.id == id).unwrap()
}

fn new_value(indicator: &str, tier: Option<Scope>, value: f64, end: &str) -> NewValue {
    NewValue {
        indicator: IndicatorId::parse(indicator).unwrap(),
        scope_unit: UnitCode::parse("H31").unwrap(),
        tier,
        period: Period {
            start: d("2023-01-01"),
            end: d(end),
        },
        value,
        note: "6 tháng đầu năm".into(),
        evidence: vec!["BC-01.pdf".into()],
        reporting_unit: UnitCode::parse("H31.STTTT").unwrap(),
    }
}

#[tokio::test]
async fn the_shipped_plan_loads_with_the_counts_of_the_text() {
    each_backend(|store| async move {
        let s = &store;
        let stored = s.plan(&year_2023()).await.unwrap().expect("KH 204 loaded");
        assert_eq!(stored.key, "KH204-2023");
        assert_eq!(stored.plan.number, "204/KH-UBND");
        assert_eq!(stored.plan.targets().count(), 25);
        assert_eq!(stored.plan.tasks().count(), 44);
        let items: usize = stored
            .plan
            .responsibilities
            .iter()
            .map(|b| b.items.len())
            .sum();
        assert_eq!(items, 33);
        // The rows repeat the document: 25 targets and 5 headline goals, 44 tasks, 33 items.
        assert_eq!(count(s, "plan_targets").await, 30);
        assert_eq!(count(s, "plan_tasks").await, 44);
        assert_eq!(count(s, "plan_responsibilities").await, 33);
        let by_number = s
            .plan(&PlanRef::parse("204/KH-UBND"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(by_number.key, stored.key);
        assert!(s.plan(&PlanRef::parse("2019")).await.unwrap().is_none());
        assert!(!s.load_base_plan_if_empty().await.unwrap());
        assert!(!s.load_base_data_if_empty().await.unwrap());
        let tasks = s.plan_tasks("KH204-2023").await.unwrap();
        let twice: Vec<&str> = tasks
            .iter()
            .filter(|t| t.label == "l")
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(twice, ["NV/2.l", "NV/2.l#2"]);
    })
    .await;
}

#[tokio::test]
async fn the_plan_loads_on_its_own_when_org_units_already_exist() {
    for backend in backends() {
        let db = TestDb::new(backend).await.unwrap();
        db.store
            .import_org_units(cchc_domain::base::ORG_UNITS_CSV, "test")
            .await
            .unwrap();
        assert!(db.store.plan(&year_2023()).await.unwrap().is_none());
        db.store.prepare().await.unwrap();
        assert!(db.store.plan(&year_2023()).await.unwrap().is_some());
        db.store.close().await;
    }
}

#[tokio::test]
async fn a_bad_or_repeated_plan_file_writes_nothing() {
    each_backend(|store| async move {
        let s = &store;
        let before = plan_table_counts(s).await;
        let bad = KH_204_2023
            .replacen("id = \"KH204-2023\"", "id = \"KH204-2023-B\"", 1)
            .replacen("lead_unit = \"H31.STP\"", "lead_unit = \"H31.SXYZ\"", 1)
            .replacen("label = \"b\"", "label = \"a\"", 1);
        let Err(PlanImportError::Rejected(problems)) = s.import_plan(&bad, "test").await else {
            panic!("a bad plan was accepted");
        };
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert!(paths.iter().any(|p| p.ends_with("lead_unit")), "{paths:?}");
        assert!(paths.iter().any(|p| p.ends_with("label")), "{paths:?}");
        let Err(PlanImportError::Rejected(again)) = s.import_plan(KH_204_2023, "test").await else {
            panic!("the same plan was stored twice");
        };
        assert_eq!(again[0].path, "plan.id");
        assert_eq!(plan_table_counts(s).await, before);
    })
    .await;
}

#[tokio::test]
async fn reported_values_count_once_approved() {
    each_backend(|store| async move {
        let s = &store;
        let status = |as_of| async move {
            s.plan_status(&year_2023(), d(as_of), &NoAutomaticValues, cal())
                .await
                .unwrap()
                .unwrap()
        };
        let lawful = new_value("manual.legal_docs.lawful_share", None, 100.0, "2023-06-30");
        let id = s.report_value(&lawful, "chuyenvien").await.unwrap();
        assert_eq!(target(&status("2023-07-03").await, "MT/1.a").value, None);
        let approved = s
            .review_value(id, &Review::Approve, "quantricchc")
            .await
            .unwrap();
        assert_eq!(approved.state, ValueState::Approved);
        assert_eq!(approved.reviewed_by.as_deref(), Some("quantricchc"));
        let again = s.review_value(id, &Review::Approve, "quantricchc").await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
        let missing = s
            .review_value(id + 1000, &Review::Approve, "quantricchc")
            .await;
        assert!(
            matches!(missing, Err(StoreError::NotFound(_))),
            "{missing:?}"
        );

        let after = status("2023-07-03").await;
        let t = target(&after, "MT/1.a");
        assert_eq!((t.value, t.status), (Some(100.0), Some(TargetStatus::Met)));
        assert_eq!(t.thresholds[0].origin, Some(ValueOrigin::Reported));
        // The period had not ended on 15/06: the value is not yet known then.
        assert_eq!(target(&status("2023-06-15").await, "MT/1.a").value, None);

        let low = new_value("manual.legal_docs.lawful_share", None, 70.0, "2023-09-30");
        let returned_id = s.report_value(&low, "chuyenvien").await.unwrap();
        let empty = s
            .review_value(returned_id, &Review::Return(" ".into()), "quantricchc")
            .await;
        assert!(matches!(empty, Err(StoreError::Invalid(_))));
        let returned = s
            .review_value(
                returned_id,
                &Review::Return("thiếu minh chứng".into()),
                "quantricchc",
            )
            .await
            .unwrap();
        assert_eq!(returned.state, ValueState::Returned);
        assert_eq!(
            target(&status("2023-10-02").await, "MT/1.a").value,
            Some(100.0)
        );
        let history = s.indicator_values(&lawful.indicator, "H31").await.unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[1].review_note.as_deref(), Some("thiếu minh chứng"));
    })
    .await;
}

/// Values per tier are stored with their tier and read back into the target's figures; the
/// automatic source is asked for the issuer (the statuses are `cchc_domain::plan::evaluate`'s).
#[tokio::test]
async fn figures_per_tier_and_automatic_indicators() {
    each_backend(|store| async move {
        let s = &store;
        for (tier, v) in [(Scope::Provincial, 62.0), (Scope::District, 41.0)] {
            let new = new_value(
                "manual.work_files.online_share",
                Some(tier),
                v,
                "2023-06-30",
            );
            let id = s.report_value(&new, "chuyenvien").await.unwrap();
            assert_eq!(
                s.indicator_value(id).await.unwrap().unwrap().tier,
                Some(tier)
            );
            s.review_value(id, &Review::Approve, "quantricchc")
                .await
                .unwrap();
        }
        let on_time = IndicatorId::parse("dossier.on_time_ratio").unwrap();
        let auto = FixedValues(vec![(on_time, UnitCode::parse("H31").unwrap(), 96.0)]);
        let st = s
            .plan_status(&year_2023(), d("2023-07-03"), &auto, cal())
            .await
            .unwrap()
            .unwrap();
        let work_files = target(&st, "MT/6.b");
        let figures: Vec<_> = work_files
            .thresholds
            .iter()
            .map(|t| (t.tier, t.value, t.origin))
            .collect();
        let reported = Some(ValueOrigin::Reported);
        assert_eq!(
            figures,
            [
                (Some(Scope::Provincial), Some(62.0), reported),
                (Some(Scope::District), Some(41.0), reported),
                (Some(Scope::Commune), None, None),
            ]
        );
        assert_eq!(work_files.status, Some(TargetStatus::AtRisk));
        let on_time = target(&st, "MT/2.a");
        assert_eq!(on_time.value, Some(96.0));
        assert_eq!(on_time.thresholds[0].origin, Some(ValueOrigin::Automatic));
    })
    .await;
}

fn done(on: &str) -> NewProgress {
    NewProgress {
        unit: UnitCode::parse("H31.VPUB").unwrap(),
        note: "Đã hoàn thành".into(),
        percent: Some(100),
        completed_on: Some(d(on)),
        evidence: vec!["QD-123.pdf".into()],
    }
}

#[tokio::test]
async fn task_statuses_as_of_dates() {
    each_backend(|store| async move {
        let s = &store;
        let status = |as_of| async move {
            s.plan_status(&year_2023(), d(as_of), &NoAutomaticValues, cal())
                .await
                .unwrap()
                .unwrap()
        };
        let mid = status("2023-06-30").await;
        assert!(
            mid.tasks
                .iter()
                .all(|t| t.status == TaskStatus::OpenWithinDeadline)
        );
        s.report_progress("KH204-2023/NV/2.a", &done("2023-06-20"), "chuyenvien")
            .await
            .unwrap();
        s.report_progress("KH204-2023/NV/1.a", &done("2024-01-05"), "chuyenvien")
            .await
            .unwrap();
        let partial = NewProgress {
            percent: Some(40),
            completed_on: None,
            ..done("2023-01-01")
        };
        s.report_progress("KH204-2023/NV/1.b", &partial, "chuyenvien")
            .await
            .unwrap();
        let bad = NewProgress {
            percent: Some(140),
            ..partial.clone()
        };
        let refused = s
            .report_progress("KH204-2023/NV/1.b", &bad, "chuyenvien")
            .await;
        assert!(matches!(refused, Err(StoreError::Invalid(_))));
        let unknown = s
            .report_progress("KH204-2023/NV/9.z", &partial, "chuyenvien")
            .await;
        assert!(matches!(unknown, Err(StoreError::NotFound(_))));
        assert_eq!(
            s.task_progress("KH204-2023/NV/1.b").await.unwrap()[0].percent,
            Some(40)
        );

        let task = |st: &PlanStatus, id: &str| st.tasks.iter().find(|t| t.id == id).unwrap().status;
        // The year-end deadline (Sunday 31/12/2023) is effective on Tuesday 02/01/2024.
        let last_day = status("2024-01-02").await;
        assert_eq!(task(&last_day, "NV/2.a"), TaskStatus::CompletedOnTime);
        assert_eq!(task(&last_day, "NV/3.a"), TaskStatus::OpenWithinDeadline);
        let after = status("2024-01-10").await;
        assert_eq!(task(&after, "NV/1.a"), TaskStatus::CompletedLate);
        assert_eq!(task(&after, "NV/1.b"), TaskStatus::OpenOverdue);
        let sum = after.summary;
        assert_eq!(
            (sum.total, sum.completed_on_time, sum.completed_late),
            (44, 1, 1)
        );
        assert_eq!((sum.open_within_deadline, sum.open_overdue), (0, 42));
        assert!((sum.overdue_share - 100.0 * 42.0 / 44.0).abs() < 1e-9);
    })
    .await;
}
