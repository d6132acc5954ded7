//! Periodic reporting through the application layer on both backends: periods on the
//! configured calendar, an all-or-nothing import with line numbers, and the roll-up of a
//! subtree with sums, averages and ratios computed by hand.

use crate::support::{each_backend, national, staff};
use cchc_app::{Error, report};
use cchc_domain::Role;
use serde_json::json;

/// A block (not a reporting unit) holding two departments, below the province.
const UNITS: &str = "code,name,kind,parent_code,valid_from,valid_to,successor_code,legal_basis,provisional\n\
H31.KHOI,Khối thử nghiệm,other,H31,2020-01-01,,,,1\n\
H31.KHOI.SA,Sở A,department,H31.KHOI,2020-01-01,,,,1\n\
H31.KHOI.SB,Sở B,department,H31.KHOI,2020-01-01,,,,1\n\
H31.KHOI.SC,Sở C,department,H31.KHOI,2020-01-01,,,,1\n";

const HEADER: &str = "regime,period,unit,indicator,value,note\n";

fn admin() -> cchc_app::Actor {
    staff(1, Role::ParAdmin, "H31.SNV")
}

fn lines(body: &str) -> String {
    format!("{HEADER}{body}")
}

#[tokio::test]
async fn periods_use_the_configured_calendar() {
    each_backend(national, "2026-03-01T09:00", |app| async move {
        let p = report::period(&app, &admin(), "BNV-CCHC-Q", 2026, Some(1)).unwrap();
        let got = serde_json::to_value(&p).unwrap();
        assert_eq!(
            got,
            json!({"regime": "BNV-CCHC-Q", "kind": "periodic", "start": "2025-12-15",
                   "end": "2026-03-14", "due": "2026-03-20",
                   "internal_due": {"commune": "2026-03-13", "department": "2026-03-13"}})
        );
        assert!(matches!(
            report::period(&app, &admin(), "BNV-CCHC-Q", 2026, None),
            Err(Error::Invalid { .. })
        ));
        assert!(matches!(
            report::period(&app, &admin(), "BNV-CCHC-Q", 2026, Some(2)),
            Err(Error::Invalid { .. })
        ));
        assert!(matches!(
            report::period(&app, &admin(), "NOPE", 2026, None),
            Err(Error::NotFound { .. })
        ));
    })
    .await;
}

#[tokio::test]
async fn a_bad_line_writes_nothing_and_names_its_line() {
    each_backend(national, "2026-03-01T09:00", |app| async move {
        app.store.import_org_units(UNITS, "test").await.unwrap();
        let bad = lines(
            "BNV-CCHC-Q,2026-Q1,H31.KHOI.SA,TTHC.HS_TN,10,\n\
             BNV-CCHC-Q,2026-Q1,H31.KHOI.SA,TTHC.HS_DH,1.5,\n\
             BNV-CCHC-Q,2026-H1,H31.KHOI.SA,TTHC.HS_TN,10,\n\
             BNV-CCHC-Q,2026-Q1,H31.KHOI,TTHC.HS_TN,10,\n\
             BNV-CCHC-Q,2026-Q1,H31.KHOI.SB,KHONG_CO,10,\n\
             BNV-CCHC-Q,2026-Q1,H31.KHOI.SB,TTHC.HAI_LONG,101,\n\
             BNV-CCHC-Q,2026-Q1,H31.NOWHERE,TTHC.HS_TN,1,\n",
        );
        let Err(Error::Invalid { fields, .. }) =
            report::import_values(&app, &admin(), &bad, "t.csv").await
        else {
            panic!("the file must be refused");
        };
        let numbers: Vec<&str> = fields
            .iter()
            .map(|f| f.message.split(':').next().unwrap())
            .collect();
        assert_eq!(
            numbers,
            ["dòng 3", "dòng 4", "dòng 5", "dòng 6", "dòng 7", "dòng 8"]
        );
        assert!(
            app.store
                .report_values("BNV-CCHC-Q", "2026-Q1")
                .await
                .unwrap()
                .is_empty()
        );
        // a ≤ b against the values stored before.
        let ok = lines_ok("BNV-CCHC-Q,2026-Q1,H31.KHOI.SA,TTHC.HS_TN,10,");
        report::import_values(&app, &admin(), &ok, "t.csv")
            .await
            .unwrap();
        let above = lines("BNV-CCHC-Q,2026-Q1,H31.KHOI.SA,TTHC.HS_DH,11,\n");
        assert!(
            report::import_values(&app, &admin(), &above, "t.csv")
                .await
                .is_err()
        );
        assert_eq!(
            app.store
                .report_values("BNV-CCHC-Q", "2026-Q1")
                .await
                .unwrap()
                .len(),
            1
        );
        // Staff of one department may not write another's values.
        let other = staff(2, Role::Specialist, "H31.KHOI.SB");
        assert!(
            report::import_values(&app, &other, &ok, "t.csv")
                .await
                .is_err()
        );
    })
    .await;
}

