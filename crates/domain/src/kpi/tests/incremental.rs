//! The incremental aggregate equals the full recomputation: on random facts, and after random
//! sequences of inserts, replacements and removals.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use proptest::prelude::*;

use crate::dossier::{Channel, Status};
use crate::kpi::{
    Aggregate, Change, DossierFacts, Flags, Period, Scope, SupplementSpan, Window, count,
};

const UNITS: [&str; 3] = ["H31", "H31.1", "H31.2"];

fn origin() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap()
}

/// An instant on a coarse grid (quarter hours over ~4 months), sometimes one second off, so
/// that ties with due times, period bounds and other events are frequent.
fn instant() -> impl Strategy<Value = NaiveDateTime> {
    (
        0_i64..120 * 96,
        prop_oneof![6 => Just(0_i64), 1 => Just(1), 1 => Just(-1)],
    )
        .prop_map(|(q, s)| origin() + TimeDelta::minutes(15 * q) + TimeDelta::seconds(s))
}

fn span() -> impl Strategy<Value = TimeDelta> {
    prop_oneof![
        1 => Just(TimeDelta::zero()),
        6 => (1_i64..30 * 96).prop_map(|q| TimeDelta::minutes(15 * q)),
        1 => (1_i64..86_400).prop_map(TimeDelta::seconds),
    ]
}

fn flags() -> impl Strategy<Value = Flags> {
    proptest::collection::vec(any::<bool>(), 10).prop_map(|b| Flags {
        reused_data: b[0],
        personal_store: b[1],
        vneid: b[2],
        national_db: b[3],
        attachments: b[4],
        electronic_result: b[5],
        fee: b[6],
        paid_online: b[7],
        rated: b[8],
        dissatisfied: b[9],
    })
}

fn supplement(received: NaiveDateTime) -> impl Strategy<Value = SupplementSpan> {
    (
        -5_i64..20 * 96,
        proptest::option::weighted(0.7, span()),
        proptest::option::weighted(0.3, -96_i64..40 * 96),
    )
        .prop_map(move |(q, c, due)| {
            let requested_at = received + TimeDelta::minutes(15 * q);
            let completed_at = c.map(|c| requested_at + c);
            SupplementSpan {
                requested_at,
                completed_at,
                kpi_due_after: completed_at
                    .and(due)
                    .map(|d| received + TimeDelta::minutes(15 * d)),
            }
        })
}

prop_compose! {
    pub(crate) fn facts()(
        received in proptest::option::weighted(0.95, instant()),
        supplements in prop_oneof![4 => Just(0_usize), 4 => Just(1), 2 => Just(2), 1 => Just(3)],
    )(
        supplements in proptest::collection::vec(supplement(received.unwrap_or_else(origin)), supplements),
        received in Just(received),
        code in 0_u32..1_000,
        unit in 0_usize..3,
        procedure in 0_u32..4,
        channel in 1_u8..=3,
        due in proptest::option::weighted(0.95, (-2_i64..40 * 96).prop_map(|q| TimeDelta::minutes(15 * q))),
        end in proptest::option::weighted(0.6, span()),
        terminal in prop::sample::select(vec![Status::Resolved, Status::Returned, Status::Stopped, Status::Refused, Status::Withdrawn]),
        flags in flags(),
    ) -> DossierFacts {
        DossierFacts {
            code: format!("D{code}"),
            unit: UNITS[unit].to_owned(),
            procedure: format!("1.00000{procedure}"),
            channel: Channel::from_code(channel).unwrap(),
            received_at: received,
            due_at: received.zip(due).map(|(r, d)| r + d),
            finished_at: received.zip(end).map(|(r, e)| r + e),
            terminal: end.map(|_| terminal),
            supplements,
            flags,
        }
    }
}

prop_compose! {
    pub(crate) fn window()(start in 0_i64..110, len in 0_i64..60, as_of in 0_i64..200 * 96, sec in -1_i64..=1) -> Window {
        let first = origin().date() + TimeDelta::days(start);
        let period = Period { start: first, end: first + TimeDelta::days(len) };
        let as_of = first.and_hms_opt(0, 0, 0).unwrap() + TimeDelta::minutes(15 * as_of) + TimeDelta::seconds(sec);
        Window::new(period, as_of).unwrap_or_else(|_| Window::closed(period))
    }
}

pub(crate) fn scopes() -> [Scope; 3] {
    [
        Scope::new("H31", ["H31.1", "H31.2"]),
        Scope::single("H31.1"),
        Scope::new("H31.2", ["H99"]),
    ]
}

