//! The SMTP client and the e-mail job against a tiny SMTP server written here: it records
//! what it receives and can refuse (fault injection). Reminders are e-mailed once per task
//! and kind, failures are retried later, and two instances never send one twice.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cchc_calendar::WorkCalendar;
use cchc_store::Store;
use cchc_store::testing::{TestDb, backends};
use chrono::NaiveDate;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use super::MailSettings;
use super::job::{backoff, deliver};
use super::smtp::{Relay, SmtpError, dot_stuffed, send};

/// A message as the server received it.
#[derive(Debug, Clone, Default)]
struct Received {
    helo: String,
    from: String,
    to: Vec<String>,
    /// The data with the dot-stuffing undone, CRLF line ends.
    data: String,
}

/// How the server misbehaves.
#[derive(Default)]
struct Faults {
    /// Refuse the next N messages at the end of DATA (451).
    refuse_data: AtomicUsize,
    /// Answer EHLO with 502 (an old server: HELO only).
    no_ehlo: bool,
    /// Refuse this recipient (550).
    bad_recipient: Option<String>,
}

struct Server {
    port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    faults: Arc<Faults>,
}

impl Server {
    async fn start(faults: Faults) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let faults = Arc::new(faults);
        let (log, f) = (Arc::clone(&received), Arc::clone(&faults));
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (log, f) = (Arc::clone(&log), Arc::clone(&f));
                tokio::spawn(async move {
                    let _ = session(stream, &log, &f).await;
                });
            }
        });
        Server {
            port,
            received,
            faults,
        }
    }

    fn messages(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

async fn session(
    stream: tokio::net::TcpStream,
    log: &Mutex<Vec<Received>>,
    faults: &Faults,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 test ESMTP\r\n").await?;
    let mut current = Received::default();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let upper = command.to_ascii_uppercase();
        let reply: String = if upper.starts_with("EHLO") {
            if faults.no_ehlo {
                "502 command not implemented".into()
            } else {
                current.helo = command[5..].to_owned();
                "250-test greets you\r\n250-8BITMIME\r\n250 OK".into()
            }
        } else if upper.starts_with("HELO") {
            current.helo = command[5..].to_owned();
            "250 OK".into()
        } else if upper.starts_with("MAIL FROM:") {
            current.from = command[10..].trim_matches(['<', '>']).to_owned();
            "250 OK".into()
        } else if upper.starts_with("RCPT TO:") {
            let to = command[8..].trim_matches(['<', '>']).to_owned();
            if faults.bad_recipient.as_deref() == Some(to.as_str()) {
                "550 no such mailbox".into()
            } else {
                current.to.push(to);
                "250 OK".into()
            }
        } else if upper == "DATA" {
            write.write_all(b"354 end with .\r\n").await?;
            let mut data = String::new();
            loop {
                let mut l = String::new();
                lines.read_line(&mut l).await?;
                if l == ".\r\n" {
                    break;
                }
                data.push_str(l.strip_prefix('.').unwrap_or(&l));
            }
            current.data = data;
            let refuse = faults
                .refuse_data
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
            if refuse {
                "451 try again later".into()
            } else {
                log.lock().unwrap().push(std::mem::take(&mut current));
                "250 queued".into()
            }
        } else if upper == "QUIT" {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            "500 unknown".into()
        };
        write.write_all(format!("{reply}\r\n").as_bytes()).await?;
    }
}

fn relay(port: u16) -> Relay {
    Relay {
        host: "127.0.0.1".into(),
        port,
        helo: "cchc.test".into(),
        timeout: Duration::from_secs(5),
    }
}

#[tokio::test]
async fn the_client_speaks_smtp_and_the_server_gets_the_message_unchanged() {
    let server = Server::start(Faults::default()).await;
    let data = "Subject: x\r\n\r\n.a line with a dot\r\n..two dots\r\nend\r\n";
    let to = ["a@hungyen.gov.vn".to_owned(), "b@hungyen.gov.vn".to_owned()];
    send(&relay(server.port), "cchc@hungyen.gov.vn", &to, data)
        .await
        .unwrap();
    let got = server.messages();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].helo, "cchc.test");
    assert_eq!(got[0].from, "cchc@hungyen.gov.vn");
    assert_eq!(got[0].to, to);
    assert_eq!(got[0].data, data);
    assert_eq!(dot_stuffed(".x\nend"), "..x\r\nend\r\n.\r\n");
}

#[tokio::test]
async fn helo_is_used_when_ehlo_is_unknown_and_refusals_name_the_step() {
    let old = Server::start(Faults {
        no_ehlo: true,
        ..Faults::default()
    })
    .await;
    send(
        &relay(old.port),
        "cchc@hungyen.gov.vn",
        &["a@x.vn".into()],
        "x\r\n",
    )
    .await
    .unwrap();
    assert_eq!(old.messages().len(), 1);
    let strict = Server::start(Faults {
        bad_recipient: Some("bad@x.vn".into()),
        ..Faults::default()
    })
    .await;
    let err = send(
        &relay(strict.port),
        "cchc@hungyen.gov.vn",
        &["bad@x.vn".into()],
        "x\r\n",
    )
    .await
    .unwrap_err();
    assert!(
        matches!(
            err,
            SmtpError::Reply {
                step: "RCPT TO",
                code: 550,
                ..
            }
        ),
        "{err}"
    );
    assert!(strict.messages().is_empty());
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    assert!(matches!(
        send(&relay(port), "c@x.vn", &["a@x.vn".into()], "x").await,
        Err(SmtpError::Io(_))
    ));
    assert_eq!(backoff(0), Duration::from_secs(300));
    assert_eq!(backoff(2), Duration::from_secs(1200));
    assert_eq!(backoff(30), Duration::from_secs(6 * 3600));
}

