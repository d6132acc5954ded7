//! Validation of raw records into the model: every problem is reported with its location and
//! field; a record yields a procedure only when it has none.

use chrono::{NaiveDate, NaiveTime};
use serde_json::Value;

use super::code::ProcedureCode;
use super::kinds::{CompetentLevel, FeeKind, OnlineLevel, ResultType, UnitKind};
use super::model::{
    Component, Fee, FeeAmount, LegalDoc, LegalTime, Procedure, ProcedureVersion, Provenance,
    Publication, ResultSpec, Sector, Step,
};
use super::problem::{Location, Problem, Sink};
use super::raw::{RawCode, RawFee, RawProcedure, RawProv, RawPublication, RawVersion};
use super::time::{ProcessingTime, TimeUnit};
use crate::text::nfc;

/// Validates one record found at `location`. Versions that came from CSV lines report at their
/// own line; JSON versions report at the record with a `versions[i].` field prefix.
pub(crate) fn procedure(
    raw: &RawProcedure,
    location: Location,
    out: &mut Vec<Problem>,
) -> Option<Procedure> {
    let before = out.len();
    let mut sink = Sink::new(out, location, "");
    let (code_text, code_prov) = match &raw.code {
        RawCode::Plain(s) => (s.clone(), RawProv::default()),
        RawCode::Marked(m) => (m.value.clone(), m.prov()),
    };
    let code = sink.take("code", ProcedureCode::parse(&code_text));
    let code_provenance = provenance(&mut sink, "code", &code_prov);
    let name = nfc(&raw.name);
    if name.is_empty() {
        sink.push("name", "missing name");
    }
    let sector = sector(&mut sink, raw);
    let level = sink.take("level", CompetentLevel::parse(&raw.level));
    let unit_kind = sink.take("unit_kind", UnitKind::parse(&raw.unit_kind));
    if raw.versions.is_empty() {
        sink.push("versions", "no versions: a procedure needs at least one");
    }
    let mut versions = Vec::new();
    for (i, v) in raw.versions.iter().enumerate() {
        let (loc, prefix) = match v.line {
            Some(line) => (Location::Line(line), String::new()),
            None => (location, format!("versions[{i}].")),
        };
        let mut vs = Sink::new(sink.out, loc, prefix);
        if let Some(ok) = version(&mut vs, v) {
            versions.push((loc, i, ok));
        }
    }
    check_versions(sink.out, location, &mut versions);
    if out.len() > before {
        return None;
    }
    Some(Procedure {
        code: code?,
        code_provenance,
        name,
        sector,
        level: level?,
        unit_kind: unit_kind?,
        unit_name: raw.unit_name.as_deref().map(nfc).filter(|s| !s.is_empty()),
        versions: versions.into_iter().map(|(_, _, v)| v).collect(),
    })
}

fn sector(sink: &mut Sink<'_>, raw: &RawProcedure) -> Sector {
    let name = nfc(&raw.sector.name);
    if name.is_empty() {
        sink.push("sector.name", "missing sector name");
    }
    Sector {
        code: raw
            .sector
            .code
            .as_deref()
            .map(nfc)
            .filter(|s| !s.is_empty()),
        name,
        provenance: provenance(sink, "sector", &raw.sector.prov()),
    }
}

/// Duplicate version numbers and overlapping validity, reported at the later version.
fn check_versions(
    out: &mut Vec<Problem>,
    record: Location,
    versions: &mut [(Location, usize, ProcedureVersion)],
) {
    versions.sort_by_key(|(_, _, v)| v.valid_from);
    for (k, (loc, i, v)) in versions.iter().enumerate() {
        let prefix = match loc {
            Location::Line(_) => String::new(),
            _ => format!("versions[{i}]."),
        };
        let mut sink = Sink::new(
            out,
            if matches!(loc, Location::Line(_)) {
                *loc
            } else {
                record
            },
            prefix,
        );
        for (_, _, earlier) in &versions[..k] {
            if earlier.version == v.version {
                sink.push(
                    "version",
                    format!(
                        "duplicate code+version: version {} appears twice",
                        v.version
                    ),
                );
            }
            if earlier.overlaps(v) {
                sink.push(
                    "valid_from",
                    format!(
                        "version {} (from {}) overlaps version {} (from {})",
                        v.version, v.valid_from, earlier.version, earlier.valid_from
                    ),
                );
            }
        }
    }
}

