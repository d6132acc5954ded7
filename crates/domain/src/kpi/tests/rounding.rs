//! Properties of the exact arithmetic: scores and percentages rounded half-up to two
//! decimals (checked against the definition by cross-multiplication, not by the same
//! formula), a group the sum of its rounded rows, decimals written in JSON as their digits.

use proptest::prelude::*;

use super::i766::{dec, defs, evaluate_with};
use crate::kpi::exact::{Dec, Ratio, div_half_up};
use crate::kpi::{Counts, Digitisation, ManualValues, Tier};

/// `s` (hundredths) is `x = num ÷ den` rounded half-up: `s − ½ ≤ x < s + ½`, i.e.
/// `2·s·den ≤ 2·num + den < 2·(s + 1)·den`.
fn is_half_up(s: u128, num: u128, den: u128) -> bool {
    2 * s * den <= 2 * num + den && 2 * num + den < 2 * (s + 1) * den
}

fn hundredths(d: Dec) -> u128 {
    d.hundredths().expect("two decimals at most")
}

#[test]
fn halves_round_up_and_the_rest_to_the_nearest() {
    assert_eq!(div_half_up(5, 10), 1);
    assert_eq!(div_half_up(4, 10), 0);
    assert_eq!(div_half_up(15, 10), 2);
    assert_eq!(div_half_up(25, 10), 3, "half-up, not half-even");
    assert_eq!(dec("0.125").round2(), dec("0.13"));
    assert_eq!(dec("0.135").round2(), dec("0.14"));
    assert_eq!(dec("0.1249").round2(), dec("0.12"));
    // 2.5 × 1/4 = 0.625 exactly: half-up gives 0.63 (half-even would give 0.62).
    let quarter = Ratio::of_counts(1, 4).unwrap();
    assert_eq!(quarter.times(dec("2.5")), dec("0.63"));
    // 1/8 = 12.5 % exactly: 12.50; 1/16 = 6.25 %; 1/32 = 3.125 % → 3.13.
    assert_eq!(Ratio::of_counts(1, 32).unwrap().percent(), dec("3.13"));
}

#[test]
fn ratios_of_decimals_clamp_and_refuse_zero_denominators() {
    assert_eq!(Ratio::new(dec("5"), dec("0")), None);
    assert_eq!(Ratio::new(dec("5"), dec("-2")), None);
    assert_eq!(
        Ratio::new(dec("12"), dec("10")).unwrap().percent(),
        dec("100")
    );
    assert_eq!(
        Ratio::new(dec("-1"), dec("10")).unwrap().percent(),
        dec("0")
    );
    assert_eq!(Ratio::new(dec("0.5"), dec("1")), Ratio::of_counts(1, 2));
    // Far apart in scale: the quotient to 28 digits.
    let tiny = Ratio::new(
        dec("0.0000000000000000000000000001"),
        dec("79228162514264337593543950335"),
    );
    assert_eq!(tiny.unwrap().percent(), dec("0"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn percentages_and_points_round_half_up(
        den in 1_u64..2_000_000,
        num_share in 0_u64..=1_000_000,
        max_h in 0_u128..=2_000,
        threshold_h in 1_u128..=100,
    ) {
        let num = den * num_share / 1_000_000;
        let r = Ratio::of_counts(num, den).unwrap();
        let (n, d) = (u128::from(num), u128::from(den));
        prop_assert!(is_half_up(hundredths(r.percent()), 10_000 * n, d));
        prop_assert_eq!(r.fraction().scaled_by_100(), r.percent());
        let max = Dec::new(i64::try_from(max_h).unwrap(), 2);
        let linear = hundredths(r.times(max));
        prop_assert!(is_half_up(linear, max_h * n, d));
        let threshold = Dec::new(i64::try_from(threshold_h).unwrap(), 2);
        let capped = hundredths(r.times_capped(max, threshold));
        let uncapped = div_half_up(max_h * 100 * n, d * threshold_h);
        prop_assert!(is_half_up(uncapped, max_h * 100 * n, d * threshold_h));
        prop_assert_eq!(capped, uncapped.min(max_h));
    }

    #[test]
    fn decimals_are_written_in_json_as_their_digits(mantissa in -10_000_000_000_i64..10_000_000_000, scale in 0_u32..=6) {
        let d = Dec::new(mantissa, scale);
        let text = serde_json::to_string(&d).unwrap();
        prop_assert_eq!(Dec::parse(&text), Some(d), "{}", text);
        prop_assert_eq!(serde_json::from_str::<Dec>(&text).unwrap(), d);
    }

    #[test]
    fn a_group_is_the_sum_of_its_rounded_rows_and_the_total_the_sum_of_the_groups(
        population in 0_u64..5_000,
        shares in proptest::collection::vec(0_u64..=1_000, 12),
    ) {
        let part = |i: usize| population * shares[i] / 1_000;
        let c = Counts {
            received: [population, 0, 0],
            finished: [part(0), 0, population - part(0)],
            unsatisfied: part(1),
            in_population: Digitisation {
                electronic_result: part(2),
                digitised_result: part(3),
                reused_data: part(4),
                personal_store: part(5),
                citizen_data: part(6),
            },
            fee_obligation: part(7),
            paid_online: part(7) * shares[8] / 1_000,
            procedures_paid_online: shares[9] / 10,
            procedures_with_fee: shares[10] / 10,
            procedures_citizen_data: shares[11] / 10,
            ..Counts::default()
        };
        let mut entered = ManualValues::new();
        for code in ["3.5.B", "3.5.C", "CITIZEN_DATA_CONNECTED_FORMALITY"] {
            entered.insert(code.into(), super::i766::entered(None, Some("100")));
        }
        let d = defs();
        for tier in [Tier::Province, Tier::Commune] {
            let r = evaluate_with(&c, &entered, tier);
            for m in &r.metrics {
                if let Some(s) = m.score {
                    prop_assert!(s.hundredths().is_some_and(|h| h <= hundredths(m.max_score)), "{}: {}", m.code, s);
                }
            }
            for g in &r.groups {
                let rows: Dec = d.indicators.iter().zip(&r.metrics)
                    .filter(|(i, m)| i.group == g.code && m.computable)
                    .filter_map(|(_, m)| m.score)
                    .sum();
                let group_max = d.groups.iter().find(|x| x.code == g.code).unwrap().max_score;
                prop_assert_eq!(g.score.unwrap_or(Dec::ZERO), rows.min(group_max), "{}", g.code);
            }
            let total: Dec = r.groups.iter().filter_map(|g| g.score).sum();
            prop_assert_eq!(r.total_score, total);
        }
    }
}
