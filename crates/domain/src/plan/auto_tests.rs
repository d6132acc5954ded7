//! Tests of the automatic plan indicators: hand-counted figures by sector, and agreement
//! with the on-time ratio of the dossier statistics.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use proptest::prelude::*;

use super::*;
use crate::dossier::Status;
use crate::kpi::{Flags, Scope, stats};
use crate::plan::sectors::shipped_sectors;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn facts(code: &str, procedure: &str, received: &str, due: &str) -> DossierFacts {
    DossierFacts {
        code: code.into(),
        unit: "H31.X".into(),
        procedure: procedure.into(),
        channel: Channel::Direct,
        received_at: Some(at(received)),
        due_at: Some(at(due)),
        finished_at: None,
        terminal: None,
        supplements: Vec::new(),
        flags: Flags::default(),
    }
}

fn resolved(mut f: DossierFacts, when: &str) -> DossierFacts {
    f.finished_at = Some(at(when));
    f.terminal = Some(Status::Resolved);
    f
}

fn rated(mut f: DossierFacts, dissatisfied: bool) -> DossierFacts {
    f.flags.rated = true;
    f.flags.dissatisfied = dissatisfied;
    f
}

fn traits(sector: &str, code: Option<&str>, full_online: bool) -> ProcedureTraits {
    ProcedureTraits {
        sector_name: sector.into(),
        sector_code: code.map(Into::into),
        full_online,
    }
}

fn unit(s: &str) -> UnitCode {
    UnitCode::parse(s).unwrap()
}

/// Six dossiers, five of them in March 2026 (counted by hand in the test below).
fn march() -> DossierIndicators {
    let mut online = facts("d4", "XD", "2026-03-03T09:00", "2026-04-10T17:00");
    online.channel = Channel::Online;
    let dossiers = vec![
        rated(
            resolved(
                facts("d1", "DD", "2026-03-02T08:00", "2026-03-10T17:00"),
                "2026-03-05T10:00",
            ),
            false,
        ),
        rated(
            resolved(
                facts("d2", "DD", "2026-03-02T08:00", "2026-03-04T17:00"),
                "2026-03-04T16:00",
            ),
            true,
        ),
        resolved(
            facts("d3", "HT", "2026-03-03T08:00", "2026-03-05T17:00"),
            "2026-03-09T08:00",
        ),
        online,
        facts("d5", "HT2", "2026-03-04T08:00", "2026-03-06T17:00"),
        resolved(
            facts("d6", "DD", "2026-02-01T08:00", "2026-02-20T17:00"),
            "2026-02-10T08:00",
        ),
    ];
    let procedures = HashMap::from([
        ("DD".to_owned(), traits("Đất đai", None, false)),
        ("XD".to_owned(), traits("Xây dựng", Some("G17-XD11"), true)),
        ("HT".to_owned(), traits("Hộ tịch", Some("G15-TP07"), false)),
        ("HT2".to_owned(), traits("Hộ tịch", Some("G15-TP07"), true)),
    ]);
    DossierIndicators::new(&unit("H31"), dossiers, procedures, shipped_sectors())
}

fn value(source: &DossierIndicators, id: &str) -> Option<f64> {
    let march = Period {
        start: day("2026-03-01"),
        end: day("2026-03-31"),
    };
    let v = source.value(&IndicatorId::parse(id).unwrap(), &unit("H31"), march);
    v.map(|v| (v * 100.0).round() / 100.0)
}