fn version(sink: &mut Sink<'_>, v: &RawVersion) -> Option<ProcedureVersion> {
    let before = sink.count();
    let valid_from = sink.take("valid_from", date(&v.valid_from));
    let valid_to = v
        .valid_to
        .as_deref()
        .and_then(|s| sink.take("valid_to", date(s)));
    if let (Some(from), Some(to)) = (valid_from, valid_to)
        && to < from
    {
        sink.push(
            "valid_to",
            format!("valid_to {to} is before valid_from {from}"),
        );
    }
    let legal_time = legal_time(sink, v);
    let same_day_cutoff = v
        .same_day_cutoff
        .as_deref()
        .and_then(|s| sink.take("same_day_cutoff", time_of_day(s)));
    let fees: Vec<Fee> = v
        .fees
        .iter()
        .enumerate()
        .filter_map(|(i, f)| fee(sink, i, f))
        .collect();
    let components = components(sink, v);
    let result = result(sink, v);
    let online_level = sink.take("online_level", OnlineLevel::parse(&v.online_level));
    let steps = steps(sink, v, legal_time.as_ref());
    let legal_basis = legal_basis(sink, v);
    let publication = publication(sink, v.publication.as_ref());
    if sink.count() > before {
        return None;
    }
    Some(ProcedureVersion {
        version: v.version,
        valid_from: valid_from?,
        valid_to,
        legal_time: legal_time?,
        same_day_cutoff,
        fees,
        components,
        result: result?,
        online_level: online_level?,
        steps,
        legal_basis,
        publication: publication?,
    })
}

fn legal_time(sink: &mut Sink<'_>, v: &RawVersion) -> Option<LegalTime> {
    let t = &v.processing_time;
    let unit = sink.take("processing_time.unit", TimeUnit::parse(&t.unit))?;
    let time = sink.take("processing_time.value", ProcessingTime::new(t.value, unit))?;
    Some(LegalTime {
        time,
        text: t.text.as_deref().map(nfc).filter(|s| !s.is_empty()),
        provenance: provenance(sink, "processing_time", &t.prov()),
    })
}

fn fee(sink: &mut Sink<'_>, i: usize, f: &RawFee) -> Option<Fee> {
    let field = format!("fees[{i}]");
    let kind = sink.take(&format!("{field}.kind"), FeeKind::parse(&f.kind));
    let name = nfc(&f.name);
    if name.is_empty() {
        sink.push(&format!("{field}.name"), "missing fee name");
    }
    let note = f.note.as_deref().map(nfc).filter(|s| !s.is_empty());
    let amount = sink.take(
        &format!("{field}.amount"),
        fee_amount(&f.amount, note.is_some()),
    );
    let provenance = provenance(sink, &field, &f.prov());
    Some(Fee {
        kind: kind?,
        name,
        amount: amount?,
        note,
        provenance,
    })
}

/// A number of VND, `mien` / `miễn`, or `bieu_phi` / `biểu phí` (which needs a note).
pub(crate) fn fee_amount(v: &Value, has_note: bool) -> Result<FeeAmount, String> {
    match v {
        Value::Number(n) => n
            .as_u64()
            .map(FeeAmount::Vnd)
            .ok_or_else(|| format!("fee amount {n} is not a whole number of VND")),
        Value::String(s) => match super::time::id_key(s).as_str() {
            "mien" => Ok(FeeAmount::Exempt),
            "bieu_phi" if has_note => Ok(FeeAmount::Scale),
            "bieu_phi" => Err("a fee scale ('bieu_phi') needs a note describing it".to_owned()),
            _ => s
                .trim()
                .parse::<u64>()
                .map(FeeAmount::Vnd)
                .map_err(|_| format!("fee amount '{s}': expected VND, 'mien' or 'bieu_phi'")),
        },
        other => Err(format!(
            "fee amount {other}: expected VND, 'mien' or 'bieu_phi'"
        )),
    }
}

fn components(sink: &mut Sink<'_>, v: &RawVersion) -> Vec<Component> {
    let mut out = Vec::new();
    for (i, c) in v.components.iter().enumerate() {
        let name = nfc(&c.name);
        if name.is_empty() {
            sink.push(&format!("components[{i}].name"), "missing component name");
            continue;
        }
        out.push(Component {
            name,
            originals: c.originals,
            copies: c.copies,
            required: c.required,
        });
    }
    out
}

