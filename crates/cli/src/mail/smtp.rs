//! The relay reminders are e-mailed through, spoken to by lettre's SMTP transport (tokio,
//! rustls): plain, STARTTLS when offered or required, or TLS from the first byte, with
//! AUTH PLAIN or LOGIN when an account is configured. lettre's tokio transport limits only
//! the connection, so [`send`] limits the whole exchange too: a relay that stops answering
//! fails the attempt instead of holding the job.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Why a message was not accepted.
#[derive(Debug)]
pub enum SmtpError {
    /// The relay refused, the connection or TLS failed (lettre's error: it names the reply
    /// code, e.g. `permanent error (550): …`).
    Relay(lettre::transport::smtp::Error),
    /// The exchange took longer than the relay's limit.
    Timeout(Duration),
}

impl fmt::Display for SmtpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmtpError::Relay(e) => e.fmt(f),
            SmtpError::Timeout(limit) => write!(
                f,
                "the relay did not finish within {} s",
                limit.as_secs_f64()
            ),
        }
    }
}

impl From<lettre::transport::smtp::Error> for SmtpError {
    fn from(e: lettre::transport::smtp::Error) -> Self {
        SmtpError::Relay(e)
    }
}

/// lettre's transport: one connection per message.
pub type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// How the connection to the relay is protected (`[smtp] tls`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `none`: plain SMTP, for a trusted relay on the internal network.
    None,
    /// `starttls`: STARTTLS when the relay offers it, plain SMTP when it does not.
    StartTls,
    /// `required-starttls`: STARTTLS, or the e-mail is not sent.
    RequiredStartTls,
    /// `tls`: TLS from the first byte (SMTPS, port 465).
    Tls,
}

impl Security {
    /// The accepted values, for error messages.
    pub const CHOICES: &str = "\"none\", \"starttls\", \"required-starttls\" or \"tls\"";

    /// Whether nothing, credentials included, ever crosses the network unencrypted.
    pub fn always_encrypted(self) -> bool {
        matches!(self, Security::RequiredStartTls | Security::Tls)
    }

    /// The port used when `[smtp] port` is not set.
    pub fn default_port(self) -> u16 {
        match self {
            Security::Tls => 465,
            _ => 25,
        }
    }
}

impl FromStr for Security {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" => Ok(Security::None),
            "starttls" => Ok(Security::StartTls),
            "required-starttls" => Ok(Security::RequiredStartTls),
            "tls" => Ok(Security::Tls),
            _ => Err(format!("'{s}' is not one of {}", Security::CHOICES)),
        }
    }
}

impl fmt::Display for Security {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Security::None => "none",
            Security::StartTls => "starttls",
            Security::RequiredStartTls => "required-starttls",
            Security::Tls => "tls",
        })
    }
}

/// Where, how and as whom to send. `Debug` shows no password (lettre's `Credentials`
/// prints neither the account nor the password).
#[derive(Debug, Clone)]
pub struct Relay {
    pub host: String,
    pub port: u16,
    /// The name given in EHLO.
    pub helo: String,
    pub security: Security,
    pub credentials: Option<Credentials>,
    /// The limit of connecting, and of the whole exchange of one message.
    pub timeout: Duration,
}

impl Relay {
    /// The transport, trusting the system's certificate authorities.
    pub fn transport(&self) -> Result<Transport, lettre::transport::smtp::Error> {
        self.transport_trusting(None)
    }

    /// The transport, trusting also the PEM certificate `extra_root`: only the tests use
    /// it, for a relay whose certificate they made.
    pub(crate) fn transport_trusting(
        &self,
        extra_root: Option<&[u8]>,
    ) -> Result<Transport, lettre::transport::smtp::Error> {
        let tls = match self.security {
            Security::None => Tls::None,
            security => {
                let mut parameters = TlsParameters::builder(self.host.clone());
                if let Some(pem) = extra_root {
                    parameters = parameters.add_root_certificate(Certificate::from_pem(pem)?);
                }
                let parameters = parameters.build()?;
                match security {
                    Security::StartTls => Tls::Opportunistic(parameters),
                    Security::RequiredStartTls => Tls::Required(parameters),
                    _ => Tls::Wrapper(parameters),
                }
            }
        };
        let mut builder = Transport::builder_dangerous(self.host.as_str())
            .port(self.port)
            .hello_name(ClientId::Domain(self.helo.clone()))
            .timeout(Some(self.timeout))
            .tls(tls);
        if let Some(credentials) = &self.credentials {
            builder = builder.credentials(credentials.clone());
        }
        Ok(builder.build())
    }
}

/// Sends one message to the recipients of its `To` header, within `limit`.
pub async fn send(
    transport: &Transport,
    message: Message,
    limit: Duration,
) -> Result<(), SmtpError> {
    match tokio::time::timeout(limit, transport.send(message)).await {
        Ok(sent) => sent.map(|_| ()).map_err(SmtpError::Relay),
        Err(_) => Err(SmtpError::Timeout(limit)),
    }
}
