//! `[smtp]` read into settings: off without a host, addresses checked, the TLS choice and
//! its default port, and the account: a password only from `CCHC_SMTP_PASSWORD` or a file,
//! only over a connection always encrypted, never shown by `Debug`.

use super::MailSettings;
use super::smtp::Security;
use crate::config::{Secret, SmtpSection};
use crate::exit::CliError;

fn section(toml_text: &str) -> SmtpSection {
    toml::from_str(toml_text).unwrap()
}

const BASE: &str = "host = \"relay.hungyen.gov.vn\"\nfrom = \"cchc@hungyen.gov.vn\"\n";

/// The usage error `c` gives (exit code 2).
fn refusal(c: &SmtpSection) -> String {
    match MailSettings::from_config(c) {
        Err(CliError::Usage(message)) => message,
        other => panic!("expected a usage error, got {other:?}"),
    }
}

#[test]
fn settings_are_off_without_a_host_and_addresses_are_checked() {
    assert!(
        MailSettings::from_config(&SmtpSection::default())
            .unwrap()
            .is_none()
    );
    let mut c = section(&format!(
        "{BASE}[recipients]\n\"H31.SNV\" = \"snv@hungyen.gov.vn\"\n"
    ));
    let s = MailSettings::from_config(&c).unwrap().unwrap();
    assert_eq!((s.relay.port, s.relay.helo.as_str()), (25, "cchc"));
    assert_eq!(
        s.relay.security,
        Security::StartTls,
        "STARTTLS when offered"
    );
    assert!(s.relay.credentials.is_none());
    assert_eq!(s.recipients["H31.SNV"].to_string(), "snv@hungyen.gov.vn");
    c.from = Some("cchc <cchc@hungyen.gov.vn>".into());
    assert!(refusal(&c).starts_with("smtp.from: "));
    c.from = Some("cchc@hungyen.gov.vn".into());
    c.recipients
        .insert("H31.STP".into(), "stp@\r\nRCPT TO:<x@y.z>".into());
    assert!(
        refusal(&c).starts_with("smtp.recipients.\"H31.STP\""),
        "no header or command injection"
    );
    assert!(toml::from_str::<SmtpSection>("hots = \"x\"").is_err());
}

#[test]
fn the_tls_choice_is_checked_and_implicit_tls_defaults_to_port_465() {
    let choices = [
        ("none", Security::None, 25),
        ("starttls", Security::StartTls, 25),
        ("required-starttls", Security::RequiredStartTls, 25),
        ("tls", Security::Tls, 465),
    ];
    for (name, security, port) in choices {
        let c = section(&format!("{BASE}tls = \"{name}\"\n"));
        let s = MailSettings::from_config(&c).unwrap().unwrap();
        assert_eq!((s.relay.security, s.relay.port), (security, port), "{name}");
        assert_eq!(security.to_string(), name);
    }
    let c = section(&format!("{BASE}tls = \"tls\"\nport = 2465\n"));
    assert_eq!(
        MailSettings::from_config(&c).unwrap().unwrap().relay.port,
        2465
    );
    let message = refusal(&section(&format!("{BASE}tls = \"ssl\"\n")));
    assert!(
        message.contains("'ssl'") && message.contains("required-starttls"),
        "{message}"
    );
}

#[test]
fn an_account_needs_a_password_from_outside_the_file_and_encryption() {
    let mut c = section(&format!(
        "{BASE}tls = \"required-starttls\"\nusername = \"cchc\"\n"
    ));
    assert!(refusal(&c).contains("CCHC_SMTP_PASSWORD"), "no password");
    c.password_env = Some(Secret("bí-mật-9f2".into()));
    let s = MailSettings::from_config(&c).unwrap().unwrap();
    assert!(s.relay.credentials.is_some());
    let shown = format!("{s:?} {c:?}");
    assert!(
        !shown.contains("bí-mật-9f2"),
        "the password is never shown: {shown}"
    );
    c.tls = Some("starttls".into());
    assert!(refusal(&c).contains("unencrypted"));
    c.tls = Some("none".into());
    assert!(refusal(&c).contains("unencrypted"));
    c.tls = Some("tls".into());
    c.username = None;
    assert!(
        refusal(&c).contains("smtp.username"),
        "a password without an account"
    );
    let in_file = section(&format!("{BASE}username = \"cchc\"\npassword = \"lộ\"\n"));
    let message = refusal(&in_file);
    assert!(
        message.contains("never read from the configuration file"),
        "{message}"
    );
    assert!(!message.contains("lộ"));
}

#[test]
fn a_password_file_gives_its_first_line() {
    let path = std::env::temp_dir().join(format!(
        "cchc-smtp-password-{}",
        &cchc_domain::auth::new_secret()[..12]
    ));
    let mut c = section(&format!(
        "{BASE}tls = \"tls\"\nusername = \"cchc\"\npassword_file = \"{}\"\n",
        path.display()
    ));
    assert!(refusal(&c).contains("cannot read"), "a missing file");
    std::fs::write(&path, "\nsecond line\n").unwrap();
    assert!(refusal(&c).contains("no password"), "an empty first line");
    std::fs::write(&path, "mật-khẩu\nignored\n").unwrap();
    let s = MailSettings::from_config(&c).unwrap().unwrap();
    let expected =
        lettre::transport::smtp::authentication::Credentials::new("cchc".into(), "mật-khẩu".into());
    assert_eq!(s.relay.credentials, Some(expected));
    c.password_env = Some(Secret("from-the-environment".into()));
    let s = MailSettings::from_config(&c).unwrap().unwrap();
    let expected = lettre::transport::smtp::authentication::Credentials::new(
        "cchc".into(),
        "from-the-environment".into(),
    );
    assert_eq!(s.relay.credentials, Some(expected), "the environment first");
    let _ = std::fs::remove_file(&path);
}
