//! The officer pages: a dossier received at the reception desk page, forwarded, processed,
//! finished and returned through the dossier page's forms, each page offering only what the
//! reader's role and unit may do; refusals shown in the page with what was typed; snapshots of
//! the inbox, the desk and the dossier page on fixed data.

use crate::support::{Reply, Req, TestApp, each_backend};
use cchc_calendar::WorkCalendar;
use cchc_domain::UnitCode;
use cchc_domain::dossier::{Action, ActionContext, Assignee, Channel, Component};
use cchc_store::dossiers::{Applicant, NewDossier};
use chrono::NaiveDateTime;

/// The provincial service centre (the demo reception officer's unit) and Sở Nội vụ.
pub const CENTRE: &str = "H31.VPUB.TTPVHCC";
pub const SNV: &str = "H31.SNV";
/// Đăng ký nội quy lao động: received at the centre, decided by Sở Nội vụ.
pub const PROCEDURE: &str = "2.001955";

/// A signed-in user's cookie and CSRF token.
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

impl Session {
    pub async fn of(app: &TestApp, username: &str) -> Session {
        let (cookie, csrf) = app.session(username).await;
        Session { cookie, csrf }
    }

    /// A session of an account created by the test.
    pub async fn for_user(app: &TestApp, user: &cchc_store::accounts::User) -> Session {
        let (secret, csrf) = app.db.store.create_session(user, 3_600_000).await.unwrap();
        Session {
            cookie: format!("cchc_session={secret}"),
            csrf,
        }
    }

    pub async fn get(&self, app: &TestApp, uri: &str) -> Reply {
        app.send(Req::get(uri).cookie(&self.cookie).empty()).await
    }

    /// Posts a form with this session's CSRF token.
    pub async fn post(&self, app: &TestApp, uri: &str, fields: &[(&str, &str)]) -> Reply {
        let mut all = vec![("csrf_token", self.csrf.as_str())];
        all.extend_from_slice(fields);
        app.send(Req::post(uri).cookie(&self.cookie).form(&all))
            .await
    }

    /// Posts one action of the dossier page; the reply.
    pub async fn act(&self, app: &TestApp, code: &str, fields: &[(&str, &str)]) -> Reply {
        self.post(app, &format!("/ho-so/{code}/thao-tac"), fields)
            .await
    }
}

/// The `data-action` forms of a dossier page, in order.
pub fn actions(page: &Reply) -> Vec<String> {
    page.body
        .split("data-action=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// The code in a redirect to a dossier page.
pub fn code_of(reply: &Reply) -> String {
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.body);
    let location = reply.header("location");
    let rest = location.strip_prefix("/ho-so/").expect("a dossier page");
    rest.split('?').next().unwrap_or(rest).to_owned()
}

/// The page's HTML with the session's CSRF token hidden.
pub fn html(reply: &Reply, session: &Session) -> String {
    reply.body.replace(&session.csrf, "[csrf]")
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// A dossier received at the centre on 2 March 2026 and forwarded to Sở Nội vụ's specialist.
async fn fixed_dossier(app: &TestApp) -> String {
    let cal = WorkCalendar::national().unwrap();
    let centre = UnitCode::parse(CENTRE).unwrap();
    let ctx = |when: &str| ActionContext {
        actor: "tiepnhan",
        unit: &centre,
        at: at(when),
        calendar: &cal,
    };
    let new = NewDossier {
        procedure_code: PROCEDURE.to_owned(),
        channel: Channel::Direct,
        applicant: Applicant {
            name: "Công ty TNHH Minh Phát".to_owned(),
            id_number: None,
            phone: Some("0221388888".to_owned()),
            address: Some("Phố Hiến, Hưng Yên".to_owned()),
        },
        components: vec![
            Component::provided("Văn bản đề nghị đăng ký nội quy lao động"),
            Component::provided("Nội quy lao động"),
        ],
        vneid_verified: false,
        national_databases: vec![],
        competent_unit: Some(UnitCode::parse(SNV).unwrap()),
        submitted_by: None,
    };
    let store = &app.db.store;
    let created = store.create_dossier(&new, &ctx("2026-03-02T09:00")).await;
    let code = created.unwrap().dossier.record.code;
    let forward = Action::Forward {
        to: Assignee {
            unit: UnitCode::parse(SNV).unwrap(),
            officer: Some("chuyenvien".to_owned()),
        },
        budget_hours: 44,
    };
    store
        .apply_action(&code, &forward, &ctx("2026-03-02T09:30"))
        .await
        .unwrap();
    code.to_string()
}

#[tokio::test]
async fn pages_on_fixed_data() {
    each_backend(|app| async move {
        let code = fixed_dossier(&app).await;
        let specialist = Session::of(&app, "chuyenvien").await;
        let page = specialist.get(&app, &format!("/ho-so/{code}")).await;
        assert_eq!(page.status.as_u16(), 200, "{}", page.body);
        insta::assert_snapshot!("office_dossier_html", html(&page, &specialist));
        let inbox = specialist.get(&app, "/ho-so").await;
        insta::assert_snapshot!("office_inbox_html", html(&inbox, &specialist));
        let desk = Session::of(&app, "tiepnhan").await;
        let search = desk.get(&app, "/tiep-nhan?q=noi%20quy%20lao%20dong").await;
        insta::assert_snapshot!("office_desk_search_html", html(&search, &desk));
        let form = desk
            .get(&app, &format!("/tiep-nhan?thu_tuc={PROCEDURE}"))
            .await;
        insta::assert_snapshot!("office_desk_form_html", html(&form, &desk));
    })
    .await;
}

#[tokio::test]
async fn the_inbox_filters_and_counts() {
    each_backend(|app| async move {
        let code = fixed_dossier(&app).await;
        let leader = Session::of(&app, "lanhdao").await;
        let count = |page: &Reply| -> usize { page.body.matches("<td class=\"code\">").count() };
        let all = leader.get(&app, "/ho-so").await;
        assert_eq!(count(&all), 1, "{}", all.body);
        assert!(all.body.contains("due-overdue") && all.body.contains("quá hạn"));
        let seq = &code[code.len() - 4..];
        for (query, rows) in [
            (format!("/ho-so?ma={seq}"), 1),
            ("/ho-so?ma=khong-co".to_owned(), 0),
            ("/ho-so?qua_han=1".to_owned(), 1),
            ("/ho-so?trang_thai=4".to_owned(), 1),
            ("/ho-so?trang_thai=2".to_owned(), 0),
            ("/ho-so?linh_vuc=H%E1%BB%99%20t%E1%BB%8Bch".to_owned(), 0),
            (format!("/ho-so?thu_tuc={PROCEDURE}&den_han=3"), 1),
        ] {
            let page = leader.get(&app, &query).await;
            assert_eq!(page.status.as_u16(), 200, "{query}");
            assert_eq!(count(&page), rows, "{query}");
        }
        let empty = leader.get(&app, "/ho-so?trang_thai=2").await;
        assert!(empty.body.contains("Không có hồ sơ nào phù hợp"));
        let bad = leader.get(&app, "/ho-so?trang_thai=99&den_han=abc").await;
        assert!(bad.body.contains("Trạng thái không hợp lệ"));
        assert!(bad.body.contains("Số ngày làm việc đến hạn"));
        let desk = Session::of(&app, "tiepnhan").await;
        let received_here = desk.get(&app, "/ho-so").await;
        assert_eq!(count(&received_here), 1, "the desk sees what it received");
        let outside = Session::of(&app, "congdan").await;
        assert_eq!(outside.get(&app, "/ho-so").await.status.as_u16(), 403);
    })
    .await;
}
