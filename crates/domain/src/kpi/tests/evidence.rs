//! The national portal's published evaluation figures (docs/QD766.md), one test each: a
//! unit, a period, numerator/denominator → score, and the zero cases.

use super::i766::{dec, entered, evaluate_with, figures, row};
use super::{Build, both, dossier, province, window};
use crate::dossier::Status;
use crate::kpi::{Aggregate, Counts, Dec, Digitisation, ManualValue, ManualValues, Tier};

/// A population of `n` dossiers received in the period, whose digitisation facts are `d`.
fn population(n: u64, d: Digitisation) -> Counts {
    Counts {
        received: [n, 0, 0],
        finished: [n, 0, 0],
        in_population: d,
        ..Counts::default()
    }
}

#[test]
fn province_2026_08_original_results_are_divided_by_the_population() {
    // 147,765 finished and 36,748 still open: 184,513, received in August or carried over.
    let c = Counts {
        carried_over: 30_000,
        received: [100_000, 54_513, 0],
        finished: [100_000, 47_765, 0],
        unfinished: [30_000, 6_748],
        in_population: Digitisation {
            electronic_result: 133_274,
            ..Digitisation::default()
        },
        ..Counts::default()
    };
    let r = row("ORIGINAL_RESULT_AVAILABLE", &c, None);
    assert_eq!(
        (r.numerator, r.denominator),
        (Some(dec("133274")), Some(dec("184513")))
    );
    assert_eq!(figures(&r), (Some(dec("72.23")), Some(dec("4.33"))));
}

#[test]
fn digitisation_4_2_is_linear_261_of_326_gives_3_20() {
    let c = population(
        326,
        Digitisation {
            digitised_result: 261,
            ..Digitisation::default()
        },
    );
    let r = row("SO_HOA_GIAY_TO_GIAI_QUYET", &c, None);
    // The "≥ 80 % gives full points" form would give 4.
    assert_eq!(figures(&r), (Some(dec("80.06")), Some(dec("3.20"))));
}

#[test]
fn reuse_4_3_is_capped_at_80_percent_48_43_gives_1_21() {
    let at = |n| {
        let c = population(
            10_000,
            Digitisation {
                reused_data: n,
                ..Digitisation::default()
            },
        );
        figures(&row("REUSED_DIGITIZED_DATA", &c, None))
    };
    assert_eq!(at(4_843), (Some(dec("48.43")), Some(dec("1.21"))));
    assert_eq!(at(8_000), (Some(dec("80")), Some(dec("2"))));
    assert_eq!(at(9_500), (Some(dec("95")), Some(dec("2"))));
}

#[test]
fn a_ward_2026_08_scores_citizen_data_1137_of_2971_as_0_77() {
    let c = population(
        2_971,
        Digitisation {
            citizen_data: 1_137,
            ..Digitisation::default()
        },
    );
    let r = evaluate_with(&c, &ManualValues::new(), Tier::Commune);
    let m = r
        .metrics
        .iter()
        .find(|m| m.code == "CITIZEN_DATA_CONNECTED_DOSSIER")
        .unwrap();
    assert_eq!(figures(m), (Some(dec("38.27")), Some(dec("0.77"))));
    // 4.5a is scored for a ward too: 3 of 4 procedures → 1.5.
    let mut entered_4_5a = ManualValues::new();
    entered_4_5a.insert(
        "CITIZEN_DATA_CONNECTED_FORMALITY".into(),
        entered(None, Some("4")),
    );
    let c = Counts {
        procedures_citizen_data: 3,
        ..c
    };
    let r = evaluate_with(&c, &entered_4_5a, Tier::Commune);
    let m = r
        .metrics
        .iter()
        .find(|m| m.code == "CITIZEN_DATA_CONNECTED_FORMALITY")
        .unwrap();
    assert_eq!(figures(m), (Some(dec("75")), Some(dec("1.5"))));
}

