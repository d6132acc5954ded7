//! Fixtures: an application context over a fresh database of each backend with the base data,
//! actors of each role, and dossier inputs.

use cchc_app::{Actor, App, Calendars, Clock};
use cchc_domain::dossier::{Channel, Component};
use cchc_domain::{Role, UnitCode};
use cchc_store::dossiers::{Applicant, NewDossier};
use cchc_store::testing::{TestDb, backends};
use chrono::NaiveDateTime;

/// The provincial one-stop desk and two departments of the base data.
pub const DESK: &str = "H31.VPUB.TTPVHCC";
pub const JUSTICE: &str = "H31.STP";
pub const FINANCE: &str = "H31.STC";
/// A province procedure of Sở Tư pháp, offered online.
pub const PROCEDURE: &str = "2.000635";

/// Runs `test` with an application context over a fresh database of each backend holding the
/// base data, with `calendars` and the clock at `now`.
pub async fn each_backend<F, Fut>(calendars: fn() -> Calendars, now: &str, test: F)
where
    F: Fn(App) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    for backend in backends() {
        let db = TestDb::with_base_data(backend)
            .await
            .expect("test database");
        let app = App::without_live_statistics(db.store.clone(), calendars())
            .with_clock(Clock::Fixed(at(now)));
        let outcome = tokio::spawn(test(app)).await;
        db.store.close().await;
        if let Err(e) = outcome
            && e.is_panic()
        {
            std::panic::resume_unwind(e.into_panic());
        }
    }
}

/// The national calendar with nothing configured.
pub fn national() -> Calendars {
    Calendars::national().unwrap()
}

/// `YYYY-MM-DDTHH:MM`, local time.
pub fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

pub fn unit(s: &str) -> UnitCode {
    UnitCode::parse(s).unwrap()
}

/// A staff member of `role` at `unit`.
pub fn staff(id: i64, role: Role, at_unit: &str) -> Actor {
    Actor {
        user_id: id,
        username: format!("user{id}"),
        role,
        unit: Some(unit(at_unit)),
    }
}

/// A dossier of `procedure` with a complete checklist.
pub fn new_dossier(procedure: &str, channel: Channel) -> NewDossier {
    NewDossier {
        procedure_code: procedure.to_owned(),
        channel,
        applicant: Applicant {
            name: "Nguyễn Văn An".to_owned(),
            id_number: Some("033090000001".to_owned()),
            phone: Some("0912345678".to_owned()),
            address: Some("Phố Hiến, Hưng Yên".to_owned()),
        },
        components: vec![Component::provided("Tờ khai")],
        vneid_verified: true,
        national_databases: vec![],
        competent_unit: None,
        submitted_by: None,
    }
}
