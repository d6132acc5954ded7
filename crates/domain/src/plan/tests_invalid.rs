//! Bad plan files are rejected, each problem with the path of its field.

use std::collections::BTreeSet;

use super::base::KH_204_2023;
use super::*;

const MINIMAL: &str = r#"
schema = 1

[plan]
id = "KH1-2024"
number = "1/KH-UBND"
date = 2023-12-20
place = "Hưng Yên"
issuer = "H31"
issuer_name = "Ủy ban nhân dân tỉnh Hưng Yên"
title = "Kế hoạch thử"
year = 2024
default_deadline = 2024-12-31
preamble = "Căn cứ Kế hoạch số 9/KH-UBND;"
parent_plans = ["KH-9"]

[plan.signer]
name = "Nguyễn Văn A"
position = "CHỦ TỊCH"

[plan.sections]
purpose = "I. MỤC ĐÍCH, YÊU CẦU"
targets = "II. MỤC TIÊU"
tasks = "III. NHIỆM VỤ, GIẢI PHÁP"
organisation = "IV. TỔ CHỨC THỰC HIỆN"

[[legal_bases]]
id = "KH-9"
kind = "Kế hoạch"
number = "9/KH-UBND"
issuer = "Ủy ban nhân dân tỉnh Hưng Yên"
cited_in = ["CC", "NV/1.a"]

[purpose]
text = "Mục đích."

[[requirements]]
label = "a"
text = "Yêu cầu."

[headline]
text = "Mục tiêu chung."

[[headline.goals]]
label = "G.1"
text = "Mục tiêu chung."
scope = ["province"]
thresholds = [{ indicator = "external.par_index.rank", comparator = "le", value = 20, unit = "rank" }]

[[areas]]
code = 1
title = "Cải cách thể chế"
task_title = "Cải cách thể chế"
lead_unit = "H31.STP"

[[areas.targets]]
label = "a"
text = "100% văn bản."
scope = ["province"]
thresholds = [{ indicator = "manual.docs.share", comparator = "ge", value = 100, unit = "percent" }]

[[areas.tasks]]
label = "a"
text = "Nhiệm vụ a."

[[areas.tasks]]
label = "b"
text = "Nhiệm vụ b."
cooperating = ["H31.SNV", "group:districts"]
deadline = 2024-06-30

[[responsibilities]]
number = 1
body = "Sở Nội vụ"
units = ["H31.SNV"]

[[responsibilities.items]]
text = "Chủ trì."
"#;

fn units() -> BTreeSet<UnitCode> {
    ["H31", "H31.SNV", "H31.STP", "H31.VPUB"]
        .iter()
        .map(|c| UnitCode::parse(c).unwrap())
        .collect()
}

fn problems(text: &str) -> Vec<String> {
    match parse_plan(text, &units()) {
        Ok(_) => panic!("accepted a bad plan"),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

fn edit(from: &str, to: &str) -> String {
    assert!(MINIMAL.contains(from), "{from}");
    MINIMAL.replacen(from, to, 1)
}

#[test]
fn the_minimal_plan_is_sound() {
    let plan = parse_plan(MINIMAL, &units()).unwrap();
    let task = &plan.areas[0].tasks[1];
    assert_eq!(task.lead_unit.to_string(), "H31.STP");
    assert!(task.deadline_given);
    assert_eq!(
        task.cooperating
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["H31.SNV", "group:districts"]
    );
    assert_eq!(plan.areas[0].tasks[0].deadline, plan.default_deadline);
}

#[test]
fn a_missing_field_is_reported_at_its_path() {
    let found = problems(&edit("text = \"100% văn bản.\"\n", ""));
    assert_eq!(found, ["areas[0].targets[0].text: missing field"]);
    let found = problems(&edit("value = 100, ", ""));
    assert_eq!(
        found,
        ["areas[0].targets[0].thresholds[0].value: missing field"]
    );
    let found = problems(&edit("[purpose]\ntext = \"Mục đích.\"\n", ""));
    assert_eq!(found, ["purpose: missing field"]);
}

#[test]
fn the_example_path_of_the_shipped_file() {
    let from = "{ indicator = \"external.sipas.satisfaction\", comparator = \"ge\", value = 90, ";
    let bad = KH_204_2023.replacen(
        from,
        "{ indicator = \"external.sipas.satisfaction\", comparator = \"ge\", ",
        1,
    );
    assert_ne!(bad, KH_204_2023);
    let all = units()
        .into_iter()
        .chain(
            [
                "H31.STC",
                "H31.STTTT",
                "H31.BCDCCHC",
                "H31.SGDDT",
                "H31.SYT",
                "H31.BAOHY",
                "H31.DPTTH",
            ]
            .map(|c| UnitCode::parse(c).unwrap()),
        )
        .collect();
    let found: Vec<String> = parse_plan(&bad, &all)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        found,
        ["areas[2].targets[1].thresholds[0].value: missing field"]
    );
}

#[test]
fn an_unknown_unit_is_reported_at_its_path() {
    let found = problems(&edit("lead_unit = \"H31.STP\"", "lead_unit = \"H31.SXX\""));
    assert_eq!(found, ["areas[0].lead_unit: unknown unit 'H31.SXX'"]);
    let found = problems(&edit("\"group:districts\"", "\"H31.ABC\""));
    assert_eq!(
        found,
        ["areas[0].tasks[1].cooperating[1]: unknown unit 'H31.ABC'"]
    );
    let found = problems(&edit("\"group:districts\"", "\"group:wards\""));
    assert!(
        found[0].starts_with("areas[0].tasks[1].cooperating[1]: unknown unit group 'wards'"),
        "{found:?}"
    );
}

#[test]
fn an_undeclared_duplicate_label_is_rejected() {
    let found = problems(&edit("label = \"b\"", "label = \"a\""));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("areas[0].tasks[1].label: duplicate label 'a'"),
        "{found:?}"
    );
    // Declared, the same duplicate is the document's own quirk.
    let declared = edit(
        "label = \"b\"",
        "label = \"a\"\nduplicate_of_label_ok = true",
    );
    let plan = parse_plan(&declared, &units()).unwrap();
    assert_eq!(plan.areas[0].tasks[1].id, "NV/1.a#2");
}

