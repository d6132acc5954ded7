//! Storage tests, run on SQLite and, when `CCHC_TEST_POSTGRES_URL` is set, on PostgreSQL,
//! each on a database of its own.

use cchc_domain::Role;
use cchc_domain::auth::Scope;
use cchc_store::accounts::NewUser;
use cchc_store::audit::ChainStatus;
use cchc_store::org::ImportError;
use cchc_store::paging::Page;
use cchc_store::testing::{TestDb, backends};
use cchc_store::{Backend, Store, StoreError};

const HEADER: &str = "code,name,kind,parent_code,valid_from,valid_to,successor_code\n";

async fn each_backend<F, Fut>(test: F)
where
    F: Fn(TestDb) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for backend in backends() {
        let db = TestDb::new(backend).await.expect("test database");
        test(db).await;
    }
}

async fn seed_units(store: &Store) {
    let csv = format!(
        "{HEADER}H31,Hưng Yên,province,,1997-01-01,,\nH31.SNV,Sở Nội vụ,department,H31,2008-01-01,,\n"
    );
    store.import_org_units(&csv, "test").await.unwrap();
}

fn new_user(username: &str, role: Role, unit: Option<&str>) -> NewUser {
    NewUser {
        username: username.into(),
        display_name: "Người thử".into(),
        role,
        unit_code: unit.map(Into::into),
        password_hash: "$argon2id$placeholder".into(),
    }
}

