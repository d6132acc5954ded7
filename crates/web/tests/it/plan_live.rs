//! The plan pages read their automatic indicators from the live aggregate: they render while
//! it is first built and say the figures are being computed; they follow a dossier write at
//! once, and a procedure import that moves a procedure out of its sector group after the
//! rebuild it causes; each figure shown equals the one computed from the dossiers
//! (`Store::dossier_indicators`, what `cchc plan status` reads).

use crate::support::{Reply, TestApp, each_backend};
use cchc_domain::UnitCode;
use cchc_domain::dossier::{Channel, DossierCode, Status};
use cchc_domain::indicator::IndicatorSource as _;
use cchc_domain::kpi::{DossierFacts, Flags};
use cchc_domain::plan::{IndicatorId, MeasureUnit, Period};
use cchc_store::import_dossiers::ImportedDossier;
use cchc_web::pages::plan::labels;
use chrono::{NaiveDate, NaiveDateTime};

const PAR_ADMIN: &str = "quantricchc";
const TARGET: &str = "/ke-hoach/muc-tieu/KH204-2023~MT~2.a?as_of=2023-06-30";
const COMPUTING: &str = "data-automatic=\"computing\"";
/// Gia Lai's construction licence procedure (sector "Hoạt động xây dựng").
const LICENCE: &str = "1.013225";

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// Dossier `n` of H31.D323: procedure, receipt, due, end (returned; empty while open).
fn dossier(n: u32, procedure: &str, [received, due, end]: [&str; 3]) -> ImportedDossier {
    let facts = DossierFacts {
        code: format!("H31.D323-{}-{n:04}", received[2..10].replace('-', "")),
        unit: "H31.D323".into(),
        procedure: procedure.into(),
        channel: Channel::Direct,
        received_at: Some(at(received)),
        due_at: Some(at(due)),
        finished_at: (!end.is_empty()).then(|| at(end)),
        terminal: (!end.is_empty()).then_some(Status::Returned),
        supplements: Vec::new(),
        flags: Flags::default(),
    };
    ImportedDossier {
        code: DossierCode::parse(&facts.code).unwrap(),
        status: facts.terminal.unwrap_or(Status::Processing),
        facts,
        applicant_name: "Người Nộp Thử".into(),
    }
}

async fn import(app: &TestApp, items: &[ImportedDossier]) {
    app.db
        .store
        .import_dossiers(items, "test", |_| {})
        .await
        .unwrap();
}

/// The cell of the construction group in the target's sector table.
fn construction(reply: &Reply) -> String {
    let row = "<th scope=\"row\">Xây dựng</th><td class=\"num\">";
    let start = reply.body.find(row).expect("the construction row") + row.len();
    let end = reply.body[start..].find("</td>").unwrap() + start;
    reply.body[start..end].to_owned()
}

/// The construction on-time ratio of the first half of 2023 from the dossiers, as shown.
async fn from_the_dossiers(app: &TestApp) -> String {
    let h31 = UnitCode::parse("H31").unwrap();
    let on = NaiveDate::from_ymd_opt(2023, 6, 30).unwrap();
    let source = app.db.store.dossier_indicators(&h31, on).await.unwrap();
    let id = IndicatorId::parse("dossier.on_time_ratio.construction").unwrap();
    let half = Period {
        start: NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(),
        end: on,
    };
    labels::value(source.value(&id, &h31, half), MeasureUnit::Percent)
}

#[tokio::test]
async fn the_pages_render_while_the_aggregate_is_first_built() {
    each_backend(|mut app| async move {
        import(
            &app,
            &[dossier(
                1,
                LICENCE,
                ["2023-02-01T09:00", "2023-02-10T17:00", ""],
            )],
        )
        .await;
        // A state whose aggregate is never built (no background task).
        let idle = cchc_app::App::without_live_statistics(
            app.db.store.clone(),
            cchc_app::Calendars::national().unwrap(),
        );
        let state = cchc_web::AppState::with_app(idle, cchc_web::WebConfig::default());
        app.router = cchc_web::app(state);
        for (user, uri) in [
            (Some(PAR_ADMIN), "/ke-hoach?year=2023&as_of=2023-06-30"),
            (Some(PAR_ADMIN), TARGET),
            (None, "/cong-khai/ke-hoach?year=2023"),
        ] {
            let reply = app.get_as(user, uri).await;
            assert_eq!(reply.status, 200, "{uri}: {}", reply.body);
            assert!(reply.body.contains(COMPUTING), "{uri}");
            assert!(reply.body.contains("đang được tổng hợp"), "{uri}");
        }
        let target = app.get_as(Some(PAR_ADMIN), TARGET).await;
        assert!(!target.body.contains("Hồ sơ phải giải quyết"));
        assert!(!target.body.contains("<th scope=\"row\">Xây dựng</th>"));
    })
    .await;
}

#[tokio::test]
async fn the_figures_follow_writes_and_catalogue_changes_as_the_dossiers_give_them() {
    each_backend(|app| async move {
        import(
            &app,
            &[
                dossier(
                    1,
                    LICENCE,
                    ["2023-02-01T09:00", "2023-02-10T17:00", "2023-02-06T10:00"],
                ),
                dossier(2, "1.001193", ["2023-03-01T09:00", "2023-03-02T17:00", ""]),
                dossier(4, LICENCE, ["2023-05-02T09:00", "2023-07-20T17:00", ""]),
            ],
        )
        .await;
        let first = app.get_as(Some(PAR_ADMIN), TARGET).await;
        assert!(!first.body.contains(COMPUTING));
        assert_eq!(construction(&first), "100 %");
        assert_eq!(construction(&first), from_the_dossiers(&app).await);
        // A late construction dossier, seen by the next request.
        import(
            &app,
            &[dossier(
                5,
                LICENCE,
                ["2023-06-01T09:00", "2023-06-05T17:00", "2023-06-10T08:00"],
            )],
        )
        .await;
        let second = app.get_as(Some(PAR_ADMIN), TARGET).await;
        assert_eq!(construction(&second), "66,67 %");
        assert_eq!(construction(&second), from_the_dossiers(&app).await);
        // The licence moved to a sector of no group: the servers rebuild with its new class.
        let mut catalogue = cchc_domain::procedure::shipped().unwrap();
        catalogue.procedures.retain(|p| p.code.as_str() == LICENCE);
        catalogue.procedures[0].sector.name = "Hộ tịch".into();
        catalogue.procedures[0].sector.code = None;
        app.db
            .store
            .import_procedures(&catalogue, "test")
            .await
            .unwrap();
        assert_eq!(from_the_dossiers(&app).await, "—");
        let mut shown = String::new();
        for _ in 0..100 {
            shown = construction(&app.get_as(Some(PAR_ADMIN), TARGET).await);
            if shown == "—" {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(shown, "—");
    })
    .await;
}
