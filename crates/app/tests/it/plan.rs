//! The plan's rules hold in the use-cases, whatever the door: who may report a value or
//! progress (the responsible unit's specialists and leaders, a unit of a group a task names,
//! the PAR admin, an operator), who may review, and that nobody approves or returns a value
//! they reported themselves. A refused call writes nothing.

use crate::support::{at, each_backend, national, staff};
use cchc_app::plan::report::{Entry, ProgressReport, Upload, ValueReport, progress, value};
use cchc_app::plan::review::{Decision, ReviewRequest, review};
use cchc_app::{Actor, App, Error};
use cchc_domain::Role;
use cchc_domain::plan::Period;
use cchc_store::plan_values::{ReportedValue, ValueState};

/// The day the tests stand on: the 2023 plan's periods have all ended.
const NOW: &str = "2024-03-01T09:00";
/// Area 3 (organisation), led by Sở Nội vụ; its target a has three manual figures.
const TARGET: &str = "MT/3.a";
/// A task of area 3 with co-operating units: Sở Giáo dục và Đào tạo and the districts.
const TASK: &str = "KH204-2023/NV/3.c";
const SNV: &str = "H31.SNV";

fn specialist() -> Actor {
    staff(11, Role::Specialist, SNV)
}

fn par_admin() -> Actor {
    Actor {
        username: "quantricchc".into(),
        ..staff(12, Role::ParAdmin, SNV)
    }
}

fn second_par_admin() -> Actor {
    Actor {
        username: "quantricchc2".into(),
        ..staff(13, Role::ParAdmin, SNV)
    }
}

/// 1.5 % of civil servant posts cut in the first half of 2023.
fn half_year(unit: Option<&str>) -> ValueReport {
    ValueReport {
        plan: "KH204-2023".into(),
        target: TARGET.into(),
        threshold: Entry::Value(2),
        period_start: Entry::Value("2023-01-01".parse().unwrap()),
        period_end: Entry::Value("2023-06-30".parse().unwrap()),
        value: Entry::Value(1.5),
        note: "Giảm 24 biên chế".into(),
        references: vec!["QĐ 12/QĐ-UBND".into()],
        files: vec![Upload {
            name: "quyet-dinh.pdf".into(),
            bytes: b"%PDF-1.4 quyet dinh".to_vec(),
        }],
        unit: unit.map(crate::support::unit),
    }
}

fn decide(id: i64, decision: Decision, reason: &str) -> ReviewRequest {
    ReviewRequest {
        value: id,
        decision: Some(decision),
        reason: reason.into(),
    }
}

/// Every value reported in 2023.
async fn values(app: &App) -> Vec<ReportedValue> {
    let year = Period::year(2023).unwrap();
    let mut all = app.store.submitted_values(year).await.unwrap();
    all.extend(app.store.approved_values(year).await.unwrap().0);
    all
}

