//! The e-mail job against a real SMTP server ([`super::test_relay`]): reminders are e-mailed
//! once per task and kind, a refused one (550 at RCPT, or AUTH demanded) is recorded as
//! failed and retried later, and two instances never send one twice.

use std::collections::BTreeMap;
use std::time::Duration;

use cchc_calendar::WorkCalendar;
use cchc_store::Store;
use cchc_store::plan_mail::ReminderMail;
use cchc_store::testing::{TestDb, backends};
use chrono::NaiveDate;
use mail_parser::MessageParser;
use mailin_embedded::AuthMechanism;

use super::MailSettings;
use super::job::{backoff, deliver};
use super::smtp::{Relay, Security};
use super::test_relay::{Behaviour, TestRelay, relay, transport};

/// Settings sending through `relay`, trusting `certificate` (PEM) when given.
fn settings(relay: Relay, certificate: Option<&str>) -> MailSettings {
    let recipients: BTreeMap<String, lettre::Address> = [
        ("H31.SNV", "snv@hungyen.gov.vn"),
        ("H31.VPUB", "vpub@hungyen.gov.vn"),
        ("group:districts", "huyen@hungyen.gov.vn"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.parse().unwrap()))
    .collect();
    MailSettings {
        transport: transport(&relay, certificate),
        relay,
        from: "cchc@hungyen.gov.vn".parse().unwrap(),
        recipients,
    }
}

