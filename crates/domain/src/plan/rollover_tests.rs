//! Tests of the year rollover: dates and ids moved by whole years, units followed to their
//! successors through the lineage.

use chrono::Datelike;
use proptest::prelude::*;

use super::*;
use crate::base::{ORG_LINEAGE_CSV, ORG_UNITS_CSV};
use crate::org_import::parse_org_units;
use crate::org_lineage::parse_lineage;
use crate::plan::test_support::{d, shipped};

fn code(s: &str) -> UnitCode {
    UnitCode::parse(s).unwrap()
}

#[test]
fn years_shift_and_keys_follow_the_year() {
    assert_eq!(shift_years(d("2023-12-31"), 1), Some(d("2024-12-31")));
    assert_eq!(shift_years(d("2024-02-29"), 1), Some(d("2025-02-28")));
    assert_eq!(shift_years(d("2024-06-30"), -1), Some(d("2023-06-30")));
    assert_eq!(clone_key("KH204-2023", 2023, 2024), "KH204-2024");
    assert_eq!(clone_key("KH-SNV", 2023, 2024), "KH-SNV-2024");
}

#[test]
fn units_follow_successors_and_lineage_until_one_is_in_force() {
    let csv = "code,name,kind,parent_code,valid_from,valid_to,successor_code\n\
        H31,Hưng Yên,province,,1997-01-01,,\n\
        H31.SKHCN,Sở KH&CN,department,H31,2020-01-01,,\n\
        H31.STTTT,Sở TT&TT,department,H31,2020-01-01,2025-02-28,H31.SKHCN\n\
        H31.SX,Sở X,department,H31,2020-01-01,2024-06-30,\n\
        H31.SY,Sở Y,department,H31,2020-01-01,2024-06-30,\n";
    let units = parse_org_units(csv, &[]).unwrap();
    let lineage = vec![Succession {
        from: code("H31.SX"),
        to: code("H31.STTTT"),
        effective: d("2024-07-01"),
    }];
    let mut m = UnitMapper::new(&units, &lineage, d("2025-12-31"));
    assert_eq!(m.map(&code("H31.STTTT")), code("H31.SKHCN"));
    assert_eq!(m.map(&code("H31.SX")), code("H31.SKHCN"));
    assert_eq!(m.map(&code("H31.SY")), code("H31.SY"));
    assert_eq!(m.map(&code("H31")), code("H31"));
    let done = m.mapping();
    assert_eq!(done.unmapped, ["H31.SY"]);
    assert_eq!(
        done.mapped,
        [
            ("H31.STTTT".to_owned(), "H31.SKHCN".to_owned()),
            ("H31.SX".to_owned(), "H31.SKHCN".to_owned())
        ]
    );
    let mut before = UnitMapper::new(&units, &lineage, d("2024-12-31"));
    assert_eq!(before.map(&code("H31.STTTT")), code("H31.STTTT"));
    assert!(before.mapping().mapped.is_empty());
}

#[test]
fn a_unit_split_between_several_successors_is_kept_and_listed() {
    let csv = "code,name,kind,parent_code,valid_from,valid_to,successor_code\n\
        H31,Hưng Yên,province,,1997-01-01,,\n\
        H31.SA,Sở A,department,H31,2020-01-01,,\n\
        H31.SB,Sở B,department,H31,2020-01-01,,\n\
        H31.SX,Sở X,department,H31,2020-01-01,2024-06-30,\n";
    let units = parse_org_units(csv, &[]).unwrap();
    let split = |to: &str| Succession {
        from: code("H31.SX"),
        to: code(to),
        effective: d("2024-07-01"),
    };
    let lineage = [split("H31.SA"), split("H31.SB")];
    let mut m = UnitMapper::new(&units, &lineage, d("2025-12-31"));
    assert_eq!(m.map(&code("H31.SX")), code("H31.SX"));
    assert_eq!(m.mapping().unmapped, ["H31.SX"]);
}

#[test]
fn the_shipped_plan_rolls_into_the_next_years() {
    let source = shipped();
    assert_eq!(
        rollover_draft(&source, 2023),
        Err("the plan is already for 2023".into())
    );
    let units = parse_org_units(ORG_UNITS_CSV, &[]).unwrap();
    let lineage: Vec<Succession> = parse_lineage(ORG_LINEAGE_CSV.unwrap(), &units)
        .unwrap()
        .into_iter()
        .map(|r| Succession {
            from: r.from,
            to: r.to,
            effective: r.effective,
        })
        .collect();
    let mut next = rollover_draft(&source, 2024).unwrap();
    assert_eq!(
        (next.id.as_str(), next.year, next.default_deadline),
        ("KH204-2024", 2024, d("2024-12-31"))
    );
    assert!(next.title.ends_with("năm 2024"), "{}", next.title);
    assert!(next.tasks().all(|t| t.deadline.year() == 2024));
    assert!(map_units(&mut next, &units, &lineage).mapped.is_empty());
    // Sở TT&TT merged into Sở KH&CN on 01/03/2025.
    let mut later = rollover_draft(&source, 2025).unwrap();
    let mapping = map_units(&mut later, &units, &lineage);
    let merged = ("H31.STTTT".to_owned(), "H31.SKHCN".to_owned());
    assert_eq!(mapping.mapped, [merged]);
    assert!(mapping.unmapped.is_empty(), "{:?}", mapping.unmapped);
    assert_eq!(
        later.area(6).unwrap().lead_unit,
        UnitRef::parse("H31.SKHCN").unwrap()
    );
}

proptest! {
    #[test]
    fn a_shift_there_and_back_returns_the_day_unless_it_was_29_february(
        days in 0i64..20_000,
        years in -30i32..30,
    ) {
        let day = d("2000-01-01") + chrono::TimeDelta::days(days);
        let moved = shift_years(day, years).unwrap();
        prop_assert_eq!(moved.year(), day.year() + years);
        prop_assert_eq!(moved.month(), day.month());
        let back = shift_years(moved, -years).unwrap();
        if day.month() == 2 && day.day() == 29 {
            prop_assert!(back.day() == 29 || back.day() == 28);
        } else {
            prop_assert_eq!(back, day);
        }
    }
}
