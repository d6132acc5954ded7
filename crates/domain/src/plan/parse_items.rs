//! Reading the lists of a plan file: targets with thresholds, tasks, items and bodies.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::labels::{Labelled, check_letters, check_unique, local_ids};
use super::reader::{Node, Problems};
use super::target::Named;
use super::{
    Baseline, Body, Comparator, IndicatorId, Item, MeasureUnit, Quantity, Scope, Target, Task,
    Threshold, UnitRef,
};
use crate::org::UnitCode;

/// The reading context: the problems found and the units a plan may name.
pub(super) struct Cx<'a> {
    pub p: Problems,
    pub units: &'a BTreeSet<UnitCode>,
}

impl Cx<'_> {
    /// A unit or group reference; a unit must be one of the known units.
    pub fn unit_ref(&mut self, path: &str, s: &str) -> Option<UnitRef> {
        let unit = UnitRef::parse(s).map_err(|m| self.p.push(path, m)).ok()?;
        match unit.unit() {
            Some(code) if !self.units.contains(code) => {
                self.p.push(path, format!("unknown unit '{code}'"));
                None
            }
            _ => Some(unit),
        }
    }
}

/// How a list's labels are checked and turned into ids.
#[derive(Clone, Copy)]
pub(super) enum Labels {
    /// document letters (a, b, c, d, đ …), required
    Letters,
    /// document letters, or no label at all (a lone paragraph)
    LettersOrNone,
    /// labels of the file's own (G.1, appendix numbers), required and unique
    Free,
}

/// A list of tables with their checked labels and local ids.
pub(super) fn labelled_list<'a>(
    parent: &Node<'a>,
    key: &str,
    cx: &mut Cx<'_>,
    kind: Labels,
    (prefix, sep): (&str, &str),
) -> Vec<(Node<'a>, String, Option<String>)> {
    let nodes = parent.tables(key, &mut cx.p, true);
    if nodes.is_empty() && parent.has(key) {
        cx.p.push(parent.at(key), "must hold at least one item");
    }
    let labelled: Vec<Labelled> = nodes
        .iter()
        .map(|n| Labelled {
            path: n.path.clone(),
            label: match kind {
                Labels::LettersOrNone => n.opt_text("label", &mut cx.p),
                Labels::Letters | Labels::Free => n.text("label", &mut cx.p),
            },
            duplicate_ok: n.flag("duplicate_of_label_ok", &mut cx.p),
            skipped_before: n
                .texts("skipped_before", &mut cx.p)
                .into_iter()
                .map(|(_, s)| s)
                .collect(),
        })
        .collect();
    match kind {
        Labels::Free => check_unique(&labelled, &mut cx.p),
        Labels::Letters | Labels::LettersOrNone => check_letters(&labelled, &mut cx.p),
    }
    let labels: Vec<Option<&str>> = labelled.iter().map(|l| l.label.as_deref()).collect();
    let ids = local_ids(prefix, sep, &labels);
    nodes
        .into_iter()
        .zip(ids)
        .zip(labelled)
        .map(|((n, id), l)| (n, id, l.label))
        .collect()
}

const LABEL_KEYS: [&str; 3] = ["label", "duplicate_of_label_ok", "skipped_before"];

