//! One-stop dossiers in SQL: the current projection (`dossiers`), the events (`dossier_events`)
//! and the per-unit daily code counters, written through the pure state machine of
//! `cchc_domain::dossier` with group commit.
//!
//! A write loads the state, calls [`cchc_domain::dossier::apply`], and stores the projection,
//! the event and an audit entry in one transaction; a refused action writes nothing. Writes go
//! through one writer task that batches concurrent actions into one transaction
//! ([`writer`]); the `_direct` methods commit each action alone (the benchmark's baseline).

pub(crate) mod batch;
mod codes;
mod inbox;
mod read;
mod register;
pub(crate) mod request;
mod rows;
mod writer;

pub use inbox::{DossierFilter, DossierList, DossierOrder, RUNNING, UnitColumn, due_within};
pub use read::DossierDetail;
pub use register::{RegisterEntry, RegisterFilter, Sector};
pub(crate) use writer::WriterSlot;

use cchc_calendar::WorkCalendar;
use cchc_domain::UnitCode;
use cchc_domain::dossier::{
    Channel, Component, Dossier, DossierCode, Event, Refusal, RuleSet, Status,
};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::StoreError;

/// The applicant (chủ hồ sơ). Personal data: stored in columns of its own, never logged
/// (`Debug` prints no field but the fact that one is present).
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Applicant {
    pub name: String,
    /// Số định danh cá nhân (12-digit CCCD) or another identity number.
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

impl std::fmt::Debug for Applicant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Applicant { .. }")
    }
}

/// A dossier to receive (direct or postal) or to submit (online).
#[derive(Debug, Clone)]
pub struct NewDossier {
    /// The procedure code; the version in force on the reception date is used.
    pub procedure_code: String,
    pub channel: Channel,
    pub applicant: Applicant,
    pub components: Vec<Component>,
    pub vneid_verified: bool,
    pub national_databases: Vec<String>,
    /// The unit competent to decide; the receiving unit when `None`.
    pub competent_unit: Option<UnitCode>,
    /// The citizen account (`users.id`) submitting online; `None` at a desk.
    pub submitted_by: Option<i64>,
}

/// The projection columns of a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DossierRecord {
    pub code: DossierCode,
    /// The province the dossier belongs to (the leading key, e.g. `H31`).
    pub province: String,
    pub receiving_unit: UnitCode,
    pub competent_unit: UnitCode,
    /// The unit holding the dossier now (the last step's holder).
    pub holder_unit: UnitCode,
    pub procedure_code: String,
    pub procedure_version: u32,
    pub rule_set: Option<RuleSet>,
    pub channel: Channel,
    pub status: Status,
    pub applicant: Applicant,
    /// Local times, Asia/Ho_Chi_Minh.
    pub submitted_at: Option<NaiveDateTime>,
    pub received_at: Option<NaiveDateTime>,
    pub due_legal_at: Option<NaiveDateTime>,
    pub due_kpi_at: Option<NaiveDateTime>,
    /// When the dossier ended by the QĐ 766 priority (result, return, or closure).
    pub finished_at: Option<NaiveDateTime>,
    pub returned_at: Option<NaiveDateTime>,
    pub supplement_count: u32,
    /// The number of events.
    pub seq: u32,
    /// The citizen account that submitted it online (`users.id`).
    pub submitted_by: Option<i64>,
}

/// A dossier: its projection and its full state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredDossier {
    pub record: DossierRecord,
    pub dossier: Dossier,
}

/// A stored event with its number in the dossier (from 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredEvent {
    pub seq: u32,
    /// When it was written (UTC epoch milliseconds).
    pub recorded_at_ms: i64,
    pub event: Event,
}

/// The result of an accepted action, once it is on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Applied {
    pub dossier: StoredDossier,
    pub event: StoredEvent,
}

/// Why an action was not stored.
#[derive(Debug, thiserror::Error)]
pub enum DossierError {
    /// The state machine refused the action (HTTP 409); nothing was written.
    #[error("{0}")]
    Refused(Refusal),
    /// The request's [`Guard`] refused the caller on the dossier as locked by the write
    /// transaction (HTTP 403); nothing was written.
    #[error("{}", .0.message)]
    Denied(Denial),
    /// The dossier was imported from the national portal: it has no state to act on.
    #[error("the dossier was imported: it cannot be acted on")]
    Imported,
    /// Not found, invalid input, or a database failure.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The working calendar of each unit, as configured: what deadlines are computed with.
pub trait UnitCalendars: Sync {
    /// The calendar of `unit` (its own office hours, else the province's).
    fn calendar_of(&self, unit: &UnitCode) -> &WorkCalendar;
}

/// One calendar for every unit.
impl UnitCalendars for WorkCalendar {
    fn calendar_of(&self, _unit: &UnitCode) -> &WorkCalendar {
        self
    }
}

/// Why a [`Guard`] refused the caller: a stable code and a Vietnamese sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denial {
    pub code: &'static str,
    pub message: String,
}

/// Who may act, decided by the writer inside the write transaction against the dossier it
/// has locked (not a copy read before the request was queued): the caller's role and unit
/// are checked against the holder and desk as they are at commit.
pub type Guard = std::sync::Arc<dyn Fn(&DossierRecord) -> Result<(), Denial> + Send + Sync>;

/// A local time (Asia/Ho_Chi_Minh) as UTC epoch milliseconds ([`cchc_calendar::local`]).
pub fn local_to_ms(t: NaiveDateTime) -> i64 {
    cchc_calendar::local::to_ms(t)
}

/// UTC epoch milliseconds as a local time (Asia/Ho_Chi_Minh).
pub fn ms_to_local(ms: i64) -> NaiveDateTime {
    cchc_calendar::local::from_ms(ms)
}

/// The province of a unit code: its group of the form `H` + two digits (`H31` in `H31.36` and
/// in the legacy `000.00.01.H31`), else its first group.
pub fn province_of(unit: &UnitCode) -> String {
    let groups = || unit.as_str().split('.');
    groups()
        .find(|g| g.len() == 3 && g.starts_with('H') && g[1..].bytes().all(|b| b.is_ascii_digit()))
        .or_else(|| groups().next())
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_round_trip_through_utc_milliseconds() {
        let t = NaiveDateTime::parse_from_str("2026-01-05 08:30:00", "%Y-%m-%d %H:%M:%S").unwrap();
        assert_eq!(local_to_ms(t), 1_767_576_600_000);
        assert_eq!(ms_to_local(local_to_ms(t)), t);
    }

    #[test]
    fn provinces_come_from_the_unit_code() {
        let p = |s: &str| province_of(&UnitCode::parse(s).unwrap());
        assert_eq!(p("H31.VPUB.TTPVHCC"), "H31");
        assert_eq!(p("000.00.01.H26"), "H26");
        assert_eq!(p("G15"), "G15");
    }

    #[test]
    fn applicants_are_not_printed() {
        let a = Applicant {
            name: "Nguyễn Văn A".into(),
            id_number: Some("033099000001".into()),
            ..Applicant::default()
        };
        assert_eq!(format!("{a:?}"), "Applicant { .. }");
    }
}
