//! A dossier through the pages: received at the desk page (refusals and bad input shown in
//! the form, typed values kept), forwarded, processed, finished by the leader and returned,
//! each page offering only the actions of its reader's role and unit; then the public lookup.

use crate::office::{PROCEDURE, Session, actions, code_of};
use crate::support::{TestApp, each_backend};

/// The desk form's fields with the checklist lines `ticked`.
fn desk_form<'a>(name: &'a str, id: &'a str, ticked: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("thu_tuc", PROCEDURE),
        ("ho_ten", name),
        ("so_dinh_danh", id),
        ("dien_thoai", "0912345678"),
        ("dia_chi", "Phố Hiến, Hưng Yên"),
        ("kenh", "direct"),
        ("don_vi", "H31.SNV"),
    ];
    fields.extend(ticked.iter().map(|t| ("thanh_phan", *t)));
    fields
}

/// The text of the page's alert.
fn alert(page: &crate::support::Reply) -> &str {
    let start = page.body.find("role=\"alert\">").expect("an alert");
    let rest = &page.body[start..];
    &rest[..rest.find("</p>").unwrap_or(rest.len())]
}

/// Receives a dossier at the desk page; its code.
async fn receive_at_desk(app: &TestApp, desk: &Session) -> String {
    let form = desk
        .get(app, &format!("/tiep-nhan?thu_tuc={PROCEDURE}"))
        .await;
    assert!(
        form.body.contains("value=\"H31.SNV\""),
        "competent unit proposed"
    );
    let missing = desk
        .post(app, "/tiep-nhan", &desk_form("Lê Thị Hoa", "", &["0"]))
        .await;
    assert_eq!(missing.status.as_u16(), 409, "{}", missing.body);
    assert!(missing.body.contains("Hồ sơ chưa đủ thành phần"));
    assert!(
        missing.body.contains("value=\"Lê Thị Hoa\""),
        "typed name kept"
    );
    let bad_id = desk
        .post(
            app,
            "/tiep-nhan",
            &desk_form("Lê Thị Hoa", "12ab", &["0", "1"]),
        )
        .await;
    assert_eq!(bad_id.status.as_u16(), 422, "{}", bad_id.body);
    assert!(
        bad_id
            .body
            .contains("Thông tin người nộp hồ sơ không hợp lệ")
    );
    assert!(
        !alert(&bad_id).contains("12ab"),
        "the message does not echo the value"
    );
    assert!(bad_id.body.contains("value=\"12ab\""), "the form keeps it");
    let ok = desk
        .post(
            app,
            "/tiep-nhan",
            &desk_form("Lê Thị Hoa", "033090000001", &["0", "1"]),
        )
        .await;
    code_of(&ok)
}

#[tokio::test]
async fn a_dossier_goes_from_the_desk_to_its_return_through_the_pages() {
    each_backend(|app| async move {
        let desk = Session::of(&app, "tiepnhan").await;
        let code = receive_at_desk(&app, &desk).await;
        let page = desk.get(&app, &format!("/ho-so/{code}?moi=1")).await;
        assert!(page.body.contains(&format!("/ho-so/{code}/mau/receipt")));
        assert_eq!(actions(&page), ["forward", "withdraw"]);
        let specialist = Session::of(&app, "chuyenvien").await;
        let before = specialist.get(&app, &format!("/ho-so/{code}")).await;
        assert!(
            actions(&before).is_empty(),
            "the desk holds it: {:?}",
            actions(&before)
        );
        let forward = [
            ("action", "forward"),
            ("don_vi", "H31.SNV"),
            ("can_bo", "chuyenvien"),
            ("so_gio", "40"),
        ];
        code_of(&desk.act(&app, &code, &forward).await);
        let page = specialist.get(&app, &format!("/ho-so/{code}")).await;
        assert_eq!(
            actions(&page),
            [
                "request_supplement",
                "forward",
                "complete_step",
                "request_payment",
                "propose_extension"
            ]
        );
        let late = [
            ("action", "propose_extension"),
            ("han_moi", "2020-01-01T08:00"),
            ("ly_do", "Xin lỗi vì cần thêm thời gian"),
        ];
        let refused = specialist.act(&app, &code, &late).await;
        assert_eq!(refused.status.as_u16(), 409, "{}", refused.body);
        assert!(refused.body.contains("class=\"alert\""));
        assert!(
            refused.body.contains("Xin lỗi vì cần thêm thời gian"),
            "typed text kept"
        );
        let finish = [("action", "finish"), ("ma_ket_qua", "TB-01")];
        assert_eq!(
            specialist.act(&app, &code, &finish).await.status.as_u16(),
            403
        );
        code_of(
            &specialist
                .act(&app, &code, &[("action", "complete_step")])
                .await,
        );
        let leader = Session::of(&app, "lanhdao").await;
        code_of(&leader.act(&app, &code, &finish).await);
        let page = desk.get(&app, &format!("/ho-so/{code}")).await;
        assert_eq!(actions(&page), ["pay", "return"]);
        let give_back = [("action", "return"), ("kenh", "direct")];
        code_of(&desk.act(&app, &code, &give_back).await);
        let done = desk.get(&app, &format!("/ho-so/{code}?xong=return")).await;
        assert!(done.body.contains("10. Đã trả kết quả"), "{}", done.body);
        assert!(done.body.contains("Đã trả kết quả."), "notice");
        assert!(actions(&done).is_empty());
        let public = app
            .send(crate::support::Req::get(&format!("/tra-cuu?ma={code}")).empty())
            .await;
        assert!(public.body.contains("Lê T** H**"), "{}", public.body);
        assert!(
            public.body.contains("Sở Nội vụ tỉnh Hưng Yên"),
            "unit names"
        );
        assert!(!public.body.contains("chuyenvien") && !public.body.contains("033090000001"));
    })
    .await;
}

#[tokio::test]
async fn monitoring_roles_read_without_acting() {
    each_backend(|app| async move {
        let desk = Session::of(&app, "tiepnhan").await;
        let code = receive_at_desk(&app, &desk).await;
        for username in ["quantri", "quantricchc"] {
            let viewer = Session::of(&app, username).await;
            let page = viewer.get(&app, &format!("/ho-so/{code}")).await;
            if username == "quantricchc" {
                // Sở Nội vụ is the competent unit: its staff read the dossier.
                assert_eq!(page.status.as_u16(), 200);
            }
            assert!(actions(&page).is_empty(), "{username}");
            let forward = [
                ("action", "forward"),
                ("don_vi", "H31.SNV"),
                ("so_gio", "8"),
            ];
            let reply = viewer.act(&app, &code, &forward).await;
            assert_eq!(reply.status.as_u16(), 403, "{username}");
        }
    })
    .await;
}
