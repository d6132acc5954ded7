//! One write transaction for a batch of requests: load the states (locked on PostgreSQL),
//! issue the codes of new dossiers, apply each action with the pure state machine in order,
//! then write the projections, the events, the audit entries and the change log of the
//! statistics facts ([`crate::kpi_changes`]), and commit once.
//!
//! A refused action changes nothing and the others go on: actions are validated before any
//! row is written, so no savepoint is needed. A database error fails the whole batch (the
//! writer then retries its requests one by one).

use std::collections::{BTreeMap, HashMap};

use cchc_domain::audit::change_digest;
use cchc_domain::dossier::{Action, DossierCode, DossierState, Event, Refusal, apply};
use cchc_domain::kpi::DossierFacts;
use chrono::NaiveDate;
use sqlx::{Any, Transaction};

use super::codes;
use super::request::{Request, Target};
use super::rows::{self, COLUMNS, RowWrite};
use super::{Applied, DossierError, DossierRecord, StoredDossier, StoredEvent, local_to_ms};
use crate::audit::{self, Entry};
use crate::binds::Sql;
use crate::kpi_changes::ChangeTx;
use crate::{Backend, Store, StoreError, now_ms};

/// The outcome of one request.
pub(crate) type Outcome = Result<Applied, DossierError>;

/// A dossier touched by the batch.
struct Working {
    record: DossierRecord,
    state: DossierState,
    created: bool,
    dirty: bool,
    /// Its statistics facts when loaded (`None` for a dossier created by the batch).
    facts_before: Option<DossierFacts>,
}

/// An accepted event to write.
struct EventWrite {
    province: String,
    code: String,
    seq: u32,
    event: Event,
}

/// Runs one request in a transaction of its own.
pub(crate) async fn run_one(store: &Store, req: Request) -> Outcome {
    let mut outcomes = run(store, std::slice::from_ref(&req)).await?;
    outcomes
        .pop()
        .unwrap_or_else(|| Err(StoreError::Corrupt("no outcome".into()).into()))
}

/// Runs `reqs` in one transaction; one outcome per request, in order.
pub(crate) async fn run(store: &Store, reqs: &[Request]) -> Result<Vec<Outcome>, StoreError> {
    let mut w = store.begin_write().await?;
    let mut working = load(&mut w.tx, store.backend(), reqs).await?;
    let codes = issue_codes(&mut w.tx, reqs).await?;
    let now = now_ms();
    let mut events = Vec::new();
    let outcomes = reqs
        .iter()
        .zip(codes)
        .map(|(req, code)| step(req, code, &mut working, &mut events, now))
        .collect();
    write(&mut w.tx, &working, &events, now).await?;
    log_changes(&mut w.tx, store.backend(), &working).await?;
    w.commit().await?;
    Ok(outcomes)
}

/// Loads the dossiers the requests act on, by province, locking them on PostgreSQL.
async fn load(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    reqs: &[Request],
) -> Result<HashMap<String, Working>, StoreError> {
    let mut by_province: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for req in reqs {
        if let Target::Existing(code) = &req.target {
            let codes = by_province.entry(req.province()).or_default();
            codes.push(code.to_string());
        }
    }
    let mut out = HashMap::new();
    for (province, mut codes) in by_province {
        codes.sort();
        codes.dedup();
        for chunk in codes.chunks(500) {
            let mut sql = Sql::new(format!(
                "SELECT {COLUMNS}, state FROM dossiers WHERE province = "
            ));
            sql.bind(province.clone()).push(" AND code IN (");
            sql.bind_list(chunk.iter().cloned()).push(") ORDER BY code");
            if backend == Backend::Postgres {
                sql.push(" FOR UPDATE");
            }
            for row in sql.fetch_all(&mut **tx).await? {
                let (record, dossier) = rows::record_and_state(&row)?;
                let facts_before = dossier.as_ref().map(|d| facts_of(d, &record));
                let working = Working {
                    facts_before,
                    state: DossierState { dossier },
                    record,
                    created: false,
                    dirty: false,
                };
                out.insert(working.record.code.to_string(), working);
            }
        }
    }
    Ok(out)
}

