//! The shared org units: read once and handed to every request until they are old or an
//! import through the API replaces them, which every page and route then sees at once.

use crate::support::{ADMIN, CSV_HEADER, Req, TestApp, each_backend};
use cchc_app::org::OrgCache;
use cchc_domain::auth::Scope;
use std::sync::Arc;

const NEW_UNIT: &str = "H31.SNV.PMOI";

/// The codes under H31.SNV in the tree API and the org page, as the admin sees them.
async fn seen(app: &TestApp, token: &str, cookie: &str) -> (bool, bool) {
    let tree = Req::get("/api/v1/org-units/H31.SNV/tree?at=2026-06-01").bearer(token);
    let tree = app.send(tree.empty()).await;
    assert_eq!(tree.status, 200, "{}", tree.body);
    let page = Req::get("/org?unit=H31.SNV&at=2026-06-01").cookie(cookie);
    let page = app.send(page.empty()).await;
    assert_eq!(page.status, 200, "{}", page.body);
    (tree.body.contains(NEW_UNIT), page.body.contains(NEW_UNIT))
}

#[tokio::test]
async fn units_imported_through_the_api_show_at_once() {
    each_backend(|app| async move {
        let token = app.token(ADMIN, Scope::Write).await;
        let (cookie, _) = app.session(ADMIN).await;
        assert_eq!(seen(&app, &token, &cookie).await, (false, false));
        let csv = format!("{CSV_HEADER}{NEW_UNIT},Phòng mới,other,H31.SNV,2026-01-01,,\n");
        let import = Req::post("/api/v1/org-units/import")
            .bearer(&token)
            .csv(&csv);
        assert_eq!(app.send(import).await.status, 200);
        assert_eq!(seen(&app, &token, &cookie).await, (true, true));
    })
    .await;
}

#[tokio::test]
async fn the_cache_hands_out_one_read_until_cleared() {
    each_backend(|app| async move {
        let store = &app.db.store;
        let cache = OrgCache::default();
        let first = cache.units(store).await.unwrap();
        let csv = format!("{CSV_HEADER}{NEW_UNIT},Phòng mới,other,H31.SNV,2026-01-01,,\n");
        store.import_org_units(&csv, "test").await.unwrap();
        let again = cache.units(store).await.unwrap();
        assert!(
            Arc::ptr_eq(&first, &again),
            "a second request reads nothing"
        );
        cache.clear();
        let fresh = cache.units(store).await.unwrap();
        assert_eq!(fresh.len(), first.len() + 1);
        assert!(fresh.iter().any(|u| u.code.as_str() == NEW_UNIT));
    })
    .await;
}
