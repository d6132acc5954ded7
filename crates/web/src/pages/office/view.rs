//! Display helpers of the dossier pages: local times as people read them, the state of a due
//! time (running, due soon, overdue, finished early / on time / late), and the names of the
//! units and procedures a page shows.

use crate::error::AppError;
use crate::state::AppState;
use cchc_app::dossiers::lookup::unit_name;
use cchc_domain::dossier::Status;
use cchc_domain::dossier::timeliness::{Timeliness, classify};
use cchc_domain::org::OrgUnit;
use cchc_store::Store;
use cchc_store::dossiers::{DossierRecord, RUNNING, due_within};
use cchc_store::paging::Page;
use cchc_store::procedures::ProcedureRecord;
use chrono::NaiveDateTime;

/// A dossier counts as due soon within this many working days of its due time.
pub const DUE_SOON_DAYS: u32 = 2;

/// `dd/mm/yyyy HH:MM`.
pub fn local(t: NaiveDateTime) -> String {
    t.format("%d/%m/%Y %H:%M").to_string()
}

/// [`local`], or a dash.
pub fn local_opt(t: Option<NaiveDateTime>) -> String {
    t.map_or_else(|| "—".to_owned(), local)
}

/// Now, and the bound of "due soon".
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub now: NaiveDateTime,
    pub soon: NaiveDateTime,
}

impl Clock {
    /// The clock of this request (the province's configured working calendar).
    pub fn now(state: &AppState) -> Result<Clock, AppError> {
        let now = state.app.clock.now();
        let soon = due_within(state.app.calendars.province(), now, DUE_SOON_DAYS)
            .map_err(AppError::internal)?;
        Ok(Clock { now, soon })
    }
}

/// Where a dossier stands against its legal due time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueState {
    /// No due time (not received yet).
    Undated,
    /// Waiting for a supplement: the clock does not run.
    Paused,
    /// Refused, withdrawn or stopped.
    Closed,
    Running,
    Soon,
    Overdue,
    Finished(Timeliness),
}

impl DueState {
    /// The state of `r` at `clock`.
    pub fn of(r: &DossierRecord, clock: &Clock) -> DueState {
        let Some(due) = r.due_legal_at else {
            return DueState::Undated;
        };
        let resolved = matches!(r.status, Status::Resolved | Status::Returned);
        if let Some(done) = r.finished_at.filter(|_| resolved) {
            return DueState::Finished(classify(done, due));
        }
        if r.status.is_closed() {
            return DueState::Closed;
        }
        if !RUNNING.contains(&r.status) {
            return DueState::Paused;
        }
        if due < clock.now {
            DueState::Overdue
        } else if due <= clock.soon {
            DueState::Soon
        } else {
            DueState::Running
        }
    }

    /// The CSS class colouring the due time.
    pub fn class(self) -> &'static str {
        match self {
            DueState::Overdue | DueState::Finished(Timeliness::Late) => "due-overdue",
            DueState::Soon => "due-soon",
            DueState::Running | DueState::Finished(_) => "due-ok",
            DueState::Undated | DueState::Paused | DueState::Closed => "due-none",
        }
    }

    /// What the colour means, in words (never colour alone).
    pub fn label(self) -> &'static str {
        match self {
            DueState::Undated => "",
            DueState::Paused => "tạm dừng tính hạn",
            DueState::Closed => "đã kết thúc",
            DueState::Running => "còn hạn",
            DueState::Soon => "sắp đến hạn",
            DueState::Overdue => "quá hạn",
            DueState::Finished(Timeliness::Early) => "xong trước hạn",
            DueState::Finished(Timeliness::OnTime) => "xong đúng hạn",
            DueState::Finished(Timeliness::Late) => "xong trễ hạn",
        }
    }
}

/// The names a page shows: the procedure catalogue and some units.
pub struct Names {
    pub procedures: Vec<ProcedureRecord>,
    pub units: Vec<OrgUnit>,
}

impl Names {
    /// The catalogue and the units of `codes`.
    pub async fn load(store: &Store, codes: Vec<String>) -> Result<Names, AppError> {
        let mut codes = codes;
        codes.sort();
        codes.dedup();
        Ok(Names {
            procedures: store
                .procedures(None, Page::new(1, Page::MAX_SIZE))
                .await?
                .items,
            units: store.org_units_named(&codes).await?,
        })
    }

    /// The units of the records' three unit columns.
    pub fn units_of(records: &[DossierRecord]) -> Vec<String> {
        records
            .iter()
            .flat_map(|r| [&r.receiving_unit, &r.competent_unit, &r.holder_unit])
            .map(ToString::to_string)
            .collect()
    }

