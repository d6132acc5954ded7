//! Tests of the forms: numbering per rule set, applicability, and the generated forms.

mod applicability;
mod control;
mod models;
mod numbering;

use std::sync::OnceLock;

use chrono::NaiveDateTime;

use cchc_calendar::WorkCalendar;

use crate::dossier::{
    Action, ActionContext, Assignee, Channel, Component, Dossier, DossierCode, DossierState, Event,
    Intake, ProcedureTerms, apply,
};
use crate::org::UnitCode;

pub(super) fn cal() -> &'static WorkCalendar {
    static CAL: OnceLock<WorkCalendar> = OnceLock::new();
    CAL.get_or_init(|| WorkCalendar::national().unwrap())
}

/// `YYYY-MM-DDTHH:MM`.
pub(super) fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

pub(super) fn unit(code: &str) -> UnitCode {
    UnitCode::parse(code).unwrap()
}

const DESK: &str = "H31.36";

/// A dossier built by applying actions, failing the test on a refusal.
pub(super) struct Script {
    pub state: DossierState,
    pub events: Vec<Event>,
}

impl Script {
    /// A direct receipt at `when` of a procedure of `duration` (e.g. `3wd`, `0d`) with an
    /// optional cut-off.
    pub fn received(when: &str, duration: &str, cutoff: Option<&str>) -> Self {
        let mut s = Script {
            state: DossierState::new(),
            events: Vec::new(),
        };
        let intake = Intake {
            code: DossierCode::new(unit(DESK), at(when).date(), 1).unwrap(),
            components: vec![Component::provided("Tờ khai")],
            vneid_verified: false,
            national_databases: vec![],
        };
        let terms = ProcedureTerms {
            duration: duration.parse().unwrap(),
            cutoff: cutoff.map(|c| chrono::NaiveTime::parse_from_str(c, "%H:%M").unwrap()),
        };
        let receive = Action::Receive {
            channel: Channel::Direct,
            intake,
            terms,
        };
        s.act_as("motcua1", DESK, when, &receive);
        s
    }

    /// Applies `action` by `actor` of `unit_code` at `when`.
    pub fn act_as(
        &mut self,
        actor: &str,
        unit_code: &str,
        when: &str,
        action: &Action,
    ) -> &mut Self {
        let u = unit(unit_code);
        let ctx = ActionContext {
            actor,
            unit: &u,
            at: at(when),
            calendar: cal(),
        };
        match apply(&self.state, action, &ctx) {
            Ok((state, event)) => {
                self.state = state;
                self.events.push(event);
            }
            Err(r) => panic!("{:?} at {when} refused: {}", action.kind(), r.en),
        }
        self
    }

    /// Applies `action` by the desk officer.
    pub fn act(&mut self, when: &str, action: &Action) -> &mut Self {
        self.act_as("motcua1", DESK, when, action)
    }

    pub fn dossier(&self) -> &Dossier {
        self.state.dossier.as_ref().unwrap()
    }
}

pub(super) fn forward(to_unit: &str, officer: &str, hours: u32) -> Action {
    Action::Forward {
        to: Assignee {
            unit: unit(to_unit),
            officer: Some(officer.to_owned()),
        },
        budget_hours: hours,
    }
}

pub(super) fn finish() -> Action {
    Action::Finish {
        result_codes: vec!["KQ-0001".to_owned()],
        files: vec![],
        electronic: false,
    }
}

pub(super) fn request_supplement() -> Action {
    Action::RequestSupplement {
        items: vec!["Bản sao giấy khai sinh".to_owned()],
        reason: "Bản sao chưa được chứng thực".to_owned(),
    }
}