fn lines_ok(line: &str) -> String {
    lines(&format!("{line}\n"))
}

#[tokio::test]
async fn the_rollup_counts_the_subtree_only() {
    each_backend(national, "2026-03-01T09:00", |app| async move {
        app.store.import_org_units(UNITS, "test").await.unwrap();
        let file = lines(
            "BNV-CCHC-Q,2026-Q1,H31.KHOI.SA,TTHC.HS_TN,120,\n\
             BNV-CCHC-Q,2026-Q1,H31.KHOI.SA,TTHC.HS_DH,100,\n\
             BNV-CCHC-Q,2026-Q1,H31.KHOI.SB,TTHC.HS_TN,30,\n\
             BNV-CCHC-Q,2026-Q1,H31.KHOI.SB,TTHC.HS_DH,29,\n\
             BNV-CCHC-Q,2026-Q1,H31.KHOI.SA,TTHC.HAI_LONG,90,\n\
             BNV-CCHC-Q,2026-Q1,H31.KHOI.SB,TTHC.HAI_LONG,85.5,\n\
             BNV-CCHC-Q,2026-Q1,H31.KHOI.SC,TTHC.HAI_LONG,80,ước tính\n\
             BNV-CCHC-Q,2026-Q1,H31.STP,TTHC.HS_TN,1000,\n\
             BNV-CCHC-Q,2026-Q1,H31.STP,TTHC.HS_DH,500,\n\
             BNV-CCHC-Q,2026-Q3,H31.KHOI.SC,TTHC.HS_TN,7,\n",
        );
        let done = report::import_values(&app, &admin(), &file, "t.csv")
            .await
            .unwrap();
        assert_eq!(done.written, 10);
        let r = report::rollup(&app, &admin(), "BNV-CCHC-Q", "2026-Q1", "H31.KHOI")
            .await
            .unwrap();
        assert_eq!(
            (r.start.to_string(), r.end.to_string()),
            ("2025-12-15".into(), "2026-03-14".into())
        );
        let get = |code: &str| {
            r.indicators
                .iter()
                .find(|i| i.code == code)
                .unwrap()
                .clone()
        };
        let received = get("TTHC.HS_TN");
        assert_eq!(received.value, json!(150));
        assert_eq!((received.units_reported, received.units_expected), (2, 3));
        assert_eq!(received.missing, vec!["H31.KHOI.SC"]);
        // (100 + 29) / (120 + 30) = 86 %; (90 + 85.5 + 80) / 3 = 85.17.
        assert_eq!(get("TTHC.TL_DH").value, json!(86));
        assert_eq!(get("TTHC.HAI_LONG").value, json!(85.17));
        // The province's subtree adds Sở Tư pháp: 1150 received, 629 / 1150 = 54.70 %.
        let all = report::rollup(&app, &admin(), "BNV-CCHC-Q", "2026-Q1", "H31")
            .await
            .unwrap();
        let p = |code: &str| {
            all.indicators
                .iter()
                .find(|i| i.code == code)
                .unwrap()
                .clone()
        };
        assert_eq!(p("TTHC.HS_TN").value, json!(1150));
        assert_eq!(p("TTHC.TL_DH").value, json!(54.7));
        assert!(p("TTHC.HS_TN").units_expected > 3);
        // A department's staff see their own subtree only.
        let sa = staff(3, Role::UnitLeader, "H31.KHOI.SA");
        let own = report::rollup(&app, &sa, "BNV-CCHC-Q", "2026-Q1", "H31.KHOI.SA")
            .await
            .unwrap();
        assert_eq!(
            own.indicators
                .iter()
                .find(|i| i.code == "TTHC.HS_TN")
                .unwrap()
                .value,
            json!(120)
        );
        assert!(matches!(
            report::rollup(&app, &sa, "BNV-CCHC-Q", "2026-Q1", "H31.KHOI").await,
            Err(Error::Forbidden { .. })
        ));
    })
    .await;
}
