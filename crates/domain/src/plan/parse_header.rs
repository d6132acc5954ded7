//! Reading a plan file's identity: the `[plan]` table, the legal texts and the quirks.

use chrono::NaiveDate;

use super::parse_items::Cx;
use super::reader::{Node, Problems};
use super::{LegalRef, Quirk, Sections, Signer, UnitRef};
use crate::org::UnitCode;

/// The `[plan]` table.
pub(super) struct Header {
    pub id: String,
    pub number: String,
    pub title: String,
    pub date: NaiveDate,
    pub place: String,
    pub issuer: UnitCode,
    pub issuer_name: String,
    pub year: i32,
    pub default_deadline: NaiveDate,
    pub preamble: String,
    pub parent_plans: Vec<String>,
    pub appendix_note: Option<String>,
    pub closing: Option<String>,
    pub signer: Signer,
    pub sections: Sections,
}

const HEADER_KEYS: [&str; 15] = [
    "id",
    "number",
    "date",
    "place",
    "issuer",
    "issuer_name",
    "title",
    "year",
    "default_deadline",
    "preamble",
    "parent_plans",
    "appendix_note",
    "closing",
    "signer",
    "sections",
];

pub(super) fn read_header(n: &Node<'_>, cx: &mut Cx<'_>) -> Option<Header> {
    n.only(&HEADER_KEYS, &mut cx.p);
    let issuer = read_issuer(n, cx);
    let p = &mut cx.p;
    let signer = read_signer(n, p);
    let sections = read_sections(n, p);
    let [id, number, title, place, issuer_name, preamble] =
        ["id", "number", "title", "place", "issuer_name", "preamble"].map(|k| n.text(k, p));
    let [date, default_deadline] = ["date", "default_deadline"].map(|k| n.date(k, p));
    let year = n
        .int("year", p, 1990..=2100)
        .and_then(|y| i32::try_from(y).ok());
    let parent_plans = n
        .texts("parent_plans", p)
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    let appendix_note = n.opt_text("appendix_note", p);
    let closing = n.opt_text("closing", p);
    Some(Header {
        id: id?,
        number: number?,
        title: title?,
        date: date?,
        place: place?,
        issuer: issuer?,
        issuer_name: issuer_name?,
        year: year?,
        default_deadline: default_deadline?,
        preamble: preamble?,
        parent_plans,
        appendix_note,
        closing,
        signer: signer?,
        sections: sections?,
    })
}

fn read_issuer(n: &Node<'_>, cx: &mut Cx<'_>) -> Option<UnitCode> {
    let s = n.text("issuer", &mut cx.p)?;
    match cx.unit_ref(&n.at("issuer"), &s)? {
        UnitRef::Unit(code) => Some(code),
        UnitRef::Group(_) => {
            cx.p.push(n.at("issuer"), "the issuer must be one unit, not a group");
            None
        }
    }
}

fn read_signer(n: &Node<'_>, p: &mut Problems) -> Option<Signer> {
    let s = n.table("signer", p, true)?;
    s.only(&["name", "position", "on_behalf_of", "acting_for"], p);
    let name = s.text("name", p);
    let position = s.text("position", p);
    Some(Signer {
        name: name?,
        position: position?,
        on_behalf_of: s.opt_text("on_behalf_of", p),
        acting_for: s.opt_text("acting_for", p),
    })
}

fn read_sections(n: &Node<'_>, p: &mut Problems) -> Option<Sections> {
    let keys = ["purpose", "targets", "tasks", "organisation"];
    let s = n.table("sections", p, true)?;
    s.only(&keys, p);
    let [purpose, targets, tasks, organisation] = keys.map(|k| s.text(k, p));
    Some(Sections {
        purpose: purpose?,
        targets: targets?,
        tasks: tasks?,
        organisation: organisation?,
    })
}

/// The legal bases (required) or the other references (optional).
pub(super) fn read_refs(root: &Node<'_>, key: &str, p: &mut Problems) -> Option<Vec<LegalRef>> {
    let keys = [
        "id", "kind", "number", "date", "issuer", "title", "cited_in",
    ];
    let refs: Vec<Option<LegalRef>> = root
        .tables(key, p, key == "legal_bases")
        .iter()
        .map(|n| {
            n.only(&keys, p);
            let [id, kind, number, issuer] =
                ["id", "kind", "number", "issuer"].map(|k| n.text(k, p));
            Some(LegalRef {
                id: id?,
                kind: kind?,
                number: number?,
                date: n.opt_date("date", p),
                issuer: issuer?,
                title: n.opt_text("title", p),
                cited_in: n.texts("cited_in", p).into_iter().map(|(_, s)| s).collect(),
            })
        })
        .collect();
    refs.into_iter().collect()
}

/// The slips of the printed text.
pub(super) fn read_quirks(root: &Node<'_>, p: &mut Problems) -> Option<Vec<Quirk>> {
    let quirks: Vec<Option<Quirk>> = root
        .tables("quirks", p, false)
        .iter()
        .map(|n| {
            n.only(&["at", "note"], p);
            let [at, note] = ["at", "note"].map(|k| n.text(k, p));
            Some(Quirk {
                at: at?,
                note: note?,
            })
        })
        .collect();
    quirks.into_iter().collect()
}
