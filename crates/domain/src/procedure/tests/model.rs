//! Codes, units, conversions to working-time durations, versions and search.

use super::*;
use cchc_calendar::{DeadlineRequest, WorkCalendar, WorkDuration};
use chrono::{NaiveDate, NaiveTime};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn procedure_codes_are_opaque_digit_groups_with_an_optional_suffix() {
    for ok in [
        "1.001193",
        "2.000908",
        "3.000527",
        "1.000948.H38",
        "2.000815.000.00.00.H55",
        "1.116410",
    ] {
        assert_eq!(ProcedureCode::parse(ok).unwrap().as_str(), ok);
    }
    for bad in [
        "",
        "1001193",
        "1.",
        ".001193",
        "1.00a193",
        "1.001193.h31",
        "1.001193.H",
        "1.001193.HH31",
    ] {
        assert!(ProcedureCode::parse(bad).is_err(), "{bad}");
    }
    let local = ProcedureCode::parse(" 1.001193.H31 ").unwrap();
    assert_eq!(
        (local.national(), local.local_suffix()),
        ("1.001193", Some("H31"))
    );
    assert_eq!(
        ProcedureCode::parse("2.000815.000.00.00")
            .unwrap()
            .local_suffix(),
        None
    );
}

#[test]
fn units_parse_from_ids_and_vietnamese_labels() {
    assert_eq!(TimeUnit::parse("ngày làm việc"), Ok(TimeUnit::NgayLamViec));
    assert_eq!(TimeUnit::parse("Ngay lam viec"), Ok(TimeUnit::NgayLamViec));
    assert_eq!(TimeUnit::parse("giờ"), Ok(TimeUnit::Gio));
    assert_eq!(TimeUnit::parse("THÁNG"), Ok(TimeUnit::Thang));
    assert_eq!(TimeUnit::parse("trong ngày"), Ok(TimeUnit::TrongNgay));
    assert!(
        TimeUnit::parse("tuần")
            .unwrap_err()
            .contains("unknown unit kind")
    );
    assert_eq!(OnlineLevel::parse("toàn trình"), Ok(OnlineLevel::Full));
    assert_eq!(OnlineLevel::parse("mức độ 4"), Ok(OnlineLevel::Full));
    assert_eq!(UnitKind::parse("UBND xã"), Ok(UnitKind::CommuneCommittee));
    assert_eq!(FeeKind::parse("lệ phí"), Ok(FeeKind::Charge));
}

#[test]
fn processing_times_map_to_work_durations() {
    let t = |v, u| ProcessingTime::new(v, u).unwrap();
    let receipt = d(2026, 1, 31);
    assert_eq!(
        t(4, TimeUnit::Gio).work_duration(receipt),
        Ok(WorkDuration::Hours(4))
    );
    assert_eq!(
        t(3, TimeUnit::NgayLamViec).work_duration(receipt),
        Ok(WorkDuration::WorkingDays(3))
    );
    assert_eq!(
        t(15, TimeUnit::Ngay).work_duration(receipt),
        Ok(WorkDuration::CalendarDays(15))
    );
    assert_eq!(
        t(1, TimeUnit::TrongNgay).work_duration(receipt),
        Ok(WorkDuration::CalendarDays(0))
    );
    // 31/01 + 1 month = 28/02 (clamped): 28 days; from 01/03 it is 31 days.
    assert_eq!(
        t(1, TimeUnit::Thang).work_duration(receipt),
        Ok(WorkDuration::CalendarDays(28))
    );
    assert_eq!(
        t(1, TimeUnit::Thang).work_duration(d(2026, 3, 1)),
        Ok(WorkDuration::CalendarDays(31))
    );
    assert_eq!(t(1, TimeUnit::Thang).fixed_work_duration(), None);
    assert_eq!(t(3, TimeUnit::NgayLamViec).legal_minutes(), 24 * 60);
    assert_eq!(t(1, TimeUnit::TrongNgay).legal_minutes(), 8 * 60);
    assert_eq!(t(2, TimeUnit::Thang).legal_minutes(), 2 * 30 * 8 * 60);
    assert!(ProcessingTime::new(0, TimeUnit::Ngay).is_err());
    assert!(ProcessingTime::new(2, TimeUnit::TrongNgay).is_err());
    assert_eq!(t(3, TimeUnit::NgayLamViec).to_string(), "03 ngày làm việc");
}

#[test]
fn same_day_with_the_cutoff_is_due_today_or_tomorrow_evening() {
    let cal = WorkCalendar::national().unwrap();
    let duration = ProcessingTime::new(1, TimeUnit::TrongNgay)
        .unwrap()
        .work_duration(d(2026, 3, 2))
        .unwrap();
    let cutoff = NaiveTime::from_hms_opt(15, 0, 0);
    let due = |h, m| {
        let start = d(2026, 3, 2).and_hms_opt(h, m, 0).unwrap();
        let req = DeadlineRequest {
            cutoff,
            ..DeadlineRequest::new(start, duration)
        };
        cal.deadline(&req).unwrap().to_string()
    };
    assert_eq!(due(9, 0), "2026-03-02 17:00:00", "Monday morning: same day");
    assert_eq!(
        due(15, 0),
        "2026-03-02 17:00:00",
        "at the cut-off: same day"
    );
    assert_eq!(
        due(15, 1),
        "2026-03-03 17:00:00",
        "after 15:00: next working day"
    );
}

#[test]
fn version_at_picks_the_version_in_force_and_none_in_gaps() {
    let text = one(|r| {
        r["versions"] = serde_json::json!([
            version(2, "2025-07-01", None),
            version(1, "2016-01-01", Some("2025-06-29")),
        ]);
    });
    let c = parse_json(&text).unwrap();
    let p = &c.procedures[0];
    assert_eq!(
        p.versions.iter().map(|v| v.version).collect::<Vec<_>>(),
        [1, 2],
        "sorted by start"
    );
    assert_eq!(p.version_at(d(2016, 1, 1)).unwrap().version, 1);
    assert_eq!(p.version_at(d(2025, 6, 29)).unwrap().version, 1);
    assert!(
        p.version_at(d(2025, 6, 30)).is_none(),
        "a gap between versions"
    );
    assert_eq!(p.version_at(d(2030, 1, 1)).unwrap().version, 2);
    assert_eq!(p.latest().unwrap().version, 2);
}

#[test]
fn matches_folds_name_code_and_sector() {
    let c = parse_json(&one(|_| {})).unwrap();
    let p = &c.procedures[0];
    for q in [
        "dang ky khai sinh",
        "ĐĂNG KÝ",
        "khai  sinh",
        "1.001193",
        "ho tich",
        "g15-tp07",
        "",
    ] {
        assert!(p.matches(q), "{q}");
    }
    for q in ["khai tu", "dang ky ket hon", "2.000815"] {
        assert!(!p.matches(q), "{q}");
    }
    let d_bar = one(|r| r["name"] = serde_json::json!("Đăng ký đất đai"));
    assert!(parse_json(&d_bar).unwrap().procedures[0].matches("dang ky dat dai"));
}