fn allowed(own: &[&'static str]) -> Vec<&'static str> {
    own.iter().chain(LABEL_KEYS.iter()).copied().collect()
}

/// A paragraph: a requirement or a body's item.
pub(super) fn read_items(
    parent: &Node<'_>,
    key: &str,
    cx: &mut Cx<'_>,
    prefix: (&str, &str),
) -> Option<Vec<Item>> {
    labelled_list(parent, key, cx, Labels::LettersOrNone, prefix)
        .into_iter()
        .map(|(n, id, label)| {
            n.only(&allowed(&["text"]), &mut cx.p);
            let text = n.text("text", &mut cx.p)?;
            Some(Item { id, label, text })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// The targets (or headline goals) of a list.
pub(super) fn read_targets(
    parent: &Node<'_>,
    key: &str,
    cx: &mut Cx<'_>,
    kind: Labels,
    prefix: (&str, &str),
) -> Option<Vec<Target>> {
    labelled_list(parent, key, cx, kind, prefix)
        .into_iter()
        .map(|(n, id, label)| read_target(&n, id, label?, cx))
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

fn read_target(n: &Node<'_>, id: String, label: String, cx: &mut Cx<'_>) -> Option<Target> {
    n.only(
        &allowed(&["text", "scope", "baseline", "thresholds"]),
        &mut cx.p,
    );
    let text = n.text("text", &mut cx.p);
    let scope = read_scopes(n, cx);
    let baseline = n.table("baseline", &mut cx.p, false).and_then(|b| {
        b.only(&["year", "value"], &mut cx.p);
        let year = b.int("year", &mut cx.p, 1990..=2100)?;
        let value = b.opt_number("value", &mut cx.p);
        Some(Baseline {
            year: i32::try_from(year).ok()?,
            value,
        })
    });
    let nodes = n.tables("thresholds", &mut cx.p, true);
    if nodes.is_empty() && n.has("thresholds") {
        cx.p.push(n.at("thresholds"), "must hold at least one threshold");
    }
    let thresholds: Vec<Option<Threshold>> = nodes.iter().map(|t| read_threshold(t, cx)).collect();
    for (t, node) in thresholds.iter().zip(&nodes) {
        if let (Some(Threshold { scope: Some(s), .. }), Some(scope)) = (t, &scope)
            && !scope.contains(s)
        {
            cx.p.push(
                node.at("scope"),
                format!("'{}' is not in the target's scope", s.name()),
            );
        }
    }
    Some(Target {
        id,
        label,
        text: text?,
        scope: scope?,
        baseline,
        thresholds: thresholds.into_iter().collect::<Option<_>>()?,
    })
}

fn read_scopes(n: &Node<'_>, cx: &mut Cx<'_>) -> Option<Vec<Scope>> {
    if !n.has("scope") {
        cx.p.push(n.at("scope"), "missing field");
        return None;
    }
    let names = n.texts("scope", &mut cx.p);
    if names.is_empty() {
        cx.p.push(n.at("scope"), "must name at least one scope");
    }
    names
        .into_iter()
        .map(|(at, s)| Scope::from_name(&s).map_err(|m| cx.p.push(at, m)).ok())
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

fn read_threshold(n: &Node<'_>, cx: &mut Cx<'_>) -> Option<Threshold> {
    let keys = [
        "indicator",
        "comparator",
        "value",
        "unit",
        "scope",
        "max",
        "aspirational",
        "equivalent",
    ];
    n.only(&keys, &mut cx.p);
    let p = &mut cx.p;
    let indicator = n.parsed("indicator", p, IndicatorId::parse);
    let comparator = n.parsed("comparator", p, Comparator::from_name);
    let value = n.number("value", p);
    let unit = n.parsed("unit", p, MeasureUnit::from_name);
    let scope = n.opt_parsed("scope", p, Scope::from_name);
    let max = n.opt_number("max", p);
    let aspirational = n.flag("aspirational", p);
    let equivalent = n.table("equivalent", p, false).and_then(|e| {
        e.only(&["value", "unit"], p);
        let value = e.number("value", p);
        let unit = e.parsed("unit", p, MeasureUnit::from_name);
        Some(Quantity {
            value: value?,
            unit: unit?,
        })
    });
    if let (Some(v), Some(MeasureUnit::Percent)) = (value, unit)
        && !(0.0..=100.0).contains(&v)
    {
        p.push(n.at("value"), format!("{v} is not a percentage (0–100)"));
    }
    if let (Some(v), Some(m)) = (value, max)
        && m < v
    {
        p.push(n.at("max"), format!("{m} is below the value {v}"));
    }
    Some(Threshold {
        indicator: indicator?,
        comparator: comparator?,
        value: value?,
        unit: unit?,
        scope,
        max,
        aspirational,
        equivalent,
    })
}

/// Defaults a task takes from its area and plan.
#[derive(Clone, Copy)]
pub(super) struct TaskDefaults<'a> {
    pub area: Option<u8>,
    pub lead: Option<&'a UnitRef>,
    pub deadline: Option<NaiveDate>,
}

const TASK_KEYS: [&str; 6] = [
    "text",
    "lead_unit",
    "cooperating",
    "deadline",
    "expected_output",
    "area",
];

fn read_lead(n: &Node<'_>, d: TaskDefaults<'_>, cx: &mut Cx<'_>) -> Option<UnitRef> {
    match n.opt_text("lead_unit", &mut cx.p) {
        Some(s) => cx.unit_ref(&n.at("lead_unit"), &s),
        // An area's task inherits the area's lead (already reported if it is bad).
        None if d.area.is_some() => d.lead.cloned(),
        None => {
            cx.p.push(n.at("lead_unit"), "missing field");
            None
        }
    }
}

/// A task; an appendix task (no default area) carries its own `area`.
pub(super) fn read_task(
    n: &Node<'_>,
    id: String,
    label: String,
    d: TaskDefaults<'_>,
    cx: &mut Cx<'_>,
) -> Option<Task> {
    let keys = if d.area.is_some() {
        &TASK_KEYS[..5]
    } else {
        &TASK_KEYS[..]
    };
    n.only(&allowed(keys), &mut cx.p);
    let area = match d.area {
        Some(a) => Some(a),
        None => n
            .int("area", &mut cx.p, 1..=255)
            .and_then(|a| u8::try_from(a).ok()),
    };
    let text = n.text("text", &mut cx.p);
    let lead = read_lead(n, d, cx);
    let cooperating = unit_refs(n, "cooperating", cx);
    let own_deadline = n.opt_date("deadline", &mut cx.p);
    let expected_output = n.opt_text("expected_output", &mut cx.p);
    Some(Task {
        id,
        area: area?,
        label,
        text: text?,
        lead_unit: lead?,
        cooperating: cooperating?,
        deadline: own_deadline.or(d.deadline)?,
        deadline_given: n.has("deadline"),
        expected_output,
    })
}

/// An optional list of unit references (empty when absent).
pub(super) fn unit_refs(n: &Node<'_>, key: &str, cx: &mut Cx<'_>) -> Option<Vec<UnitRef>> {
    n.texts(key, &mut cx.p)
        .into_iter()
        .map(|(at, s)| cx.unit_ref(&at, &s))
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// The bodies of section III.
pub(super) fn read_bodies(root: &Node<'_>, cx: &mut Cx<'_>) -> Option<Vec<Body>> {
    let nodes = root.tables("responsibilities", &mut cx.p, true);
    let mut numbers = BTreeSet::new();
    let bodies: Vec<Option<Body>> = nodes
        .iter()
        .map(|n| {
            n.only(&["number", "body", "units", "intro", "items"], &mut cx.p);
            let number = n
                .int("number", &mut cx.p, 1..=255)
                .and_then(|x| u8::try_from(x).ok());
            if let Some(x) = number
                && !numbers.insert(x)
            {
                cx.p.push(n.at("number"), format!("duplicate body number {x}"));
            }
            let name = n.text("body", &mut cx.p);
            let units = unit_refs(n, "units", cx);
            if units.as_ref().is_some_and(Vec::is_empty) {
                cx.p.push(
                    n.at("units"),
                    "missing field: a body names at least one unit or group",
                );
            }
            let intro = n.opt_text("intro", &mut cx.p);
            let prefix = format!("TC/{}", number.unwrap_or_default());
            let items = read_items(n, "items", cx, (&prefix, "."));
            Some(Body {
                number: number?,
                name: name?,
                units: units?,
                intro,
                items: items?,
            })
        })
        .collect();
    bodies.into_iter().collect()
}
