//! A campaign computed by hand, the template checks with their paths, and properties of the
//! arithmetic (rounding, clamping, caps, ranks).

use std::collections::BTreeSet;

use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::json;

use super::results::{UnitResult, index_cents, rank};
use super::*;
use crate::kpi::exact::Dec;

fn template_json() -> serde_json::Value {
    json!({
        "code": "T-TEST", "name": "Bộ thử", "year": 2026, "group": "department",
        "bands": [{"label": "Tốt", "min": 90}, {"label": "Khá", "min": 75},
                  {"label": "Trung bình", "min": 60}, {"label": "Yếu", "min": 0}],
        "bonus_max": 0.5, "penalty_max": 1,
        "items": [
            {"code": "A1", "name": "Chỉ đạo", "children": [
                {"code": "A1.1", "name": "Kế hoạch", "max": 4, "method": "self"},
                {"code": "A1.2", "name": "Kiểm tra", "max": 2, "method": "self",
                 "optional": true}]},
            {"code": "A2", "name": "TTHC", "children": [
                {"code": "A2.1", "name": "Công khai", "children": [
                    {"code": "A2.1.1", "name": "Niêm yết", "max": 3, "method": "self"},
                    {"code": "A2.1.2", "name": "Hài lòng", "max": 1, "method": "survey"}]}]}
        ]
    })
}

fn template() -> Template {
    parse_template(&template_json().to_string()).unwrap()
}

fn d(s: &str) -> Dec {
    Dec::parse(s).unwrap()
}

const SCORES: &str = "unit,criterion,stage,points,not_applicable,note
U1,A1.1,self,4,,
U1,A1.1,appraisal_1,3.5,,giảm
U1,A1.1,appraisal_2,3.75,,sau giải trình
U1,A1.2,self,,1,
U1,A2.1.1,self,3,,
U1,A2.1.1,appraisal_1,2.5,,
U1,A2.1.2,survey,0.8,,
U1,,bonus,5,,vượt mức tối đa
U2,A1.1,self,3,,
U2,A1.2,self,2,,
U2,A1.2,appraisal_1,,1,thẩm định: không áp dụng
U2,A2.1.1,self,3,,
U2,A2.1.2,survey,0.5,,
U2,,penalty,4,,vượt mức tối đa
U3,A1.1,self,4,,
U3,A1.2,self,1.5,,
U3,A2.1.1,appraisal_2,2,,
U3,A2.1.2,survey,0,,
U4,A1.1,self,3,,
U4,A1.2,self,,true,
U4,A2.1.1,self,3,,
";

fn units() -> Vec<(String, String)> {
    ["U1", "U2", "U3", "U4"]
        .iter()
        .map(|c| ((*c).to_owned(), format!("Đơn vị {c}")))
        .collect()
}

fn codes() -> BTreeSet<String> {
    units().into_iter().map(|(c, _)| c).collect()
}

#[test]
fn a_campaign_computed_by_hand() {
    let t = template();
    let rows = parse_scores(SCORES, &t, &codes()).unwrap();
    let r = campaign_results(&t, 2026, &gather(&units(), &rows));
    let order: Vec<(&str, u32)> = r.units.iter().map(|u| (u.unit.as_str(), u.rank)).collect();
    // 94.38, then the tie at 75.00 sharing rank 2, then 68.75 at rank 4.
    assert_eq!(order, vec![("U1", 1), ("U3", 2), ("U4", 2), ("U2", 4)]);
    let u1 = &r.units[0];
    // 3.75 (appraisal 2) + 2.5 (appraisal 1) + 0.8 (survey); A1.2 not applicable: max 8;
    // bonus 5 capped at 0.5; (7.05 + 0.5) / 8 = 94.375 % → 94.38.
    assert_eq!(
        (u1.points, u1.bonus, u1.penalty, u1.applicable_max, u1.index),
        (d("7.05"), d("0.5"), d("0"), d("8"), d("94.38"))
    );
    assert_eq!(u1.band.as_deref(), Some("Tốt"));
    let areas: Vec<(Dec, Dec, Option<Dec>)> = u1
        .areas
        .iter()
        .map(|a| (a.points, a.max, a.percent))
        .collect();
    assert_eq!(
        areas,
        vec![
            (d("3.75"), d("4"), Some(d("93.75"))),
            (d("3.3"), d("4"), Some(d("82.5")))
        ]
    );
    // U2: the appraiser's "not applicable" overrides the self-score of A1.2; penalty 4
    // capped at 1: (3 + 3 + 0.5 − 1) / 8 = 68.75 %.
    let u2 = &r.units[3];
    assert_eq!(
        (u2.points, u2.penalty, u2.index),
        (d("6.5"), d("1"), d("68.75"))
    );
    assert_eq!(u2.band.as_deref(), Some("Trung bình"));
    // U3: 7.5 / 10; U4: 6 / 8 (A1.2 not applicable, no survey score counts 0): both 75.00,
    // at the "Khá" minimum.
    let (u3, u4) = (&r.units[1], &r.units[2]);
    assert_eq!((u3.index, u3.applicable_max), (d("75"), d("10")));
    assert_eq!((u4.index, u4.applicable_max), (d("75"), d("8")));
    assert_eq!(u4.band.as_deref(), Some("Khá"));
}

