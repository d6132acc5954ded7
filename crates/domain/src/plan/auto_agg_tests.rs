//! The aggregate gives the plan's automatic indicators exactly as the pass over the facts
//! does: on random dossiers of random procedures (sectors of every group, none, toàn trình or
//! not, unknown to the catalogue), for random periods, every sector suffix, a subtree and a
//! single unit, after random changes too.

use std::collections::HashMap;

use chrono::{NaiveDate, TimeDelta};
use proptest::prelude::*;

use super::*;
use crate::kpi::DossierFacts;
use crate::kpi::tests::incremental::{apply_op, facts, op};
use crate::plan::auto::DossierIndicators;
use crate::plan::sectors::{ALL_GROUPS_KEY, shipped_sectors};

/// Sector names: land, construction, investment, none.
const SECTORS: [&str; 4] = ["Đất đai", "Nhà ở", "Đầu tư tại Việt Nam", "Hộ tịch"];

/// The traits of procedures `1.000000` to `1.000003`: (sector, toàn trình), or unknown.
fn catalogue() -> impl Strategy<Value = HashMap<String, ProcedureTraits>> {
    proptest::collection::vec(
        proptest::option::weighted(0.85, (0_usize..4, any::<bool>())),
        4,
    )
    .prop_map(|traits| {
        traits
            .into_iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let (sector, full_online) = t?;
                let traits = ProcedureTraits {
                    sector_name: SECTORS[sector].to_owned(),
                    sector_code: None,
                    full_online,
                };
                Some((format!("1.00000{i}"), traits))
            })
            .collect()
    })
}

/// A period of 2026 (the facts lie in its first five months).
fn period() -> impl Strategy<Value = Period> {
    (0_i64..150, 0_i64..120).prop_map(|(start, len)| {
        let first = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + TimeDelta::days(start);
        Period {
            start: first,
            end: first + TimeDelta::days(len),
        }
    })
}

fn keys() -> Vec<Option<&'static str>> {
    vec![
        None,
        Some("land"),
        Some("construction"),
        Some("investment"),
        Some(ALL_GROUPS_KEY),
        Some("unknown"),
    ]
}

/// Both sources agree on every tally and every indicator of `scope`.
fn agree(
    facts: &[DossierFacts],
    catalogue: &HashMap<String, ProcedureTraits>,
    aggregate: &Aggregate,
    classes: &PlanClasses,
    periods: &[Period],
) -> Result<(), TestCaseError> {
    let scopes = [
        Scope::new("H31", ["H31.1", "H31.2"]),
        Scope::single("H31.1"),
    ];
    for scope in &scopes {
        let unit = UnitCode::parse(scope.unit()).unwrap();
        let mine: Vec<DossierFacts> = facts
            .iter()
            .filter(|f| scope.contains(&f.unit))
            .cloned()
            .collect();
        let reference = DossierIndicators::new(&unit, mine, catalogue.clone(), shipped_sectors());
        let live = AggregateIndicators::new(aggregate, classes, scope);
        for &period in periods {
            for key in keys() {
                prop_assert_eq!(
                    live.tally(period, key),
                    reference.tally(period, key),
                    "{:?} {:?} {}",
                    period,
                    key,
                    scope.unit()
                );
                for (_, base) in AutoIndicator::ALL {
                    let id = key.map_or_else(|| base.to_owned(), |k| format!("{base}.{k}"));
                    let id = IndicatorId::parse(&id).unwrap();
                    prop_assert_eq!(
                        live.value(&id, &unit, period),
                        reference.value(&id, &unit, period)
                    );
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_aggregate_gives_the_figures_of_the_pass_over_the_facts(
        facts in proptest::collection::vec(facts(), 0..40),
        catalogue in catalogue(),
        periods in proptest::collection::vec(period(), 1..4),
    ) {
        let classes = PlanClasses::new(&catalogue, shipped_sectors());
        let aggregate =
            Aggregate::with_classes(classes.procedure_classes().clone()).inserted(&facts);
        agree(&facts, &catalogue, &aggregate, &classes, &periods)?;
    }

    #[test]
    fn after_random_changes_the_aggregate_still_gives_the_same_figures(
        ops in proptest::collection::vec(op(), 1..50),
        catalogue in catalogue(),
        periods in proptest::collection::vec(period(), 1..3),
    ) {
        let classes = PlanClasses::new(&catalogue, shipped_sectors());
        let mut aggregate = Aggregate::with_classes(classes.procedure_classes().clone());
        let mut slots: Vec<Option<DossierFacts>> = vec![None; 12];
        for op in ops {
            apply_op(&mut aggregate, &mut slots, op);
        }
        let live: Vec<DossierFacts> = slots.into_iter().flatten().collect();
        agree(&live, &catalogue, &aggregate, &classes, &periods)?;
    }
}

#[test]
fn procedures_of_one_kind_share_a_class_and_the_plain_ones_have_none() {
    let traits = |sector: &str, full_online| ProcedureTraits {
        sector_name: sector.to_owned(),
        sector_code: None,
        full_online,
    };
    let catalogue = HashMap::from([
        ("A".to_owned(), traits("Đất đai", false)),
        ("B".to_owned(), traits("Đất đai", false)),
        ("C".to_owned(), traits("Đất đai", true)),
        ("D".to_owned(), traits("Hộ tịch", true)),
        ("E".to_owned(), traits("Hộ tịch", false)),
    ]);
    let classes = PlanClasses::new(&catalogue, shipped_sectors());
    let p = classes.procedure_classes();
    assert_eq!(p.class_of("A"), p.class_of("B"));
    assert_ne!(p.class_of("A"), p.class_of("C"));
    assert_eq!(p.keep(p.class_of("C")), Some(Keep::Whole));
    assert_eq!(p.keep(p.class_of("D")), Some(Keep::Receipts));
    assert_eq!((p.class_of("E"), p.class_of("unknown")), (0, 0));
}