fn settings(port: u16) -> MailSettings {
    let recipients: BTreeMap<String, String> = [
        ("H31.SNV", "snv@hungyen.gov.vn"),
        ("H31.VPUB", "vpub@hungyen.gov.vn"),
        ("group:districts", "huyen@hungyen.gov.vn"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    MailSettings {
        relay: relay(port),
        from: "cchc@hungyen.gov.vn".into(),
        recipients,
    }
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Creates the "7 working days before" reminders of KH 204 (44 tasks) as of 21/12/2023.
async fn reminders(store: &Store) {
    let cal = WorkCalendar::national().unwrap();
    assert_eq!(
        store.run_reminders(day("2023-12-21"), &cal).await.unwrap(),
        44
    );
}

/// Tasks of KH 204 whose lead or co-operating units have an address in `settings`.
fn addressed(states: &[(i64, String, i64, Option<String>)]) -> usize {
    states.iter().filter(|s| s.1 == "sent").count()
}

#[tokio::test]
async fn each_reminder_is_emailed_once_and_a_refused_one_is_retried_later() {
    for backend in backends() {
        let db = TestDb::with_base_data(backend).await.unwrap();
        let store = db.store.clone();
        reminders(&store).await;
        let server = Server::start(Faults::default()).await;
        server.faults.refuse_data.store(1, Ordering::SeqCst);
        let s = settings(server.port);
        let now = 1_703_140_000_000; // 21/12/2023, in the morning
        let first = deliver(&store, &s, day("2023-12-21"), now).await.unwrap();
        assert_eq!(first.failed, 1, "{first:?}");
        assert!(first.sent > 0 && first.skipped > 0, "{first:?}");
        assert_eq!(first.sent + first.failed + first.skipped, 44);
        let states = store.reminder_mail_states().await.unwrap();
        let failed: Vec<_> = states.iter().filter(|s| s.1 == "failed").collect();
        assert_eq!(failed.len(), 1);
        assert!(failed[0].3.as_deref().unwrap_or("").contains("451"));
        assert!(
            states.iter().filter(|s| s.1 == "skipped").all(|s| s
                .3
                .as_deref()
                .unwrap_or("")
                .starts_with("no address"))
        );
        assert_eq!(server.messages().len(), first.sent);
        let again = deliver(&store, &s, day("2023-12-21"), now + 60_000)
            .await
            .unwrap();
        assert_eq!(
            again,
            Default::default(),
            "nothing due before the retry time"
        );
        let retry = deliver(&store, &s, day("2023-12-21"), now + 6 * 60_000)
            .await
            .unwrap();
        assert_eq!((retry.sent, retry.failed), (1, 0));
        let messages = server.messages();
        assert_eq!(messages.len(), first.sent + 1);
        assert_eq!(
            addressed(&store.reminder_mail_states().await.unwrap()),
            messages.len()
        );
        let mut ids: Vec<&str> = messages
            .iter()
            .filter_map(|m| m.data.lines().find(|l| l.starts_with("Message-ID:")))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), messages.len(), "one e-mail per reminder");
        let sample = &messages[0].data;
        assert!(
            sample.contains("Subject: =?UTF-8?B?")
                && sample.contains("Content-Transfer-Encoding: base64")
        );
        assert!(sample.is_ascii());
        db.store.close().await;
    }
}

#[tokio::test]
async fn reminders_reached_long_ago_are_not_emailed() {
    let db = TestDb::with_base_data(cchc_store::Backend::Sqlite)
        .await
        .unwrap();
    reminders(&db.store).await;
    let server = Server::start(Faults::default()).await;
    let later = deliver(
        &db.store,
        &settings(server.port),
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
    let server = Server::start(Faults::default()).await;
    let s = settings(server.port);
    let now = 1_703_140_000_000;
    let (x, y) = tokio::join!(
        deliver(&a, &s, day("2023-12-21"), now),
        deliver(&b, &s, day("2023-12-21"), now)
    );
    let (x, y) = (x.unwrap(), y.unwrap());
    assert_eq!(x.sent + y.sent, server.messages().len());
    assert_eq!(x.sent + x.skipped + y.sent + y.skipped, 44, "{x:?} {y:?}");
    assert_eq!(
        addressed(&a.reminder_mail_states().await.unwrap()),
        server.messages().len()
    );
    a.close().await;
    b.close().await;
    let _ = std::fs::remove_file(&path);
}

#[test]
fn settings_are_off_without_a_host_and_addresses_are_checked() {
    use crate::config::SmtpSection;
    assert!(
        MailSettings::from_config(&SmtpSection::default())
            .unwrap()
            .is_none()
    );
    let mut c: SmtpSection = toml::from_str(
        "host = \"relay.hungyen.gov.vn\"\nfrom = \"cchc@hungyen.gov.vn\"\n\
         [recipients]\n\"H31.SNV\" = \"snv@hungyen.gov.vn\"\n",
    )
    .unwrap();
    let s = MailSettings::from_config(&c).unwrap().unwrap();
    assert_eq!((s.relay.port, s.relay.helo.as_str()), (25, "cchc"));
    assert_eq!(s.recipients["H31.SNV"], "snv@hungyen.gov.vn");
    c.from = Some("cchc <cchc@hungyen.gov.vn>".into());
    assert!(MailSettings::from_config(&c).is_err());
    c.from = Some("cchc@hungyen.gov.vn".into());
    c.recipients
        .insert("H31.STP".into(), "stp@\r\nRCPT TO:<x@y.z>".into());
    assert!(
        MailSettings::from_config(&c).is_err(),
        "no header or command injection"
    );
    assert!(toml::from_str::<SmtpSection>("hots = \"x\"").is_err());
}
