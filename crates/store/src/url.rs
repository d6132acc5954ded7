//! Database URLs: the scheme picks the backend; anything else is a clear error.

use crate::StoreError;
use std::path::PathBuf;

/// The SQL backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A parsed database URL.
#[derive(Debug, Clone)]
pub struct DatabaseUrl {
    pub backend: Backend,
    raw: String,
    sqlite_path: Option<PathBuf>,
}

impl DatabaseUrl {
    /// Parses `sqlite:PATH`, `sqlite://PATH`, `postgres://…` or `postgresql://…`.
    pub fn parse(url: &str) -> Result<DatabaseUrl, StoreError> {
        if let Some(rest) = url.strip_prefix("sqlite:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() {
                return Err(StoreError::BadUrl("sqlite URL has no file path".into()));
            }
            return Ok(DatabaseUrl {
                backend: Backend::Sqlite,
                raw: url.to_owned(),
                sqlite_path: (path != ":memory:").then(|| PathBuf::from(path)),
            });
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseUrl {
                backend: Backend::Postgres,
                raw: url.to_owned(),
                sqlite_path: None,
            });
        }
        let scheme = url.split_once(':').map_or("", |(s, _)| s);
        Err(StoreError::BadUrl(format!(
            "unsupported database URL scheme '{scheme}': use sqlite:PATH or postgres://HOST/DB"
        )))
    }

    /// Creates the SQLite file's folder when missing.
    pub fn prepare(&self) -> Result<(), StoreError> {
        if let Some(dir) = self.sqlite_path.as_ref().and_then(|p| p.parent())
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::BadUrl(format!("cannot create folder {}: {e}", dir.display()))
            })?;
        }
        Ok(())
    }

    /// The string handed to the driver.
    pub fn connect_string(&self) -> String {
        match (&self.backend, &self.sqlite_path) {
            (Backend::Sqlite, Some(path)) => format!("sqlite://{}?mode=rwc", path.display()),
            _ => self.raw.clone(),
        }
    }

    /// A one-line reason for a failed connection, without the password.
    pub fn describe_failure(&self, err: &sqlx::Error) -> String {
        let target = match self.backend {
            Backend::Sqlite => format!(
                "SQLite database {}",
                self.sqlite_path
                    .as_ref()
                    .map_or(":memory:".into(), |p| p.display().to_string())
            ),
            Backend::Postgres => format!("PostgreSQL at {}", redact(&self.raw)),
        };
        let why = match err {
            sqlx::Error::Io(e) => e.to_string(),
            sqlx::Error::PoolTimedOut => "no answer in time".to_owned(),
            sqlx::Error::Database(db) => db.message().to_owned(),
            other => other.to_string(),
        };
        format!("cannot open {target}: {why}")
    }
}

/// The URL without user and password.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://{}", &url[..s], &url[at + 1..]),
        _ => url.to_owned(),
    }
}

/// `postgres://h/old?x` → `postgres://h/new?x`.
pub fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{name}", &base[..host_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_pick_the_backend() {
        assert_eq!(
            DatabaseUrl::parse("sqlite:./x/y.db").unwrap().backend,
            Backend::Sqlite
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///tmp/y.db")
                .unwrap()
                .connect_string(),
            "sqlite:///tmp/y.db?mode=rwc"
        );
        assert_eq!(
            DatabaseUrl::parse("postgres://h/db").unwrap().backend,
            Backend::Postgres
        );
        let err = DatabaseUrl::parse("mysql://h/db").unwrap_err().to_string();
        assert!(err.contains("'mysql'"), "{err}");
        assert!(DatabaseUrl::parse("./cchc.db").is_err());
        assert!(DatabaseUrl::parse("sqlite:").is_err());
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://h:5432/db"
        );
    }

    #[test]
    fn database_name_is_replaced() {
        assert_eq!(
            replace_db_name("postgres://u@h:5432/test", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(
            replace_db_name("postgres://h/test?sslmode=disable", "x"),
            "postgres://h/x?sslmode=disable"
        );
        assert_eq!(replace_db_name("postgres://h", "x"), "postgres://h/x");
    }
}