fn check(agg: &Aggregate, facts: &[DossierFacts], windows: &[Window]) -> Result<(), TestCaseError> {
    for w in windows {
        for scope in &scopes() {
            prop_assert_eq!(
                agg.counts(scope, w),
                count(facts, scope, w),
                "window {:?}",
                w
            );
        }
    }
    Ok(())
}

/// A change of slot `i`: new facts, or none.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    Put(usize, DossierFacts),
    Remove(usize),
}

pub(crate) fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0_usize..12, facts()).prop_map(|(i, f)| Op::Put(i, f)),
        1 => (0_usize..12).prop_map(Op::Remove),
    ]
}

/// Applies `op` to the aggregate and to `slots`, the facts each slot holds.
pub(crate) fn apply_op(agg: &mut Aggregate, slots: &mut [Option<DossierFacts>], op: Op) {
    match op {
        Op::Put(i, new) => {
            let change = match &slots[i] {
                Some(old) => Change::Replace { old, new: &new },
                None => Change::Insert(&new),
            };
            agg.apply(change).unwrap();
            slots[i] = Some(new);
        }
        Op::Remove(i) => {
            if let Some(old) = slots[i].take() {
                agg.apply(Change::Remove(&old)).unwrap();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_aggregate_of_random_facts_equals_the_recomputation(
        facts in proptest::collection::vec(facts(), 0..40),
        windows in proptest::collection::vec(window(), 1..6),
    ) {
        check(&Aggregate::from_facts(&facts), &facts, &windows)?;
    }

    #[test]
    fn random_changes_keep_the_aggregate_equal_to_the_recomputation(
        ops in proptest::collection::vec(op(), 1..60),
        windows in proptest::collection::vec(window(), 1..4),
    ) {
        let mut slots: Vec<Option<DossierFacts>> = vec![None; 12];
        let mut agg = Aggregate::new();
        for (n, op) in ops.into_iter().enumerate() {
            apply_op(&mut agg, &mut slots, op);
            if n % 7 == 0 {
                let live: Vec<DossierFacts> = slots.iter().flatten().cloned().collect();
                check(&agg, &live, &windows)?;
            }
        }
        let live: Vec<DossierFacts> = slots.iter().flatten().cloned().collect();
        check(&agg, &live, &windows)?;
        for f in &live {
            agg.remove(f).unwrap();
        }
        prop_assert_eq!(agg.entry_count(), 0);
    }

    #[test]
    fn removing_altered_facts_fails_and_changes_nothing(
        facts in proptest::collection::vec(facts(), 1..20),
        shift in 1_i64..1_000,
        windows in proptest::collection::vec(window(), 1..3),
    ) {
        let mut agg = Aggregate::from_facts(&facts);
        let before = agg.entry_count();
        let mut altered = facts[0].clone();
        altered.finished_at = altered.finished_at.map(|f| f + TimeDelta::seconds(shift));
        altered.flags.dissatisfied = !altered.flags.dissatisfied;
        if altered.received_at.is_some() && agg.remove(&altered).is_err() {
            prop_assert_eq!(agg.entry_count(), before);
            check(&agg, &facts, &windows)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn replacing_facts_that_were_not_added_fails_and_changes_nothing(
        facts in proptest::collection::vec(facts(), 1..20),
        new in facts(),
        shift in 1_i64..1_000,
        windows in proptest::collection::vec(window(), 1..3),
    ) {
        let mut agg = Aggregate::from_facts(&facts);
        let before = agg.entry_count();
        let mut altered = facts[0].clone();
        altered.received_at = altered.received_at.map(|r| r - TimeDelta::seconds(shift));
        let mut new = new;
        new.unit.clone_from(&altered.unit);
        if altered.received_at.is_some() && new.received_at.is_some() {
            prop_assert!(agg.replace(&altered, &new).is_err());
            prop_assert_eq!(agg.entry_count(), before);
            check(&agg, &facts, &windows)?;
        }
    }

    #[test]
    fn replacing_a_dossier_by_itself_changes_nothing(
        facts in proptest::collection::vec(facts(), 1..20),
        windows in proptest::collection::vec(window(), 1..3),
    ) {
        let mut agg = Aggregate::from_facts(&facts);
        for f in &facts {
            agg.replace(f, f).unwrap();
        }
        check(&agg, &facts, &windows)?;
    }
}