fn forbidden_code(result: Result<impl std::fmt::Debug, Error>) -> &'static str {
    match result {
        Err(Error::Forbidden { code, .. }) => code,
        other => panic!("not forbidden: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_responsible_unit_the_par_admin_or_an_operator_report_a_value() {
    each_backend(national, NOW, |app| async move {
        let outsiders = [
            staff(21, Role::ReceptionOfficer, "H31.VPUB.TTPVHCC"),
            staff(22, Role::Specialist, "H31.STP"),
            staff(23, Role::Appraiser, SNV),
            staff(24, Role::SystemAdmin, SNV),
        ];
        for actor in &outsiders {
            let refused = value(&app, actor, half_year(None)).await;
            assert_eq!(forbidden_code(refused), "not_responsible", "{actor:?}");
        }
        let outside = value(&app, &specialist(), half_year(Some("H31.STP"))).await;
        assert_eq!(forbidden_code(outside), "outside_unit");
        assert!(
            values(&app).await.is_empty(),
            "a refused report writes nothing"
        );
        let own = value(&app, &specialist(), half_year(None)).await.unwrap();
        assert_eq!(
            (own.reporting_unit.as_str(), own.reported_by.as_str()),
            (SNV, "user11")
        );
        assert_eq!(own.state, ValueState::Submitted);
        let files = app
            .store
            .evidence_files(cchc_store::plan_evidence::EvidenceOwner::Value(own.id))
            .await
            .unwrap();
        assert_eq!(files.len(), 1);
        value(&app, &par_admin(), half_year(None)).await.unwrap();
        let operator = Actor::operator("cli");
        let unnamed = value(&app, &operator, half_year(None)).await.unwrap_err();
        assert!(matches!(unnamed, Error::Invalid { .. }), "{unnamed:?}");
        let typed = value(&app, &operator, half_year(Some("H31.STP")))
            .await
            .unwrap();
        assert_eq!(
            (typed.reporting_unit.as_str(), typed.reported_by.as_str()),
            ("H31.STP", "cli")
        );
        assert_eq!(values(&app).await.len(), 3);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_problem_of_a_report_is_given_at_once_and_nothing_is_written() {
    each_backend(national, NOW, |app| async move {
        let bad = ValueReport {
            threshold: Entry::Value(7),
            period_end: Entry::Value("2024-01-31".parse().unwrap()),
            value: Entry::Unreadable,
            files: vec![Upload {
                name: "x.exe".into(),
                bytes: b"MZ".to_vec(),
            }],
            ..half_year(None)
        };
        let Error::Invalid { fields, .. } = value(&app, &specialist(), bad).await.unwrap_err()
        else {
            panic!("not invalid");
        };
        let named: Vec<&str> = fields.iter().filter_map(|f| f.field.as_deref()).collect();
        assert_eq!(
            named,
            ["threshold", "period", "value", "files"],
            "{fields:?}"
        );
        assert!(fields[1].message.contains("năm 2023"));
        let not_ended = ValueReport {
            period_start: Entry::Value("2023-12-01".parse().unwrap()),
            period_end: Entry::Value("2023-12-31".parse().unwrap()),
            ..half_year(None)
        };
        let early = app
            .clone()
            .with_clock(cchc_app::Clock::Fixed(at("2023-12-20T09:00")));
        let refused = value(&early, &specialist(), not_ended).await.unwrap_err();
        assert!(refused.sentence().contains("chưa kết thúc"), "{refused:?}");
        let over = ValueReport {
            value: Entry::Value(120.0),
            ..half_year(None)
        };
        assert!(
            value(&app, &specialist(), over).await.is_err(),
            "a share over 100 %"
        );
        assert!(values(&app).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_approves_or_returns_a_value_they_reported() {
    each_backend(national, NOW, |app| async move {
        let admin = par_admin();
        let mine = value(&app, &admin, half_year(None)).await.unwrap();
        for decision in [
            decide(mine.id, Decision::Approve, ""),
            decide(mine.id, Decision::Return, "Sai"),
        ] {
            assert_eq!(
                forbidden_code(review(&app, &admin, &decision).await),
                "own_report"
            );
        }
        let stored = app.store.indicator_value(mine.id).await.unwrap().unwrap();
        assert_eq!(
            stored.state,
            ValueState::Submitted,
            "a refused review writes nothing"
        );
        let other = second_par_admin();
        let approved = review(&app, &other, &decide(mine.id, Decision::Approve, ""))
            .await
            .unwrap();
        assert_eq!(
            (approved.state, approved.reviewed_by.as_deref()),
            (ValueState::Approved, Some("quantricchc2"))
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_par_admin_alone_reviews_each_value_once() {
    each_backend(national, NOW, |app| async move {
        let admin = par_admin();
        let theirs = value(&app, &specialist(), half_year(None)).await.unwrap();
        let not_admin = review(
            &app,
            &specialist(),
            &decide(theirs.id, Decision::Approve, ""),
        )
        .await;
        assert_eq!(forbidden_code(not_admin), "not_par_admin");
        let returned = review(
            &app,
            &admin,
            &decide(theirs.id, Decision::Return, " Thiếu minh chứng "),
        )
        .await
        .unwrap();
        assert_eq!(returned.review_note.as_deref(), Some("Thiếu minh chứng"));
        let again = review(
            &app,
            &second_par_admin(),
            &decide(theirs.id, Decision::Approve, ""),
        )
        .await;
        assert!(
            matches!(
                &again,
                Err(Error::Conflict {
                    code: "already_reviewed",
                    ..
                })
            ),
            "{again:?}"
        );
        let missing = review(
            &app,
            &admin,
            &decide(theirs.id + 100, Decision::Approve, ""),
        )
        .await;
        assert!(matches!(missing, Err(Error::NotFound { .. })));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operator_transcribes_reports_and_decisions_for_any_unit() {
    each_backend(national, NOW, |app| async move {
        let operator = Actor::operator("cli");
        let entered = value(&app, &operator, half_year(Some(SNV))).await.unwrap();
        let approved = review(&app, &operator, &decide(entered.id, Decision::Approve, ""))
            .await
            .unwrap();
        assert_eq!(approved.state, ValueState::Approved);
        // An account named like the operator is an account: the rule binds it.
        let named_cli = Actor {
            username: "cli".into(),
            ..par_admin()
        };
        let second = value(&app, &operator, half_year(Some(SNV))).await.unwrap();
        let refused = review(&app, &named_cli, &decide(second.id, Decision::Approve, "")).await;
        assert_eq!(forbidden_code(refused), "own_report");
    })
    .await;
}

fn progress_on(task: &str, unit: Option<&str>) -> ProgressReport {
    ProgressReport {
        task: task.into(),
        note: "Đã trình phương án".into(),
        percent: Entry::Value(100),
        completed_on: Entry::Value("2023-09-15".parse().unwrap()),
        references: vec![],
        files: vec![],
        unit: unit.map(crate::support::unit),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_is_reported_by_the_lead_a_co_operating_unit_or_a_unit_of_its_group() {
    each_backend(national, NOW, |app| async move {
        let education = staff(31, Role::Specialist, "H31.SGDDT");
        let district = staff(32, Role::UnitLeader, "H31.D325");
        let justice = staff(33, Role::Specialist, "H31.STP");
        for actor in [specialist(), education, district] {
            progress(&app, &actor, progress_on(TASK, None))
                .await
                .unwrap();
        }
        let refused = progress(&app, &justice, progress_on(TASK, None)).await;
        assert_eq!(forbidden_code(refused), "not_responsible");
        let updates = app.store.task_progress(TASK).await.unwrap();
        let units: Vec<&str> = updates.iter().map(|u| u.unit.as_str()).collect();
        assert_eq!(units, [SNV, "H31.SGDDT", "H31.D325"]);
        let unknown = progress(&app, &specialist(), progress_on("KH204-2023/NV/9.z", None)).await;
        assert!(matches!(unknown, Err(Error::NotFound { .. })));
        let blank = ProgressReport {
            note: " ".into(),
            percent: Entry::Unreadable,
            ..progress_on(TASK, None)
        };
        let Err(Error::Invalid { fields, .. }) = progress(&app, &specialist(), blank).await else {
            panic!("not invalid");
        };
        assert_eq!(fields.len(), 2, "{fields:?}");
        assert_eq!(app.store.task_progress(TASK).await.unwrap().len(), 3);
    })
    .await;
}
