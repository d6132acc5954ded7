//! Periodic reporting use-cases: a regime's period with its due dates (on the configured
//! working calendar), importing units' values (all or nothing, audited) and the roll-up of a
//! unit's subtree. The rules are in `cchc_domain::report`; the SQL in `cchc_store::report`.

mod values;

pub use values::{ImportSummary, import_values, rollup};

use crate::{Actor, App, Error};
use cchc_domain::org::OrgUnit;
use cchc_domain::org_tree::is_within;
use cchc_domain::report::period::PeriodError;
use cchc_domain::report::{PeriodRef, Regime, Regimes, ReportPeriod, period_of};
use cchc_domain::{Role, UnitCode};
use chrono::NaiveDate;
use serde_json::json;
use std::sync::OnceLock;

/// The regimes shipped with cchc, read once.
pub fn regimes() -> &'static Regimes {
    static REGIMES: OnceLock<Regimes> = OnceLock::new();
    REGIMES.get_or_init(Regimes::embedded)
}

/// The regime of that code, or a 404 listing the codes.
pub fn regime(code: &str) -> Result<&'static Regime, Error> {
    regimes().get(code).ok_or_else(|| Error::NotFound {
        message: format!("Không có chế độ báo cáo “{code}”."),
        details: json!({ "regimes": regimes().regimes.keys().collect::<Vec<_>>() }),
    })
}

/// Staff may read reports; citizens may not.
fn require_staff(actor: &Actor) -> Result<(), Error> {
    if actor.role.is_staff() {
        Ok(())
    } else {
        Err(Error::forbidden(
            "staff_only",
            "Chỉ cán bộ, công chức xem được báo cáo.",
        ))
    }
}

/// Whether the actor reaches `unit`: the province's reform administrators (Sở Nội vụ, who
/// consolidate) and system administrators reach every unit, other staff their own subtree.
pub(crate) fn reaches(actor: &Actor, units: &[OrgUnit], unit: &UnitCode, at: NaiveDate) -> bool {
    matches!(actor.role, Role::ParAdmin | Role::SystemAdmin)
        || actor
            .staff_unit()
            .is_some_and(|root| is_within(units, root, unit, at))
}

/// `cchc report period`: the window, due date and internal due dates of period `number` of
/// `year` (the only period of a yearly regime, or of a regime that reports one).
pub fn period(
    app: &App,
    actor: &Actor,
    code: &str,
    year: i32,
    number: Option<u32>,
) -> Result<ReportPeriod, Error> {
    require_staff(actor)?;
    let regime = regime(code)?;
    let number = match (number, regime.numbers.as_slice()) {
        (Some(n), _) => n,
        (None, [only]) => *only,
        (None, list) => {
            return Err(Error::invalid_field(
                "Thiếu số kỳ báo cáo.",
                "number",
                format!("chế độ {code} có các kỳ {list:?}"),
            ));
        }
    };
    let period = PeriodRef {
        frequency: regime.frequency,
        year,
        number,
    };
    period_of(regime, period, app.calendars.province()).map_err(period_error)
}

/// A period the regime does not report is invalid input; dates the calendar does not cover too.
pub(crate) fn period_error(e: PeriodError) -> Error {
    match e {
        PeriodError::NotReported(m) => {
            Error::invalid_field("Kỳ báo cáo không hợp lệ.", "period", m)
        }
        PeriodError::Calendar(c) => Error::invalid_field(
            "Lịch làm việc không có các ngày của kỳ này.",
            "period",
            c.to_string(),
        ),
    }
}
