//! The KPI pages over fixed demo-like dossiers: the officer dashboard `/chi-so`, the
//! drill-down `/chi-so/{metric}/ho-so`, the public page `/cong-khai/chi-so` and the workbook
//! `/chi-so/xuat.xlsx` (read back from its zip), against the reference computation of the
//! domain over the same facts.

use crate::support::{ADMIN, Req, TestApp, each_backend};
use axum::body::to_bytes;
use cchc_domain::dossier::{Channel, DossierCode, Status};
use cchc_domain::kpi::{
    Dec, Definitions, DossierFacts, Flags, ManualValues, Report, Scope, Stats, SupplementSpan,
    Tier, Window, count, evaluate, parse_period, stats,
};
use cchc_store::import_dossiers::ImportedDossier;
use chrono::{Months, NaiveDate, TimeDelta};
use std::io::Read;
use tower::ServiceExt;

/// The units of the fixture: a department, two communes and the service centre.
const UNITS: [&str; 4] = ["H31.SNV", "H31.11953", "H31.11977", "H31.VPUB.TTPVHCC"];
/// The applicant of every fixture dossier: must never appear on a page.
const APPLICANT: &str = "Nguyễn Văn Thử";
const PROCEDURES: [&str; 3] = ["1.004873", "2.000635", "1.001612"];
/// The Sở Nội vụ leader.
const LEADER: &str = "lanhdao";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn flags(i: usize) -> Flags {
    Flags {
        reused_data: i.is_multiple_of(2),
        personal_store: i.is_multiple_of(3),
        vneid: i.is_multiple_of(4),
        national_db: false,
        attachments: !i.is_multiple_of(5),
        electronic_result: i % 3 != 1,
        fee: i % 4 == 1,
        paid_online: i % 8 == 1,
        rated: i.is_multiple_of(6),
        dissatisfied: i.is_multiple_of(12),
    }
}

/// Dossier `i` of the fixture: of unit `i mod 4`, received between April 2025 and March 2026
/// (two a month and unit); early, on time,
/// late, unfinished, refused or paused for a supplement by `i mod 10`; two supplement
/// requests every 23rd.
fn dossier(i: usize) -> DossierFacts {
    let unit = UNITS[i % 4];
    let date = day(2025, 4, 1 + u32::try_from((i * 7) % 25).unwrap())
        .checked_add_months(Months::new(u32::try_from((i / 4) % 12).unwrap()))
        .unwrap();
    let received = date
        .and_hms_opt(8 + u32::try_from(i % 8).unwrap(), 0, 0)
        .unwrap();
    let due = (date + TimeDelta::days(10)).and_hms_opt(17, 0, 0).unwrap();
    let hours = |h: i64| Some(received + TimeDelta::hours(h));
    let mut supplements = Vec::new();
    let (finished, terminal) = match i % 10 {
        0..=3 => (hours(5 * 24), Some(Status::Resolved)),
        4 | 5 => (Some(due - TimeDelta::hours(1)), Some(Status::Returned)),
        6 => (Some(due + TimeDelta::days(3)), Some(Status::Resolved)),
        7 => {
            supplements.push(SupplementSpan {
                requested_at: received + TimeDelta::days(2),
                completed_at: Some(received + TimeDelta::days(4)),
                kpi_due_after: None,
            });
            (Some(due + TimeDelta::days(1)), Some(Status::Returned))
        }
        8 => (None, None),
        _ => (hours(24), Some(Status::Refused)),
    };
    if i.is_multiple_of(23) {
        for k in [1, 3] {
            supplements.push(SupplementSpan {
                requested_at: received + TimeDelta::days(k),
                completed_at: Some(received + TimeDelta::days(k) + TimeDelta::hours(20)),
                kpi_due_after: None,
            });
        }
    }
    DossierFacts {
        code: format!("{unit}-{}-{:04}", date.format("%y%m%d"), i + 1),
        unit: unit.to_owned(),
        procedure: PROCEDURES[i % 3].to_owned(),
        channel: [Channel::Direct, Channel::Online, Channel::Postal][i % 3],
        received_at: Some(received),
        due_at: Some(due),
        finished_at: finished,
        terminal,
        supplements,
        flags: flags(i),
    }
}

fn fixture() -> Vec<DossierFacts> {
    (0..96).map(dossier).collect()
}

