//! Fixtures shared by the dossier and procedure tests: a database per backend with the shipped
//! procedures, the national calendar, and dossier inputs.

use std::sync::OnceLock;

use cchc_calendar::WorkCalendar;
use cchc_domain::UnitCode;
use cchc_domain::dossier::{ActionContext, Channel, Component};
use cchc_store::Store;
use cchc_store::dossiers::{Applicant, NewDossier};
use cchc_store::testing::{TestDb, backends};
use chrono::NaiveDateTime;

/// Runs `test` on a fresh database of each backend holding the shipped procedures. The test
/// runs as a task of its own so that the pool is closed in this runtime even when it panics
/// (a pool closed while the runtime is blocked would wait for its connections forever).
pub async fn each_backend<F, Fut>(test: F)
where
    F: Fn(Store) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    for backend in backends() {
        let db = TestDb::new(backend).await.expect("test database");
        db.store.load_base_procedures_if_empty().await.unwrap();
        let outcome = tokio::spawn(test(db.store.clone())).await;
        db.store.close().await;
        if let Err(e) = outcome
            && e.is_panic()
        {
            std::panic::resume_unwind(e.into_panic());
        }
    }
}

pub fn cal() -> &'static WorkCalendar {
    static CAL: OnceLock<WorkCalendar> = OnceLock::new();
    CAL.get_or_init(|| WorkCalendar::national().unwrap())
}

/// `YYYY-MM-DDTHH:MM`, local time.
pub fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

pub fn unit(s: &str) -> UnitCode {
    UnitCode::parse(s).unwrap()
}

pub fn ctx<'a>(actor: &'a str, unit: &'a UnitCode, when: NaiveDateTime) -> ActionContext<'a> {
    ActionContext {
        actor,
        unit,
        at: when,
        calendar: cal(),
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
        components: vec![
            Component::provided("Tờ khai"),
            Component::provided("Giấy tờ tùy thân"),
        ],
        vneid_verified: true,
        national_databases: vec![],
        competent_unit: None,
        submitted_by: None,
    }
}
