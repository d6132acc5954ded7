//! The catalogue shipped in data/procedures/procedures.json.

use super::*;
use chrono::NaiveDate;

fn catalogue() -> Catalogue {
    shipped().unwrap_or_else(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!("shipped catalogue is invalid:\n{}", lines.join("\n"))
    })
}

#[test]
fn shipped_catalogue_parses_and_has_at_least_30_procedures() {
    let c = catalogue();
    assert!(c.len() >= 30, "only {} procedures", c.len());
    assert!(!c.sources.is_empty());
}

#[test]
fn every_version_cites_a_legal_basis_and_a_publication_or_is_marked() {
    for p in &catalogue().procedures {
        for v in &p.versions {
            assert!(
                !v.legal_basis.is_empty(),
                "{} v{} has no legal basis",
                p.code,
                v.version
            );
            let publication = &v.publication;
            assert!(
                !publication.decision_no.is_empty() || publication.provenance.unconfirmed,
                "{} v{} has no publication decision",
                p.code,
                v.version
            );
            if publication.provenance.unconfirmed {
                assert!(
                    publication.provenance.note.is_some(),
                    "{} v{}",
                    p.code,
                    v.version
                );
            }
        }
    }
}

#[test]
fn shipped_covers_the_required_sectors_and_levels() {
    let c = catalogue();
    for sector in [
        "Hộ tịch",
        "Chứng thực",
        "Đất đai",
        "Hoạt động xây dựng",
        "Bảo trợ xã hội",
    ] {
        assert!(
            c.procedures.iter().any(|p| p.sector.name == sector),
            "no {sector}"
        );
    }
    assert!(c.search("ho kinh doanh").len() >= 2);
    assert!(
        c.search("doanh nghiep")
            .iter()
            .any(|p| p.level == CompetentLevel::Province)
    );
    assert!(
        c.procedures
            .iter()
            .any(|p| p.level == CompetentLevel::Commune)
    );
}

#[test]
fn same_day_procedures_carry_the_15_00_cutoff() {
    let c = catalogue();
    let copy = c.get("2.000815").unwrap().latest().unwrap();
    assert_eq!(copy.legal_time.time.unit, TimeUnit::TrongNgay);
    assert_eq!(copy.same_day_cutoff.unwrap().to_string(), "15:00:00");
}

#[test]
fn search_folds_diacritics() {
    let c = catalogue();
    for q in [
        "dang ky khai sinh",
        "Đăng ký khai sinh",
        "ĐĂNG KÝ KHAI SINH",
        "1.001193",
    ] {
        let hits = c.search(q);
        assert!(hits.iter().any(|p| p.code.as_str() == "1.001193"), "{q}");
    }
    assert!(
        c.search("chung thuc chu ky")
            .iter()
            .any(|p| p.code.as_str() == "2.000884")
    );
    assert!(
        c.search("ho tich").len() >= 5,
        "sector names are searched too"
    );
    assert!(c.search("không có thủ tục này").is_empty());
}

#[test]
fn birth_registration_keeps_the_version_in_force_at_receipt() {
    let c = catalogue();
    let birth = c.get("1.001193").unwrap();
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(birth.version_at(d(2025, 6, 30)).unwrap().version, 1);
    assert_eq!(birth.version_at(d(2025, 7, 1)).unwrap().version, 2);
    assert!(birth.version_at(d(2015, 12, 31)).is_none());
}

#[test]
fn unconfirmed_marks_are_counted() {
    let c = catalogue();
    let marked: usize = c
        .procedures
        .iter()
        .map(|p| p.unconfirmed_fields().len())
        .sum();
    assert!(marked > 0);
    assert!(
        c.get("1.001193").unwrap().versions[1]
            .unconfirmed_fields()
            .iter()
            .all(|f| f == "publication")
    );
}
