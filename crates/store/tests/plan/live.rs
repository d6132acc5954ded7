//! Evidence files, automatic targets over stored dossiers, and the demonstration's 2026 plan,
//! on every backend.

use std::collections::HashSet;

use cchc_domain::UnitCode;
use cchc_domain::indicator::NoAutomaticValues;
use cchc_domain::plan::evidence::EvidenceFile;
use cchc_domain::plan::status::TaskStatus;
use cchc_domain::plan::{IndicatorId, Period, Scope};
use cchc_domain::portal::parse_items;
use cchc_store::Store;
use cchc_store::import::dossiers::ImportedDossier;
use cchc_store::plan::PlanRef;
use cchc_store::plan::evidence::EvidenceOwner;
use cchc_store::plan::progress::NewProgress;
use cchc_store::plan::values::NewValue;
use serde_json::json;

use super::support::{cal, count, d, each_backend};

fn file(name: &str, bytes: &[u8]) -> EvidenceFile {
    EvidenceFile::new(name, bytes.to_vec()).unwrap()
}

fn value() -> NewValue {
    NewValue {
        indicator: IndicatorId::parse("manual.work_files.online_share").unwrap(),
        scope_unit: UnitCode::parse("H31").unwrap(),
        tier: Some(Scope::District),
        period: Period {
            start: d("2023-01-01"),
            end: d("2023-06-30"),
        },
        value: 51.5,
        note: "6 tháng".into(),
        evidence: Vec::new(),
        reporting_unit: UnitCode::parse("H31.STTTT").unwrap(),
    }
}

#[tokio::test]
async fn evidence_files_are_stored_with_their_report_or_not_at_all() {
    each_backend(|store| async move {
        let s = &store;
        let bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
        let files = [file("bc.pdf", &bytes), file("anh.png", b"\x89PNG")];
        let id = s
            .report_value_with_files(&value(), &files, "t")
            .await
            .unwrap();
        let listed = s.evidence_files(EvidenceOwner::Value(id)).await.unwrap();
        let names: Vec<&str> = listed.iter().map(|f| f.file_name.as_str()).collect();
        assert_eq!(names, ["bc.pdf", "anh.png"]);
        assert_eq!(listed[0].size, 3000);
        let stored = s.evidence_file(listed[0].id).await.unwrap().unwrap();
        assert_eq!(stored.content, bytes, "binary content round-trips");
        assert_eq!(stored.owner, EvidenceOwner::Value(id));
        assert_eq!(stored.info.sha256, files[0].sha256);
        let six: Vec<EvidenceFile> = (0..6).map(|i| file(&format!("{i}.pdf"), b"x")).collect();
        let before = (
            count(s, "indicator_values").await,
            count(s, "plan_evidence").await,
        );
        assert!(
            s.report_value_with_files(&value(), &six, "t")
                .await
                .is_err()
        );
        let progress = NewProgress {
            unit: UnitCode::parse("H31.VPUB").unwrap(),
            note: "x".into(),
            percent: None,
            completed_on: None,
            evidence: Vec::new(),
        };
        let task = "KH204-2023/NV/2.a";
        assert!(
            s.report_progress_with_files(task, &progress, &six, "t")
                .await
                .is_err()
        );
        let after = (
            count(s, "indicator_values").await,
            count(s, "plan_evidence").await,
        );
        assert_eq!(before, after);
        let update = s
            .report_progress_with_files(task, &progress, &files[1..], "t")
            .await
            .unwrap();
        let of_update = s
            .evidence_files(EvidenceOwner::Update(update))
            .await
            .unwrap();
        assert_eq!(of_update.len(), 1);
        assert!(s.evidence_file(999_999).await.unwrap().is_none());
    })
    .await;
}

/// A portal item: number, procedure, channel, receipt, due, end.
type Item<'a> = (u32, &'a str, u8, &'a str, &'a str, Option<&'a str>);

/// Imports dossiers of a new commune H31.T1.
async fn import(store: &Store, items: &[Item<'_>]) {
    let units = "code,name,kind,parent_code,valid_from,valid_to,successor_code\n\
                 H31.T1,Xã Một,commune,H31,2025-07-01,,\n";
    store.import_org_units(units, "test").await.unwrap();
    let text: String = items
        .iter()
        .map(|(n, p, channel, rec, due, end)| {
            let v = json!({ "MaHoSo": format!("H31.T1-{}-{n:04}", &rec[2..8]), "MaTTHC": p,
                "KenhThucHien": channel, "ChuHoSo": "Lê Văn C", "NgayTiepNhan": rec,
                "NgayHenTra": due, "TrangThaiHoSo": if end.is_some() { 10 } else { 4 },
                "NgayKetThucXuLy": end.unwrap_or(""), "DonViXuLy": "H31.T1" });
            format!("{v}\n")
        })
        .collect();
    let known: HashSet<String> = store
        .org_units()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.code.as_str().to_owned())
        .collect();
    let parsed = parse_items(&text, |u| known.contains(u)).unwrap();
    assert!(parsed.invalid.is_empty());
    let dossiers: Vec<ImportedDossier> = parsed
        .valid
        .iter()
        .map(|v| ImportedDossier::from_item(v).unwrap())
        .collect();
    store
        .import_dossiers(&dossiers, "test", |_| {})
        .await
        .unwrap();
}