fn plain(port: u16) -> MailSettings {
    settings(relay(port, Security::None, None), None)
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// 21/12/2023, in the morning.
const NOW: i64 = 1_703_140_000_000;

/// Creates the "7 working days before" reminders of KH 204 (44 tasks) as of 21/12/2023.
async fn reminders(store: &Store) {
    let cal = WorkCalendar::national().unwrap();
    assert_eq!(
        store.run_reminders(day("2023-12-21"), &cal).await.unwrap(),
        44
    );
}

/// Reminders in `state`, with their errors.
async fn in_state(store: &Store, state: &str) -> Vec<(i64, Option<String>)> {
    let states = store.reminder_mail_states().await.unwrap();
    states
        .into_iter()
        .filter(|s| s.1 == state)
        .map(|s| (s.0, s.3))
        .collect()
}

/// The Message-IDs of what `server` accepted, as a mail parser reads them.
fn message_ids(server: &TestRelay) -> Vec<String> {
    let mut ids: Vec<String> = server
        .messages()
        .iter()
        .map(|m| {
            let parsed = MessageParser::default().parse(&m.data).unwrap();
            parsed.message_id().unwrap().to_owned()
        })
        .collect();
    ids.sort_unstable();
    ids
}

/// Whether every error of `rows` contains `text`.
fn all_say(rows: &[(i64, Option<String>)], text: &str) -> bool {
    rows.iter()
        .all(|r| r.1.as_deref().unwrap_or("").contains(text))
}

/// The received messages are the sent reminders, one each, readable as sent.
async fn one_readable_email_per_sent_reminder(store: &Store, server: &TestRelay) {
    let mut expected: Vec<String> = in_state(store, "sent")
        .await
        .iter()
        .map(|s| format!("plan-reminder-{}@cchc", s.0))
        .collect();
    expected.sort_unstable();
    assert_eq!(message_ids(server), expected, "one e-mail per reminder");
    let sample = &server.messages()[0];
    assert!(sample.data.is_ascii());
    let parsed = MessageParser::default().parse(&sample.data).unwrap();
    let subject = parsed.subject().unwrap();
    assert!(
        subject.starts_with("[cchc] Đôn đốc nhiệm vụ KH204-2023/")
            && subject.ends_with("còn 7 ngày làm việc đến hạn"),
        "{subject}"
    );
    let body = parsed.body_text(0).unwrap();
    assert!(
        body.contains("Thư tự động, vui lòng không trả lời."),
        "{body}"
    );
}

#[tokio::test]
async fn each_reminder_is_emailed_once_and_a_refused_one_is_retried_later() {
    for backend in backends() {
        let db = TestDb::with_base_data(backend).await.unwrap();
        let store = db.store.clone();
        reminders(&store).await;
        let server = TestRelay::start(Behaviour::default());
        server.refuse_recipient(Some("vpub@hungyen.gov.vn"));
        let s = plain(server.port);
        let first = deliver(&store, &s, day("2023-12-21"), NOW).await.unwrap();
        assert!(first.sent > 0 && first.failed > 0, "{first:?}");
        assert_eq!(first.sent + first.failed + first.skipped, 44);
        let failed = in_state(&store, "failed").await;
        assert!(
            failed.len() == first.failed && all_say(&failed, "550"),
            "{failed:?}"
        );
        assert!(all_say(&in_state(&store, "skipped").await, "no address"));
        assert_eq!(server.messages().len(), first.sent);
        let again = deliver(&store, &s, day("2023-12-21"), NOW + 60_000).await;
        assert_eq!(
            again.unwrap(),
            Default::default(),
            "nothing due before the retry time"
        );
        let later = NOW + 6 * 60_000;
        let due = store.due_reminder_mails(later, 100).await.unwrap();
        assert_eq!(due.len(), first.failed);
        let vpub = |m: &ReminderMail| m.units.iter().any(|u| u == "H31.VPUB") && m.attempts == 1;
        assert!(due.iter().all(vpub));
        server.refuse_recipient(None);
        let retry = deliver(&store, &s, day("2023-12-21"), later).await.unwrap();
        assert_eq!((retry.sent, retry.failed), (first.failed, 0));
        assert_eq!(
            in_state(&store, "sent").await.len(),
            first.sent + first.failed
        );
        one_readable_email_per_sent_reminder(&store, &server).await;
        db.store.close().await;
    }
}

#[tokio::test]
async fn a_relay_demanding_auth_fails_without_the_account_and_delivers_with_it() {
    for backend in backends() {
        let db = TestDb::with_base_data(backend).await.unwrap();
        reminders(&db.store).await;
        let account = ("cchc-relay", "mật khẩu");
        let server = TestRelay::start(Behaviour {
            starttls: true,
            auth: vec![AuthMechanism::Plain, AuthMechanism::Login],
            account: Some((account.0.to_owned(), account.1.to_owned())),
        });
        let certificate = server.certificate.as_deref();
        let anonymous = settings(
            relay(server.port, Security::RequiredStartTls, None),
            certificate,
        );
        let first = deliver(&db.store, &anonymous, day("2023-12-21"), NOW)
            .await
            .unwrap();
        assert_eq!(first.sent, 0, "{first:?}");
        assert!(first.failed > 0, "{first:?}");
        let failed = in_state(&db.store, "failed").await;
        assert!(
            failed
                .iter()
                .all(|f| f.1.as_deref().unwrap_or("").contains("503")),
            "{failed:?}"
        );
        assert!(server.messages().is_empty());
        let with_account = relay(server.port, Security::RequiredStartTls, Some(account));
        let s = settings(with_account, certificate);
        let retry = deliver(&db.store, &s, day("2023-12-21"), NOW + 6 * 60_000)
            .await
            .unwrap();
        assert_eq!((retry.sent, retry.failed), (first.failed, 0));
        assert_eq!(server.messages().len(), first.failed);
        assert_eq!(server.logins().len(), first.failed);
        db.store.close().await;
    }
}

#[tokio::test]
async fn a_message_refused_at_data_is_recorded_as_failed_and_the_wait_doubles() {
    let db = TestDb::with_base_data(cchc_store::Backend::Sqlite)
        .await
        .unwrap();
    reminders(&db.store).await;
    let server = TestRelay::start(Behaviour::default());
    server.refuse_next_messages(1);
    let first = deliver(&db.store, &plain(server.port), day("2023-12-21"), NOW)
        .await
        .unwrap();
    assert_eq!(first.failed, 1, "{first:?}");
    let failed = in_state(&db.store, "failed").await;
    assert!(
        failed[0].1.as_deref().unwrap_or("").contains("451"),
        "{failed:?}"
    );
    assert_eq!(server.messages().len(), first.sent);
    assert_eq!(backoff(0), Duration::from_secs(300));
    assert_eq!(backoff(2), Duration::from_secs(1200));
    assert_eq!(backoff(30), Duration::from_secs(6 * 3600));
    db.store.close().await;
}

#[tokio::test]
async fn reminders_reached_long_ago_are_not_emailed() {
    let db = TestDb::with_base_data(cchc_store::Backend::Sqlite)
        .await
        .unwrap();
    reminders(&db.store).await;
    let server = TestRelay::start(Behaviour::default());
    let later = deliver(
        &db.store,
        &plain(server.port),
        day("2024-03-01"),
        1_709_280_000_000,
    )
    .await
    .unwrap();
    assert_eq!((later.sent, later.skipped), (0, 44));
    assert!(server.messages().is_empty());
    db.store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_send_each_reminder_once() {
    let path = std::env::temp_dir().join(format!(
        "cchc-mail-{}.db",
        &cchc_domain::auth::new_secret()[..12]
    ));
    let url = format!("sqlite:{}", path.display());
    let a = Store::connect(&url).await.unwrap();
    a.prepare().await.unwrap();
    let b = Store::connect(&url).await.unwrap();
    reminders(&a).await;
    let server = TestRelay::start(Behaviour::default());
    let s = plain(server.port);
    let (x, y) = tokio::join!(
        deliver(&a, &s, day("2023-12-21"), NOW),
        deliver(&b, &s, day("2023-12-21"), NOW)
    );
    let (x, y) = (x.unwrap(), y.unwrap());
    assert_eq!(x.sent + y.sent, server.messages().len());
    assert_eq!(x.sent + x.skipped + y.sent + y.skipped, 44, "{x:?} {y:?}");
    assert_eq!(in_state(&a, "sent").await.len(), server.messages().len());
    let ids = message_ids(&server);
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids, unique, "no reminder e-mailed twice");
    a.close().await;
    b.close().await;
    let _ = std::fs::remove_file(&path);
}
