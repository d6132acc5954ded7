//! What a form needs besides the dossier: names of units and officers, the applicant, the
//! procedure, the calendar and the time of printing.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::Serialize;

use cchc_calendar::WorkCalendar;

use crate::dossier::{Dossier, Event};
use crate::org::UnitCode;

/// Names to print: units by code and officers by account; a missing name prints the code.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    pub units: BTreeMap<String, String>,
    pub officers: BTreeMap<String, String>,
}

impl Directory {
    /// The unit's name, else its code.
    #[must_use]
    pub fn unit(&self, code: &UnitCode) -> String {
        self.units
            .get(code.as_str())
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    /// The officer's display name, else the account.
    #[must_use]
    pub fn officer(&self, account: &str) -> String {
        self.officers
            .get(account)
            .cloned()
            .unwrap_or_else(|| account.to_owned())
    }
}

/// The applicant as staff forms print it. Personal data: `Debug` shows none of it, so it
/// cannot reach a log by accident.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    pub name: String,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

impl std::fmt::Debug for Person {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Person { .. }")
    }
}

/// The procedure of the dossier (the version in force at receipt).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcedureInfo {
    pub code: String,
    pub name: String,
    pub sector: String,
    /// The legal processing time as published, e.g. "3 ngày làm việc".
    pub legal_time: String,
}

/// Everything a form is built from.
#[derive(Debug, Clone, Copy)]
pub struct FormInput<'a> {
    pub dossier: &'a Dossier,
    /// The dossier's events, oldest first.
    pub events: &'a [Event],
    pub applicant: &'a Person,
    pub procedure: &'a ProcedureInfo,
    pub names: &'a Directory,
    pub calendar: &'a WorkCalendar,
    /// Local time of printing: open steps are judged at it.
    pub now: NaiveDateTime,
    /// Which supplement request (from 1) the supplement form prints; the last by default.
    pub nth: Option<usize>,
}

/// Serde for local times (Asia/Ho_Chi_Minh) as ISO 8601 with `+07:00`.
pub mod iso {
    use chrono::NaiveDateTime;
    use serde::Serializer;

    /// "2026-03-02T09:00:00+07:00".
    #[must_use]
    pub fn text(t: NaiveDateTime) -> String {
        t.format("%Y-%m-%dT%H:%M:%S+07:00").to_string()
    }

    pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&text(*t))
    }

    /// For `Option<NaiveDateTime>`.
    pub mod opt {
        use chrono::NaiveDateTime;
        use serde::Serializer;

        pub fn serialize<S: Serializer>(
            t: &Option<NaiveDateTime>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match t {
                Some(t) => s.collect_str(&super::text(*t)),
                None => s.serialize_none(),
            }
        }
    }
}

/// "09:00 ngày 02/03/2026".
#[must_use]
pub fn vi_time(t: NaiveDateTime) -> String {
    t.format("%H:%M ngày %d/%m/%Y").to_string()
}
