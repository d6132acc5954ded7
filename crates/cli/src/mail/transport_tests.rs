//! The transport against a real SMTP server ([`super::test_relay`]): plain delivery read back
//! by a mail parser, STARTTLS (offered, required, missing, untrusted), implicit TLS, and
//! AUTH PLAIN and LOGIN (missing, wrong, right).

use std::time::{Duration, SystemTime};

use lettre::Address;
use mail_parser::MessageParser;
use mailin_embedded::AuthMechanism;

use super::message::{Mail, build};
use super::smtp::{Security, SmtpError, send};
use super::test_relay::{Behaviour, TestRelay, TlsFront, relay, transport};

const ACCOUNT: (&str, &str) = ("cchc-relay", "mật khẩu đúng");

/// The limit of one exchange in these tests.
const LIMIT: Duration = Duration::from_secs(5);

fn message(to: &str) -> lettre::Message {
    let from: Address = "cchc@hungyen.gov.vn".parse().unwrap();
    let to: Vec<Address> = vec![to.parse().unwrap()];
    build(&Mail {
        from: &from,
        to: &to,
        subject: "[cchc] Đôn đốc nhiệm vụ KH204-2023/NV/2.a: còn 3 ngày làm việc đến hạn",
        body: "Nhiệm vụ sắp đến hạn.\n.một dòng bắt đầu bằng dấu chấm\nThư tự động.\n",
        message_id: "<plan-reminder-7@cchc>",
        date: SystemTime::now(),
    })
    .unwrap()
}

/// A relay demanding AUTH after STARTTLS, with `mechanisms`.
fn guarded(mechanisms: Vec<AuthMechanism>) -> TestRelay {
    TestRelay::start(Behaviour {
        starttls: true,
        auth: mechanisms,
        account: Some((ACCOUNT.0.to_owned(), ACCOUNT.1.to_owned())),
    })
}

/// Sends the test message to `a@hungyen.gov.vn` through `server` as `security` and
/// `credentials`, trusting the server's certificate when `trust`.
async fn try_send(
    server: &TestRelay,
    security: Security,
    credentials: Option<(&str, &str)>,
    trust: bool,
) -> Result<(), SmtpError> {
    let relay = relay(server.port, security, credentials);
    let trusted = server.certificate.as_deref().filter(|_| trust);
    send(
        &transport(&relay, trusted),
        message("a@hungyen.gov.vn"),
        LIMIT,
    )
    .await
}

#[tokio::test]
async fn a_delivered_message_reads_back_as_sent() {
    let server = TestRelay::start(Behaviour::default());
    let relay = relay(server.port, Security::None, None);
    send(
        &transport(&relay, None),
        message("snv@hungyen.gov.vn"),
        LIMIT,
    )
    .await
    .unwrap();
    let got = server.messages();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].helo, "cchc.test");
    assert_eq!(got[0].from, "cchc@hungyen.gov.vn");
    assert_eq!(got[0].to, ["snv@hungyen.gov.vn"]);
    assert!(got[0].data.is_ascii(), "7-bit clean");
    let parsed = MessageParser::default().parse(&got[0].data).unwrap();
    assert_eq!(
        parsed.subject(),
        Some("[cchc] Đôn đốc nhiệm vụ KH204-2023/NV/2.a: còn 3 ngày làm việc đến hạn")
    );
    assert_eq!(
        parsed.body_text(0).unwrap().replace("\r\n", "\n"),
        "Nhiệm vụ sắp đến hạn.\n.một dòng bắt đầu bằng dấu chấm\nThư tự động.\n"
    );
    assert_eq!(parsed.message_id(), Some("plan-reminder-7@cchc"));
    let to = parsed.to().unwrap().first().unwrap().address();
    assert_eq!(to, Some("snv@hungyen.gov.vn"));
}

#[tokio::test]
async fn a_refused_recipient_or_message_is_an_error_with_its_code() {
    let server = TestRelay::start(Behaviour::default());
    server.refuse_recipient(Some("a@hungyen.gov.vn"));
    let err = try_send(&server, Security::None, None, false)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, SmtpError::Relay(e) if e.is_permanent()) && err.to_string().contains("550"),
        "{err}"
    );
    server.refuse_recipient(None);
    server.refuse_next_messages(1);
    let err = try_send(&server, Security::None, None, false)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, SmtpError::Relay(e) if e.is_transient()) && err.to_string().contains("451"),
        "{err}"
    );
    assert!(server.messages().is_empty());
    try_send(&server, Security::None, None, false)
        .await
        .unwrap();
    assert_eq!(server.messages().len(), 1);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let nobody = relay(port, Security::None, None);
    let err = send(
        &transport(&nobody, None),
        message("a@hungyen.gov.vn"),
        LIMIT,
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("onnection"), "{err}");
}

