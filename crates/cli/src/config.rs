//! Configuration: defaults, then a TOML file (`--config FILE` or ./cchc.toml), then `CCHC_*`
//! environment variables. Unknown keys and unknown `CCHC_*` variables are reported.

use crate::exit::CliError;
use cchc_calendar::{CalendarConfig, LocalClosure, OfficeHours, Shift};
use chrono::NaiveDate;
use serde::Deserialize;
use std::path::Path;

/// The default SQLite database, relative to the working directory.
pub const DEFAULT_DB: &str = "sqlite:./cchc-data/cchc.db";
/// The default listening address.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// Environment variables the program reads.
const KNOWN_ENV: [&str; 15] = [
    "CCHC_DATABASE_URL",
    "CCHC_SMTP_HOST",
    "CCHC_SMTP_PORT",
    "CCHC_SMTP_FROM",
    "CCHC_SMTP_TLS",
    "CCHC_SMTP_USERNAME",
    "CCHC_SMTP_PASSWORD",
    "CCHC_BIND",
    "CCHC_SECURE_COOKIES",
    "CCHC_SESSION_TTL_MINUTES",
    "CCHC_LOGIN_ATTEMPTS_PER_MINUTE",
    "CCHC_PUBLIC_URL",
    "CCHC_METRICS_TOKEN",
    "CCHC_LOG",
    "CCHC_TEST_POSTGRES_URL",
];

/// The effective configuration.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Database URL (`sqlite:PATH` or `postgres://…`).
    pub database_url: Option<String>,
    /// Listening address of `cchc serve`.
    pub bind: Option<String>,
    /// Mark cookies `Secure` (behind TLS).
    pub secure_cookies: bool,
    /// Session lifetime in minutes.
    pub session_ttl_minutes: Option<i64>,
    /// Login attempts allowed per minute per account and per address.
    pub login_attempts_per_minute: Option<u32>,
    /// The site's public address, printed on forms (the lookup QR code); unset, the
    /// request's `Host` is used when it is a plain host name.
    pub public_url: Option<String>,
    /// The token a scraper sends to read `/metrics` (otherwise admins' sessions only).
    pub metrics_token: Option<String>,
    /// Working calendar of the province.
    pub calendar: CalendarSection,
    /// E-mail of plan reminders (off unless `host` and `from` are set).
    pub smtp: SmtpSection,
}

/// `[smtp]`: the relay reminders are e-mailed through, and the units' addresses.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SmtpSection {
    pub host: Option<String>,
    /// Default 25 (465 with `tls = "tls"`).
    pub port: Option<u16>,
    /// The sender address, e.g. `cchc@hungyen.gov.vn`.
    pub from: Option<String>,
    /// The name given in EHLO (default `cchc`).
    pub helo: Option<String>,
    /// `none`, `starttls` (when offered; the default), `required-starttls` or `tls`
    /// (implicit TLS).
    pub tls: Option<String>,
    /// The account to authenticate as (AUTH PLAIN or LOGIN); its password comes from
    /// `CCHC_SMTP_PASSWORD` or `password_file`.
    pub username: Option<String>,
    /// A file whose first line is the password.
    pub password_file: Option<std::path::PathBuf>,
    /// Refused with a clear message: a password is never kept in the file. Its value is
    /// not even read.
    pub password: Option<serde::de::IgnoredAny>,
    /// The password from `CCHC_SMTP_PASSWORD`.
    #[serde(skip)]
    pub password_env: Option<Secret>,
    /// Addresses by unit code or group: `"H31.SNV" = "snv@hungyen.gov.vn"`,
    /// `"group:districts" = "…"`.
    pub recipients: std::collections::BTreeMap<String, String>,
}

/// A password: its `Debug` shows no character of it, so it never reaches a log.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// `[calendar]`: office hours, entries to enable, local closures.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CalendarSection {
    /// Office shifts as ["07:00", "11:30"] pairs; default 07:00–11:30, 13:30–17:00.
    pub shifts: Vec<[String; 2]>,
    /// Shipped-but-disabled entries to enable, e.g. "2026-11-24".
    pub enable: Vec<NaiveDate>,
    /// Province-wide closures.
    pub closures: Vec<ClosureEntry>,
    /// Per-unit office hours, keyed by unit code: `[calendar.units."H31.SNV"] shifts = …`.
    pub units: std::collections::BTreeMap<String, UnitCalendar>,
}

/// A unit's own office hours.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitCalendar {
    pub shifts: Vec<[String; 2]>,
}

/// One local closure.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosureEntry {
    pub date: NaiveDate,
    pub name: String,
    pub basis: String,
}

impl Config {
    /// Loads the file (if any) and applies the environment.
    pub fn load(path: Option<&Path>, db_flag: Option<String>) -> Result<Config, CliError> {
        let mut cfg = match path {
            Some(p) => read_file(p)?,
            None if Path::new("cchc.toml").exists() => read_file(Path::new("cchc.toml"))?,
            None => Config::default(),
        };
        cfg.apply_env()?;
        if db_flag.is_some() {
            cfg.database_url = db_flag;
        }
        warn_unknown_env();
        Ok(cfg)
    }

