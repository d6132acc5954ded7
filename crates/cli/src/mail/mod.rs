//! E-mail of plan reminders when `[smtp]` is configured: the settings, the relay and its
//! transport ([`smtp`], lettre), the message ([`message`]) and the delivery job ([`job`]),
//! which sends one e-mail per reminder row claimed in the database (so two instances never
//! both send it).

pub mod job;
pub mod message;
pub mod smtp;

#[cfg(test)]
mod settings_tests;
#[cfg(test)]
mod test_relay;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod transport_tests;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use lettre::Address;
use lettre::transport::smtp::authentication::Credentials;

use crate::config::SmtpSection;
use crate::exit::CliError;
use smtp::{Relay, Security};

/// Validated e-mail settings.
#[derive(Debug, Clone)]
pub struct MailSettings {
    pub relay: Relay,
    /// The relay's transport, made once (TLS settings, trusted authorities).
    pub transport: smtp::Transport,
    pub from: Address,
    /// Addresses by unit code or group (`group:districts`).
    pub recipients: BTreeMap<String, Address>,
}

/// `s` as a plain mailbox `local@domain` (no spaces, brackets, quotes or line breaks).
fn address(key: &str, s: &str) -> Result<Address, CliError> {
    let plain = !s
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>,;\"".contains(c));
    let dotted = matches!(s.split_once('@'), Some((_, d)) if d.contains('.'));
    match s.parse::<Address>() {
        Ok(a) if plain && dotted => Ok(a),
        _ => Err(CliError::Usage(format!(
            "{key}: '{s}' is not an e-mail address"
        ))),
    }
}

/// `[smtp] tls` (or `CCHC_SMTP_TLS`); STARTTLS when offered by default.
fn security(c: &SmtpSection) -> Result<Security, CliError> {
    match &c.tls {
        None => Ok(Security::StartTls),
        Some(s) => s
            .parse()
            .map_err(|e| CliError::Usage(format!("smtp.tls (or CCHC_SMTP_TLS): {e}"))),
    }
}

/// The first line of the password file.
fn read_password(path: &Path) -> Result<String, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError::Usage(format!(
            "smtp.password_file: cannot read {}: {e}",
            path.display()
        ))
    })?;
    let password = text.lines().next().unwrap_or("");
    if password.is_empty() {
        return Err(CliError::Usage(format!(
            "smtp.password_file: {} holds no password on its first line",
            path.display()
        )));
    }
    Ok(password.to_owned())
}

/// The account to authenticate as: a username with a password from `CCHC_SMTP_PASSWORD`
/// (first) or `password_file`, only over a connection that is always encrypted.
fn credentials(c: &SmtpSection, security: Security) -> Result<Option<Credentials>, CliError> {
    let usage = |m: &str| Err(CliError::Usage(m.to_owned()));
    if c.password.is_some() {
        return usage(
            "smtp.password: a password is never read from the configuration file; \
             set CCHC_SMTP_PASSWORD or smtp.password_file",
        );
    }
    let username = c
        .username
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    let password = match (&c.password_env, &c.password_file) {
        (Some(secret), _) => Some(secret.0.clone()),
        (None, Some(path)) => Some(read_password(path)?),
        (None, None) => None,
    };
    match (username, password) {
        (None, None) => Ok(None),
        (Some(_), None) => usage(
            "smtp.username is set but there is no password: set CCHC_SMTP_PASSWORD or \
             smtp.password_file",
        ),
        (None, Some(_)) => usage(
            "a password is set (CCHC_SMTP_PASSWORD or smtp.password_file) but smtp.username \
             is not",
        ),
        (Some(_), Some(_)) if !security.always_encrypted() => usage(&format!(
            "smtp.username needs smtp.tls = \"required-starttls\" or \"tls\" (it is \
             \"{security}\"): the password must not cross the network unencrypted"
        )),
        (Some(user), Some(password)) => Ok(Some(Credentials::new(user.to_owned(), password))),
    }
}

impl MailSettings {
    /// The settings of `[smtp]`; `None` when e-mail is not configured (no host).
    pub fn from_config(c: &SmtpSection) -> Result<Option<MailSettings>, CliError> {
        let Some(host) = c.host.as_deref().map(str::trim).filter(|h| !h.is_empty()) else {
            return Ok(None);
        };
        let from = address("smtp.from", c.from.as_deref().unwrap_or_default())?;
        let recipients = c
            .recipients
            .iter()
            .map(|(unit, a)| {
                Ok((
                    unit.clone(),
                    address(&format!("smtp.recipients.\"{unit}\""), a)?,
                ))
            })
            .collect::<Result<BTreeMap<_, _>, CliError>>()?;
        let security = security(c)?;
        let relay = Relay {
            host: host.to_owned(),
            port: c.port.unwrap_or(security.default_port()),
            helo: c.helo.clone().unwrap_or_else(|| "cchc".to_owned()),
            security,
            credentials: credentials(c, security)?,
            timeout: Duration::from_secs(30),
        };
        let transport = relay
            .transport()
            .map_err(|e| CliError::Usage(format!("smtp: {e}")))?;
        Ok(Some(MailSettings {
            relay,
            transport,
            from,
            recipients,
        }))
    }
}
