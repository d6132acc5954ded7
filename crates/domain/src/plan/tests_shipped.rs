//! The shipped plan (KH 204/KH-UBND, data/plan/kh-204-2023.toml) checked against its text.
//!
//! Expected counts and labels are counted by hand from the published text of KH 204/KH-UBND.

use std::collections::BTreeSet;

use unicode_normalization::is_nfc;

use super::base::KH_204_2023;
use super::*;

const UNITS_CSV: &str = include_str!("../../../../data/org/units.csv");

fn known_units() -> BTreeSet<UnitCode> {
    let mut reader = csv::Reader::from_reader(UNITS_CSV.as_bytes());
    reader
        .records()
        .map(|r| UnitCode::parse(&r.unwrap()[0]).unwrap())
        .collect()
}

pub(super) fn plan() -> Plan {
    parse_plan(KH_204_2023, &known_units()).unwrap_or_else(|problems| {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!("the shipped plan has problems:\n{}", list.join("\n"))
    })
}

fn labels<'a>(labels: impl IntoIterator<Item = Option<&'a str>>) -> String {
    labels
        .into_iter()
        .map(|l| l.unwrap_or("-"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_shipped_plan_parses_against_the_units_of_data_org() {
    let plan = plan();
    assert_eq!(plan.id, "KH204-2023");
    assert_eq!(plan.number, "204/KH-UBND");
    assert_eq!(plan.date, NaiveDate::from_ymd_opt(2022, 12, 23).unwrap());
    assert_eq!(plan.year, 2023);
    assert_eq!(plan.issuer.as_str(), "H31");
    assert_eq!(plan.signer.name, "Nguyễn Duy Hưng");
    assert_eq!(plan.signer.position, "PHÓ CHỦ TỊCH");
    // Section "NHIỆM VỤ, GIẢI PHÁP" is printed as a second "II".
    assert_eq!(plan.sections.tasks, "II. NHIỆM VỤ, GIẢI PHÁP");
    assert!(plan.appendix_tasks.is_empty());
}

#[test]
fn legal_bases_and_parent_plan() {
    let plan = plan();
    // The "Căn cứ" clause cites KH 184; section I.1 adds NQ 76/NQ-CP and CT 23/CT-TTg.
    let numbers: Vec<&str> = plan.legal_bases.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(numbers, ["184/KH-UBND", "76/NQ-CP", "23/CT-TTg"]);
    let parents: Vec<&str> = plan.parent_plan_refs().map(|r| r.number.as_str()).collect();
    assert_eq!(parents, ["184/KH-UBND"]);
    // Every legal text an item cites (counted in the text: 24, the "Đề án" of NV 3.d aside).
    assert_eq!(plan.references.len(), 24);
}

#[test]
fn counts_per_area_match_the_text() {
    let plan = plan();
    // II. MỤC TIÊU: area 1 a–d, 2 a–g (no f), 3 a–b, 4 a–c, 5 a–b, 6 a–g.
    let targets: Vec<usize> = plan.areas.iter().map(|a| a.targets.len()).collect();
    assert_eq!(targets, [4, 7, 2, 3, 2, 7]);
    // II (second). NHIỆM VỤ, GIẢI PHÁP: 1 a–đ; 2 a–n with "l" twice; 3 a–g; 4 a–đ then g;
    // 5 a–e; 6 a–e.
    let tasks: Vec<usize> = plan.areas.iter().map(|a| a.tasks.len()).collect();
    assert_eq!(tasks, [5, 14, 7, 6, 6, 6]);
    assert_eq!(plan.targets().count(), 25);
    assert_eq!(plan.tasks().count(), 44);
    // The headline paragraph: PAR INDEX, PAPI, ICT INDEX, PCI, satisfaction.
    assert_eq!(plan.headline.goals.len(), 5);
    // I.2 Yêu cầu: a–c.
    assert_eq!(plan.requirements.len(), 3);
}

#[test]
fn counts_per_body_match_the_text() {
    let plan = plan();
    // III. TỔ CHỨC THỰC HIỆN: 1 BCĐ a–c, đ–i (no d); 2 a–g; 3 Sở Nội vụ a–h; 4 VP UBND a–b;
    // 5 Sở Tư pháp one paragraph; 6 Sở Tài chính a–c; 7–10 one paragraph each.
    let items: Vec<usize> = plan
        .responsibilities
        .iter()
        .map(|b| b.items.len())
        .collect();
    assert_eq!(items, [8, 7, 8, 2, 1, 3, 1, 1, 1, 1]);
    let numbers: Vec<u8> = plan.responsibilities.iter().map(|b| b.number).collect();
    assert_eq!(numbers, (1..=10).collect::<Vec<u8>>());
}

#[test]
fn label_sequences_match_the_text() {
    let plan = plan();
    let targets: Vec<String> = plan
        .areas
        .iter()
        .map(|a| labels(a.targets.iter().map(|t| Some(t.label.as_str()))))
        .collect();
    assert_eq!(
        targets,
        [
            "a b c d",
            "a b c d đ e g",
            "a b",
            "a b c",
            "a b",
            "a b c d đ e g"
        ]
    );
    let tasks: Vec<String> = plan
        .areas
        .iter()
        .map(|a| labels(a.tasks.iter().map(|t| Some(t.label.as_str()))))
        .collect();
    assert_eq!(
        tasks,
        [
            "a b c d đ",
            "a b c d đ e g h i k l l m n",
            "a b c d đ e g",
            "a b c d đ g",
            "a b c d đ e",
            "a b c d đ e"
        ]
    );
}

#[test]
fn body_labels_and_item_ids_match_the_text() {
    let plan = plan();
    let bodies: Vec<String> = plan
        .responsibilities
        .iter()
        .map(|b| labels(b.items.iter().map(|i| i.label.as_deref())))
        .collect();
    assert_eq!(
        bodies,
        [
            "a b c đ e g h i",
            "a b c d đ e g",
            "a b c d đ e g h",
            "a b",
            "-",
            "a b c",
            "-",
            "-",
            "-",
            "-"
        ]
    );
    assert_eq!(
        labels(plan.requirements.iter().map(|i| i.label.as_deref())),
        "a b c"
    );
    let area2 = plan.area(2).unwrap();
    assert_eq!(area2.tasks[10].id, "NV/2.l");
    assert_eq!(area2.tasks[11].id, "NV/2.l#2");
    assert_eq!(plan.full_id(&area2.tasks[11].id), "KH204-2023/NV/2.l#2");
    assert_eq!(plan.responsibilities[4].items[0].id, "TC/5");
}

fn figures(t: &Target) -> Vec<(String, &'static str, f64, &'static str)> {
    use super::target::Named;
    t.thresholds
        .iter()
        .map(|x| {
            (
                x.indicator.to_string(),
                x.comparator.symbol(),
                x.value,
                x.unit.name(),
            )
        })
        .collect()
}

fn target<'a>(plan: &'a Plan, area: u8, label: &str) -> &'a Target {
    let area = plan.area(area).unwrap();
    area.targets.iter().find(|t| t.label == label).unwrap()
}

#[test]
fn the_figures_of_the_text_are_data() {
    let plan = plan();
    let target = |area, label| target(&plan, area, label);
    let on_time = target(2, "a");
    assert_eq!(
        figures(on_time),
        [
            ("dossier.on_time_ratio".to_owned(), ">", 95.0, "percent"),
            ("dossier.early_ratio".to_owned(), "≥", 80.0, "percent"),
        ]
    );
    assert!(on_time.thresholds[1].aspirational);
    assert_eq!(
        figures(target(6, "g")),
        [("dossier.online_share".to_owned(), "≥", 60.0, "percent")]
    );
    assert_eq!(target(2, "c").thresholds[1].value, 85.0);
    let pci = &plan.headline.goals[3];
    assert_eq!(
        (pci.thresholds[0].value, pci.thresholds[0].max),
        (2.0, Some(5.0))
    );
}

#[test]
fn staff_cuts_levels_and_ranges_are_data() {
    let plan = plan();
    let target = |area, label| target(&plan, area, label);
    let cuts = target(3, "a");
    let values: Vec<(f64, f64)> = cuts
        .thresholds
        .iter()
        .map(|t| (t.value, t.equivalent.unwrap().value))
        .collect();
    assert_eq!(values, [(2.5, 15.0), (0.5, 100.0), (1.38, 23.0)]);
    let units: Vec<MeasureUnit> = cuts
        .thresholds
        .iter()
        .map(|t| t.equivalent.unwrap().unit)
        .collect();
    assert_eq!(
        units,
        [
            MeasureUnit::Organisations,
            MeasureUnit::People,
            MeasureUnit::Posts
        ]
    );
    assert_eq!(cuts.baseline.unwrap().year, 2021);
    let by_level: Vec<(f64, Option<Scope>)> = target(6, "b")
        .thresholds
        .iter()
        .map(|t| (t.value, t.scope))
        .collect();
    assert_eq!(
        by_level,
        [
            (60.0, Some(Scope::Provincial)),
            (50.0, Some(Scope::District)),
            (30.0, Some(Scope::Commune))
        ]
    );
}

#[test]
fn leads_deadlines_and_sources() {
    let plan = plan();
    let leads: Vec<String> = plan.areas.iter().map(|a| a.lead_unit.to_string()).collect();
    // Section III: STP thể chế, VP UBND TTHC, SNV bộ máy and công vụ, STC tài chính, STTTT CQĐT.
    assert_eq!(
        leads,
        [
            "H31.STP",
            "H31.VPUB",
            "H31.SNV",
            "H31.SNV",
            "H31.STC",
            "H31.STTTT"
        ]
    );
    let year_end = NaiveDate::from_ymd_opt(2023, 12, 31).unwrap();
    for area in &plan.areas {
        for task in &area.tasks {
            assert_eq!(task.lead_unit, area.lead_unit, "{}", task.id);
            assert_eq!(
                (task.deadline, task.deadline_given),
                (year_end, false),
                "{}",
                task.id
            );
        }
    }
    let group = |g| UnitRef::Group(g);
    let body2 = &plan.responsibilities[1].units;
    assert_eq!(
        body2,
        &[
            group(UnitGroup::Departments),
            group(UnitGroup::PublicServiceUnits),
            group(UnitGroup::Districts)
        ]
    );
    let auto = plan
        .targets()
        .filter(|t| t.indicator().unwrap().source() == IndicatorSource::Auto)
        .count();
    assert_eq!(auto, 9);
}

#[test]
fn every_text_is_nfc_and_the_plan_round_trips_through_json() {
    assert!(is_nfc(KH_204_2023));
    let plan = plan();
    let json = serde_json::to_string(&plan).unwrap();
    let back: Plan = serde_json::from_str(&json).unwrap();
    assert_eq!(back, plan);
}

#[test]
fn targets_and_tasks_are_found_by_label_or_local_id() {
    let p = plan();
    let (area, t) = p.find_target("2.a").unwrap();
    assert_eq!((area, t.id.as_str()), (Some(2), "MT/2.a"));
    assert_eq!(p.find_target("MT/6.đ").unwrap().1.label, "đ");
    assert_eq!(p.find_target("G.1").unwrap().0, None);
    assert!(p.find_target("2.z").is_none());
    assert_eq!(p.find_task("2.l#2").unwrap().id, "NV/2.l#2");
    assert_eq!(p.find_task(" NV/4.g").unwrap().label, "g");
    assert!(p.find_task("4.e").is_none(), "area 4 has no task e");
    assert!(p.find_task("PL/1").is_none());
}
