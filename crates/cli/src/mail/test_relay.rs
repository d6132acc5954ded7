//! A real SMTP server for the tests (mailin-embedded, on threads of its own) that records
//! what it accepts and, as asked, refuses a recipient (550), refuses messages at DATA (451;
//! not at the end of the data: mailin then stays in its data state), offers STARTTLS with a certificate made for the test (rcgen), and demands
//! AUTH PLAIN or LOGIN (which it offers only once TLS is on). An implicit-TLS front
//! ([`TlsFront`]) puts TLS before the first byte.

use std::net::{IpAddr, TcpListener};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailin_embedded::response::{AUTH_OK, INVALID_CREDENTIALS, NO_MAILBOX, OK};
use mailin_embedded::{AuthMechanism, Handler, Response, Server, SslConfig};

use super::smtp::{Relay, Security, Transport};
use lettre::transport::smtp::authentication::Credentials;

/// A message as the server accepted it.
#[derive(Debug, Clone, Default)]
pub struct Received {
    pub helo: String,
    pub from: String,
    pub to: Vec<String>,
    /// The message with the dot-stuffing undone.
    pub data: Vec<u8>,
}

/// How the server behaves.
#[derive(Default)]
pub struct Behaviour {
    /// Offer STARTTLS with a self-signed certificate for 127.0.0.1.
    pub starttls: bool,
    /// Demand AUTH with these mechanisms and this account before MAIL.
    pub auth: Vec<AuthMechanism>,
    pub account: Option<(String, String)>,
}

#[derive(Default)]
struct Shared {
    received: Mutex<Vec<Received>>,
    /// Refuse the next N messages at DATA.
    refuse_data: AtomicUsize,
    /// Refuse this recipient at RCPT TO.
    bad_recipient: Mutex<Option<String>>,
    account: Option<(String, String)>,
    /// The accounts that authenticated.
    logins: Mutex<Vec<String>>,
}

/// The session state (mailin clones the handler for each connection).
#[derive(Clone)]
struct Recorder {
    shared: Arc<Shared>,
    current: Received,
}

impl Recorder {
    fn login(&self, user: &str, password: &str) -> Response {
        let ok = self.shared.account.as_ref() == Some(&(user.to_owned(), password.to_owned()));
        if ok {
            self.shared.logins.lock().unwrap().push(user.to_owned());
            AUTH_OK
        } else {
            INVALID_CREDENTIALS
        }
    }
}

impl Handler for Recorder {
    fn helo(&mut self, _ip: IpAddr, domain: &str) -> Response {
        self.current.helo = domain.to_owned();
        OK
    }

    fn mail(&mut self, _ip: IpAddr, _domain: &str, from: &str) -> Response {
        self.current.from = from.to_owned();
        self.current.to.clear();
        self.current.data.clear();
        OK
    }

    fn rcpt(&mut self, to: &str) -> Response {
        if self.shared.bad_recipient.lock().unwrap().as_deref() == Some(to) {
            return NO_MAILBOX;
        }
        self.current.to.push(to.to_owned());
        OK
    }

    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        _to: &[String],
    ) -> Response {
        let refuse = self
            .shared
            .refuse_data
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
        if refuse {
            return Response::custom(451, "try again later".into());
        }
        OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let message = self.current.clone();
        self.shared.received.lock().unwrap().push(message);
        OK
    }

    fn auth_plain(&mut self, _authorization: &str, user: &str, password: &str) -> Response {
        self.login(user, password)
    }

    fn auth_login(&mut self, user: &str, password: &str) -> Response {
        self.login(user, password)
    }
}

/// A running server on 127.0.0.1 (it lives until the test process ends).
pub struct TestRelay {
    pub port: u16,
    shared: Arc<Shared>,
    /// The certificate of STARTTLS (PEM), for the client to trust.
    pub certificate: Option<String>,
}

/// A self-signed certificate for 127.0.0.1: (certificate PEM, key PEM, certificate DER,
/// key DER).
pub fn certificate() -> (String, String, Vec<u8>, Vec<u8>) {
    let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    (
        made.cert.pem(),
        made.signing_key.serialize_pem(),
        made.cert.der().to_vec(),
        made.signing_key.serialize_der(),
    )
}

impl TestRelay {
    pub fn start(behaviour: Behaviour) -> TestRelay {
        let shared = Arc::new(Shared {
            account: behaviour.account,
            ..Shared::default()
        });
        let recorder = Recorder {
            shared: Arc::clone(&shared),
            current: Received::default(),
        };
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let mut server = Server::new(recorder);
        server.with_name("relay.test").with_tcp_listener(listener);
        for mechanism in behaviour.auth {
            server.with_auth(mechanism);
        }
        let mut certificate_pem = None;
        if behaviour.starttls {
            let (cert, key, _, _) = certificate();
            let stem = std::env::temp_dir().join(format!(
                "cchc-relay-{}",
                &cchc_domain::auth::new_secret()[..12]
            ));
            let (cert_path, key_path) = (stem.with_extension("crt"), stem.with_extension("key"));
            std::fs::write(&cert_path, &cert).unwrap();
            std::fs::write(&key_path, &key).unwrap();
            server
                .with_ssl(SslConfig::SelfSigned {
                    cert_path: cert_path.display().to_string(),
                    key_path: key_path.display().to_string(),
                })
                .unwrap();
            let _ = std::fs::remove_file(&cert_path);
            let _ = std::fs::remove_file(&key_path);
            certificate_pem = Some(cert);
        }
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        TestRelay {
            port,
            shared,
            certificate: certificate_pem,
        }
    }

    pub fn messages(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
    }

    pub fn logins(&self) -> Vec<String> {
        self.shared.logins.lock().unwrap().clone()
    }

    pub fn refuse_next_messages(&self, n: usize) {
        self.shared.refuse_data.store(n, Ordering::SeqCst);
    }

    pub fn refuse_recipient(&self, address: Option<&str>) {
        *self.shared.bad_recipient.lock().unwrap() = address.map(str::to_owned);
    }
}

/// The relay at 127.0.0.1:`port` as the client sees it.
pub fn relay(port: u16, security: Security, credentials: Option<(&str, &str)>) -> Relay {
    Relay {
        host: "127.0.0.1".into(),
        port,
        helo: "cchc.test".into(),
        security,
        credentials: credentials.map(Credentials::from),
        timeout: Duration::from_secs(5),
    }
}

/// The transport of `relay`, trusting `certificate` (PEM) when given.
pub fn transport(relay: &Relay, certificate: Option<&str>) -> Transport {
    relay
        .transport_trusting(certificate.map(str::as_bytes))
        .unwrap()
}

/// TLS from the first byte in front of a plain relay: decrypts each connection and passes
/// it on to `127.0.0.1:upstream`. Runs on the test's runtime.
pub struct TlsFront {
    pub port: u16,
    pub certificate: String,
}

impl TlsFront {
    pub async fn start(upstream: u16) -> TlsFront {
        use tokio_rustls::rustls::ServerConfig;
        use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
        let (pem, _, cert_der, key_der) = certificate();
        let config = ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from(cert_der)],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key_der)),
            )
            .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let Ok(mut tls) = acceptor.accept(stream).await else {
                        return;
                    };
                    let Ok(mut plain) =
                        tokio::net::TcpStream::connect(("127.0.0.1", upstream)).await
                    else {
                        return;
                    };
                    let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
                });
            }
        });
        TlsFront {
            port,
            certificate: pem,
        }
    }
}