async fn import(app: &TestApp, facts: &[DossierFacts]) {
    let items: Vec<ImportedDossier> = facts
        .iter()
        .map(|f| ImportedDossier {
            code: DossierCode::parse(&f.code).unwrap(),
            facts: f.clone(),
            status: f.terminal.unwrap_or(Status::Processing),
            applicant_name: APPLICANT.to_owned(),
        })
        .collect();
    app.db
        .store
        .import_dossiers(&items, "test", |_| {})
        .await
        .unwrap();
}

/// The reference figures of the province (every fixture unit is below it) for a past period.
fn reference(facts: &[DossierFacts], period: &str) -> (Stats, Report) {
    let period = parse_period(period).unwrap();
    let scope = Scope::new("H31", UNITS);
    let w = Window::closed(period);
    let counts = count(facts, &scope, &w);
    let report = evaluate(
        &Definitions::shipped(),
        "H31",
        period,
        &counts,
        &ManualValues::default(),
        Tier::Province,
    );
    (stats(facts, &scope, &w), report)
}

/// The body with the session's CSRF token (of the logout form) replaced.
fn redacted(reply: &crate::support::Reply) -> String {
    let csrf = reply.hidden("csrf_token");
    reply.body.replace(&csrf, "[csrf]")
}

/// The `<svg>` elements of a page.
fn svgs(html: &str) -> Vec<&str> {
    html.match_indices("<svg")
        .filter_map(|(start, _)| {
            html[start..]
                .find("</svg>")
                .map(|end| &html[start..start + end + 6])
        })
        .collect()
}

#[tokio::test]
async fn the_officer_dashboard_and_its_charts() {
    each_backend(|app| async move {
        import(&app, &fixture()).await;
        let reply = app
            .get_as(Some(LEADER), "/chi-so?period=2026-Q1&rank=department")
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert!(!reply.body.contains(APPLICANT));
        let charts = svgs(&reply.body);
        assert_eq!(charts.len(), 2);
        insta::assert_snapshot!("kpi_trend_score_svg", charts[0]);
        insta::assert_snapshot!("kpi_trend_on_time_svg", charts[1]);
        insta::assert_snapshot!("kpi_dashboard_html", redacted(&reply));
    })
    .await;
}

#[tokio::test]
async fn the_drill_down_lists_the_dossiers_that_cost_points() {
    each_backend(|app| async move {
        import(&app, &fixture()).await;
        let reply = app
            .get_as(Some(LEADER), "/chi-so/2.1/ho-so?period=2025")
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert!(!reply.body.contains(APPLICANT));
        insta::assert_snapshot!("kpi_drill_html", redacted(&reply));
    })
    .await;
}

#[tokio::test]
async fn the_public_page_shows_scores_and_ranking_only() {
    each_backend(|app| async move {
        import(&app, &fixture()).await;
        let reply = app
            .get_as(None, "/cong-khai/chi-so?period=2025&min_sample=5")
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        for private in [APPLICANT, "/ho-so/", "/chi-so/2.1", "H31.SNV-2"] {
            assert!(!reply.body.contains(private), "{private}");
        }
        insta::assert_snapshot!("kpi_public_html", reply.body);
    })
    .await;
}

#[tokio::test]
async fn the_pages_agree_with_the_reference_computation() {
    each_backend(|app| async move {
        let facts = fixture();
        import(&app, &facts).await;
        let (s, report) = reference(&facts, "2025-07-01..2026-02-15");
        let reply = app
            .get_as(
                Some(ADMIN),
                "/chi-so?unit=H31&period=2025-07-01..2026-02-15",
            )
            .await;
        assert_eq!(reply.status, 200);
        let total = report.total_score.fixed2().replace('.', ",");
        assert!(
            reply
                .body
                .contains(&format!("<strong class=\"kpi-score\">{total}</strong>")),
            "{total}"
        );
        assert!(
            reply
                .body
                .contains(&format!("<td class=\"num\">{}</td>", s.population))
        );
        // 2.1: the dossiers listed are the population minus those on time.
        let row = report.metrics.iter().find(|m| m.code == "2.1").unwrap();
        let lost = row.denominator.unwrap() - row.numerator.unwrap();
        assert!(lost > Dec::ZERO);
        let drill = app
            .get_as(
                Some(ADMIN),
                "/chi-so/2.1/ho-so?unit=H31&period=2025-07-01..2026-02-15",
            )
            .await;
        assert!(
            drill
                .body
                .contains(&format!("<dt>Số hồ sơ làm mất điểm</dt><dd>{lost}</dd>")),
            "{lost}"
        );
        assert_eq!(
            drill
                .body
                .matches("<th scope=\"row\" class=\"code\">")
                .count() as u64,
            lost.whole().unwrap()
        );
    })
    .await;
}

