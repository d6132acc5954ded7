//! E-mail of plan reminders when `[smtp]` is configured: the settings, a small SMTP client
//! ([`smtp`]), the message ([`message`]) and the delivery job ([`job`]), which sends one
//! e-mail per reminder row claimed in the database (so two instances never both send it).

pub mod job;
pub mod message;
pub mod smtp;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::time::Duration;

use crate::config::SmtpSection;
use crate::exit::CliError;

/// Validated e-mail settings.
#[derive(Debug, Clone)]
pub struct MailSettings {
    pub relay: smtp::Relay,
    pub from: String,
    /// Addresses by unit code or group (`group:districts`).
    pub recipients: BTreeMap<String, String>,
}

/// Whether `s` is a plain mailbox `local@domain` (no spaces, brackets or line breaks).
fn is_address(s: &str) -> bool {
    let ok_chars = !s
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>,;\"".contains(c));
    matches!(s.split_once('@'), Some((l, d)) if !l.is_empty() && d.contains('.') && !d.contains('@'))
        && ok_chars
}

impl MailSettings {
    /// The settings of `[smtp]`; `None` when e-mail is not configured (no host).
    pub fn from_config(c: &SmtpSection) -> Result<Option<MailSettings>, CliError> {
        let Some(host) = c.host.clone().filter(|h| !h.trim().is_empty()) else {
            return Ok(None);
        };
        let from = c.from.clone().unwrap_or_default();
        if !is_address(&from) {
            return Err(CliError::Usage(format!(
                "smtp.from: '{from}' is not an e-mail address"
            )));
        }
        for (unit, address) in &c.recipients {
            if !is_address(address) {
                return Err(CliError::Usage(format!(
                    "smtp.recipients.\"{unit}\": '{address}' is not an e-mail address"
                )));
            }
        }
        Ok(Some(MailSettings {
            relay: smtp::Relay {
                host: host.trim().to_owned(),
                port: c.port.unwrap_or(25),
                helo: c.helo.clone().unwrap_or_else(|| "cchc".to_owned()),
                timeout: Duration::from_secs(20),
            },
            from,
            recipients: c.recipients.clone(),
        }))
    }
}
