//! `cchc serve`: migrate, load base (and demo) data, serve HTTP.

use crate::admin::open;
use crate::config::{Config, DEFAULT_BIND};
use crate::exit::CliError;
use crate::mail::{self, MailSettings};
use std::net::SocketAddr;
use std::time::Duration;

/// How often the server runs the reminder job.
const REMINDER_EVERY: Duration = Duration::from_secs(3600);

/// Flags of `cchc serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:8080; also CCHC_BIND).
    #[arg(long, value_name = "ADDR")]
    bind: Option<String>,
    /// Also load demonstration data (accounts for every role, password cchc-demo-2026).
    #[arg(long)]
    demo: bool,
}

/// Runs the server until Ctrl-C or SIGTERM.
pub async fn run(args: ServeArgs, cfg: &Config) -> Result<(), CliError> {
    let bind_text = args
        .bind
        .or_else(|| cfg.bind.clone())
        .unwrap_or_else(|| DEFAULT_BIND.to_owned());
    let bind: SocketAddr = bind_text.parse().map_err(|_| {
        CliError::Usage(format!(
            "'{bind_text}' is not an address such as 127.0.0.1:8080"
        ))
    })?;
    let public_url = public_url(cfg)?;
    let metrics_token = metrics_token(cfg)?;
    let store = open(&cfg.database_url()).await?;
    let calendars = cfg.calendars()?;
    if args.demo && cchc_store::demo::load(&store, &calendars).await? {
        eprintln!(
            "demo data loaded: users {} (password {})",
            cchc_store::demo::DEMO_USERS.map(|u| u.0).join(", "),
            cchc_store::demo::DEMO_PASSWORD
        );
    }
    let mut web = cchc_web::WebConfig {
        secure_cookies: cfg.secure_cookies,
        public_url,
        metrics_token,
        ..Default::default()
    };
    if let Some(ttl) = cfg.session_ttl_minutes {
        web.session_ttl_minutes = ttl;
    }
    if let Some(n) = cfg.login_attempts_per_minute {
        web.login_attempts_per_minute = n;
    }
    let mail = MailSettings::from_config(&cfg.smtp)?;
    let app = cchc_app::App::new(store, calendars);
    spawn_reminders(app.clone(), mail);
    eprintln!("cchc serving on http://{bind}");
    cchc_web::serve(app, bind, web)
        .await
        .map_err(|e| CliError::Usage(format!("cannot serve on {bind}: {e}")))
}

/// The configured public address, checked: a bad one is a usage error.
fn public_url(cfg: &Config) -> Result<Option<String>, CliError> {
    cfg.public_url
        .as_deref()
        .map(cchc_web::public_url::parse)
        .transpose()
        .map_err(|e| CliError::Usage(format!("public_url: {e}")))
}

/// Shortest metrics token accepted.
const METRICS_TOKEN_MIN: usize = 16;

/// The configured metrics token, checked: at least 16 printable characters, no spaces.
fn metrics_token(cfg: &Config) -> Result<Option<String>, CliError> {
    let Some(token) = cfg.metrics_token.as_deref() else {
        return Ok(None);
    };
    let printable = token.chars().all(|c| c.is_ascii_graphic());
    if token.len() < METRICS_TOKEN_MIN || !printable {
        return Err(CliError::Usage(format!(
            "metrics_token: at least {METRICS_TOKEN_MIN} printable characters without spaces"
        )));
    }
    Ok(Some(token.to_owned()))
}

/// Runs the reminder job at start and then every hour, as the server (`system`), as of the
/// day in Vietnam by the app's clock: reminders are created once per task and kind and
/// e-mailed once (when `[smtp]` is set), however many instances run it.
fn spawn_reminders(app: cchc_app::App, mail: Option<MailSettings>) {
    let actor = cchc_app::Actor::operator(cchc_store::base::SYSTEM_ACTOR);
    if let Some(relay) = mail.as_ref().map(|m| &m.relay) {
        tracing::info!(
            host = %relay.host,
            port = relay.port,
            tls = %relay.security,
            authenticated = relay.credentials.is_some(),
            "reminder e-mail through the relay"
        );
    }
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(REMINDER_EVERY);
        loop {
            tick.tick().await;
            let today = app.clock.today();
            match mail::job::run(&app, &actor, mail.as_ref(), today).await {
                Ok((created, emails)) => {
                    tracing::info!(created, ?emails, "reminder job");
                }
                Err(e) => tracing::warn!(error = %e, "reminder job failed"),
            }
        }
    });
}
