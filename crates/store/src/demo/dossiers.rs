//! Demonstration dossiers: a few thousand across Hưng Yên's provincial service centre and its
//! communes (units valid from 2025-07-01), received from July 2025 to November 2026, drawn with
//! a fixed seed and written by applying real actions through the state machine, so that every
//! status, due time and event obeys the rules. Creations run first in receipt order (so the
//! codes are the same on every run), then the follow-up actions in rounds, in batches.

mod people;
mod script;

use std::collections::HashMap;

use cchc_calendar::WorkCalendar;
use cchc_domain::dossier::{Action, ActionContext, DossierCode, Intake};
use cchc_domain::procedure::CompetentLevel;
use cchc_domain::{OrgKind, UnitCode};
use chrono::{NaiveDate, NaiveDateTime};
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::dossiers::request::{Request, Target};
use crate::dossiers::{UnitCalendars, batch};
use crate::paging::Page;
use crate::procedures::ProcedureRecord;
use crate::{Store, StoreError};
use script::{Desk, Next, Script};

/// Seed of the generator.
pub const SEED: u64 = 20_250_701;

/// Dossiers drawn.
pub const COUNT: usize = 3_000;

/// The demonstration's "now": later actions are left undone (dossiers still in progress).
pub const NOW: &str = "2026-11-27T11:00:00";

/// The provincial desk; the communes are read from the org units.
const CENTRE: &str = "H31.VPUB.TTPVHCC";

/// Province-level procedures the centre receives, with the department competent for each (Sở
/// Nội vụ's, so that the demonstration accounts of Sở Nội vụ have dossiers to handle).
const CENTRE_PROCEDURES: [(&str, &str); 3] = [
    ("2.000635", "H31.STP"),
    ("2.001610", "H31.STC"),
    ("2.001955", "H31.SNV"),
];

/// The demonstration citizen, who submitted some of the online dossiers (applicant's name as
/// the account's).
const CITIZEN: (&str, &str) = ("congdan", "Nguyễn Văn An");

/// Loads the demonstration dossiers unless dossiers exist. Returns how many were created.
pub async fn load(store: &Store, calendars: &dyn UnitCalendars) -> Result<usize, StoreError> {
    let any: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dossiers")
        .fetch_one(store.pool())
        .await?;
    if any > 0 {
        return Ok(0);
    }
    let catalogue = store
        .procedures(None, Page::new(1, Page::MAX_SIZE))
        .await?
        .items;
    let desks = desks(store, &catalogue).await?;
    if desks.len() < 2 {
        return Ok(0);
    }
    let cal = calendars.calendar_of(&desks[0].unit);
    let mut rng = StdRng::seed_from_u64(SEED);
    let period = (date(2025, 7, 1), date(2026, 11, 27));
    let citizen = citizen(store).await?;
    let mut scripts: Vec<Script> = (0..COUNT)
        .filter_map(|_| script::draw(&mut rng, cal, &desks, &catalogue, period))
        .collect();
    if let Some(account) = citizen {
        script::assign_citizen(&mut rng, &mut scripts, account, CITIZEN.1);
    }
    scripts.sort_by_key(|s| s.start);
    let codes = create(store, calendars, &desks, &scripts).await?;
    follow(store, calendars, &catalogue, &scripts, &codes).await?;
    Ok(codes.iter().flatten().count())
}

/// The demonstration citizen's account, when the demonstration accounts exist.
async fn citizen(store: &Store) -> Result<Option<i64>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
            .bind(CITIZEN.0)
            .fetch_optional(store.pool())
            .await?,
    )
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str(NOW, "%Y-%m-%dT%H:%M:%S").unwrap_or_default()
}

