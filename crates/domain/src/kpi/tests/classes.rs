//! Counting procedure classes apart: the counts of a set of classes equal the full pass over
//! the dossiers of their procedures, on random facts and after random changes, and the unit
//! totals are those of an aggregate without classes.

use proptest::prelude::*;

use super::incremental::{apply_op, facts, op, scopes, window};
use crate::kpi::{Aggregate, ClassId, Counts, DossierFacts, Keep, ProcedureClasses, Window, count};

/// Classes 1 and 3 kept whole, 2 as receipts; procedure `1.00000{i}` in class `assigned[i]`.
fn classes(assigned: &[ClassId; 4]) -> ProcedureClasses {
    let mut c = ProcedureClasses::new();
    for keep in [Keep::Whole, Keep::Receipts, Keep::Whole] {
        c.add_class(keep);
    }
    for (i, class) in assigned.iter().enumerate() {
        c.assign(format!("1.00000{i}"), *class);
    }
    c
}

/// The facts of the classes accepted (kept whole only, with `whole`); those of no class are
/// counted apart in none.
fn of_classes(
    facts: &[DossierFacts],
    c: &ProcedureClasses,
    wanted: &[ClassId],
    whole: bool,
) -> Vec<DossierFacts> {
    facts
        .iter()
        .filter(|f| {
            let class = c.class_of(&f.procedure);
            class != 0 && wanted.contains(&class) && (!whole || c.keep(class) == Some(Keep::Whole))
        })
        .cloned()
        .collect()
}

fn check(
    agg: &Aggregate,
    facts: &[DossierFacts],
    windows: &[Window],
    wanted: &[ClassId],
) -> Result<(), TestCaseError> {
    let c = agg.classes();
    let whole = of_classes(facts, c, wanted, true);
    let all = of_classes(facts, c, wanted, false);
    for w in windows {
        for scope in &scopes() {
            prop_assert_eq!(agg.counts(scope, w), count(facts, scope, w));
            let expected = Counts {
                procedures_with_fee: 0,
                procedures_paid_online: 0,
                procedures_citizen_data: 0,
                ..count(&whole, scope, w)
            };
            let accept = |class| wanted.contains(&class);
            prop_assert_eq!(agg.class_counts(scope, w, accept), expected);
            prop_assert_eq!(
                agg.class_received(scope, w, accept),
                count(&all, scope, w).received
            );
        }
    }
    Ok(())
}

fn assignment() -> impl Strategy<Value = [ClassId; 4]> {
    [0_u16..4, 0_u16..4, 0_u16..4, 0_u16..4]
}

fn wanted() -> impl Strategy<Value = Vec<ClassId>> {
    proptest::sample::subsequence(vec![1, 2, 3], 0..=3)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn the_counts_of_classes_equal_the_recomputation_over_their_procedures(
        facts in proptest::collection::vec(facts(), 0..40),
        assigned in assignment(),
        wanted in wanted(),
        windows in proptest::collection::vec(window(), 1..5),
    ) {
        let agg = Aggregate::with_classes(classes(&assigned)).inserted(&facts);
        check(&agg, &facts, &windows, &wanted)?;
    }

    #[test]
    fn random_changes_keep_the_counts_of_classes_equal_to_the_recomputation(
        ops in proptest::collection::vec(op(), 1..60),
        assigned in assignment(),
        wanted in wanted(),
        windows in proptest::collection::vec(window(), 1..3),
    ) {
        let mut slots: Vec<Option<DossierFacts>> = vec![None; 12];
        let mut agg = Aggregate::with_classes(classes(&assigned));
        for op in ops {
            apply_op(&mut agg, &mut slots, op);
        }
        let live: Vec<DossierFacts> = slots.iter().flatten().cloned().collect();
        check(&agg, &live, &windows, &wanted)?;
        for f in &live {
            agg.remove(f).unwrap();
        }
        prop_assert_eq!(agg.entry_count(), 0);
    }

    #[test]
    fn a_failed_change_leaves_the_classes_as_they_were(
        facts in proptest::collection::vec(facts(), 1..20),
        new in facts(),
        assigned in assignment(),
        shift in 1_i64..1_000,
        windows in proptest::collection::vec(window(), 1..3),
    ) {
        let mut agg = Aggregate::with_classes(classes(&assigned)).inserted(&facts);
        let before = agg.entry_count();
        let mut altered = facts[0].clone();
        altered.finished_at = altered
            .finished_at
            .map(|f| f + chrono::TimeDelta::seconds(shift));
        altered.flags.dissatisfied = !altered.flags.dissatisfied;
        // The receipt of the altered facts has another mask: neither change finds it.
        if altered.received_at.is_some() {
            prop_assert!(agg.remove(&altered).is_err());
            prop_assert!(agg.replace(&altered, &new).is_err());
        }
        prop_assert_eq!(agg.entry_count(), before);
        check(&agg, &facts, &windows, &[1, 2, 3])?;
    }
}

#[test]
fn a_dossier_moving_to_another_procedure_changes_class() {
    let mut f = super::dossier("D1", "2026-03-02T08:00", "2026-03-06T17:00");
    f.procedure = "1.000001".to_owned();
    let mut agg = Aggregate::with_classes(classes(&[0, 1, 2, 3]));
    agg.insert(&f);
    let w = super::window("2026-03", "2026-03-31T23:59:59");
    let scope = super::province();
    let whole = |class| class == 1;
    assert_eq!(agg.class_counts(&scope, &w, whole).population(), 1);
    let mut moved = f.clone();
    moved.procedure = "1.000002".to_owned();
    agg.replace(&f, &moved).unwrap();
    assert_eq!(agg.class_counts(&scope, &w, whole).population(), 0);
    assert_eq!(agg.class_received(&scope, &w, |c| c == 2), [1, 0, 0]);
    assert_eq!(agg.counts(&scope, &w).population(), 1);
    agg.remove(&moved).unwrap();
    assert_eq!(agg.entry_count(), 0);
}
