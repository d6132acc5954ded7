//! Text output of `cchc plan … --format table`: one line per item, texts shortened.

use std::fmt::Write as _;

use cchc_domain::plan::status::TargetStatus;
use cchc_domain::plan::{MeasureUnit, Plan, Target, Threshold};
use cchc_store::plan_clone::CloneReport;
use cchc_store::plan_status::PlanStatus;

const WIDTH: usize = 90;

/// `text` cut to `WIDTH` characters, with an ellipsis when cut.
fn short(text: &str) -> String {
    if text.chars().count() <= WIDTH {
        return text.to_owned();
    }
    let cut: String = text.chars().take(WIDTH - 1).collect();
    format!("{cut}…")
}

fn unit(u: MeasureUnit) -> String {
    match u {
        MeasureUnit::Percent => "%".into(),
        other => format!(" {}", other.as_str()),
    }
}

fn figure(t: &Threshold) -> String {
    let tier = t
        .scope
        .map(|s| format!(" ({})", s.as_str()))
        .unwrap_or_default();
    format!(
        "{} {}{}{tier}",
        t.comparator.symbol(),
        t.value,
        unit(t.unit)
    )
}

fn target_line(out: &mut String, indent: &str, t: &Target) {
    let figures: Vec<String> = t.thresholds.iter().map(figure).collect();
    let _ = writeln!(out, "{indent}{}) {}", t.label, short(&t.text));
    let _ = writeln!(out, "{indent}   [{}]", figures.join("; "));
}

/// The plan, area by area.
pub fn plan(p: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ngày {} — {} ({})", p.number, p.date, p.title, p.id);
    let _ = writeln!(out, "Mục tiêu chung");
    for g in &p.headline.goals {
        target_line(&mut out, "  ", g);
    }
    for a in &p.areas {
        let _ = writeln!(out, "{}. {} (chủ trì {})", a.code, a.title, a.lead_unit);
        let _ = writeln!(out, "  Mục tiêu");
        for t in &a.targets {
            target_line(&mut out, "    ", t);
        }
        let _ = writeln!(out, "  Nhiệm vụ");
        for t in &a.tasks {
            let _ = writeln!(out, "    {}) {}", t.label, short(&t.text));
            let _ = writeln!(out, "       → {}, hạn {}", t.lead_unit, t.deadline);
        }
    }
    let _ = writeln!(out, "{}", p.sections.organisation);
    for b in &p.responsibilities {
        let _ = writeln!(out, "  {}. {}", b.number, b.name);
        for i in &b.items {
            let label = i
                .label
                .as_deref()
                .map_or(String::new(), |l| format!("{l}) "));
            let _ = writeln!(out, "    {label}{}", short(&i.text));
        }
    }
    out
}

fn status_name(s: Option<TargetStatus>) -> &'static str {
    match s {
        Some(TargetStatus::Met) => "met",
        Some(TargetStatus::OnTrack) => "on track",
        Some(TargetStatus::AtRisk) => "at risk",
        Some(TargetStatus::Missed) => "missed",
        None => "—",
    }
}

/// Targets with value and status, tasks with status, and the VPCP summary.
pub fn status(s: &PlanStatus) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({}) as of {}", s.plan, s.number, s.as_of);
    let _ = writeln!(out, "Targets");
    for t in &s.targets {
        let value = t.value.map_or("—".into(), |v| v.to_string());
        let _ = writeln!(
            out,
            "  {:<10} {:>8}  {}",
            t.id,
            value,
            status_name(t.status)
        );
    }
    let _ = writeln!(out, "Tasks");
    for t in &s.tasks {
        let _ = writeln!(
            out,
            "  {:<10} {:<14} {}  {}",
            t.id, t.lead_unit, t.effective_deadline, t.status_vi
        );
    }
    let m = s.summary;
    let _ = writeln!(
        out,
        "{} tasks: {} completed on time, {} completed late, {} open within the deadline, \
         {} open overdue ({:.1} %)",
        m.total,
        m.completed_on_time,
        m.completed_late,
        m.open_within_deadline,
        m.open_overdue,
        m.overdue_share
    );
    out
}

/// What a clone did.
pub fn clone(r: &CloneReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} cloned into {} for {}: {} targets, {} tasks",
        r.from, r.key, r.year, r.counts.targets, r.counts.tasks
    );
    for (from, to) in &r.mapped {
        let _ = writeln!(out, "  {from} → {to}");
    }
    for code in &r.unmapped {
        let _ = writeln!(
            out,
            "  {code}: no longer in force and no single successor; kept"
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_with_an_ellipsis() {
        assert_eq!(short("ngắn"), "ngắn");
        let long = "ă".repeat(200);
        assert_eq!(short(&long).chars().count(), WIDTH);
        assert!(short(&long).ends_with('…'));
        assert_eq!(unit(MeasureUnit::Percent), "%");
        assert_eq!(unit(MeasureUnit::Rank), " rank");
    }
}