#[test]
fn the_shipped_quirks_must_stay_declared() {
    let all = known_units_of_the_plan();
    let undeclared = KH_204_2023.replacen("duplicate_of_label_ok = true\n", "", 1);
    let found: Vec<String> = parse_plan(&undeclared, &all)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("areas[1].tasks[11].label: duplicate label 'l'"),
        "{found:?}"
    );
    let undeclared = KH_204_2023.replacen("skipped_before = [\"e\"]\n", "", 1);
    let found: Vec<String> = parse_plan(&undeclared, &all)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("areas[3].tasks[5].label: label 'g' skips \"e\""),
        "{found:?}"
    );
}

#[test]
fn a_lost_item_is_detected() {
    let all = known_units_of_the_plan();
    let start = KH_204_2023
        .find("[[areas.tasks]]\nlabel = \"d\"\ntext = \"Kiểm tra, đánh giá")
        .unwrap();
    let end = start + KH_204_2023[start..].find("\n\n").unwrap() + 2;
    let lost = format!("{}{}", &KH_204_2023[..start], &KH_204_2023[end..]);
    let found: Vec<String> = parse_plan(&lost, &all)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("areas[1].tasks[3].label: label 'đ' skips \"d\""),
        "{found:?}"
    );
}

fn known_units_of_the_plan() -> BTreeSet<UnitCode> {
    [
        "H31",
        "H31.SNV",
        "H31.STP",
        "H31.VPUB",
        "H31.STC",
        "H31.STTTT",
        "H31.BCDCCHC",
        "H31.SGDDT",
        "H31.SYT",
        "H31.BAOHY",
        "H31.DPTTH",
    ]
    .iter()
    .map(|c| UnitCode::parse(c).unwrap())
    .collect()
}

#[test]
fn wrong_types_unknown_fields_and_dangling_references_are_reported() {
    let found = problems(&edit(
        "value = 100, unit = \"percent\"",
        "value = \"all\", unit = \"percent\"",
    ));
    assert_eq!(
        found,
        ["areas[0].targets[0].thresholds[0].value: expected a number, found string"]
    );
    let found = problems(&edit(
        "value = 100, unit = \"percent\"",
        "value = 950, unit = \"percent\"",
    ));
    assert_eq!(
        found,
        ["areas[0].targets[0].thresholds[0].value: 950 is not a percentage (0–100)"]
    );
    let found = problems(&edit("text = \"Nhiệm vụ a.\"", "txt = \"Nhiệm vụ a.\""));
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("areas[0].tasks[0].txt: unknown field")),
        "{found:?}"
    );
    assert!(
        found.contains(&"areas[0].tasks[0].text: missing field".to_owned()),
        "{found:?}"
    );
    let found = problems(&edit("\"NV/1.a\"", "\"NV/1.z\""));
    assert_eq!(
        found,
        ["legal_bases[0].cited_in[1]: no item has the id 'NV/1.z'"]
    );
    let found = problems(&edit(
        "parent_plans = [\"KH-9\"]",
        "parent_plans = [\"KH-8\"]",
    ));
    assert_eq!(
        found,
        ["plan.parent_plans[0]: 'KH-8' is not the id of a legal basis"]
    );
    let found = problems("schema = 1\n[plan\n");
    assert!(found[0].starts_with(": not valid TOML"), "{found:?}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let bad = edit("lead_unit = \"H31.STP\"", "lead_unit = \"H31.SXX\"").replacen(
        "label = \"b\"",
        "label = \"a\"",
        1,
    );
    let found = problems(&bad);
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn appendix_tasks_are_imported_later() {
    let plan = parse_plan(MINIMAL, &units()).unwrap();
    let appendix = r#"
schema = 1
[[appendix_tasks]]
label = "1"
area = 1
text = "Xây dựng quy chế."
lead_unit = "H31.VPUB"
deadline = 2024-03-31
expected_output = "Quyết định ban hành quy chế"
"#;
    let tasks = parse_appendix(appendix, &units(), &plan).unwrap();
    assert_eq!((tasks[0].id.as_str(), tasks[0].area), ("PL/1", 1));
    let mut plan = plan;
    plan.appendix_tasks.extend(tasks);
    let found: Vec<String> = parse_appendix(appendix, &units(), &plan)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        found,
        ["appendix_tasks[0].label: duplicate label '1': the plan's appendix has it"]
    );
    let found: Vec<String> = parse_appendix(
        &appendix.replace("area = 1", "area = 7"),
        &units(),
        &parse_plan(MINIMAL, &units()).unwrap(),
    )
    .unwrap_err()
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(found, ["appendix_tasks[0].area: the plan has no area 7"]);
}
