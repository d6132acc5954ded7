//! Every rejection of the JSON import, with its record and field.

use super::*;
use serde_json::json;

fn only(text: &str) -> Problem {
    let p = problems(text);
    assert_eq!(p.len(), 1, "{p:?}");
    p.into_iter().next().unwrap()
}

fn at(p: &Problem, record: usize, field: &str, words: &str) {
    assert_eq!(p.location, Location::Record(record), "{p}");
    assert_eq!(p.field, field, "{p}");
    assert!(p.message.contains(words), "{p}");
}

#[test]
fn the_template_is_valid() {
    let c = parse_json(&one(|_| {})).unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(c.procedures[0].versions[0].budget_minutes(), 8 * 60);
}

#[test]
fn unknown_unit_kind() {
    let p = only(&one(|r| {
        r["versions"][0]["processing_time"]["unit"] = json!("tuần")
    }));
    at(
        &p,
        1,
        "versions[0].processing_time.unit",
        "unknown unit kind",
    );
}

#[test]
fn bad_code() {
    let p = only(&one(|r| r["code"] = json!("1-001193")));
    at(&p, 1, "code", "bad procedure code");
    let p = only(&one(|r| r["code"] = json!("1.001193.h31")));
    at(&p, 1, "code", "suffix");
}

#[test]
fn step_budgets_exceeding_the_legal_time() {
    let p = only(&one(|r| {
        r["versions"][0]["steps"][1]["budget_hours"] = json!(7.5)
    }));
    at(
        &p,
        1,
        "versions[0].steps",
        "8.50 h, more than the legal time",
    );
}

#[test]
fn overlapping_version_dates() {
    let p = only(&one(|r| {
        r["versions"] = json!([
            version(1, "2016-01-01", Some("2025-06-30")),
            version(2, "2025-06-01", None)
        ]);
    }));
    at(&p, 1, "versions[1].valid_from", "overlaps version 1");
}

#[test]
fn duplicate_code_and_version() {
    let p = only(&one(|r| {
        r["versions"] = json!([
            version(1, "2016-01-01", Some("2025-06-30")),
            version(1, "2025-07-01", None)
        ]);
    }));
    at(&p, 1, "versions[1].version", "duplicate code+version");
}

#[test]
fn duplicate_code_across_records() {
    let mut doc: serde_json::Value = serde_json::from_str(&one(|_| {})).unwrap();
    let copy = doc["procedures"][0].clone();
    doc["procedures"].as_array_mut().unwrap().push(copy);
    let p = only(&doc.to_string());
    at(
        &p,
        2,
        "code",
        "duplicate code 1.001193: already used at record 1",
    );
}

#[test]
fn missing_name() {
    let p = only(&one(|r| r["name"] = json!("  ")));
    at(&p, 1, "name", "missing name");
}

#[test]
fn missing_legal_basis_or_publication() {
    let p = only(&one(|r| r["versions"][0]["legal_basis"] = json!([])));
    at(&p, 1, "versions[0].legal_basis", "no legal basis");
    let p = only(&one(|r| {
        r["versions"][0]
            .as_object_mut()
            .unwrap()
            .remove("publication");
    }));
    at(&p, 1, "versions[0].publication", "no publication decision");
    let p = only(&one(|r| {
        r["versions"][0]["publication"]["decision_no"] = json!("")
    }));
    at(
        &p,
        1,
        "versions[0].publication.decision_no",
        "missing decision number",
    );
}

#[test]
fn unconfirmed_needs_a_note() {
    let p = only(&one(|r| {
        r["code"] = json!({"value": "1.001193", "unconfirmed": true})
    }));
    at(&p, 1, "code", "without a note");
    let marked = one(|r| {
        r["versions"][0]["publication"] = json!({"decision_no": "", "issuer": "UBND tỉnh", "unconfirmed": true, "note": "not found"});
    });
    let c = parse_json(&marked).unwrap();
    assert_eq!(
        c.procedures[0].unconfirmed_fields(),
        vec!["versions[0].publication"]
    );
}

#[test]
fn bad_dates_cutoff_and_enumerations() {
    let p = problems(&one(|r| {
        let v = &mut r["versions"][0];
        v["valid_from"] = json!("01/07/2025");
        v["same_day_cutoff"] = json!("3pm");
        v["online_level"] = json!("level 3");
        v["result"]["kind"] = json!("fax");
        v["fees"][0]["amount"] = json!("free");
        r["level"] = json!("village");
    }));
    let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "level",
            "versions[0].valid_from",
            "versions[0].same_day_cutoff",
            "versions[0].fees[0].amount",
            "versions[0].result.kind",
            "versions[0].online_level"
        ],
        "{p:?}"
    );
    assert!(p.iter().all(|p| p.location == Location::Record(1)));
}

#[test]
fn same_day_takes_the_value_one_and_valid_to_follows_valid_from() {
    let p = only(&one(|r| {
        r["versions"][0]["processing_time"]["value"] = json!(2)
    }));
    at(
        &p,
        1,
        "versions[0].processing_time.value",
        "takes the value 1",
    );
    let p = only(&one(|r| r["versions"][0]["valid_to"] = json!("2015-01-01")));
    at(&p, 1, "versions[0].valid_to", "before valid_from");
}

#[test]
fn unknown_fields_sources_and_format_are_rejected() {
    let p = only(&one(|r| r["nmae"] = json!("typo")));
    assert_eq!(p.location, Location::Record(1));
    assert!(p.message.contains("unknown field"), "{p}");
    let p = only(&one(|r| {
        r["versions"][0]["publication"]["source"] = json!("nowhere")
    }));
    at(
        &p,
        1,
        "versions[0].publication.source",
        "unknown source 'nowhere'",
    );
    let text = one(|_| {}).replace(FORMAT, "other/9");
    let p = only(&text);
    assert_eq!((p.location, p.field.as_str()), (Location::File, "format"));
    assert_eq!(problems("{").first().unwrap().location, Location::File);
}

#[test]
fn all_problems_of_all_records_are_reported_together() {
    let mut doc: serde_json::Value = serde_json::from_str(&one(|r| r["name"] = json!(""))).unwrap();
    let mut second = doc["procedures"][0].clone();
    second["code"] = json!("2.000815");
    second["name"] = json!("Chứng thực bản sao");
    second["versions"][0]["processing_time"]["unit"] = json!("fortnight");
    doc["procedures"].as_array_mut().unwrap().push(second);
    let p = problems(&doc.to_string());
    let got: Vec<(Location, &str)> = p.iter().map(|p| (p.location, p.field.as_str())).collect();
    assert_eq!(
        got,
        [
            (Location::Record(1), "name"),
            (Location::Record(2), "versions[0].processing_time.unit")
        ]
    );
}