#[tokio::test]
async fn a_relay_that_never_answers_fails_the_attempt_at_the_limit() {
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    let held = tokio::spawn(async move {
        let (stream, _) = silent.accept().await.unwrap();
        std::future::pending::<()>().await;
        drop(stream);
    });
    let relay = relay(port, Security::None, None);
    let limit = Duration::from_millis(200);
    let err = send(&transport(&relay, None), message("a@hungyen.gov.vn"), limit)
        .await
        .unwrap_err();
    assert!(matches!(err, SmtpError::Timeout(l) if l == limit), "{err}");
    assert_eq!(err.to_string(), "the relay did not finish within 0.2 s");
    held.abort();
}

#[tokio::test]
async fn starttls_is_used_when_offered_and_required_when_asked() {
    let plain = TestRelay::start(Behaviour::default());
    try_send(&plain, Security::StartTls, None, false)
        .await
        .unwrap();
    assert_eq!(
        plain.messages().len(),
        1,
        "plain SMTP when STARTTLS is not offered"
    );
    let err = try_send(&plain, Security::RequiredStartTls, None, false)
        .await
        .unwrap_err();
    assert!(err.to_string().to_lowercase().contains("tls"), "{err}");
    assert_eq!(plain.messages().len(), 1, "nothing sent in clear");
    let secure = TestRelay::start(Behaviour {
        starttls: true,
        ..Behaviour::default()
    });
    let err = try_send(&secure, Security::StartTls, None, false)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("UnknownIssuer"),
        "an unknown certificate: {err}"
    );
    for security in [Security::StartTls, Security::RequiredStartTls] {
        try_send(&secure, security, None, true).await.unwrap();
    }
    assert_eq!(secure.messages().len(), 2);
}

#[tokio::test]
async fn implicit_tls_speaks_tls_from_the_first_byte() {
    let server = TestRelay::start(Behaviour::default());
    let front = TlsFront::start(server.port).await;
    let relay = relay(front.port, Security::Tls, None);
    send(
        &transport(&relay, Some(&front.certificate)),
        message("a@hungyen.gov.vn"),
        LIMIT,
    )
    .await
    .unwrap();
    assert_eq!(server.messages().len(), 1);
    let untrusted = send(&transport(&relay, None), message("a@hungyen.gov.vn"), LIMIT).await;
    assert!(untrusted.is_err());
    let plain = super::test_relay::relay(front.port, Security::None, None);
    let short = Duration::from_millis(500);
    let unanswered = send(&transport(&plain, None), message("a@hungyen.gov.vn"), short).await;
    assert!(
        matches!(unanswered, Err(SmtpError::Timeout(_))),
        "plain SMTP gets no greeting from a TLS port"
    );
    assert_eq!(server.messages().len(), 1);
}

#[tokio::test]
async fn a_relay_demanding_auth_takes_only_the_right_account() {
    let server = guarded(vec![AuthMechanism::Plain, AuthMechanism::Login]);
    let err = try_send(&server, Security::RequiredStartTls, None, true)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("503"), "MAIL before AUTH: {err}");
    let wrong = Some((ACCOUNT.0, "sai"));
    let err = try_send(&server, Security::RequiredStartTls, wrong, true)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("535"), "{err}");
    assert!(server.messages().is_empty() && server.logins().is_empty());
    try_send(&server, Security::RequiredStartTls, Some(ACCOUNT), true)
        .await
        .unwrap();
    assert_eq!(server.messages().len(), 1);
    assert_eq!(server.logins(), [ACCOUNT.0]);
    let login_only = guarded(vec![AuthMechanism::Login]);
    try_send(&login_only, Security::RequiredStartTls, Some(ACCOUNT), true)
        .await
        .unwrap();
    assert_eq!(
        (login_only.messages().len(), login_only.logins().len()),
        (1, 1)
    );
    let err = try_send(&server, Security::None, Some(ACCOUNT), true)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("authentication"),
        "no AUTH offered in clear: {err}"
    );
}