#[test]
fn a_bad_scores_file_lists_every_line() {
    let t = template();
    let text = "unit,criterion,stage,points,not_applicable,note
U1,A1.1,self,4.5,,
U1,A1,self,1,,
U9,A1.1,self,1,,
U1,A1.1,appraisal_1,-1,,
U1,A2.1.1,self,,1,
U1,A2.1.2,self,1,,
U1,A1.1,final,1,,
U1,A1.1,self,1.005,,
U1,A1.2,self,1,,
U1,A1.2,self,2,,
U1,A1.1,bonus,1,,
";
    let problems = parse_scores(text, &t, &codes()).unwrap_err();
    let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![2, 3, 4, 5, 6, 7, 8, 9, 11, 12]);
    assert!(problems[0].message.contains("vượt điểm tối đa 4"));
    assert!(problems[1].message.contains("có tiêu chí con"));
    assert!(problems[2].message.contains("không thuộc đợt"));
    assert!(problems[4].message.contains("không cho phép"));
    let missing = parse_scores("unit,stage\n", &t, &codes()).unwrap_err();
    assert_eq!(
        missing[0].message,
        "thiếu cột: criterion, points, not_applicable, note"
    );
}

#[test]
fn template_problems_name_their_paths() {
    let mut bad = template_json();
    bad["group"] = json!("ward");
    bad["bands"][2]["min"] = json!(80);
    bad["items"][0]["max"] = json!(6);
    bad["items"][0]["children"][1]["code"] = json!("A1.1");
    bad["items"][1]["children"][0]["children"][0]
        .as_object_mut()
        .unwrap()
        .remove("max");
    bad["items"][1]["children"][0]["children"][1]["method"] = json!("vote");
    let leaf = json!({"code": "Z4", "name": "z", "max": 1, "method": "self"});
    let deep = (1..=3).rev().fold(
        leaf,
        |child, n| json!({"code": format!("Z{n}"), "name": "z", "children": [child]}),
    );
    bad["items"]
        .as_array_mut()
        .unwrap()
        .push(json!({"code": "Z", "name": "z", "children": [deep]}));
    let problems = parse_template(&bad.to_string()).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "group",
            "bands[2].min",
            "items[0].max",
            "items[0].children[1].code",
            "items[1].children[0].children[0].max",
            "items[1].children[0].children[1].method",
            "items[2].children[0].children[0].children[0].children[0]",
        ]
    );
    let leafless = json!({"code": "L", "name": "n", "max": 1});
    let mut no_max = template_json();
    no_max["items"][0]["children"][0] = leafless;
    let problems = parse_template(&no_max.to_string()).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, vec!["items[0].children[0].method"]);
}

#[test]
fn unknown_fields_are_kept() {
    let mut v = template_json();
    v["note"] = json!("tạm tính");
    v["items"][0]["children"][0]["provisional"] = json!(true);
    let t = parse_template(&v.to_string()).unwrap();
    let back = serde_json::to_value(&t).unwrap();
    assert_eq!(back["note"], json!("tạm tính"));
    assert_eq!(back["items"][0]["children"][0]["provisional"], json!(true));
    assert_eq!(t.total_max(), d("10"));
}

fn result_with(unit: &str, index: Dec) -> UnitResult {
    UnitResult {
        unit: unit.into(),
        name: String::new(),
        points: Dec::ZERO,
        bonus: Dec::ZERO,
        penalty: Dec::ZERO,
        applicable_max: Dec::ZERO,
        index,
        rank: 0,
        band: None,
        areas: Vec::new(),
    }
}

proptest! {
    /// The index is the exact quotient rounded half-up: within half a hundredth, a tie going
    /// up; and it agrees with decimal division rounded the same way.
    #[test]
    fn index_rounds_half_up(points in 0i128..100_000, bonus in 0i128..1_000,
                            penalty in 0i128..1_000, max in 1i128..100_000) {
        let got = index_cents(points, bonus, penalty, max);
        prop_assert!((0..=10_000).contains(&got));
        let total = points + bonus - penalty;
        if total > 0 && total < max {
            let twice_error = 2 * (got * max - total * 10_000);
            prop_assert!(-max < twice_error && twice_error <= max);
            let by_decimal = (Decimal::from_i128_with_scale(total, 0) * Decimal::ONE_HUNDRED
                / Decimal::from_i128_with_scale(max, 0))
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            prop_assert_eq!(Decimal::from_i128_with_scale(got, 2), by_decimal);
        } else {
            prop_assert_eq!(got, if total <= 0 { 0 } else { 10_000 });
        }
    }

    /// More points never lower the index.
    #[test]
    fn index_is_monotonic(points in 0i128..10_000, more in 0i128..1_000, max in 1i128..10_000) {
        prop_assert!(index_cents(points + more, 0, 0, max) >= index_cents(points, 0, 0, max));
    }

    /// A bonus or penalty beyond its cap counts as the cap.
    #[test]
    fn caps_hold(bonus in 0u32..2_000, penalty in 0u32..2_000) {
        let t = template();
        let mut entries = gather(&units()[..1], &[]);
        entries[0].bonus = Some(Dec::new(i64::from(bonus), 2));
        entries[0].penalty = Some(Dec::new(i64::from(penalty), 2));
        let r = results::unit_result(&t, &entries[0]);
        prop_assert_eq!(r.bonus, Dec::new(i64::from(bonus.min(50)), 2));
        prop_assert_eq!(r.penalty, Dec::new(i64::from(penalty.min(100)), 2));
    }

    /// Rank = 1 + the number of strictly higher indices; ordered by rank then code.
    #[test]
    fn ranks_are_competition_ranks(indices in proptest::collection::vec(0i64..20, 0..30)) {
        let mut units: Vec<UnitResult> = indices.iter().enumerate()
            .map(|(i, x)| result_with(&format!("U{i:02}"), Dec::new(*x, 0))).collect();
        rank(&mut units);
        for u in &units {
            let higher = units.iter().filter(|o| o.index > u.index).count();
            prop_assert_eq!(u.rank as usize, higher + 1);
        }
        for pair in units.windows(2) {
            prop_assert!((pair[0].rank, &pair[0].unit) < (pair[1].rank, &pair[1].unit));
        }
    }
}