#[tokio::test]
async fn automatic_targets_read_the_dossiers_of_the_subtree() {
    each_backend(|store| async move {
        let s = &store;
        import(
            s,
            &[
                // Xây dựng (construction), finished early.
                (
                    1,
                    "1.013225",
                    1,
                    "20260302090000",
                    "20260310170000",
                    Some("20260305100000"),
                ),
                // Khai sinh (toàn trình), online, finished late.
                (
                    2,
                    "1.001193",
                    2,
                    "20260302090000",
                    "20260303170000",
                    Some("20260304090000"),
                ),
            ],
        )
        .await;
        let h31 = UnitCode::parse("H31").unwrap();
        let source = s.dossier_indicators(&h31, d("2026-03-31")).await.unwrap();
        let march = Period {
            start: d("2026-01-01"),
            end: d("2026-03-31"),
        };
        let get = |id: &str| {
            use cchc_domain::indicator::IndicatorSource;
            source.value(&IndicatorId::parse(id).unwrap(), &h31, march)
        };
        assert_eq!(get("dossier.on_time_ratio"), Some(50.0));
        assert_eq!(get("dossier.early_ratio.construction"), Some(100.0));
        assert_eq!(get("dossier.online_share"), Some(100.0));
        assert_eq!(get("dossier.on_time_ratio.land"), None);
        let before = s.dossier_indicators(&h31, d("2025-06-30")).await.unwrap();
        let id = IndicatorId::parse("dossier.on_time_ratio").unwrap();
        use cchc_domain::indicator::IndicatorSource;
        assert_eq!(before.value(&id, &h31, march), None, "T1 not in force then");
        s.clone_plan_to_year(&PlanRef::Year(2023), 2026, "t")
            .await
            .unwrap();
        let st = s
            .plan_status(&PlanRef::Year(2026), d("2026-03-31"), &source, cal())
            .await
            .unwrap()
            .unwrap();
        let t = st.targets.iter().find(|t| t.id == "MT/2.a").unwrap();
        assert_eq!(t.value, Some(50.0));
    })
    .await;
}

#[tokio::test]
async fn the_demonstration_year_plan_has_dated_tasks_and_values() {
    each_backend(|store| async move {
        let s = &store;
        assert!(cchc_store::demo::plan_year::load(s).await.unwrap());
        assert!(!cchc_store::demo::plan_year::load(s).await.unwrap());
        let st = s
            .plan_status(
                &PlanRef::Year(2026),
                d("2026-11-27"),
                &NoAutomaticValues,
                cal(),
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(st.plan, "KH204-2026");
        assert_eq!(st.tasks.len(), 44 + 6);
        let status = |id: &str| st.tasks.iter().find(|t| t.id == id).unwrap().status;
        assert_eq!(status("PL/1"), TaskStatus::CompletedOnTime);
        assert_eq!(status("PL/2"), TaskStatus::CompletedLate);
        assert_eq!(status("PL/3"), TaskStatus::OpenOverdue);
        assert_eq!(status("PL/4"), TaskStatus::OpenWithinDeadline);
        let leads: Vec<&str> = st.tasks.iter().map(|t| t.lead_unit.as_str()).collect();
        assert!(!leads.contains(&"H31.STTTT"), "merged into H31.SKHCN");
        let t = st.targets.iter().find(|t| t.id == "MT/6.b").unwrap();
        assert_eq!(t.value, Some(63.5), "the latest approved provincial figure");
        assert!(s.run_reminders(d("2026-11-27"), cal()).await.unwrap() > 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reminder_email_is_claimed_by_one_instance_and_its_outcome_kept() {
    use cchc_store::plan::mail::{MAX_ATTEMPTS, MailOutcome};
    for backend in cchc_store::testing::backends() {
        let db = super::support::SharedDb::new(backend).await;
        let (a, b) = (&db.a, &db.b);
        assert_eq!(a.run_reminders(d("2023-12-21"), cal()).await.unwrap(), 44);
        let now = 1_000_000;
        let due = a.due_reminder_mails(now, 100).await.unwrap();
        assert_eq!(due.len(), 44);
        assert!(
            due[0].message.contains("còn 7 ngày làm việc"),
            "{}",
            due[0].message
        );
        assert!(due[0].task.starts_with("KH204-2023/NV/"));
        let mut won = 0;
        for m in &due {
            let (x, y) = tokio::join!(
                a.claim_reminder_mail(m.id, now, now + 600_000),
                b.claim_reminder_mail(m.id, now, now + 600_000)
            );
            won += usize::from(x.unwrap()) + usize::from(y.unwrap());
        }
        assert_eq!(won, 44, "each reminder claimed by exactly one instance");
        assert!(
            a.due_reminder_mails(now, 100).await.unwrap().is_empty(),
            "claimed"
        );
        let (first, second) = (due[0].id, due[1].id);
        a.finish_reminder_mail(first, &MailOutcome::Sent, now)
            .await
            .unwrap();
        let failed = MailOutcome::Failed {
            error: "451 later".into(),
            retry_at_ms: now + 10,
        };
        b.finish_reminder_mail(second, &failed, now).await.unwrap();
        let later = now + 600_001;
        let again: Vec<i64> = a
            .due_reminder_mails(later, 100)
            .await
            .unwrap()
            .iter()
            .map(|m| m.id)
            .collect();
        assert!(!again.contains(&first) && again.contains(&second));
        assert_eq!(again.len(), 43, "the claims of the others expired");
        for _ in 1..MAX_ATTEMPTS {
            assert!(
                b.claim_reminder_mail(second, later, later + 1)
                    .await
                    .unwrap()
            );
            b.finish_reminder_mail(second, &failed, later)
                .await
                .unwrap();
        }
        let states = a.reminder_mail_states().await.unwrap();
        let state = |id: i64| states.iter().find(|s| s.0 == id).unwrap().clone();
        assert_eq!(state(first).1, "sent");
        assert_eq!(
            (state(second).1.as_str(), state(second).2),
            ("given_up", MAX_ATTEMPTS)
        );
        assert!(
            !a.claim_reminder_mail(second, later + 100, later + 200)
                .await
                .unwrap()
        );
        db.close().await;
    }
}