#[test]
fn hand_counted_figures_for_the_whole_scope_and_by_sector() {
    let s = march();
    // Population d1–d5: on time d1 (early), d2, d4 (open, within); late d3; overdue d5.
    assert_eq!(value(&s, "dossier.on_time_ratio"), Some(60.0));
    // Finished d1, d2, d3; early d1.
    assert_eq!(value(&s, "dossier.early_ratio"), Some(33.33));
    // Toàn trình procedures: d4 (online) and d5 (direct).
    assert_eq!(value(&s, "dossier.online_share"), Some(50.0));
    // Rated d1 (satisfied) and d2 (dissatisfied).
    assert_eq!(value(&s, "satisfaction.rate"), Some(50.0));
    assert_eq!(value(&s, "dossier.on_time_ratio.land"), Some(100.0));
    assert_eq!(value(&s, "dossier.early_ratio.land"), Some(50.0));
    assert_eq!(value(&s, "dossier.online_share.land"), None);
    assert_eq!(value(&s, "satisfaction.rate.land"), Some(50.0));
    // d4 counts for construction by its sector code.
    assert_eq!(value(&s, "dossier.online_share.construction"), Some(100.0));
    assert_eq!(value(&s, "dossier.early_ratio.construction"), None);
    assert_eq!(value(&s, "dossier.on_time_ratio.investment"), None);
    assert_eq!(
        value(&s, "dossier.on_time_ratio.land_construction_investment"),
        Some(100.0)
    );
    assert_eq!(
        value(&s, "satisfaction.rate.land_construction_investment"),
        Some(50.0)
    );
}

#[test]
fn other_indicators_units_and_groups_are_unknown() {
    let s = march();
    assert_eq!(value(&s, "dossier.recorded_in_system_share"), None);
    assert_eq!(value(&s, "dossier.on_time_ratio.health"), None);
    assert_eq!(value(&s, "manual.legal_docs.lawful_share"), None);
    assert!(!s.computes(&IndicatorId::parse("dossier.on_time_ratios").unwrap()));
    assert!(s.computes(&IndicatorId::parse("satisfaction.rate.land").unwrap()));
    let id = IndicatorId::parse("dossier.on_time_ratio").unwrap();
    let year = Period::year(2026).unwrap();
    assert_eq!(s.value(&id, &unit("H31.SNV"), year), None);
    assert_eq!(
        s.value(&id, &unit("H31"), Period::year(2025).unwrap()),
        None
    );
}

fn arbitrary_facts() -> impl Strategy<Value = DossierFacts> {
    let base = at("2026-01-01T08:00");
    (
        0i64..90,
        0i64..30,
        prop::option::of(0i64..40),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(move |(received, due, finished, online, rated)| {
            let received_at = base + TimeDelta::hours(24 * received);
            let mut f = facts("x", "XD", "2026-01-01T08:00", "2026-01-01T08:00");
            f.received_at = Some(received_at);
            f.due_at = Some(received_at + TimeDelta::hours(24 * due + 3));
            if let Some(days) = finished {
                f.finished_at = Some(received_at + TimeDelta::hours(24 * days + 1));
                f.terminal = Some(Status::Resolved);
            }
            f.channel = if online {
                Channel::Online
            } else {
                Channel::Direct
            };
            f.flags.rated = rated;
            f
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_on_time_ratio_is_the_statistics_one(
        dossiers in prop::collection::vec(arbitrary_facts(), 0..40), start in 0u32..60, len in 0u32..60,
    ) {
        let first = day("2026-01-01") + TimeDelta::days(i64::from(start));
        let period = Period { start: first, end: first + TimeDelta::days(i64::from(len)) };
        let procedures = HashMap::from([("XD".to_owned(), traits("Hoạt động xây dựng", None, true))]);
        let source = DossierIndicators::new(&unit("H31"), dossiers.clone(), procedures, shipped_sectors());
        let reference = stats(&dossiers, &Scope::single("H31.X"), &Window::closed(period));
        let id = IndicatorId::parse("dossier.on_time_ratio").unwrap();
        let ours = source.value(&id, &unit("H31"), period);
        prop_assert_eq!(ours, reference.on_time_ratio.map(|r| 100.0 * r));
        let construction = IndicatorId::parse("dossier.on_time_ratio.construction").unwrap();
        prop_assert_eq!(source.value(&construction, &unit("H31"), period), ours);
        let tally = source.tally(period, None);
        prop_assert!(tally.early <= tally.finished && tally.on_time <= tally.population);
        prop_assert!(tally.satisfied <= tally.rated && tally.full_online_online <= tally.full_online_received);
        let online = reference.received.online;
        prop_assert_eq!(tally.full_online_online, online);
    }
}
