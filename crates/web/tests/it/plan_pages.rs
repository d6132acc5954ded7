//! The reform plan pages: the overview with RAG statuses, a target with its SVG figure over
//! dossiers of 2023, reporting a value with an evidence file and reviewing it, task progress,
//! the task board's filters, reminder notices, the public page and the workbook (read back
//! from its zip).

use crate::support::{Reply, Req, TestApp, each_backend};
use axum::body::Body;
use axum::http::Request;
use cchc_calendar::WorkCalendar;
use cchc_domain::dossier::{Channel, DossierCode, Status};
use cchc_domain::kpi::{DossierFacts, Flags};
use cchc_domain::plan::IndicatorId;
use cchc_store::import_dossiers::ImportedDossier;
use chrono::{NaiveDate, NaiveDateTime};
use std::io::Read;

const SPECIALIST: &str = "chuyenvien";
const PAR_ADMIN: &str = "quantricchc";
const RECEPTION: &str = "tiepnhan";
/// The applicant of the fixture dossiers: never on a page.
const APPLICANT: &str = "Nguyễn Văn Thử";
const BOUNDARY: &str = "----cchcTestBoundary";

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// Dossier `n` of district H31.D323 in 2023: procedure, channel, receipt, due, end, rated.
fn dossier(
    n: u32,
    procedure: &str,
    online: bool,
    times: [&str; 3],
    rated: Option<bool>,
) -> ImportedDossier {
    let [received, due, end] = times;
    let facts = DossierFacts {
        code: format!("H31.D323-{}-{n:04}", received[2..10].replace('-', "")),
        unit: "H31.D323".into(),
        procedure: procedure.into(),
        channel: if online {
            Channel::Online
        } else {
            Channel::Direct
        },
        received_at: Some(at(received)),
        due_at: Some(at(due)),
        finished_at: (!end.is_empty()).then(|| at(end)),
        terminal: (!end.is_empty()).then_some(Status::Returned),
        supplements: Vec::new(),
        flags: Flags {
            rated: rated.is_some(),
            dissatisfied: rated == Some(false),
            ..Flags::default()
        },
    };
    ImportedDossier {
        code: DossierCode::parse(&facts.code).unwrap(),
        status: facts.terminal.unwrap_or(Status::Processing),
        facts,
        applicant_name: APPLICANT.into(),
    }
}

/// Four dossiers of the first half of 2023 (counted by hand in the target test).
async fn import_2023(app: &TestApp) {
    let items = [
        dossier(
            1,
            "1.013225",
            false,
            ["2023-02-01T09:00", "2023-02-10T17:00", "2023-02-06T10:00"],
            Some(true),
        ),
        dossier(
            2,
            "1.001193",
            true,
            ["2023-03-01T09:00", "2023-03-02T17:00", "2023-03-02T16:00"],
            Some(false),
        ),
        dossier(
            3,
            "1.001193",
            false,
            ["2023-04-03T09:00", "2023-04-04T17:00", "2023-04-06T08:00"],
            None,
        ),
        dossier(
            4,
            "1.013225",
            false,
            ["2023-05-02T09:00", "2023-07-20T17:00", ""],
            None,
        ),
    ];
    app.db
        .store
        .import_dossiers(&items, "test", |_| {})
        .await
        .unwrap();
}

