//! Tests of the roll-up and of value checks, with sums, averages and ratios computed by hand.

use super::regime::Regimes;
use super::rollup::{StoredValue, rollup};
use super::value::{Value, check_relations, parse_value};
use crate::org::UnitCode;
use rust_decimal::Decimal;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

fn u(s: &str) -> UnitCode {
    UnitCode::parse(s).unwrap()
}

fn n(s: &str) -> Value {
    Value::Number(s.parse::<Decimal>().unwrap())
}

fn v(unit: &str, indicator: &str, value: Value) -> StoredValue {
    StoredValue {
        unit: u(unit),
        indicator: indicator.to_owned(),
        value,
    }
}

#[test]
fn sums_averages_ratios_and_missing_units() {
    let all = Regimes::embedded();
    let r = all.get("BNV-CCHC-Q").unwrap();
    let expected: BTreeSet<UnitCode> = ["H31.A", "H31.B", "H31.C"].into_iter().map(u).collect();
    let values = vec![
        v("H31.A", "TTHC.HS_TN", n("120")),
        v("H31.A", "TTHC.HS_DH", n("100")),
        v("H31.B", "TTHC.HS_TN", n("30")),
        v("H31.B", "TTHC.HS_DH", n("29")),
        // C sent the numerator alone: it counts for the sum, not for the ratio.
        v("H31.C", "TTHC.HS_DH", n("7")),
        v("H31.A", "TTHC.HAI_LONG", n("90")),
        v("H31.B", "TTHC.HAI_LONG", n("85.5")),
        v("H31.C", "TTHC.HAI_LONG", n("80")),
        v("H31.A", "CPS.TIEN_DO_THAP", n("70")),
        v("H31.C", "CPS.TIEN_DO_THAP", n("65.5")),
        v(
            "H31.B",
            "KN.GHI_CHU",
            Value::Text("Bổ sung biên chế".into()),
        ),
        // Outside the subtree: never counted.
        v("H31.Z", "TTHC.HS_TN", n("1000")),
        v("H31.Z", "TTHC.HAI_LONG", n("0")),
    ];
    let out = rollup(r, &expected, &values);
    let get = |code: &str| out.iter().find(|i| i.code == code).unwrap();
    assert_eq!(get("TTHC.HS_TN").value, json!(150));
    assert_eq!(get("TTHC.HS_TN").missing, vec!["H31.C"]);
    assert_eq!(get("TTHC.HS_DH").value, json!(136));
    assert_eq!(get("TTHC.HS_DH").units_reported, 3);
    // (100 + 29) / (120 + 30) = 86 %.
    let ratio = get("TTHC.TL_DH");
    assert_eq!(ratio.value, json!(86));
    assert_eq!((ratio.units_reported, ratio.units_expected), (2, 3));
    assert_eq!(ratio.missing, vec!["H31.C"]);
    // (90 + 85.5 + 80) / 3 = 85.1666… → 85.17.
    assert_eq!(get("TTHC.HAI_LONG").value, json!(85.17));
    assert_eq!(get("CPS.TIEN_DO_THAP").value, json!(65.5));
    assert_eq!(get("KN.GHI_CHU").value, json!("H31.B: Bổ sung biên chế"));
    // Nothing reported: no figure, every unit missing.
    assert_eq!(get("BM.GIAM").value, json!(null));
    assert_eq!(get("BM.GIAM").missing.len(), 3);
}

#[test]
fn a_ratio_over_zero_has_no_value() {
    let all = Regimes::embedded();
    let r = all.get("BNV-CCHC-Q").unwrap();
    let expected: BTreeSet<UnitCode> = [u("H31.A")].into();
    let values = vec![
        v("H31.A", "TTHC.HS_TN", n("0")),
        v("H31.A", "TTHC.HS_DH", n("0")),
    ];
    let out = rollup(r, &expected, &values);
    let ratio = out.iter().find(|i| i.code == "TTHC.TL_DH").unwrap();
    assert_eq!(
        (ratio.value.clone(), ratio.units_reported),
        (json!(null), 1)
    );
}

#[test]
fn values_are_read_as_their_indicator_type() {
    let all = Regimes::embedded();
    let r = all.get("BNV-CCHC-Q").unwrap();
    let ind = |c: &str| r.indicator(c).unwrap();
    assert_eq!(
        parse_value(ind("TTHC.HS_TN"), " 12 ").unwrap(),
        Some(n("12"))
    );
    assert!(parse_value(ind("TTHC.HS_TN"), "12.5").is_err());
    assert!(parse_value(ind("TTHC.HS_TN"), "-1").is_err());
    assert!(parse_value(ind("TTHC.HS_TN"), "mười").is_err());
    assert!(parse_value(ind("TTHC.HAI_LONG"), "100.01").is_err());
    assert_eq!(
        parse_value(ind("TTHC.HAI_LONG"), "99.5").unwrap(),
        Some(n("99.5"))
    );
    assert_eq!(
        parse_value(ind("CD.KH"), "Có").unwrap(),
        Some(Value::YesNo(true))
    );
    assert!(parse_value(ind("CD.KH"), "").is_err(), "required");
    assert!(parse_value(ind("CD.KH"), "có lẽ").is_err());
    assert_eq!(parse_value(ind("BM.GIAM"), "").unwrap(), None);
    assert!(parse_value(ind("TTHC.TL_DH"), "50").is_err(), "computed");
    let stored = n("12.50").to_stored();
    assert_eq!(stored, "12.5");
    assert_eq!(
        Value::from_stored(ind("TTHC.HAI_LONG"), &stored).unwrap(),
        n("12.5")
    );
}

#[test]
fn one_indicator_may_not_exceed_another() {
    let all = Regimes::embedded();
    let r = all.get("BNV-CCHC-Q").unwrap();
    let mut values = BTreeMap::from([
        ("TTHC.HS_TN".to_owned(), n("10")),
        ("TTHC.HS_DH".to_owned(), n("10")),
    ]);
    assert!(check_relations(r, &values).is_empty());
    values.insert("TTHC.HS_DH".to_owned(), n("11"));
    let problems = check_relations(r, &values);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("TTHC.HS_DH"));
}