#[test]
fn satisfaction_5_4_is_capped_at_90_percent_78_35_gives_5_22_and_90_46_gives_6() {
    let at = |unsatisfied| {
        let c = Counts {
            unsatisfied,
            ..population(10_000, Digitisation::default())
        };
        figures(&row("DOSSIER_RECEIVING_SATISFACTION", &c, None))
    };
    assert_eq!(at(2_165), (Some(dec("78.35")), Some(dec("5.22"))));
    assert_eq!(at(954), (Some(dec("90.46")), Some(dec("6"))));
}

#[test]
fn satisfaction_5_4_needs_no_rating_its_numerator_is_the_on_time_count_less_the_disliked() {
    let facts = [
        // On time, not rated: counts.
        dossier("a", "2026-03-02T08:00", "2026-03-09T17:00").resolved("2026-03-05T08:00"),
        // On time, complained about: does not count.
        dossier("b", "2026-03-02T08:00", "2026-03-09T17:00")
            .resolved("2026-03-05T08:00")
            .with(|f| f.dissatisfied = true),
        // Late and complained about: out of the on-time count already, subtracted once.
        dossier("c", "2026-03-02T08:00", "2026-03-09T17:00")
            .resolved("2026-03-12T08:00")
            .with(|f| f.dissatisfied = true),
        // Open, within its deadline: counts.
        dossier("d", "2026-03-20T08:00", "2026-04-09T17:00"),
    ];
    let w = window("2026-03", "2026-04-01T00:00");
    both(&facts, &w);
    let c = Aggregate::from_facts(&facts).counts(&province(), &w);
    assert_eq!((c.rated, c.on_time()), (0, 3));
    let r = row("DOSSIER_RECEIVING_SATISFACTION", &c, None);
    assert_eq!(
        (r.numerator, r.denominator),
        (Some(dec("2")), Some(dec("4")))
    );
    // 50 % → 6 × 0.5 ÷ 0.9 = 3.333… → 3.33.
    assert_eq!(figures(&r), (Some(dec("50")), Some(dec("3.33"))));
}

#[test]
fn pakn_5_2_and_5_3_are_6r_and_full_without_any_petition_and_1_3_is_2r() {
    for code in [
        "PETITION_PROCESSING_ON_TIME",
        "PETITION_HANDLING_SATISFACTION",
    ] {
        let c = Counts::default();
        let r = row(code, &c, Some(entered(Some("7"), Some("8"))));
        assert_eq!(
            figures(&r),
            (Some(dec("87.5")), Some(dec("5.25"))),
            "{code}"
        );
        let r = row(code, &c, Some(entered(Some("0"), Some("0"))));
        assert_eq!(figures(&r), (None, Some(dec("6"))), "{code}");
    }
    let r = row(
        "PUBLIC_CONTENT_FULL",
        &Counts::default(),
        Some(entered(Some("1"), Some("3"))),
    );
    assert_eq!(figures(&r), (Some(dec("33.33")), Some(dec("0.67"))));
}

#[test]
fn the_payment_group_adds_its_three_terms_each_rounded_first() {
    let c = Counts {
        fee_obligation: 7,
        paid_online: 1,
        procedures_paid_online: 1,
        procedures_with_fee: 1,
        ..Counts::default()
    };
    let mut m = ManualValues::new();
    m.insert("3.5.B".into(), entered(None, Some("7")));
    m.insert("3.5.C".into(), entered(None, Some("7")));
    let r = evaluate_with(&c, &m, Tier::Province);
    let score = |code: &str| r.metrics.iter().find(|m| m.code == code).unwrap().score;
    // 6/7 = 0.857… → 0.86; min(2, 2.5/7) = 0.357… → 0.36; 2.5/7 → 0.36.
    assert_eq!(score("3.6"), Some(dec("0.86")));
    assert_eq!(score("3.5.B"), Some(dec("0.36")));
    assert_eq!(score("3.5.C"), Some(dec("0.36")));
    let group = r.groups.iter().find(|g| g.code == "TTTT").unwrap();
    // 1.58, where rounding the unrounded sum (1.5714…) would give 1.57.
    assert_eq!(group.score, Some(dec("1.58")));
    // Everything paid, every procedure: 6 + 2 + 2.5 = 10.5, clamped at the group's 10.
    let full = Counts {
        paid_online: 7,
        procedures_paid_online: 7,
        procedures_with_fee: 7,
        ..c
    };
    let r = evaluate_with(&full, &m, Tier::Province);
    let group = r.groups.iter().find(|g| g.code == "TTTT").unwrap();
    assert_eq!((group.score, group.max_score), (Some(dec("10")), dec("10")));
}