#[tokio::test]
async fn migrations_are_idempotent_and_recorded() {
    each_backend(|db| async move {
        let last = cchc_store::migrate::migrations(db.backend())
            .last()
            .unwrap();
        assert_eq!(db.store.schema_version().await.unwrap(), last.version);
        assert!(db.store.migrate().await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn base_data_loads_once_with_hung_yen() {
    each_backend(|db| async move {
        assert!(db.store.load_base_data_if_empty().await.unwrap());
        assert!(!db.store.load_base_data_if_empty().await.unwrap());
        let at = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
        let h31 = db
            .store
            .org_unit_at("H31", at)
            .await
            .unwrap()
            .expect("H31 present");
        assert_eq!(h31.name, "Tỉnh Hưng Yên");
        assert!(matches!(db.store.verify_audit().await.unwrap(), ChainStatus::Intact(n) if n >= 1));
    })
    .await;
}

#[tokio::test]
async fn invalid_import_writes_nothing() {
    each_backend(|db| async move {
        seed_units(&db.store).await;
        let before = db.store.org_units().await.unwrap().len();
        let bad = format!(
            "{HEADER}H31.X,Xã X,commune,H31,2025-07-01,,\nH31.Y,Xã Y,commune,H99,2025-07-01,,\n"
        );
        match db.store.import_org_units(&bad, "test").await {
            Err(ImportError::Rejected(problems)) => assert_eq!(problems[0].line, 3),
            other => panic!("expected rejection, got {other:?}"),
        }
        assert_eq!(db.store.org_units().await.unwrap().len(), before);
    })
    .await;
}

#[tokio::test]
async fn users_sessions_and_tokens() {
    each_backend(|db| async move {
        seed_units(&db.store).await;
        let user = db
            .store
            .create_user(
                &new_user("chuyenvien", Role::Specialist, Some("H31.SNV")),
                "test",
            )
            .await
            .unwrap();
        let dup = db
            .store
            .create_user(
                &new_user("chuyenvien", Role::Specialist, Some("H31.SNV")),
                "test",
            )
            .await;
        assert!(matches!(dup, Err(StoreError::Conflict(_))), "{dup:?}");
        let no_unit = db
            .store
            .create_user(&new_user("x.staff", Role::Specialist, None), "test")
            .await;
        assert!(matches!(no_unit, Err(StoreError::Invalid(_))));
        let bad_unit = db
            .store
            .create_user(&new_user("y.staff", Role::Specialist, Some("H99")), "test")
            .await;
        assert!(matches!(bad_unit, Err(StoreError::Invalid(_))));

        let (secret, csrf) = db.store.create_session(&user, 60_000).await.unwrap();
        let session = db
            .store
            .session(&secret)
            .await
            .unwrap()
            .expect("live session");
        assert_eq!((session.user.id, session.csrf_token), (user.id, csrf));
        assert!(db.store.session("not-a-session").await.unwrap().is_none());
        db.store
            .delete_session(&secret, "chuyenvien")
            .await
            .unwrap();
        assert!(db.store.session(&secret).await.unwrap().is_none());

        let token = db
            .store
            .create_api_token("chuyenvien", Scope::Read, "test")
            .await
            .unwrap();
        let (owner, scope) = db
            .store
            .token_user(&token)
            .await
            .unwrap()
            .expect("token works");
        assert_eq!(
            (owner.username.as_str(), scope),
            ("chuyenvien", Scope::Read)
        );
        let stored: i64 =
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1")
                .bind(&token)
                .fetch_one(db.store.pool())
                .await
                .unwrap();
        assert_eq!(stored, 0, "the plain token must not be stored");
    })
    .await;
}

#[tokio::test]
async fn tampering_with_the_audit_log_is_detected() {
    each_backend(|db| async move {
        seed_units(&db.store).await;
        for name in ["a.user", "b.user", "c.user"] {
            db.store
                .create_user(&new_user(name, Role::Citizen, None), "test")
                .await
                .unwrap();
        }
        assert!(matches!(
            db.store.verify_audit().await.unwrap(),
            ChainStatus::Intact(4)
        ));
        sqlx::query("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3")
            .execute(db.store.pool())
            .await
            .unwrap();
        match db.store.verify_audit().await.unwrap() {
            ChainStatus::Broken(link) => assert_eq!(link.seq, 3),
            ChainStatus::Intact(_) => panic!("altered row not detected"),
        }
    })
    .await;
    each_backend(|db| async move {
        seed_units(&db.store).await;
        for name in ["a.user", "b.user", "c.user"] {
            db.store
                .create_user(&new_user(name, Role::Citizen, None), "test")
                .await
                .unwrap();
        }
        sqlx::query("DELETE FROM audit_log WHERE seq = 2")
            .execute(db.store.pool())
            .await
            .unwrap();
        assert!(
            matches!(db.store.verify_audit().await.unwrap(), ChainStatus::Broken(l) if l.seq == 3)
        );
        sqlx::query("DELETE FROM audit_log WHERE seq >= 3")
            .execute(db.store.pool())
            .await
            .unwrap();
        assert!(
            matches!(db.store.verify_audit().await.unwrap(), ChainStatus::Broken(l) if l.seq == 2)
        );
    })
    .await;
}

#[tokio::test]
async fn concurrent_writers_keep_one_chain() {
    each_backend(|db| async move {
        seed_units(&db.store).await;
        let tasks: Vec<_> = (0..16)
            .map(|i| {
                let store = db.store.clone();
                tokio::spawn(async move {
                    store
                        .create_user(&new_user(&format!("user{i:02}"), Role::Citizen, None), "t")
                        .await
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        assert!(matches!(
            db.store.verify_audit().await.unwrap(),
            ChainStatus::Intact(17)
        ));
    })
    .await;
}

#[tokio::test]
async fn audit_pages_run_newest_first_over_the_whole_chain() {
    each_backend(|db| async move {
        seed_units(&db.store).await;
        for i in 0..7 {
            let user = new_user(&format!("page{i}"), Role::Citizen, None);
            db.store.create_user(&user, "t").await.unwrap();
        }
        let all = db.store.audit_entries().await.unwrap();
        let first = db.store.audit_page(Page::new(1, 3)).await.unwrap();
        let last = db.store.audit_page(Page::new(3, 3)).await.unwrap();
        assert_eq!(first.total, all.len() as u64);
        let newest: Vec<i64> = all.iter().rev().take(3).map(|e| e.seq).collect();
        assert_eq!(
            first.items.iter().map(|e| e.seq).collect::<Vec<_>>(),
            newest
        );
        assert_eq!(last.items.last().map(|e| e.seq), Some(1));
    })
    .await;
}

#[tokio::test]
async fn sqlite_backup_is_a_consistent_copy() {
    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    seed_units(&db.store).await;
    let path = std::env::temp_dir().join(format!(
        "cchc-backup-{}.db",
        cchc_domain::auth::new_secret()
    ));
    db.store.backup_sqlite(&path).await.unwrap();
    assert!(
        db.store.backup_sqlite(&path).await.is_err(),
        "an existing file is never overwritten"
    );
    let copy = Store::connect(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    assert_eq!(copy.org_units().await.unwrap().len(), 2);
    assert!(matches!(
        copy.verify_audit().await.unwrap(),
        ChainStatus::Intact(1)
    ));
    copy.close().await;
    let _ = std::fs::remove_file(&path);
}

#[tokio::test]
async fn bad_urls_are_clear_errors() {
    let err = Store::connect("mysql://localhost/x").await.err().unwrap();
    assert!(err.to_string().contains("unsupported database URL scheme"));
    let err = Store::connect("postgres://127.0.0.1:1/none")
        .await
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::Unreachable(_)), "{err}");
}

#[tokio::test]
async fn sqlite_runs_in_wal_with_foreign_keys() {
    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(db.store.pool())
        .await
        .unwrap();
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(db.store.pool())
        .await
        .unwrap();
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(db.store.pool())
        .await
        .unwrap();
    assert_eq!((mode.as_str(), fk, sync), ("wal", 1, 2));
}
