//! Tests of the org-unit import validation.

use super::*;

const HEADER: &str = "code,name,kind,parent_code,valid_from,valid_to,successor_code\n";

fn parse(body: &str) -> Result<Vec<OrgUnit>, Vec<ImportProblem>> {
    parse_org_units(&format!("{HEADER}{body}"), &[])
}

#[test]
fn accepts_a_valid_tree_and_normalises_names() {
    let units = parse(
        "H31,Hu\u{31b}ng Yên,province,,1997-01-01,,\n\
         H31.SNV,Sở Nội vụ,department,H31,2008-01-01,,\n",
    )
    .unwrap();
    assert_eq!(units.len(), 2);
    assert_eq!(units[0].name, "Hưng Yên");
    assert_eq!(units[1].parent_code.as_ref().unwrap().as_str(), "H31");
}

#[test]
fn reports_every_bad_row_with_its_line() {
    let problems = parse(
        "H31,Hưng Yên,province,,1997-01-01,,\n\
         H31.X,Xã A,commune,H99,2025-07-01,,\n\
         H31.Y,Xã B,commune,H31,2025-13-01,,\n\
         H31,Hưng Yên again,province,,2000-01-01,,\n\
         H31.Z,,commune,H31,2025-07-01,,\n\
         H31.W,Xã W,village,H31,2025-07-01,,\n",
    )
    .unwrap_err();
    let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![3, 4, 5, 6, 7], "{problems:?}");
    assert!(problems[0].message.contains("unknown parent H99"));
    assert!(problems[1].message.contains("valid_from"));
    assert!(problems[2].message.contains("duplicate code"));
    assert!(problems[3].message.contains("empty name"));
    assert!(problems[4].message.contains("unknown kind"));
}

#[test]
fn same_code_with_disjoint_validity_is_allowed() {
    let units = parse(
        "H54,Thái Bình,province,,1997-01-01,2025-06-30,\n\
         H54,Thái Bình (mới),province,,2025-07-01,,\n",
    )
    .unwrap();
    assert_eq!(units.len(), 2);
}

#[test]
fn overlap_with_existing_units_is_refused() {
    let existing = parse("H31,Hưng Yên,province,,1997-01-01,,\n").unwrap();
    let problems = parse_org_units(
        &format!("{HEADER}H31,Hưng Yên,province,,2020-01-01,,\n"),
        &existing,
    )
    .unwrap_err();
    assert!(
        problems[0].message.contains("existing unit"),
        "{problems:?}"
    );
    let child = format!("{HEADER}H31.SNV,Sở Nội vụ,department,H31,2008-01-01,,\n");
    assert_eq!(parse_org_units(&child, &existing).unwrap().len(), 1);
}

#[test]
fn parent_must_be_valid_when_the_child_starts() {
    let problems = parse(
        "H31.D1,Huyện cũ,district,,2020-01-01,2025-06-30,\n\
         H31.D1.1,Xã mới,commune,H31.D1,2025-07-01,,\n",
    )
    .unwrap_err();
    assert_eq!(problems[0].line, 3);
}

#[test]
fn header_and_empty_files_are_refused() {
    let problems = parse_org_units("code,name\nH31,Hưng Yên\n", &[]).unwrap_err();
    assert!(problems[0].message.contains("kind"));
    assert!(parse("").unwrap_err()[0].message.contains("no data rows"));
}

#[test]
fn valid_to_before_valid_from_is_refused() {
    let problems = parse("H31,Hưng Yên,province,,2025-01-01,2024-01-01,\n").unwrap_err();
    assert!(problems[0].message.contains("before"));
}