/// The code each creation gets (`None` for actions on existing dossiers). A creation the
/// state machine refuses gets no number; the others take consecutive numbers of their unit
/// and day from one counter update per (unit, day), past every code already stored
/// ([`codes::take`]).
async fn issue_codes(
    tx: &mut Transaction<'static, Any>,
    reqs: &[Request],
) -> Result<Vec<Option<Result<DossierCode, Refusal>>>, StoreError> {
    let mut out: Vec<Option<Result<DossierCode, Refusal>>> = Vec::with_capacity(reqs.len());
    let mut groups: BTreeMap<(String, String, NaiveDate), Vec<usize>> = BTreeMap::new();
    for (i, req) in reqs.iter().enumerate() {
        out.push(None);
        if !matches!(req.target, Target::New(_)) {
            continue;
        }
        match apply(&DossierState::new(), &req.action, &req.context()) {
            Err(refusal) => out[i] = Some(Err(refusal)),
            Ok(_) => {
                let key = (req.province(), req.unit.to_string(), req.at.date());
                groups.entry(key).or_default().push(i);
            }
        }
    }
    for ((province, _, day), members) in groups {
        let unit = &reqs[members[0]].unit;
        let issued = codes::take(tx, &province, unit, day, members.len()).await?;
        for (code, i) in issued.into_iter().zip(members) {
            out[i] = Some(Ok(code));
        }
    }
    Ok(out)
}

/// `action` with the issued code in its intake.
fn with_code(action: &Action, code: &DossierCode) -> Action {
    let mut action = action.clone();
    if let Action::Submit { intake } | Action::Receive { intake, .. } = &mut action {
        intake.code = code.clone();
    }
    action
}

/// Applies one request to the batch's working set.
fn step(
    req: &Request,
    code: Option<Result<DossierCode, Refusal>>,
    working: &mut HashMap<String, Working>,
    events: &mut Vec<EventWrite>,
    now: i64,
) -> Outcome {
    let (key, event) = match (&req.target, code) {
        (Target::New(row), Some(Ok(code))) => {
            let action = with_code(&req.action, &code);
            let (state, event) = apply(&DossierState::new(), &action, &req.context())
                .map_err(DossierError::Refused)?;
            let w = Working {
                record: new_record(req, row, &code),
                state,
                created: true,
                dirty: true,
                facts_before: None,
            };
            working.insert(code.to_string(), w);
            (code.to_string(), event)
        }
        (Target::New(_), Some(Err(refusal))) => return Err(DossierError::Refused(refusal)),
        (Target::New(_), None) => return Err(StoreError::Corrupt("no code issued".into()).into()),
        (Target::Existing(code), _) => {
            let w = working
                .get_mut(&code.to_string())
                .ok_or_else(|| StoreError::NotFound(format!("no dossier {code}")))?;
            if let Some(guard) = &req.guard {
                guard(&w.record).map_err(DossierError::Denied)?;
            }
            if w.state.dossier.is_none() {
                return Err(DossierError::Imported);
            }
            let (state, event) =
                apply(&w.state, &req.action, &req.context()).map_err(DossierError::Refused)?;
            if let Some(v) = req.version {
                w.record.procedure_version = v;
            }
            w.state = state;
            w.dirty = true;
            (code.to_string(), event)
        }
    };
    let w = working
        .get_mut(&key)
        .ok_or_else(|| StoreError::Corrupt("lost dossier".into()))?;
    record_event(w, key, event, events, now)
}

/// Numbers the event of an accepted action, updates the projection and queues the event.
fn record_event(
    w: &mut Working,
    code: String,
    event: Event,
    events: &mut Vec<EventWrite>,
    now: i64,
) -> Outcome {
    let Some(dossier) = &w.state.dossier else {
        return Err(StoreError::Corrupt("the state machine gave no dossier".into()).into());
    };
    w.record.seq += 1;
    rows::project(&mut w.record, dossier);
    events.push(EventWrite {
        province: w.record.province.clone(),
        code,
        seq: w.record.seq,
        event: event.clone(),
    });
    Ok(Applied {
        dossier: StoredDossier {
            record: w.record.clone(),
            dossier: dossier.clone(),
        },
        event: StoredEvent {
            seq: w.record.seq,
            recorded_at_ms: now,
            event,
        },
    })
}

fn new_record(req: &Request, row: &super::request::NewRow, code: &DossierCode) -> DossierRecord {
    DossierRecord {
        code: code.clone(),
        province: req.province(),
        receiving_unit: req.unit.clone(),
        competent_unit: row.competent_unit.clone(),
        holder_unit: req.unit.clone(),
        procedure_code: row.procedure_code.clone(),
        procedure_version: row.procedure_version,
        rule_set: None,
        channel: cchc_domain::dossier::Channel::Direct,
        status: cchc_domain::dossier::Status::Submitted,
        applicant: row.applicant.clone(),
        submitted_at: None,
        received_at: None,
        due_legal_at: None,
        due_kpi_at: None,
        finished_at: None,
        returned_at: None,
        supplement_count: 0,
        seq: 0,
        submitted_by: row.submitted_by,
    }
}