/// The centre first, then every H31 commune and ward valid from 2025-07-01.
async fn desks(store: &Store, catalogue: &[ProcedureRecord]) -> Result<Vec<Desk>, StoreError> {
    let by_level = |level: CompetentLevel| -> Vec<usize> {
        (0..catalogue.len())
            .filter(|i| catalogue[*i].level == level)
            .collect()
    };
    let unit = |s: &str| UnitCode::parse(s).map_err(StoreError::Invalid);
    let centre = CENTRE_PROCEDURES
        .iter()
        .filter_map(|(code, dept)| {
            let i = catalogue.iter().position(|p| p.code.as_str() == *code)?;
            Some(unit(dept).map(|u| (i, u)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut desks = vec![Desk {
        unit: unit(CENTRE)?,
        reception: "tiepnhan".to_owned(),
        officer: None,
        procedures: centre,
    }];
    let start = date(2025, 7, 1);
    let communes = by_level(CompetentLevel::Commune);
    for u in store.org_units().await? {
        let parent = u.parent_code.as_ref().map(UnitCode::as_str);
        let local = matches!(
            u.kind,
            OrgKind::Commune | OrgKind::Ward | OrgKind::SpecialZone
        );
        if parent != Some("H31") || u.valid_from != start || !local {
            continue;
        }
        let suffix = u.code.as_str().trim_start_matches("H31.").to_owned();
        desks.push(Desk {
            procedures: communes.iter().map(|i| (*i, u.code.clone())).collect(),
            unit: u.code,
            reception: format!("motcua.{suffix}"),
            officer: Some(format!("congchuc.{suffix}")),
        });
    }
    Ok(desks)
}

/// Runs the creations in receipt order, in batches; the code of each accepted one.
async fn create(
    store: &Store,
    calendars: &dyn UnitCalendars,
    desks: &[Desk],
    scripts: &[Script],
) -> Result<Vec<Option<DossierCode>>, StoreError> {
    let mut codes = Vec::with_capacity(scripts.len());
    for chunk in scripts.chunks(256) {
        let reqs = chunk
            .iter()
            .map(|s| {
                let desk = &desks[s.desk];
                let cal = calendars.calendar_of(&desk.unit);
                let ctx = context(&desk.reception, &desk.unit, s.start, cal);
                Request::creation(&s.new, &ctx, s.version, s.terms)
            })
            .collect::<Result<Vec<_>, _>>()?;
        for outcome in batch::run(store, &reqs).await? {
            codes.push(outcome.ok().map(|a| a.dossier.record.code));
        }
    }
    Ok(codes)
}

fn context<'a>(
    actor: &'a str,
    unit: &'a UnitCode,
    at: NaiveDateTime,
    calendar: &'a WorkCalendar,
) -> ActionContext<'a> {
    ActionContext {
        actor,
        unit,
        at,
        calendar,
    }
}

/// Runs the follow-up actions: round `k` holds the `k`-th step of every dossier still going.
async fn follow(
    store: &Store,
    calendars: &dyn UnitCalendars,
    catalogue: &[ProcedureRecord],
    scripts: &[Script],
    codes: &[Option<DossierCode>],
) -> Result<(), StoreError> {
    let by_code: HashMap<&str, &ProcedureRecord> =
        catalogue.iter().map(|p| (p.code.as_str(), p)).collect();
    let mut alive: Vec<bool> = codes.iter().map(Option::is_some).collect();
    let rounds = scripts.iter().map(|s| s.steps.len()).max().unwrap_or(0);
    for round in 0..rounds {
        let mut who = Vec::new();
        let mut reqs = Vec::new();
        for (i, s) in scripts.iter().enumerate() {
            let (Some(code), Some(step)) = (&codes[i], s.steps.get(round)) else {
                continue;
            };
            if !alive[i] || step.at > now() {
                alive[i] = false;
                continue;
            }
            let action = match &step.next {
                Next::Do(action) => action.clone(),
                Next::ReceiveOnline => receive_online(s, code, step.at, &by_code),
            };
            // The desk's calendar: the dossier's code begins with the receiving unit.
            let ctx = context(
                &step.actor,
                &step.unit,
                step.at,
                calendars.calendar_of(code.unit()),
            );
            let version = matches!(step.next, Next::ReceiveOnline).then_some(s.version);
            reqs.push(Request::new(
                Target::Existing(code.clone()),
                action,
                &ctx,
                version,
            ));
            who.push(i);
        }
        for (chunk_who, chunk) in who.chunks(512).zip(reqs.chunks(512)) {
            for (i, outcome) in chunk_who.iter().zip(batch::run(store, chunk).await?) {
                alive[*i] &= outcome.is_ok();
            }
        }
    }
    Ok(())
}

/// The receipt of an online submission, with the terms in force on the receipt date.
fn receive_online(
    s: &Script,
    code: &DossierCode,
    at: NaiveDateTime,
    by_code: &HashMap<&str, &ProcedureRecord>,
) -> Action {
    let terms = by_code
        .get(s.new.procedure_code.as_str())
        .and_then(|p| p.version_at(at.date()))
        .and_then(|v| v.terms(at.date()).ok())
        .unwrap_or(s.terms);
    Action::Receive {
        channel: s.new.channel,
        intake: Intake {
            code: code.clone(),
            components: s.new.components.clone(),
            vneid_verified: s.new.vneid_verified,
            national_databases: s.new.national_databases.clone(),
        },
        terms,
    }
}