    /// The unit's name today.
    pub fn unit(&self, code: &str) -> String {
        unit_name(&self.units, code, crate::time::today())
    }

    /// `code — name` of a procedure (the code alone when unknown).
    pub fn procedure(&self, code: &str) -> String {
        self.procedures
            .iter()
            .find(|p| p.code.as_str() == code)
            .map_or_else(|| code.to_owned(), |p| format!("{code} — {}", p.name))
    }
}

/// One dossier in a list.
pub struct ListRow {
    pub code: String,
    pub procedure: String,
    pub applicant: String,
    pub status: u8,
    pub status_label: &'static str,
    pub received: String,
    pub due: String,
    pub due_class: &'static str,
    pub due_label: &'static str,
    pub holder: String,
}

impl ListRow {
    /// The row of `r`.
    pub fn new(r: &DossierRecord, names: &Names, clock: &Clock) -> ListRow {
        let due = DueState::of(r, clock);
        ListRow {
            code: r.code.to_string(),
            procedure: names.procedure(&r.procedure_code),
            applicant: r.applicant.name.clone(),
            status: r.status.code(),
            status_label: r.status.label_vi(),
            received: local_opt(r.received_at.or(r.submitted_at)),
            due: local_opt(r.due_legal_at),
            due_class: due.class(),
            due_label: due.label(),
            holder: names.unit(r.holder_unit.as_str()),
        }
    }
}

/// Pages of a list: (number, total pages) and the links to the previous and next pages.
pub struct Pager {
    pub page: u32,
    pub pages: u32,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// The pager of `total` rows in pages of `size`, linking with `href(page)`.
    pub fn new(page: u32, size: u32, total: u64, href: impl Fn(u32) -> String) -> Pager {
        let pages = u32::try_from(total.div_ceil(u64::from(size.max(1))))
            .unwrap_or(u32::MAX)
            .max(1);
        Pager {
            page,
            pages,
            prev: (page > 1).then(|| href(page - 1)),
            next: (page < pages).then(|| href(page + 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn record(status: Status, due: &str, finished: Option<&str>) -> DossierRecord {
        let unit = cchc_domain::UnitCode::parse("H31").unwrap();
        DossierRecord {
            code: cchc_domain::dossier::DossierCode::new(unit.clone(), at(due).date(), 1).unwrap(),
            province: "H31".into(),
            receiving_unit: unit.clone(),
            competent_unit: unit.clone(),
            holder_unit: unit,
            procedure_code: "1.001193".into(),
            procedure_version: 1,
            rule_set: None,
            channel: cchc_domain::dossier::Channel::Direct,
            status,
            applicant: cchc_store::dossiers::Applicant::default(),
            submitted_at: None,
            received_at: Some(at("2026-03-02 08:00")),
            due_legal_at: Some(at(due)),
            due_kpi_at: Some(at(due)),
            finished_at: finished.map(at),
            returned_at: None,
            supplement_count: 0,
            seq: 1,
            submitted_by: None,
        }
    }

    #[test]
    fn due_times_are_coloured_by_what_remains() {
        let clock = Clock {
            now: at("2026-03-05 10:00"),
            soon: at("2026-03-09 10:00"),
        };
        let state = |s, due, done| DueState::of(&record(s, due, done), &clock);
        assert_eq!(
            state(Status::Processing, "2026-03-05 09:59", None),
            DueState::Overdue
        );
        assert_eq!(
            state(Status::Processing, "2026-03-09 10:00", None),
            DueState::Soon
        );
        assert_eq!(
            state(Status::Processing, "2026-03-09 10:01", None),
            DueState::Running
        );
        assert_eq!(
            state(Status::AwaitingSupplement, "2026-03-01 10:00", None),
            DueState::Paused
        );
        let late = state(
            Status::Returned,
            "2026-03-04 17:00",
            Some("2026-03-05 08:00"),
        );
        assert_eq!(late.class(), "due-overdue");
        assert_eq!(late.label(), "xong trễ hạn");
    }

    #[test]
    fn pagers_link_only_to_pages_that_exist() {
        let p = Pager::new(1, 25, 0, |n| n.to_string());
        assert_eq!((p.pages, p.prev, p.next), (1, None, None));
        let p = Pager::new(2, 25, 51, |n| n.to_string());
        assert_eq!(
            (p.pages, p.prev, p.next),
            (3, Some("1".into()), Some("3".into()))
        );
    }
}
