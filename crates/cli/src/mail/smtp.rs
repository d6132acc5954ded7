//! A small SMTP client (RFC 5321) over a plain TCP connection: greeting, EHLO (HELO when the
//! server does not know EHLO), MAIL FROM, RCPT TO for each recipient, DATA with dot-stuffing,
//! QUIT. No TLS and no authentication: it speaks to the province's internal relay. Every
//! read and write has a time limit.

use std::fmt;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::time::timeout;

/// Why a message was not accepted.
#[derive(Debug)]
pub enum SmtpError {
    /// The connection failed or broke.
    Io(std::io::Error),
    /// The server took too long.
    Timeout,
    /// The server answered a step with an unexpected code.
    Reply {
        step: &'static str,
        code: u16,
        text: String,
    },
}

impl fmt::Display for SmtpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmtpError::Io(e) => write!(f, "connection: {e}"),
            SmtpError::Timeout => write!(f, "the server did not answer in time"),
            SmtpError::Reply { step, code, text } => write!(f, "{step}: {code} {text}"),
        }
    }
}

impl From<std::io::Error> for SmtpError {
    fn from(e: std::io::Error) -> Self {
        SmtpError::Io(e)
    }
}

/// Where and as whom to send.
#[derive(Debug, Clone)]
pub struct Relay {
    pub host: String,
    pub port: u16,
    pub helo: String,
    pub timeout: Duration,
}

struct Session {
    reader: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
    limit: Duration,
}

impl Session {
    /// Reads one (possibly multi-line) reply: its code and its last line's text.
    async fn reply(&mut self) -> Result<(u16, String), SmtpError> {
        loop {
            let mut line = String::new();
            let n = timeout(self.limit, self.reader.read_line(&mut line))
                .await
                .map_err(|_| SmtpError::Timeout)??;
            if n == 0 {
                return Err(SmtpError::Io(std::io::ErrorKind::UnexpectedEof.into()));
            }
            let line = line.trim_end();
            let code = line.get(..3).and_then(|c| c.parse::<u16>().ok());
            let Some(code) = code else {
                return Err(SmtpError::Reply {
                    step: "reply",
                    code: 0,
                    text: line.to_owned(),
                });
            };
            if line.as_bytes().get(3) != Some(&b'-') {
                return Ok((code, line.get(4..).unwrap_or("").to_owned()));
            }
        }
    }

    async fn write(&mut self, bytes: &[u8]) -> Result<(), SmtpError> {
        timeout(self.limit, self.writer.write_all(bytes))
            .await
            .map_err(|_| SmtpError::Timeout)??;
        Ok(())
    }

    /// Sends a command and expects a reply code in `ok`.
    async fn command(
        &mut self,
        step: &'static str,
        line: &str,
        ok: &[u16],
    ) -> Result<u16, SmtpError> {
        self.write(format!("{line}\r\n").as_bytes()).await?;
        self.expect(step, ok).await
    }

    async fn expect(&mut self, step: &'static str, ok: &[u16]) -> Result<u16, SmtpError> {
        let (code, text) = self.reply().await?;
        if ok.contains(&code) {
            Ok(code)
        } else {
            Err(SmtpError::Reply { step, code, text })
        }
    }
}

/// `data` with CRLF line ends, each line starting with a dot doubled, and the final dot.
pub fn dot_stuffed(data: &str) -> String {
    let mut out = String::with_capacity(data.len() + 8);
    for line in data.replace("\r\n", "\n").split('\n') {
        if line.starts_with('.') {
            out.push('.');
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    if out.ends_with("\r\n\r\n") {
        out.truncate(out.len() - 2);
    }
    out.push_str(".\r\n");
    out
}

/// Sends one message from `from` to every address of `to`.
pub async fn send(relay: &Relay, from: &str, to: &[String], data: &str) -> Result<(), SmtpError> {
    let connect = TcpStream::connect((relay.host.as_str(), relay.port));
    let stream = timeout(relay.timeout, connect)
        .await
        .map_err(|_| SmtpError::Timeout)??;
    let (read, writer) = stream.into_split();
    let mut s = Session {
        reader: BufReader::new(read),
        writer,
        limit: relay.timeout,
    };
    s.expect("greeting", &[220]).await?;
    let ehlo = s
        .command("EHLO", &format!("EHLO {}", relay.helo), &[250])
        .await;
    if let Err(SmtpError::Reply {
        code: 500..=504, ..
    }) = ehlo
    {
        s.command("HELO", &format!("HELO {}", relay.helo), &[250])
            .await?;
    } else {
        ehlo?;
    }
    s.command("MAIL FROM", &format!("MAIL FROM:<{from}>"), &[250])
        .await?;
    for address in to {
        s.command("RCPT TO", &format!("RCPT TO:<{address}>"), &[250, 251])
            .await?;
    }
    s.command("DATA", "DATA", &[354]).await?;
    s.write(dot_stuffed(data).as_bytes()).await?;
    s.expect("end of data", &[250]).await?;
    // The message is accepted; a failed QUIT changes nothing.
    let _ = s.command("QUIT", "QUIT", &[221]).await;
    Ok(())
}
