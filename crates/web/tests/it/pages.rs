//! HTML pages: navigation by role, the account page, the org tree, the admin pages, error
//! pages.

use crate::support::{ADMIN, CITIZEN, RECEPTION, Req, SPECIALIST, each_backend};
use cchc_store::demo::DEMO_USERS;

#[tokio::test]
async fn navigation_follows_the_role() {
    each_backend(|app| async move {
        for (username, _, role, _) in DEMO_USERS {
            let (cookie, _) = app.session(username).await;
            let reply = app.send(Req::get("/account").cookie(&cookie).empty()).await;
            let expected: Vec<&str> = cchc_web::nav::for_role(Some(role))
                .iter()
                .map(|e| e.key)
                .collect();
            assert_eq!(reply.nav_keys(), expected, "{username}");
            assert!(reply.body.contains(role.label_vi()), "{username}");
        }
        let anonymous = app.send(Req::get("/").empty()).await;
        assert!(anonymous.nav_keys().is_empty());
        assert!(
            anonymous
                .body
                .contains("cchc — Cải cách hành chính tỉnh Hưng Yên")
        );
        assert!(anonymous.body.contains("href=\"/login\""));
    })
    .await;
}

#[tokio::test]
async fn the_account_page_names_user_role_and_unit() {
    each_backend(|app| async move {
        let (cookie, _) = app.session(SPECIALIST).await;
        let reply = app.send(Req::get("/account").cookie(&cookie).empty()).await;
        assert_eq!(reply.status, 200);
        assert!(reply.header("content-type").starts_with("text/html"));
        for text in [
            "Lê Văn Cường",
            "Chuyên viên xử lý",
            "Sở Nội vụ tỉnh Hưng Yên (H31.SNV)",
            "lang=\"vi\"",
        ] {
            assert!(reply.body.contains(text), "{text}");
        }
        let (cookie, _) = app.session(CITIZEN).await;
        let reply = app.send(Req::get("/account").cookie(&cookie).empty()).await;
        assert!(reply.body.contains("Người dân, doanh nghiệp"));
    })
    .await;
}

#[tokio::test]
async fn the_org_page_shows_the_tree_on_a_date() {
    each_backend(|app| async move {
        let (cookie, _) = app.session(ADMIN).await;
        let get = |uri: &str| Req::get(uri).cookie(&cookie).empty();
        let after = app.send(get("/org?at=2025-07-01")).await;
        assert_eq!(after.status, 200);
        assert!(
            after.body.contains("type=\"date\"") && after.body.contains("value=\"2025-07-01\"")
        );
        assert!(after.body.contains("Tỉnh Hưng Yên") && after.body.contains("01/07/2025"));
        let before = app.send(get("/org?at=2025-06-30")).await;
        assert!(before.body.contains("huyện, thị xã, thành phố"));
        assert!(!after.body.contains("huyện, thị xã, thành phố"));
        let today = app.send(get("/org")).await;
        assert_eq!(today.status, 200);
        let bad = app.send(get("/org?at=hom-nay")).await;
        assert_eq!(bad.status, 400);
        assert!(bad.body.contains("Ngày không hợp lệ"));
        let (cookie, _) = app.session(RECEPTION).await;
        let outside = app
            .send(Req::get("/org?unit=H31.SNV").cookie(&cookie).empty())
            .await;
        assert_eq!(outside.status, 403);
        assert!(outside.body.contains("nằm ngoài phạm vi đơn vị"));
        assert_eq!(
            outside.nav_keys(),
            [
                "account",
                "dossiers",
                "reception",
                "org",
                "chi-so",
                "register",
                "ke-hoach"
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn admins_list_and_create_users_from_the_page() {
    each_backend(|app| async move {
        let (cookie, csrf) = app.session(ADMIN).await;
        let list = app
            .send(Req::get("/admin/users").cookie(&cookie).empty())
            .await;
        assert_eq!(list.status, 200);
        assert!(
            list.body.contains("Vũ Thị Giang")
                && list.body.contains("Thành viên hội đồng thẩm định")
        );
        let mut fields = vec![
            ("csrf_token", csrf.as_str()),
            ("username", "canbo.moi"),
            ("display_name", "Cán bộ <mới>"),
            ("role", "specialist"),
            ("unit_code", "H31.SNV"),
            ("password", "ngan"),
        ];
        let refused = app
            .send(Req::post("/admin/users").cookie(&cookie).form(&fields))
            .await;
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains("Mật khẩu quá ngắn"));
        assert!(
            refused.body.contains("value=\"Cán bộ &lt;mới&gt;\""),
            "escaped and kept"
        );
        fields[5].1 = "mat-khau-du-dai";
        let done = app
            .send(Req::post("/admin/users").cookie(&cookie).form(&fields))
            .await;
        assert_eq!(
            (done.status.as_u16(), done.header("location")),
            (303, "/admin/users?created=1")
        );
        let list = app
            .send(Req::get("/admin/users?created=1").cookie(&cookie).empty())
            .await;
        assert!(list.body.contains("Đã tạo tài khoản") && list.body.contains("Cán bộ &lt;mới&gt;"));
        let again = app
            .send(Req::post("/admin/users").cookie(&cookie).form(&fields))
            .await;
        assert_eq!(again.status, 409);
    })
    .await;
}

#[tokio::test]
async fn the_audit_page_shows_the_chain_and_pages() {
    each_backend(|app| async move {
        let (cookie, _) = app.session(ADMIN).await;
        for _ in 0..50 {
            app.session(CITIZEN).await;
        }
        let first = app
            .send(Req::get("/admin/audit").cookie(&cookie).empty())
            .await;
        assert_eq!(first.status, 200);
        assert!(
            !first.body.contains("Chuỗi nhật ký toàn vẹn"),
            "verified only on request"
        );
        let verified = app
            .send(Req::get("/admin/audit?verify=1").cookie(&cookie).empty())
            .await;
        assert!(verified.body.contains("Chuỗi nhật ký toàn vẹn"));
        assert!(first.body.contains("rel=\"next\"") && !first.body.contains("rel=\"prev\""));
        let second = app
            .send(Req::get("/admin/audit?page=2").cookie(&cookie).empty())
            .await;
        assert!(second.body.contains("Trang 2 /") && second.body.contains("rel=\"prev\""));
        let bad = app
            .send(Req::get("/admin/audit?page=0").cookie(&cookie).empty())
            .await;
        assert_eq!(bad.status, 400);
    })
    .await;
}

#[tokio::test]
async fn error_pages_are_vietnamese() {
    each_backend(|app| async move {
        let (cookie, _) = app.session(SPECIALIST).await;
        let forbidden = app
            .send(Req::get("/admin/users").cookie(&cookie).empty())
            .await;
        assert_eq!(forbidden.status, 403);
        assert!(forbidden.header("content-type").starts_with("text/html"));
        assert!(
            forbidden.body.contains("Không có quyền truy cập")
                && forbidden.body.contains("quản trị hệ thống")
        );
        let missing = app.send(Req::get("/khong-co").empty()).await;
        assert_eq!(missing.status, 404);
        assert!(missing.body.contains("Không tìm thấy"));
        let wrong_method = app
            .send(Req::new(axum::http::Method::PUT, "/account").empty())
            .await;
        assert_eq!(wrong_method.status, 405);
        assert!(wrong_method.body.contains("Phương thức không được hỗ trợ"));
    })
    .await;
}