/// A multipart form of `user`'s session: text fields and (name, bytes) files.
async fn upload(
    app: &TestApp,
    user: &str,
    uri: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> Reply {
    let (cookie, csrf) = app.session(user).await;
    let mut body = Vec::new();
    let mut part = |head: String, data: &[u8]| {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n{head}\r\n\r\n").as_bytes());
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    };
    part(
        "Content-Disposition: form-data; name=\"csrf_token\"".into(),
        csrf.as_bytes(),
    );
    for (k, v) in fields {
        part(
            format!("Content-Disposition: form-data; name=\"{k}\""),
            v.as_bytes(),
        );
    }
    for (name, data) in files {
        let head = format!(
            "Content-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream"
        );
        part(head, data);
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    let req = Request::builder()
        .method("POST")
        .uri(uri)
        .header("cookie", cookie)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

async fn form(app: &TestApp, user: &str, uri: &str, fields: &[(&str, &str)]) -> Reply {
    let (cookie, csrf) = app.session(user).await;
    let mut all = vec![("csrf_token", csrf.as_str())];
    all.extend_from_slice(fields);
    app.send(Req::post(uri).cookie(&cookie).form(&all)).await
}

/// The `<main>` of a page with the CSRF token replaced.
fn main_of(reply: &Reply) -> String {
    let body = &reply.body;
    let start = body.find("<main").expect("a main element");
    let end = body.find("</main>").expect("closed") + "</main>".len();
    let main = &body[start..end];
    match body.find("name=\"csrf_token\" value=\"") {
        Some(_) => main.replace(&reply.hidden("csrf_token"), "[csrf]"),
        None => main.to_owned(),
    }
}

fn svgs(html: &str) -> Vec<&str> {
    html.match_indices("<svg")
        .filter_map(|(s, _)| html[s..].find("</svg>").map(|e| &html[s..s + e + 6]))
        .collect()
}

/// The values reported for 3.a's civil-servant posts, and whether evidence file 1 exists.
async fn stored(app: &TestApp) -> (usize, bool) {
    let indicator = IndicatorId::parse("manual.civil_servant_posts.reduction").unwrap();
    let values = app
        .db
        .store
        .indicator_values(&indicator, "H31")
        .await
        .unwrap();
    let file = app.db.store.evidence_file(1).await.unwrap();
    (values.len(), file.is_some())
}

#[tokio::test]
async fn the_overview_shows_areas_targets_and_statuses() {
    each_backend(|app| async move {
        let reply = app
            .get_as(Some(PAR_ADMIN), "/ke-hoach?year=2023&as_of=2023-06-30")
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert!(reply.body.matches("data-status=\"none\"").count() > 25);
        for text in [
            "204/KH-UBND",
            "Mục tiêu chung",
            "6. Xây dựng và phát triển",
            "Số liệu chờ duyệt (0)",
            "Chưa hoàn thành trong hạn",
        ] {
            assert!(reply.body.contains(text), "{text}");
        }
        insta::assert_snapshot!("plan_overview_html", main_of(&reply));
        let specialist = app.get_as(Some(SPECIALIST), "/ke-hoach?year=2023").await;
        assert!(
            !specialist.body.contains("Số liệu chờ duyệt"),
            "the PAR admin's list only"
        );
        assert!(specialist.nav_keys().contains(&"ke-hoach".to_owned()));
        assert_eq!(
            app.get_as(Some(SPECIALIST), "/ke-hoach?year=2099")
                .await
                .status,
            404
        );
        assert_eq!(
            app.get_as(Some(SPECIALIST), "/ke-hoach?year=abc")
                .await
                .status,
            400
        );
        assert_eq!(
            app.get_as(Some(SPECIALIST), "/ke-hoach?as_of=30-06-2023")
                .await
                .status,
            400
        );
    })
    .await;
}

#[tokio::test]
async fn a_target_shows_its_figure_over_the_dossiers_of_its_year() {
    each_backend(|app| async move {
        import_2023(&app).await;
        let uri = "/ke-hoach/muc-tieu/KH204-2023~MT~2.a?as_of=2023-06-30";
        let reply = app.get_as(Some(PAR_ADMIN), uri).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert!(!reply.body.contains(APPLICANT));
        // Population 4: early 1, on time 2, late 3, open within 4 → 3 of 4.
        assert!(
            reply.body.contains("Hiện tại <strong>75 %</strong>"),
            "{}",
            reply.body
        );
        // Finished 1, 2, 3; early 1 (Feb 6 before Feb 10).
        assert!(reply.body.contains("Hiện tại <strong>33,33 %</strong>"));
        let charts = svgs(&reply.body);
        assert_eq!(charts.len(), 2);
        assert!(charts[0].contains("<title id=\"figure-0-title\">"));
        assert!(charts[0].contains(">Tháng (năm 2023)</text>"));
        assert_eq!(charts[0].matches("<circle").count(), 5, "February to June");
        // The construction sector: dossiers 1 and 4, both on time at the end of June.
        assert!(
            reply
                .body
                .contains("<th scope=\"row\">Xây dựng</th><td class=\"num\">100 %</td>")
        );
        insta::assert_snapshot!("plan_target_svg", charts[0]);
        insta::assert_snapshot!("plan_target_html", main_of(&reply));
        let satisfaction = app
            .get_as(
                Some(PAR_ADMIN),
                "/ke-hoach/muc-tieu/KH204-2023~MT~2.c?as_of=2023-06-30",
            )
            .await;
        assert!(
            satisfaction.body.contains("Hiện tại <strong>50 %</strong>"),
            "one of two rated"
        );
        assert_eq!(
            app.get_as(Some(PAR_ADMIN), "/ke-hoach/muc-tieu/KH204-2023~MT~2.z")
                .await
                .status,
            404
        );
        assert_eq!(
            app.get_as(Some(PAR_ADMIN), "/ke-hoach/muc-tieu/nothing")
                .await
                .status,
            404
        );
    })
    .await;
}

#[tokio::test]
async fn a_unit_reports_a_value_with_evidence_and_the_par_admin_reviews_it() {
    each_backend(|app| async move {
        let target = "/ke-hoach/muc-tieu/KH204-2023~MT~3.a";
        let pdf: &[u8] = b"%PDF-1.4\r\n--\x00\xffbao cao";
        let fields = [
            ("threshold", "2"),
            ("period_start", "2023-01-01"),
            ("period_end", "2023-06-30"),
            ("value", "1,5"),
            ("note", "Giảm 24 biên chế"),
            ("evidence", "QĐ 12/QĐ-UBND"),
        ];
        assert_eq!(stored(&app).await, (0, false));
        let bad = upload(
            &app,
            SPECIALIST,
            &format!("{target}/bao-cao"),
            &[
                ("threshold", "2"),
                ("period_start", "2023-01-01"),
                ("period_end", "2024-01-31"),
                ("value", "abc"),
            ],
            &[("x.exe", b"MZ")],
        )
        .await;
        assert_eq!(bad.status, 422, "{}", bad.body);
        for text in [
            "Giá trị phải là một số.",
            "Kỳ báo cáo phải nằm trong năm 2023.",
            "không thuộc loại",
        ] {
            assert!(bad.body.contains(text), "{text}");
        }
        assert_eq!(
            stored(&app).await,
            (0, false),
            "a refused report writes nothing"
        );
        let outsider = upload(&app, RECEPTION, &format!("{target}/bao-cao"), &fields, &[]).await;
        assert_eq!(outsider.status, 403);
        let ok = upload(
            &app,
            SPECIALIST,
            &format!("{target}/bao-cao"),
            &fields,
            &[("Quyết định.pdf", pdf)],
        )
        .await;
        assert_eq!(ok.status, 303, "{}", ok.body);
        let page = app.get_as(Some(PAR_ADMIN), target).await;
        assert!(page.body.contains("Chờ duyệt") && page.body.contains("QĐ 12/QĐ-UBND"));
        let file_id: i64 = page
            .body
            .split("/ke-hoach/minh-chung/")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let file = app
            .get_as(Some(RECEPTION), &format!("/ke-hoach/minh-chung/{file_id}"))
            .await;
        assert_eq!(file.status, 200);
        assert_eq!(file.header("content-type"), "application/pdf");
        assert!(
            file.header("content-disposition")
                .starts_with("attachment;")
        );
        assert_eq!(
            app.get_as(None, &format!("/ke-hoach/minh-chung/{file_id}"))
                .await
                .status,
            303
        );
        let value_id = page
            .body
            .split("/ke-hoach/gia-tri/")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        let review = format!("/ke-hoach/gia-tri/{value_id}/duyet");
        assert_eq!(
            form(&app, SPECIALIST, &review, &[("decision", "approve")])
                .await
                .status,
            403
        );
        assert_eq!(
            form(&app, PAR_ADMIN, &review, &[("decision", "return")])
                .await
                .status,
            422
        );
        let approved = form(
            &app,
            PAR_ADMIN,
            &review,
            &[("decision", "approve"), ("back", target)],
        )
        .await;
        assert_eq!(approved.status, 303);
        assert!(
            approved
                .header("location")
                .starts_with(&format!("{target}?done=approved"))
        );
        assert_eq!(
            form(&app, PAR_ADMIN, &review, &[("decision", "approve")])
                .await
                .status,
            409
        );
        let after = app
            .get_as(Some(SPECIALIST), &format!("{target}?as_of=2023-07-01"))
            .await;
        assert!(
            after
                .body
                .contains("Hiện tại <strong>1,5 %</strong> (Báo cáo đã duyệt)"),
            "{}",
            after.body
        );
        assert!(after.body.contains("Đã duyệt"));
        let public = app
            .get_as(None, "/cong-khai/ke-hoach?year=2023&as_of=2023-07-01")
            .await;
        assert!(public.body.contains("1,5 %"));
        assert!(!public.body.contains(SPECIALIST) && !public.body.contains("Giảm 24 biên chế"));
    })
    .await;
}

#[tokio::test]
async fn progress_completes_a_task_and_the_board_filters_by_unit_and_status() {
    each_backend(|app| async move {
        let task = "/ke-hoach/nhiem-vu/KH204-2023~NV~3.a";
        let empty = upload(
            &app,
            SPECIALIST,
            &format!("{task}/tien-do"),
            &[("percent", "120")],
            &[],
        )
        .await;
        assert_eq!(empty.status, 422);
        assert!(empty.body.contains("Cần ghi nội dung đã thực hiện."));
        let fields = [
            ("note", "Đã trình phương án"),
            ("percent", "100"),
            ("completed_on", "2023-09-15"),
        ];
        let done = upload(
            &app,
            SPECIALIST,
            &format!("{task}/tien-do"),
            &fields,
            &[("to-trinh.docx", b"PK")],
        )
        .await;
        assert_eq!(done.status, 303, "{}", done.body);
        let page = app
            .get_as(Some(SPECIALIST), &format!("{task}?as_of=2024-01-10"))
            .await;
        assert!(
            page.body.contains("đã hoàn thành đúng hạn") && page.body.contains("to-trinh.docx")
        );
        assert_eq!(
            upload(&app, RECEPTION, &format!("{task}/tien-do"), &fields, &[])
                .await
                .status,
            403
        );
        let board = app
            .get_as(
                Some(SPECIALIST),
                "/ke-hoach/nhiem-vu?year=2023&as_of=2024-01-10&unit=H31.SNV&status=open_overdue",
            )
            .await;
        assert_eq!(board.status, 200);
        let listed = board.body.matches("data-task=").count();
        let snv_tasks = board
            .body
            .matches("<option value=\"H31.SNV\" selected>")
            .count();
        assert_eq!(snv_tasks, 1);
        assert!(listed > 0 && !board.body.contains("data-task=\"NV/3.a\""));
        let completed = app
            .get_as(
                Some(SPECIALIST),
                "/ke-hoach/nhiem-vu?year=2023&as_of=2024-01-10&status=completed_on_time",
            )
            .await;
        assert_eq!(completed.body.matches("data-task=").count(), 1);
        insta::assert_snapshot!("plan_board_html", main_of(&completed));
        assert_eq!(
            app.get_as(Some(SPECIALIST), "/ke-hoach/nhiem-vu?status=done")
                .await
                .status,
            400
        );
        assert_eq!(
            app.get_as(Some(SPECIALIST), "/ke-hoach/nhiem-vu?page=0")
                .await
                .status,
            400
        );
    })
    .await;
}

#[tokio::test]
async fn reminder_notices_reach_the_units_of_a_task() {
    each_backend(|app| async move {
        let cal = WorkCalendar::national().unwrap();
        let day = NaiveDate::from_ymd_opt(2023, 12, 21).unwrap();
        assert_eq!(app.db.store.run_reminders(day, &cal).await.unwrap(), 44);
        let page = app.get_as(Some(SPECIALIST), "/ke-hoach/thong-bao").await;
        assert_eq!(page.status, 200);
        let snv_tasks = page.body.matches("Còn 7 ngày làm việc").count();
        assert!(snv_tasks > 0, "{}", page.body);
        let id = page
            .body
            .split("/ke-hoach/thong-bao/")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        let uri = format!("/ke-hoach/thong-bao/{id}/da-doc");
        assert_eq!(
            form(&app, RECEPTION, &uri, &[]).await.status,
            403,
            "another unit's notice"
        );
        assert_eq!(form(&app, SPECIALIST, &uri, &[]).await.status, 303);
        let again = app.get_as(Some(SPECIALIST), "/ke-hoach/thong-bao").await;
        assert_eq!(again.body.matches("Đánh dấu đã đọc").count(), snv_tasks - 1);
        let overview = app.get_as(Some(SPECIALIST), "/ke-hoach?year=2023").await;
        assert!(
            overview
                .body
                .contains("Thông báo đôn đốc chưa đọc của đơn vị")
        );
    })
    .await;
}

/// The entry `name` of a zip archive, as text.
fn unzip(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut text = String::new();
    zip.by_name(name)
        .expect("the entry")
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[tokio::test]
async fn the_public_page_and_the_workbook() {
    each_backend(|app| async move {
        let public = app
            .get_as(None, "/cong-khai/ke-hoach?year=2023&as_of=2024-01-10")
            .await;
        assert_eq!(public.status, 200);
        assert_eq!(
            public.body.matches("data-status=\"open_overdue\"").count(),
            44
        );
        insta::assert_snapshot!("plan_public_html", main_of(&public));
        let (cookie, _) = app.session(SPECIALIST).await;
        let req = Req::get("/ke-hoach/xuat.xlsx?year=2023&as_of=2024-01-10")
            .cookie(&cookie)
            .empty();
        let response = tower::ServiceExt::oneshot(app.router.clone(), req)
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let disposition = response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(disposition.contains("ke-hoach-KH204-2023.xlsx"));
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let book = unzip(&bytes, "xl/workbook.xml");
        assert!(book.contains("name=\"Mục tiêu\"") && book.contains("name=\"Nhiệm vụ\""));
        let strings = unzip(&bytes, "xl/sharedStrings.xml");
        for text in [
            "MT/2.a",
            "dossier.on_time_ratio",
            "NV/2.l#2",
            "chưa hoàn thành quá hạn",
            "Sở Nội vụ tỉnh Hưng Yên",
        ] {
            assert!(strings.contains(text), "{text}");
        }
        let tasks = unzip(&bytes, "xl/worksheets/sheet2.xml");
        assert_eq!(
            tasks.matches("<row ").count(),
            2 + 44,
            "title, header, one row per task"
        );
        let targets = unzip(&bytes, "xl/worksheets/sheet1.xml");
        assert!(targets.matches("<row ").count() > 30);
    })
    .await;
}

#[tokio::test]
async fn the_par_admin_does_not_review_a_value_they_reported() {
    each_backend(|app| async move {
        let target = "/ke-hoach/muc-tieu/KH204-2023~MT~3.a";
        let fields = [
            ("threshold", "0"),
            ("period_start", "2023-01-01"),
            ("period_end", "2023-06-30"),
            ("value", "2,6"),
        ];
        let reported = upload(&app, PAR_ADMIN, &format!("{target}/bao-cao"), &fields, &[]).await;
        assert_eq!(reported.status, 303, "{}", reported.body);
        let page = app.get_as(Some(PAR_ADMIN), target).await;
        assert!(page.body.contains("Chờ duyệt"), "{}", page.body);
        assert!(
            !page.body.contains("/duyet"),
            "no review form on one's own report"
        );
        let values = app
            .db
            .store
            .submitted_values(cchc_domain::plan::Period::year(2023).unwrap())
            .await
            .unwrap();
        let review = format!("/ke-hoach/gia-tri/{}/duyet", values[0].id);
        for decision in [
            [("decision", "approve"), ("reason", "")],
            [("decision", "return"), ("reason", "Sai số liệu")],
        ] {
            let refused = form(&app, PAR_ADMIN, &review, &decision).await;
            assert_eq!(refused.status, 403, "{}", refused.body);
            assert!(
                refused.body.contains("do chính mình báo cáo"),
                "{}",
                refused.body
            );
        }
        let still = app.db.store.indicator_value(values[0].id).await.unwrap();
        assert_eq!(
            still.map(|v| v.state),
            Some(cchc_store::plan_values::ValueState::Submitted)
        );
    })
    .await;
}