/// Writes the projections, events and audit entries of the batch.
async fn write(
    tx: &mut Transaction<'static, Any>,
    working: &HashMap<String, Working>,
    events: &[EventWrite],
    now: i64,
) -> Result<(), StoreError> {
    let json = |w: &Working| serde_json::to_string(&w.state.dossier);
    let mut created = Vec::new();
    let mut updated = Vec::new();
    let mut dirty: Vec<&Working> = working.values().filter(|w| w.dirty).collect();
    dirty.sort_by(|a, b| a.record.code.cmp(&b.record.code));
    for w in dirty {
        let state = json(w).map_err(|e| StoreError::Corrupt(format!("dossier state: {e}")))?;
        let row = RowWrite {
            record: &w.record,
            state,
            created: w.created,
        };
        if row.created {
            created.push(row)
        } else {
            updated.push(row)
        }
    }
    rows::insert(tx, &created, now).await?;
    rows::update(tx, &updated, now).await?;
    let entries = insert_events(tx, events, now).await?;
    if !entries.is_empty() {
        audit::append_many(tx, &entries).await?;
    }
    Ok(())
}

/// Logs the dossiers whose statistics facts changed ([`crate::kpi_changes`]), then numbers the
/// commit: the last statements before the commit.
async fn log_changes(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    working: &HashMap<String, Working>,
) -> Result<(), StoreError> {
    let json = |f: &DossierFacts| {
        serde_json::to_string(f).map_err(|e| StoreError::Corrupt(format!("dossier facts: {e}")))
    };
    let mut changes = Vec::new();
    let mut dirty: Vec<&Working> = working.values().filter(|w| w.dirty).collect();
    dirty.sort_by(|a, b| a.record.code.cmp(&b.record.code));
    for w in dirty {
        let Some(dossier) = &w.state.dossier else {
            continue;
        };
        let after = facts_of(dossier, &w.record);
        if w.facts_before.as_ref() == Some(&after) {
            continue;
        }
        let before = w.facts_before.as_ref().map(json).transpose()?;
        changes.push((after.code.clone(), before, Some(json(&after)?)));
    }
    if changes.is_empty() {
        return Ok(());
    }
    let mut log = ChangeTx::begin(tx, backend).await?;
    log.record(tx, &changes).await?;
    log.finish(tx).await?;
    Ok(())
}

/// Inserts the events; returns their audit entries.
async fn insert_events(
    tx: &mut Transaction<'static, Any>,
    events: &[EventWrite],
    now: i64,
) -> Result<Vec<Entry>, StoreError> {
    let mut payloads = Vec::with_capacity(events.len());
    let mut entries = Vec::with_capacity(events.len());
    for e in events {
        let payload = serde_json::to_value(&e.event.payload)
            .map_err(|err| StoreError::Corrupt(format!("event payload: {err}")))?;
        let change = serde_json::json!({ "seq": e.seq, "event": payload });
        entries.push(Entry {
            actor: e.event.actor.clone(),
            action: e.event.kind(),
            entity: format!("dossier:{}", e.code),
            digest: change_digest(&change),
        });
        payloads.push(change["event"].to_string());
    }
    let rows: Vec<(&EventWrite, String)> = events.iter().zip(payloads).collect();
    for chunk in rows.chunks(500) {
        let mut sql = Sql::new(
            "INSERT INTO dossier_events (province, code, seq, at_ms, recorded_at, actor, unit, kind, payload)",
        );
        sql.values(chunk, |b, (e, payload)| {
            b.bind(e.province.clone())
                .bind(e.code.clone())
                .bind(i64::from(e.seq))
                .bind(local_to_ms(e.event.at))
                .bind(now);
            b.bind(e.event.actor.clone())
                .bind(e.event.unit.to_string())
                .bind(e.event.kind())
                .bind(payload.clone());
        });
        sql.execute(&mut **tx).await?;
    }
    Ok(entries)
}

/// The statistics facts of `d`, counted for the competent unit of its `record`.
fn facts_of(d: &cchc_domain::dossier::Dossier, record: &DossierRecord) -> DossierFacts {
    DossierFacts::from_dossier(d, &record.procedure_code, record.competent_unit.as_str())
}