    fn apply_env(&mut self) -> Result<(), CliError> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        if let Some(v) = var("CCHC_BIND") {
            self.bind = Some(v);
        }
        if let Some(v) = var("CCHC_SECURE_COOKIES") {
            self.secure_cookies = matches!(v.as_str(), "1" | "true" | "yes");
        }
        if let Some(v) = var("CCHC_SESSION_TTL_MINUTES") {
            self.session_ttl_minutes = Some(parse_env("CCHC_SESSION_TTL_MINUTES", &v)?);
        }
        if let Some(v) = var("CCHC_LOGIN_ATTEMPTS_PER_MINUTE") {
            self.login_attempts_per_minute = Some(parse_env("CCHC_LOGIN_ATTEMPTS_PER_MINUTE", &v)?);
        }
        if let Some(v) = var("CCHC_PUBLIC_URL") {
            self.public_url = Some(v);
        }
        if let Some(v) = var("CCHC_METRICS_TOKEN") {
            self.metrics_token = Some(v);
        }
        if let Some(v) = var("CCHC_SMTP_HOST") {
            self.smtp.host = Some(v);
        }
        if let Some(v) = var("CCHC_SMTP_PORT") {
            self.smtp.port = Some(parse_env("CCHC_SMTP_PORT", &v)?);
        }
        if let Some(v) = var("CCHC_SMTP_FROM") {
            self.smtp.from = Some(v);
        }
        if let Some(v) = var("CCHC_SMTP_TLS") {
            self.smtp.tls = Some(v);
        }
        if let Some(v) = var("CCHC_SMTP_USERNAME") {
            self.smtp.username = Some(v);
        }
        if let Some(v) = var("CCHC_SMTP_PASSWORD") {
            self.smtp.password_env = Some(Secret(v));
        }
        Ok(())
    }

    /// The database URL: `--db` (or `CCHC_DATABASE_URL`), else the file, else the default.
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| DEFAULT_DB.to_owned())
    }

    /// The calendar configuration of the province, or of `unit` when it has its own hours.
    pub fn calendar_config(&self, unit: Option<&str>) -> Result<CalendarConfig, CliError> {
        let mut cal = CalendarConfig::default();
        let unit_shifts = unit
            .and_then(|u| self.calendar.units.get(u))
            .map(|u| &u.shifts);
        let shifts = unit_shifts.unwrap_or(&self.calendar.shifts);
        if !shifts.is_empty() {
            let shifts = shifts
                .iter()
                .map(|[a, b]| shift(a, b))
                .collect::<Result<Vec<_>, _>>()?;
            cal.office_hours = OfficeHours {
                shifts,
                ..OfficeHours::default()
            };
        }
        cal.enable = self.calendar.enable.clone();
        cal.local_closures = self
            .calendar
            .closures
            .iter()
            .map(|c| LocalClosure {
                date: c.date,
                name: c.name.clone(),
                basis: c.basis.clone(),
            })
            .collect();
        Ok(cal)
    }
}

impl Config {
    /// The configured working calendars: the province's, and one per unit with office hours
    /// of its own. Every deadline the server or a command computes uses these.
    pub fn calendars(&self) -> Result<cchc_app::Calendars, CliError> {
        let province = cchc_calendar::WorkCalendar::new(&self.calendar_config(None)?)?;
        let mut units = std::collections::HashMap::new();
        for code in self.calendar.units.keys() {
            let cal = cchc_calendar::WorkCalendar::new(&self.calendar_config(Some(code))?)?;
            units.insert(code.clone(), cal);
        }
        Ok(cchc_app::Calendars::new(province, units))
    }
}

fn shift(start: &str, end: &str) -> Result<Shift, CliError> {
    let hm = |s: &str| -> Result<(u32, u32), CliError> {
        let bad = || CliError::Usage(format!("config: '{s}' is not a time HH:MM"));
        let (h, m) = s.split_once(':').ok_or_else(bad)?;
        Ok((h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?))
    };
    Ok(Shift::hm(hm(start)?, hm(end)?)?)
}

fn read_file(path: &Path) -> Result<Config, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Usage(format!("cannot read config {}: {e}", path.display())))?;
    toml::from_str(&text).map_err(|e| CliError::Usage(format!("config {}: {e}", path.display())))
}

fn parse_env<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, CliError> {
    value
        .parse()
        .map_err(|_| CliError::Usage(format!("{name}: '{value}' is not a valid number")))
}

fn warn_unknown_env() {
    for (key, _) in std::env::vars() {
        if key.starts_with("CCHC_") && !KNOWN_ENV.contains(&key.as_str()) {
            tracing::warn!(variable = %key, "unknown CCHC_ environment variable ignored");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_sections_parse_and_unknown_keys_fail() {
        let cfg: Config = toml::from_str(
            "bind = \"0.0.0.0:9000\"\npublic_url = \"https://dichvucong.hungyen.gov.vn\"\n[calendar]\nenable = [\"2026-11-24\"]\nshifts = [[\"07:30\", \"11:30\"], [\"13:00\", \"17:00\"]]\n\
             [[calendar.closures]]\ndate = \"2026-03-10\"\nname = \"Nghỉ\"\nbasis = \"QĐ 1/QĐ-UBND\"\n\
             [calendar.units.\"H31.SNV\"]\nshifts = [[\"08:00\", \"12:00\"]]\n",
        )
        .unwrap();
        assert_eq!(cfg.bind.as_deref(), Some("0.0.0.0:9000"));
        assert_eq!(
            cfg.public_url.as_deref(),
            Some("https://dichvucong.hungyen.gov.vn")
        );
        let cal = cfg.calendar_config(None).unwrap();
        assert_eq!(cal.office_hours.shifts.len(), 2);
        let unit = cfg.calendar_config(Some("H31.SNV")).unwrap();
        assert_eq!(unit.office_hours.shifts.len(), 1);
        assert_eq!(
            cfg.calendar_config(Some("H31.STP"))
                .unwrap()
                .office_hours
                .shifts
                .len(),
            2
        );
        assert_eq!(cal.local_closures[0].basis, "QĐ 1/QĐ-UBND");
        assert!(toml::from_str::<Config>("databse_url = \"x\"").is_err());
        assert_eq!(Config::default().database_url(), DEFAULT_DB);
    }
}
