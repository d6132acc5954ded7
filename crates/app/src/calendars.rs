//! The configured working calendars: the province's (national holidays, the province's
//! closures and enabled days, its office hours) and those of units with office hours of their
//! own. Built once from the settings; the only calendars a use-case computes with.

use cchc_calendar::{CalendarError, WorkCalendar};
use cchc_domain::UnitCode;
use std::collections::HashMap;

/// The province's calendar and the units' own.
#[derive(Debug, Clone)]
pub struct Calendars {
    province: WorkCalendar,
    units: HashMap<String, WorkCalendar>,
}

impl Calendars {
    /// The province's calendar, and calendars of units with office hours of their own, keyed
    /// by unit code.
    pub fn new(province: WorkCalendar, units: HashMap<String, WorkCalendar>) -> Self {
        Calendars { province, units }
    }

    /// The national calendar with the default office hours and nothing configured.
    pub fn national() -> Result<Self, CalendarError> {
        Ok(Calendars::new(WorkCalendar::national()?, HashMap::new()))
    }

    /// The province's calendar.
    pub fn province(&self) -> &WorkCalendar {
        &self.province
    }

    /// The calendar of `unit`: its own office hours when configured, else the province's.
    pub fn for_unit(&self, unit: &UnitCode) -> &WorkCalendar {
        self.units.get(unit.as_str()).unwrap_or(&self.province)
    }
}

impl cchc_store::dossiers::UnitCalendars for Calendars {
    fn calendar_of(&self, unit: &UnitCode) -> &WorkCalendar {
        self.for_unit(unit)
    }
}
