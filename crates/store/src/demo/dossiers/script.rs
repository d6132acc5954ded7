//! Scripts of demonstration dossiers, drawn with a fixed seed: which desk receives which
//! procedure when, through which channel, and the actions that follow, in office hours of
//! working days. Whether an action is allowed is left to the state machine when the script runs.

use cchc_calendar::WorkCalendar;
use cchc_domain::UnitCode;
use cchc_domain::dossier::{
    Action, Assignee, Channel, Component, ProcedureTerms, add_working_minutes, appointment,
};
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use rand::Rng;
use rand::rngs::StdRng;

use super::people;
use crate::dossiers::NewDossier;
use crate::procedures::ProcedureRecord;

/// Gives one online dossier in forty to the demonstration citizen `account` (named `name`).
pub(super) fn assign_citizen(rng: &mut StdRng, scripts: &mut [Script], account: i64, name: &str) {
    for s in scripts.iter_mut() {
        if s.new.channel == Channel::Online && rng.gen_bool(0.025) {
            s.new.submitted_by = Some(account);
            s.new.applicant.name = name.to_owned();
        }
    }
}

/// The demonstration account of a unit's officer (`chuyenvien`) or leader (`lanhdao`): the
/// demonstration accounts themselves for Sở Nội vụ, named after the unit elsewhere.
fn account(role: &str, unit: &UnitCode) -> String {
    match unit.as_str() {
        "H31.SNV" => role.to_owned(),
        code => format!("{role}.{}", code.trim_start_matches("H31.").to_lowercase()),
    }
}

/// Who takes a step: the desk, the processing officer, or the unit's leader (who finishes,
/// stops and apologises, as the roles say).
#[derive(Clone, Copy)]
enum Who {
    Desk,
    Officer,
    Leader,
}

/// A one-stop desk and the procedures it receives, with the unit competent for each.
pub(super) struct Desk {
    pub unit: UnitCode,
    /// The reception officer's account.
    pub reception: String,
    /// The processing officer's account (`None`: forward to the unit).
    pub officer: Option<String>,
    /// (procedure index in the catalogue, competent unit).
    pub procedures: Vec<(usize, UnitCode)>,
}

/// What follows the creation.
pub(super) enum Next {
    /// Receive the online submission (code and terms are filled in when it runs).
    ReceiveOnline,
    Do(Action),
}

/// One action after the creation.
pub(super) struct Step {
    pub at: NaiveDateTime,
    pub actor: String,
    pub unit: UnitCode,
    pub next: Next,
}

/// A dossier to create and what happens to it.
pub(super) struct Script {
    pub desk: usize,
    pub new: NewDossier,
    pub version: u32,
    pub terms: ProcedureTerms,
    /// The submission (online) or reception time.
    pub start: NaiveDateTime,
    pub steps: Vec<Step>,
}

/// Working minutes after `t` (at least one), in office hours.
fn after(cal: &WorkCalendar, t: NaiveDateTime, minutes: i64) -> NaiveDateTime {
    add_working_minutes(cal, t, minutes.max(1)).unwrap_or(t)
}

/// A working day in `[from, to)` at a minute between 07:45 and 16:30.
fn office_time(
    rng: &mut StdRng,
    cal: &WorkCalendar,
    from: NaiveDate,
    to: NaiveDate,
) -> NaiveDateTime {
    let span = u64::try_from((to - from).num_days()).unwrap_or(1).max(1);
    let mut day = from + Days::new(rng.gen_range(0..span));
    while !cal.is_working_day(day).unwrap_or(true) {
        day = day + Days::new(1);
    }
    let minute = rng.gen_range(465..990);
    day.and_time(NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).unwrap_or_default())
}

/// Online 40 %, postal 8 %, direct otherwise.
fn channel(rng: &mut StdRng) -> Channel {
    match rng.gen_range(0..100) {
        0..40 => Channel::Online,
        40..48 => Channel::Postal,
        _ => Channel::Direct,
    }
}

/// The submission or reception time. One dossier in seven falls in the last month of the
/// period, so that the inbox holds work in progress.
fn start_time(
    rng: &mut StdRng,
    cal: &WorkCalendar,
    period: (NaiveDate, NaiveDate),
) -> NaiveDateTime {
    let from = if rng.gen_bool(0.15) {
        period.1 - Days::new(30)
    } else {
        period.0
    };
    office_time(rng, cal, from, period.1)
}

fn new_dossier(
    rng: &mut StdRng,
    code: String,
    channel: Channel,
    competent: &UnitCode,
) -> NewDossier {
    NewDossier {
        procedure_code: code,
        channel,
        applicant: people::applicant(rng),
        components: vec![
            Component::provided("Tờ khai"),
            Component::provided("Giấy tờ chứng minh nhân thân"),
        ],
        vneid_verified: channel == Channel::Online || rng.gen_bool(0.3),
        national_databases: vec![],
        competent_unit: Some(competent.clone()),
        submitted_by: None,
    }
}

/// Draws one script; `None` when the procedure has no version in force that day.
pub(super) fn draw(
    rng: &mut StdRng,
    cal: &WorkCalendar,
    desks: &[Desk],
    catalogue: &[ProcedureRecord],
    period: (NaiveDate, NaiveDate),
) -> Option<Script> {
    let desk_index = if rng.gen_bool(0.25) {
        0
    } else {
        rng.gen_range(0..desks.len())
    };
    let desk = &desks[desk_index];
    let pick = rng.gen_range(0..desk.procedures.len().max(1));
    let (proc_index, competent) = desk.procedures.get(pick)?;
    let procedure = &catalogue[*proc_index];
    let channel = channel(rng);
    let start = start_time(rng, cal, period);
    let received = match channel {
        Channel::Online => after(cal, start, rng.gen_range(30..600)),
        _ => start,
    };
    let version = procedure.version_at(received.date())?;
    let terms = version.terms(received.date()).ok()?;
    let mut script = Script {
        desk: desk_index,
        new: new_dossier(rng, procedure.code.to_string(), channel, competent),
        version: version.version,
        terms,
        start,
        steps: Vec::new(),
    };
    let due = appointment(cal, received, &terms).ok()?.0;
    let life = Lifecycle {
        rng,
        cal,
        desk,
        competent,
        script: &mut script,
        t: received,
        due,
    };
    life.play(received);
    Some(script)
}

