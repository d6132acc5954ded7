//! `cchc serve`: migrate, load base (and demo) data, serve HTTP.

use crate::admin::open;
use crate::config::{Config, DEFAULT_BIND};
use crate::exit::CliError;
use std::net::SocketAddr;

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
    let store = open(&cfg.database_url()).await?;
    if args.demo && cchc_store::demo::load(&store).await? {
        eprintln!(
            "demo data loaded: users {} (password {})",
            cchc_store::demo::DEMO_USERS.map(|u| u.0).join(", "),
            cchc_store::demo::DEMO_PASSWORD
        );
    }
    let mut web = cchc_web::WebConfig {
        secure_cookies: cfg.secure_cookies,
        ..Default::default()
    };
    if let Some(ttl) = cfg.session_ttl_minutes {
        web.session_ttl_minutes = ttl;
    }
    if let Some(n) = cfg.login_attempts_per_minute {
        web.login_attempts_per_minute = n;
    }
    eprintln!("cchc serving on http://{bind}");
    cchc_web::serve(store, bind, web)
        .await
        .map_err(|e| CliError::Usage(format!("cannot serve on {bind}: {e}")))
}
