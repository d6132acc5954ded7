//! Parsing and validating a plan file (TOML; the format is in `data/plan/README.md`).
//!
//! Every problem is collected, each with the path of its field; nothing is returned unless
//! the whole file is sound.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use toml::Table;

use super::parse_header::{read_header, read_quirks, read_refs};
use super::parse_items::{
    Cx, Labels, TaskDefaults, labelled_list, read_bodies, read_items, read_targets, read_task,
};
use super::reader::{Node, Problems};
use super::{Area, Headline, Plan, PlanProblem, Task};
use crate::org::UnitCode;

/// The format version this parser reads.
pub const SCHEMA: i64 = 1;

const ROOT_KEYS: [&str; 11] = [
    "schema",
    "plan",
    "legal_bases",
    "references",
    "purpose",
    "requirements",
    "headline",
    "areas",
    "responsibilities",
    "appendix_tasks",
    "quirks",
];

/// Ids an item may cite that are not list items: the preamble, the purpose, the headline.
const FIXED_IDS: [&str; 3] = ["CC", "MD", "MT"];

/// Parses a plan file; units must be among `known_units`.
pub fn parse_plan(text: &str, known_units: &BTreeSet<UnitCode>) -> Result<Plan, Vec<PlanProblem>> {
    let table = parse_toml(text)?;
    let mut cx = Cx {
        p: Problems::default(),
        units: known_units,
    };
    let root = Node::root(&table);
    root.only(&ROOT_KEYS, &mut cx.p);
    root.int("schema", &mut cx.p, SCHEMA..=SCHEMA);
    let plan = read_plan(&root, &mut cx);
    if let Some(plan) = &plan {
        cross_check(plan, &mut cx.p);
    }
    match plan {
        Some(plan) if cx.p.0.is_empty() => Ok(plan),
        _ => Err(cx.p.0),
    }
}

/// Parses an appendix file (`schema` and `[[appendix_tasks]]`) for `plan`; the tasks it
/// returns continue the plan's appendix (labels unique across both).
pub fn parse_appendix(
    text: &str,
    known_units: &BTreeSet<UnitCode>,
    plan: &Plan,
) -> Result<Vec<Task>, Vec<PlanProblem>> {
    let table = parse_toml(text)?;
    let mut cx = Cx {
        p: Problems::default(),
        units: known_units,
    };
    let root = Node::root(&table);
    root.only(&["schema", "appendix_tasks"], &mut cx.p);
    root.int("schema", &mut cx.p, SCHEMA..=SCHEMA);
    if !root.has("appendix_tasks") {
        cx.p.push("appendix_tasks", "missing field");
    }
    let codes: Vec<u8> = plan.areas.iter().map(|a| a.code).collect();
    let tasks = read_appendix(
        &root,
        &mut cx,
        plan.default_deadline,
        &codes,
        &plan.appendix_tasks,
    );
    match tasks {
        Some(tasks) if cx.p.0.is_empty() => Ok(tasks),
        _ => Err(cx.p.0),
    }
}

fn parse_toml(text: &str) -> Result<Table, Vec<PlanProblem>> {
    text.parse::<Table>().map_err(|e| {
        vec![PlanProblem {
            path: String::new(),
            message: format!("not valid TOML: {}", e.message()),
        }]
    })
}

fn read_plan(root: &Node<'_>, cx: &mut Cx<'_>) -> Option<Plan> {
    let header = root
        .table("plan", &mut cx.p, true)
        .and_then(|n| read_header(&n, cx));
    let legal_bases = read_refs(root, "legal_bases", &mut cx.p);
    let references = read_refs(root, "references", &mut cx.p);
    let purpose = root.table("purpose", &mut cx.p, true).and_then(|n| {
        n.only(&["text"], &mut cx.p);
        n.text("text", &mut cx.p)
    });
    let requirements = read_items(root, "requirements", cx, ("YC", "/"));
    let headline = read_headline(root, cx);
    let deadline = header.as_ref().map(|h| h.default_deadline);
    let areas = read_areas(root, cx, deadline);
    let responsibilities = read_bodies(root, cx);
    let quirks = read_quirks(root, &mut cx.p);
    let codes: Vec<u8> = areas.iter().flatten().map(|a| a.code).collect();
    let appendix_tasks = match deadline {
        Some(d) if root.has("appendix_tasks") => read_appendix(root, cx, d, &codes, &[]),
        _ => Some(Vec::new()),
    };
    let h = header?;
    Some(Plan {
        id: h.id,
        number: h.number,
        title: h.title,
        date: h.date,
        place: h.place,
        issuer: h.issuer,
        issuer_name: h.issuer_name,
        signer: h.signer,
        year: h.year,
        default_deadline: h.default_deadline,
        preamble: h.preamble,
        sections: h.sections,
        legal_bases: legal_bases?,
        parent_plans: h.parent_plans,
        references: references?,
        purpose: purpose?,
        requirements: requirements?,
        headline: headline?,
        areas: areas.into_iter().collect::<Option<_>>()?,
        appendix_note: h.appendix_note,
        responsibilities: responsibilities?,
        closing: h.closing,
        appendix_tasks: appendix_tasks?,
        quirks: quirks?,
    })
}