/// Draws the actions of one dossier from its receipt on.
struct Lifecycle<'a> {
    rng: &'a mut StdRng,
    cal: &'a WorkCalendar,
    desk: &'a Desk,
    competent: &'a UnitCode,
    script: &'a mut Script,
    /// The time of the last step.
    t: NaiveDateTime,
    /// The appointment.
    due: NaiveDateTime,
}

impl Lifecycle<'_> {
    fn push(&mut self, at: NaiveDateTime, who: Who, next: Next) {
        self.t = at.max(self.t);
        let (actor, unit) = match who {
            Who::Desk => (self.desk.reception.clone(), self.desk.unit.clone()),
            Who::Officer => (
                self.desk
                    .officer
                    .clone()
                    .unwrap_or_else(|| account("chuyenvien", self.competent)),
                self.competent.clone(),
            ),
            Who::Leader => (account("lanhdao", self.competent), self.competent.clone()),
        };
        self.script.steps.push(Step {
            at: self.t,
            actor,
            unit,
            next,
        });
    }

    fn later(&mut self, min: i64, max: i64) -> NaiveDateTime {
        let minutes = self.rng.gen_range(min..max);
        after(self.cal, self.t, minutes)
    }

    fn play(mut self, received: NaiveDateTime) {
        let online = self.script.new.channel == Channel::Online;
        if online {
            if self.rng.gen_bool(0.05) {
                let reason = "Hồ sơ không thuộc thẩm quyền giải quyết của đơn vị".to_owned();
                self.push(received, Who::Desk, Next::Do(Action::Refuse { reason }));
                return;
            }
            self.push(received, Who::Desk, Next::ReceiveOnline);
        }
        if self.rng.gen_bool(0.03) {
            let at = self.later(10, 600);
            let reason = Some("Người nộp không còn nhu cầu".to_owned());
            self.push(at, Who::Desk, Next::Do(Action::Withdraw { reason }));
            return;
        }
        let at = self.later(15, 120);
        let to = Assignee {
            unit: self.competent.clone(),
            officer: self.desk.officer.clone(),
        };
        self.push(
            at,
            Who::Desk,
            Next::Do(Action::Forward {
                to,
                budget_hours: 8,
            }),
        );
        self.processing();
    }

    fn processing(&mut self) {
        let u: f64 = self.rng.r#gen();
        if u < 0.02 {
            let at = self.later(60, 1_200);
            let reason = "Người nộp đề nghị dừng giải quyết".to_owned();
            self.push(at, Who::Leader, Next::Do(Action::Stop { reason }));
            return;
        }
        let supplements = match u {
            x if x < 0.04 => 2,
            x if x < 0.14 => 1,
            _ => 0,
        };
        for _ in 0..supplements {
            let at = self.later(60, 960);
            let items = vec!["Bản sao giấy tờ có chứng thực".to_owned()];
            let reason = "Bản sao chưa được chứng thực".to_owned();
            self.push(
                at,
                Who::Officer,
                Next::Do(Action::RequestSupplement { items, reason }),
            );
            let at = self.later(240, 2_400);
            self.push(at, Who::Desk, Next::Do(Action::Supplement { note: None }));
        }
        if self.rng.gen_bool(0.10) {
            let at = self.later(30, 480);
            let amount_vnd = self.rng.gen_range(1..20) * 10_000;
            self.push(
                at,
                Who::Officer,
                Next::Do(Action::RequestPayment { amount_vnd }),
            );
            let at = self.later(30, 960);
            let online = self.rng.gen_bool(0.6);
            self.push(at, Who::Desk, Next::Do(Action::Pay { online }));
        }
        self.finish();
    }

    fn finish(&mut self) {
        if self.rng.gen_bool(0.03) {
            let at = self.later(30, 240);
            let new_due = after(self.cal, self.due, 2_400);
            let apology = "Cơ quan chân thành xin lỗi vì cần thêm thời gian xác minh.".to_owned();
            self.push(
                at,
                Who::Leader,
                Next::Do(Action::ProposeExtension { apology, new_due }),
            );
            self.due = new_due;
        }
        let span = self
            .cal
            .working_minutes_between(self.t, self.due)
            .unwrap_or(0);
        let at = match self.rng.gen_range(0..100) {
            0..10 => after(self.cal, self.due, self.rng.gen_range(60..2_400)),
            10..30 => after(self.cal, self.t, span.max(2)).max(self.t),
            _ => after(self.cal, self.t, span * self.rng.gen_range(20..85) / 100),
        };
        let electronic = self.script.new.channel == Channel::Online;
        let finish = Action::Finish {
            result_codes: vec![format!("KQ-{}", self.rng.gen_range(100_000..999_999))],
            files: if electronic {
                vec!["ketqua.pdf".to_owned()]
            } else {
                vec![]
            },
            electronic,
        };
        self.push(at, Who::Leader, Next::Do(finish));
        if self.rng.gen_bool(0.9) {
            let at = self.later(30, 1_440);
            let channel = if electronic {
                Channel::Online
            } else {
                Channel::Direct
            };
            self.push(at, Who::Desk, Next::Do(Action::Return { channel, at }));
        }
    }
}
