//! Tests of the dossier lifecycle: fixtures shared by the test modules.

mod deadlines;
mod replay;
mod rules;
mod timeliness;
mod transitions;

use std::sync::OnceLock;

use chrono::NaiveDateTime;

use cchc_calendar::WorkCalendar;

use super::{
    Action, ActionContext, ActionKind, Assignee, Channel, Component, Dossier, DossierCode,
    DossierState, Event, Intake, ProcedureTerms, Refusal, apply,
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

pub(super) fn unit() -> UnitCode {
    UnitCode::parse("H31.36").unwrap()
}

pub(super) fn terms(duration: &str, cutoff: Option<&str>) -> ProcedureTerms {
    ProcedureTerms {
        duration: duration.parse().unwrap(),
        cutoff: cutoff.map(|c| chrono::NaiveTime::parse_from_str(c, "%H:%M").unwrap()),
    }
}

/// An intake whose code carries the date of `when`.
pub(super) fn intake(when: NaiveDateTime) -> Intake {
    Intake {
        code: DossierCode::new(unit(), when.date(), 1).unwrap(),
        components: vec![
            Component::provided("Tờ khai"),
            Component::provided("Bản sao CCCD"),
        ],
        vneid_verified: true,
        national_databases: vec![],
    }
}

pub(super) fn receive(when: &str, duration: &str, cutoff: Option<&str>) -> Action {
    Action::Receive {
        channel: Channel::Direct,
        intake: intake(at(when)),
        terms: terms(duration, cutoff),
    }
}

pub(super) fn forward(hours: u32) -> Action {
    Action::Forward {
        to: Assignee {
            unit: UnitCode::parse("H31.36.01").unwrap(),
            officer: Some("chuyenvien1".to_owned()),
        },
        budget_hours: hours,
    }
}

pub(super) fn request_supplement() -> Action {
    Action::RequestSupplement {
        items: vec!["Bản sao giấy chứng nhận quyền sử dụng đất".to_owned()],
        reason: "Bản sao chưa được chứng thực".to_owned(),
    }
}

pub(super) fn supplement() -> Action {
    Action::Supplement { note: None }
}

pub(super) fn finish() -> Action {
    Action::Finish {
        result_codes: vec!["KQ-0001".to_owned()],
        files: vec![],
        electronic: false,
    }
}

pub(super) fn extension(new_due: &str) -> Action {
    Action::ProposeExtension {
        apology: "Cơ quan chân thành xin lỗi ông/bà vì cần thêm thời gian xác minh.".to_owned(),
        new_due: at(new_due),
    }
}

/// A valid-looking action of `kind` for `state` at `when`.
pub(super) fn sample(kind: ActionKind, state: &DossierState, when: NaiveDateTime) -> Action {
    match kind {
        ActionKind::Submit => Action::Submit {
            intake: intake(when),
        },
        ActionKind::Receive => match &state.dossier {
            Some(d) => Action::Receive {
                channel: Channel::Online,
                intake: Intake {
                    code: d.code.clone(),
                    ..intake(when)
                },
                terms: terms("5wd", None),
            },
            None => Action::Receive {
                channel: Channel::Direct,
                intake: intake(when),
                terms: terms("5wd", None),
            },
        },
        ActionKind::Refuse => Action::Refuse {
            reason: "Không thuộc thẩm quyền giải quyết".to_owned(),
        },
        ActionKind::RequestSupplement => request_supplement(),
        ActionKind::Supplement => supplement(),
        ActionKind::Forward => forward(8),
        ActionKind::CompleteStep => Action::CompleteStep { note: None },
        ActionKind::RequestPayment => Action::RequestPayment { amount_vnd: 50_000 },
        ActionKind::Pay => Action::Pay { online: true },
        ActionKind::ProposeExtension => Action::ProposeExtension {
            apology: "Xin lỗi ông/bà.".to_owned(),
            new_due: cal()
                .add_working_days(when.date() + chrono::Days::new(30), 0)
                .unwrap()
                .and_hms_opt(17, 0, 0)
                .unwrap(),
        },
        ActionKind::Stop => Action::Stop {
            reason: "Người nộp đề nghị dừng".to_owned(),
        },
        ActionKind::Withdraw => Action::Withdraw { reason: None },
        ActionKind::Finish => finish(),
        ActionKind::Return => Action::Return {
            channel: Channel::Direct,
            at: when,
        },
    }
}

/// A dossier under test: its state and events so far.
pub(super) struct Run {
    pub state: DossierState,
    pub events: Vec<Event>,
    unit: UnitCode,
}

impl Run {
    pub fn new() -> Self {
        Self {
            state: DossierState::new(),
            events: Vec::new(),
            unit: unit(),
        }
    }

    /// Applies `action` at `when`; the state moves on only when it is accepted.
    pub fn try_at(&mut self, when: NaiveDateTime, action: &Action) -> Result<(), Refusal> {
        let ctx = ActionContext {
            actor: "motcua1",
            unit: &self.unit,
            at: when,
            calendar: cal(),
        };
        let (state, event) = apply(&self.state, action, &ctx)?;
        self.state = state;
        self.events.push(event);
        Ok(())
    }

    pub fn try_do(&mut self, when: &str, action: &Action) -> Result<(), Refusal> {
        self.try_at(at(when), action)
    }

    /// Applies `action`, failing the test if it is refused.
    pub fn act(&mut self, when: &str, action: &Action) -> &mut Self {
        if let Err(r) = self.try_do(when, action) {
            panic!("{:?} at {when} refused: {}", action.kind(), r.en);
        }
        self
    }

    pub fn dossier(&self) -> &Dossier {
        self.state.dossier.as_ref().unwrap()
    }

    /// The current legal and KPI due times as text.
    pub fn dues(&self) -> (String, String) {
        let d = self.dossier().due().unwrap();
        (fmt(d.legal), fmt(d.kpi))
    }
}

pub(super) fn fmt(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}