/// Many late dossiers of one commune in October 2025.
fn late_batch(n: usize) -> Vec<DossierFacts> {
    (0..n)
        .map(|i| {
            let mut f = dossier(6);
            f.unit = "H31.11977".into();
            let received = day(2025, 10, 1 + u32::try_from(i % 28).unwrap())
                .and_hms_opt(8, 0, 0)
                .unwrap();
            f.code = format!("H31.11977-{}-{:04}", received.format("%y%m%d"), 5000 + i);
            f.received_at = Some(received);
            f.due_at = Some(received + TimeDelta::days(3));
            f.finished_at = Some(received + TimeDelta::days(5));
            f
        })
        .collect()
}

#[tokio::test]
async fn the_drill_down_is_paginated() {
    each_backend(|app| async move {
        import(&app, &late_batch(120)).await;
        let uri = |p: u32| format!("/chi-so/2.1/ho-so?unit=H31.11977&period=2025-10&page={p}");
        let rows = |html: &str| html.matches("<th scope=\"row\" class=\"code\">").count();
        let first = app.get_as(Some(ADMIN), &uri(1)).await;
        assert_eq!(rows(&first.body), 50);
        assert!(first.body.contains("rel=\"next\"") && !first.body.contains("rel=\"prev\""));
        assert!(first.body.contains("Trang 1 / 3"));
        assert!(first.body.contains("Hồ sơ 1–50 trên tổng số 120"));
        let last = app.get_as(Some(ADMIN), &uri(3)).await;
        assert_eq!(rows(&last.body), 20);
        assert!(last.body.contains("rel=\"prev\"") && !last.body.contains("rel=\"next\""));
        assert!(last.body.contains("href=\"/ho-so/H31.11977-"));
        assert!(last.body.contains("giải quyết quá hạn"));
        let beyond = app.get_as(Some(ADMIN), &uri(4)).await;
        assert_eq!(beyond.status, 200);
        assert!(beyond.body.contains("Trang 4 không có hồ sơ"));
    })
    .await;
}

#[tokio::test]
async fn empty_periods_and_bad_input_are_explained() {
    each_backend(|app| async move {
        let empty = app.get_as(Some(ADMIN), "/chi-so?period=2024").await;
        assert_eq!(empty.status, 200);
        assert!(empty.body.contains("Không có hồ sơ nào trong kỳ"));
        assert!(empty.body.contains("không tính được"));
        let drill = app
            .get_as(Some(ADMIN), "/chi-so/2.1/ho-so?period=2024")
            .await;
        assert!(drill.body.contains("Không có hồ sơ nào làm mất điểm"));
        for (uri, status) in [
            ("/chi-so?period=2026-13", 400),
            ("/chi-so?period=2099", 400),
            ("/chi-so?unit=H31&rank=tinh", 400),
            ("/chi-so?unit=H99.X", 404),
            ("/chi-so?min_sample=0", 400),
            ("/chi-so/KHONG_CO/ho-so?period=2025", 404),
            ("/chi-so/PUBLISH_ON_TIME/ho-so?period=2025", 404),
            ("/chi-so/2.1/ho-so?period=2025&page=0", 400),
            ("/chi-so/xuat.xlsx?period=2025-Q5", 400),
        ] {
            let reply = app.get_as(Some(ADMIN), uri).await;
            assert_eq!(reply.status.as_u16(), status, "{uri}");
        }
        let public = app.get_as(None, "/cong-khai/chi-so?period=2026-Q5").await;
        assert_eq!(public.status, 400);
    })
    .await;
}