#[test]
fn zero_denominators_null_digitisation_zero_progress_and_satisfaction_full_pakn() {
    let r = evaluate_with(&Counts::default(), &ManualValues::new(), Tier::Province);
    let get = |code: &str| r.metrics.iter().find(|m| m.code == code).unwrap();
    for code in [
        "ORIGINAL_RESULT_AVAILABLE",
        "SO_HOA_GIAY_TO_GIAI_QUYET",
        "REUSED_DIGITIZED_DATA",
        "SYNCED_WITH_DVCQG_PERSONAL_STORAGE",
        "CITIZEN_DATA_CONNECTED_DOSSIER",
    ] {
        let m = get(code);
        assert!(m.computable, "{code}");
        assert_eq!(figures(m), (None, None), "{code}");
        assert_eq!(m.denominator, Some(Dec::ZERO), "{code}");
    }
    // Their maxima stay in the group's: 6 + 4 + 2 + 4 + 2 of 22 (4.5a and the certified
    // copies need national data), scored 0.
    let mdsh = r.groups.iter().find(|g| g.code == "MDSH").unwrap();
    assert_eq!((mdsh.score, mdsh.max_score), (Some(Dec::ZERO), dec("18")));
    for code in ["2.1", "DOSSIER_RECEIVING_SATISFACTION"] {
        assert_eq!(figures(get(code)), (None, Some(Dec::ZERO)), "{code}");
    }
    let pakn = row(
        "PETITION_PROCESSING_ON_TIME",
        &Counts::default(),
        Some(ManualValue {
            numerator: Some(Dec::ZERO),
            denominator: Some(Dec::ZERO),
            ratio: None,
        }),
    );
    assert_eq!(pakn.score, Some(dec("6")));
}

#[test]
fn every_digitisation_denominator_is_the_progress_population_from_the_facts() {
    let resolved = |code: &str, received: &str, at: &str| {
        dossier(code, received, "2026-03-20T17:00")
            .resolved(at)
            .with(|f| {
                f.electronic_result = true;
                f.attachments = true;
            })
    };
    let facts = [
        // Carried over from February, resolved in March with an electronic result.
        resolved("carried", "2026-02-20T08:00", "2026-03-03T08:00"),
        // Received and resolved in March, reused data and VNeID.
        resolved("march", "2026-03-02T08:00", "2026-03-04T08:00").with(|f| {
            f.reused_data = true;
            f.vneid = true;
        }),
        // Received in March, still open: in the denominator, without a result.
        dossier("open", "2026-03-10T08:00", "2026-03-20T17:00").with(|f| f.personal_store = true),
        // Stopped in March: in the population, no result.
        dossier("stopped", "2026-03-05T08:00", "2026-03-20T17:00")
            .finished("2026-03-06T08:00", Status::Stopped),
        // Finished in February: not in March's population.
        resolved("gone", "2026-02-02T08:00", "2026-02-10T08:00"),
    ];
    let w = window("2026-03", "2026-04-01T00:00");
    both(&facts, &w);
    let c = Aggregate::from_facts(&facts).counts(&province(), &w);
    assert_eq!(c.population(), 4);
    let got = |code: &str| {
        let r = row(code, &c, None);
        (r.numerator.unwrap(), r.denominator.unwrap())
    };
    let four = Dec::from_u64(4);
    let n = Dec::from_u64;
    assert_eq!(got("ORIGINAL_RESULT_AVAILABLE"), (n(2), four));
    assert_eq!(got("SO_HOA_GIAY_TO_GIAI_QUYET"), (n(2), four));
    assert_eq!(got("REUSED_DIGITIZED_DATA"), (n(1), four));
    assert_eq!(got("SYNCED_WITH_DVCQG_PERSONAL_STORAGE"), (n(1), four));
    assert_eq!(got("CITIZEN_DATA_CONNECTED_DOSSIER"), (n(2), four));
}