fn read_headline(root: &Node<'_>, cx: &mut Cx<'_>) -> Option<Headline> {
    let n = root.table("headline", &mut cx.p, true)?;
    n.only(&["text", "goals"], &mut cx.p);
    let text = n.text("text", &mut cx.p);
    let goals = read_targets(&n, "goals", cx, Labels::Free, ("MT", "/"));
    Some(Headline {
        text: text?,
        goals: goals?,
    })
}

const AREA_KEYS: [&str; 6] = [
    "code",
    "title",
    "task_title",
    "lead_unit",
    "targets",
    "tasks",
];

fn read_areas(root: &Node<'_>, cx: &mut Cx<'_>, deadline: Option<NaiveDate>) -> Vec<Option<Area>> {
    let mut codes = BTreeSet::new();
    let nodes = root.tables("areas", &mut cx.p, true);
    nodes
        .iter()
        .map(|n| {
            let area = read_area(n, cx, deadline);
            if let Some(a) = &area
                && !codes.insert(a.code)
            {
                cx.p.push(n.at("code"), format!("duplicate area code {}", a.code));
            }
            area
        })
        .collect()
}

fn read_area(n: &Node<'_>, cx: &mut Cx<'_>, deadline: Option<NaiveDate>) -> Option<Area> {
    n.only(&AREA_KEYS, &mut cx.p);
    let code = n
        .int("code", &mut cx.p, 1..=255)
        .and_then(|c| u8::try_from(c).ok());
    let title = n.text("title", &mut cx.p);
    let task_title = n.text("task_title", &mut cx.p);
    let lead = n
        .text("lead_unit", &mut cx.p)
        .and_then(|s| cx.unit_ref(&n.at("lead_unit"), &s));
    let c = code.unwrap_or_default();
    let targets = read_targets(n, "targets", cx, Labels::Letters, (&format!("MT/{c}"), "."));
    let defaults = TaskDefaults {
        area: Some(c),
        lead: lead.as_ref(),
        deadline,
    };
    let tasks: Vec<Option<Task>> =
        labelled_list(n, "tasks", cx, Labels::Letters, (&format!("NV/{c}"), "."))
            .into_iter()
            .map(|(t, id, label)| read_task(&t, id, label?, defaults, cx))
            .collect();
    Some(Area {
        code: code?,
        title: title?,
        task_title: task_title?,
        lead_unit: lead?,
        targets: targets?,
        tasks: tasks.into_iter().collect::<Option<_>>()?,
    })
}

fn read_appendix(
    root: &Node<'_>,
    cx: &mut Cx<'_>,
    deadline: NaiveDate,
    codes: &[u8],
    existing: &[Task],
) -> Option<Vec<Task>> {
    let defaults = TaskDefaults {
        area: None,
        lead: None,
        deadline: Some(deadline),
    };
    let listed = labelled_list(root, "appendix_tasks", cx, Labels::Free, ("PL", "/"));
    let mut tasks = Vec::with_capacity(listed.len());
    for (n, _, label) in listed {
        let label = label?;
        if existing.iter().any(|t| t.label == label) {
            cx.p.push(
                n.at("label"),
                format!("duplicate label '{label}': the plan's appendix has it"),
            );
        }
        let id = format!("PL/{label}");
        let task = read_task(&n, id, label, defaults, cx);
        if let Some(t) = &task
            && !codes.contains(&t.area)
        {
            cx.p.push(n.at("area"), format!("the plan has no area {}", t.area));
        }
        tasks.push(task);
    }
    tasks.into_iter().collect()
}

/// Checks that need the whole plan: cited items and parent plans exist, ids are unique.
fn cross_check(plan: &Plan, p: &mut Problems) {
    let mut ids: BTreeSet<&str> = FIXED_IDS.into_iter().collect();
    ids.extend(plan.headline.goals.iter().map(|g| g.id.as_str()));
    ids.extend(plan.requirements.iter().map(|i| i.id.as_str()));
    ids.extend(plan.targets().map(|t| t.id.as_str()));
    ids.extend(plan.tasks().map(|t| t.id.as_str()));
    ids.extend(
        plan.responsibilities
            .iter()
            .flat_map(|b| &b.items)
            .map(|i| i.id.as_str()),
    );
    let mut ref_ids = BTreeSet::new();
    for (key, refs) in [
        ("legal_bases", &plan.legal_bases),
        ("references", &plan.references),
    ] {
        for (i, r) in refs.iter().enumerate() {
            if !ref_ids.insert(r.id.as_str()) {
                p.push(format!("{key}[{i}].id"), format!("duplicate id '{}'", r.id));
            }
            for (j, cited) in r.cited_in.iter().enumerate() {
                if !ids.contains(cited.as_str()) {
                    p.push(
                        format!("{key}[{i}].cited_in[{j}]"),
                        format!("no item has the id '{cited}'"),
                    );
                }
            }
        }
    }
    for (i, parent) in plan.parent_plans.iter().enumerate() {
        if !plan.legal_bases.iter().any(|r| &r.id == parent) {
            p.push(
                format!("plan.parent_plans[{i}]"),
                format!("'{parent}' is not the id of a legal basis"),
            );
        }
    }
}