/// The entries of a zip archive as text.
fn unzip(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the workbook"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The `<v>` values of row `r` of a sheet, and whether each is a shared-string index.
fn row_values(sheet: &str, r: u32) -> Vec<(String, bool)> {
    let start = sheet.find(&format!("<row r=\"{r}\"")).expect("the row");
    let row = &sheet[start..start + sheet[start..].find("</row>").unwrap()];
    row.split("<c ")
        .skip(1)
        .filter_map(|c| {
            let v = c.split("<v>").nth(1)?.split("</v>").next()?;
            Some((v.to_owned(), c.contains("t=\"s\"")))
        })
        .collect()
}

#[tokio::test]
async fn the_workbook_holds_the_statistics_and_the_metric_rows() {
    each_backend(|app| async move {
        let facts = fixture();
        import(&app, &facts).await;
        let (cookie, _) = app.session(ADMIN).await;
        let req = Req::get("/chi-so/xuat.xlsx?unit=H31&period=2025")
            .cookie(&cookie)
            .empty();
        let response = app.router.clone().oneshot(req).await.unwrap();
        assert_eq!(response.status(), 200);
        let (kind, disposition) = {
            let h = |n: &str| response.headers()[n].to_str().unwrap().to_owned();
            (h("content-type"), h("content-disposition"))
        };
        assert_eq!(kind, cchc_web::pages::kpi::export::XLSX);
        assert!(disposition.contains("chi-so-H31-2025.xlsx"));
        let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        assert!(bytes.starts_with(b"PK"));
        let book = unzip(&bytes, "xl/workbook.xml");
        assert!(book.contains("name=\"Thống kê hồ sơ\"") && book.contains("name=\"Chỉ số 766\""));
        let strings = unzip(&bytes, "xl/sharedStrings.xml");
        for head in [
            "Kỳ trước chuyển qua",
            "Tiếp nhận trong kỳ",
            "Trực tuyến",
            "Trước hạn",
            "Đang giải quyết",
            "Tỷ lệ đúng hạn",
            "không tính được",
        ] {
            assert!(strings.contains(head), "{head}");
        }
        assert!(unzip(&bytes, "xl/styles.xml").contains("formatCode=\"0.0%\""));
        let (s, report) = reference(&facts, "2025");
        let total: Vec<f64> = row_values(&unzip(&bytes, "xl/worksheets/sheet1.xml"), 6)
            .into_iter()
            .skip(2)
            .map(|(v, is_string)| {
                assert!(!is_string);
                v.parse().unwrap()
            })
            .collect();
        let r = s.received;
        let f = s.finished;
        let u = s.unfinished;
        let want = [
            s.population,
            s.carried_over,
            r.direct + r.online + r.postal,
            r.direct,
            r.online,
            r.postal,
            f.early + f.on_time + f.late,
            f.early,
            f.on_time,
            f.late,
            u.within + u.overdue,
            u.within,
            u.overdue,
        ];
        #[expect(clippy::cast_precision_loss, reason = "small counts")]
        let mut want: Vec<f64> = want.iter().map(|n| *n as f64).collect();
        want.push(s.on_time_ratio.unwrap());
        assert_eq!(total, want);
        let metrics = unzip(&bytes, "xl/worksheets/sheet2.xml");
        for (i, m) in report.metrics.iter().enumerate() {
            let values = row_values(&metrics, 6 + u32::try_from(i).unwrap());
            let numbers: Vec<f64> = values
                .iter()
                .filter(|(_, s)| !s)
                .map(|(v, _)| v.parse().unwrap())
                .collect();
            let mut want: Vec<f64> = [m.numerator, m.denominator, m.ratio, m.score]
                .into_iter()
                .flatten()
                .filter(|_| m.computable)
                .map(f64::from)
                .collect();
            want.push(m.max_score.into());
            assert_eq!(numbers, want, "{}", m.code);
        }
    })
    .await;
}

#[tokio::test]
async fn the_pages_follow_dossiers_imported_after_a_first_view() {
    each_backend(|app| async move {
        let uri = "/chi-so?unit=H31.11977&period=2025-10";
        let before = app.get_as(Some(ADMIN), uri).await;
        assert!(before.body.contains("Không có hồ sơ nào trong kỳ"));
        import(&app, &late_batch(7)).await;
        let after = app.get_as(Some(ADMIN), uri).await;
        assert!(!after.body.contains("Không có hồ sơ nào trong kỳ"));
        // Seven dossiers, all finished late: 0 on time out of 7.
        assert!(
            after
                .body
                .contains("<td class=\"num\">0</td><td class=\"num\">7</td>")
        );
    })
    .await;
}