fn result(sink: &mut Sink<'_>, v: &RawVersion) -> Option<ResultSpec> {
    let name = nfc(&v.result.name);
    if name.is_empty() {
        sink.push("result.name", "missing result name");
    }
    let kind = sink.take("result.kind", ResultType::parse(&v.result.kind))?;
    Some(ResultSpec { name, kind })
}

fn steps(sink: &mut Sink<'_>, v: &RawVersion, legal: Option<&LegalTime>) -> Vec<Step> {
    let mut out = Vec::new();
    for (i, s) in v.steps.iter().enumerate() {
        let name = nfc(&s.name);
        if name.is_empty() {
            sink.push(&format!("steps[{i}].name"), "missing step name");
        }
        let h = s.budget_hours;
        if !h.is_finite() || h <= 0.0 || h > 100_000.0 {
            sink.push(
                &format!("steps[{i}].budget_hours"),
                format!("budget {h} h must be positive"),
            );
            continue;
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "checked to lie in 0..=100000 h"
        )]
        let budget_minutes = (h * 60.0).round() as u32;
        out.push(Step {
            name,
            budget_minutes,
        });
    }
    let total: u64 = out.iter().map(|s| u64::from(s.budget_minutes)).sum();
    if let Some(legal) = legal
        && total > legal.time.legal_minutes()
    {
        sink.push(
            "steps",
            format!(
                "step budgets total {} h, more than the legal time {} ({} working hours)",
                hours(total),
                legal.time,
                hours(legal.time.legal_minutes())
            ),
        );
    }
    out
}

fn hours(minutes: u64) -> String {
    if minutes.is_multiple_of(60) {
        (minutes / 60).to_string()
    } else {
        format!("{}.{:02}", minutes / 60, minutes % 60 * 100 / 60)
    }
}

fn legal_basis(sink: &mut Sink<'_>, v: &RawVersion) -> Vec<LegalDoc> {
    if v.legal_basis.is_empty() {
        sink.push(
            "legal_basis",
            "no legal basis: cite at least one luật, nghị định or thông tư",
        );
    }
    let mut out = Vec::new();
    for (i, d) in v.legal_basis.iter().enumerate() {
        let field = format!("legal_basis[{i}]");
        let number = nfc(&d.number);
        if number.is_empty() {
            sink.push(&format!("{field}.number"), "missing document number");
        }
        let provenance = provenance(sink, &field, &d.prov());
        out.push(LegalDoc {
            number,
            title: d.title.as_deref().map(nfc).filter(|s| !s.is_empty()),
            provenance,
        });
    }
    out
}

fn publication(sink: &mut Sink<'_>, p: Option<&RawPublication>) -> Option<Publication> {
    let Some(p) = p else {
        sink.push(
            "publication",
            "no publication decision: give one, or mark it unconfirmed with a note",
        );
        return None;
    };
    let provenance = provenance(sink, "publication", &p.prov());
    let decision_no = nfc(&p.decision_no);
    if decision_no.is_empty() && !provenance.unconfirmed {
        sink.push(
            "publication.decision_no",
            "missing decision number (mark the publication unconfirmed if unknown)",
        );
    }
    let date = p
        .date
        .as_deref()
        .and_then(|s| sink.take("publication.date", date(s)));
    Some(Publication {
        decision_no,
        issuer: nfc(&p.issuer),
        date,
        provenance,
    })
}

/// An unconfirmed mark needs a note: nothing is left unconfirmed silently.
fn provenance(sink: &mut Sink<'_>, field: &str, p: &RawProv) -> Provenance {
    let note = p.note.as_deref().map(nfc).filter(|s| !s.is_empty());
    if p.unconfirmed && note.is_none() {
        sink.push(
            field,
            "marked unconfirmed without a note saying what is missing",
        );
    }
    Provenance {
        unconfirmed: p.unconfirmed,
        note,
        source: p.source.as_deref().map(nfc).filter(|s| !s.is_empty()),
    }
}

pub(crate) fn date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a date of the form YYYY-MM-DD"))
}

fn time_of_day(s: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M")
        .map_err(|_| format!("'{s}' is not a time of the form HH:MM"))
}
