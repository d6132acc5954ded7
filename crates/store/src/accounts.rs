//! Accounts, sessions and API tokens. Secrets are stored only as SHA-256 digests.

use crate::{Store, StoreError, audit, now_ms};
use cchc_domain::Role;
use cchc_domain::auth::{Scope, new_secret, token_digest};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

/// A user account as the application sees it (never with its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// The unit a staff user belongs to; `None` for citizens.
    pub unit_code: Option<String>,
}

/// What is needed to create a user.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_code: Option<String>,
    pub password_hash: String,
}

/// A live session: its user and the CSRF token bound to it.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub csrf_token: String,
    pub expires_at_ms: i64,
}

const USER_COLUMNS: &str = "u.id, u.username, u.display_name, u.role, u.unit_code";

fn user_from_row(r: &AnyRow) -> Result<User, StoreError> {
    let role: String = r.try_get("role")?;
    Ok(User {
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        display_name: r.try_get("display_name")?,
        role: role.parse().map_err(StoreError::Invalid)?,
        unit_code: r.try_get("unit_code")?,
    })
}

impl Store {
    /// Creates a user after checking its unit; a duplicate username is a conflict.
    pub async fn create_user(&self, new: &NewUser, actor: &str) -> Result<User, StoreError> {
        cchc_domain::auth::check_username(&new.username).map_err(StoreError::Invalid)?;
        match (&new.unit_code, new.role.is_staff()) {
            (None, true) => {
                return Err(StoreError::Invalid(format!(
                    "role {} needs a unit",
                    new.role
                )));
            }
            (Some(code), _) if !self.org_unit_exists(code).await? => {
                return Err(StoreError::Invalid(format!("unknown unit {code}")));
            }
            _ => {}
        }
        let mut w = self.begin_write().await?;
        let row = sqlx::query(
            "INSERT INTO users (username, display_name, role, unit_code, password_hash, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id",
        )
        .bind(&new.username)
        .bind(&new.display_name)
        .bind(new.role.as_str())
        .bind(&new.unit_code)
        .bind(&new.password_hash)
        .bind(now_ms())
        .fetch_one(&mut *w.tx)
        .await
        .map_err(|e| StoreError::on_unique(e, format!("username {} is taken", new.username)))?;
        let id: i64 = row.try_get("id")?;
        let change = serde_json::json!({ "username": new.username, "role": new.role, "unit": new.unit_code });
        audit::append(&mut w.tx, actor, "create", &format!("user:{id}"), &change).await?;
        w.commit().await?;
        let user = User {
            id,
            username: new.username.clone(),
            display_name: new.display_name.clone(),
            role: new.role,
            unit_code: new.unit_code.clone(),
        };
        Ok(user)
    }

    /// An active user and its password hash, by username.
    pub async fn user_credentials(
        &self,
        username: &str,
    ) -> Result<Option<(User, String)>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.username = $1 AND u.active = 1"
        );
        let row = sqlx::query(&sql)
            .bind(username)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| Ok((user_from_row(&r)?, r.try_get("password_hash")?)))
            .transpose()
    }

    /// Every user, by username.
    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.username");
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        rows.iter().map(user_from_row).collect()
    }

    /// Opens a session for `user` lasting `ttl_ms`; returns (session secret, CSRF token).
    pub async fn create_session(
        &self,
        user: &User,
        ttl_ms: i64,
    ) -> Result<(String, String), StoreError> {
        let (secret, csrf) = (new_secret(), new_secret());
        let now = now_ms();
        let mut w = self.begin_write().await?;
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(now)
            .execute(&mut *w.tx)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_digest(&secret))
        .bind(user.id)
        .bind(&csrf)
        .bind(now)
        .bind(now + ttl_ms)
        .execute(&mut *w.tx)
        .await?;
        audit::append(
            &mut w.tx,
            &user.username,
            "login",
            &format!("user:{}", user.id),
            &serde_json::json!({}),
        )
        .await?;
        w.commit().await?;
        Ok((secret, csrf))
    }

    /// The live session named by `secret`, if any.
    pub async fn session(&self, secret: &str) -> Result<Option<Session>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1"
        );
        let row = sqlx::query(&sql)
            .bind(token_digest(secret))
            .bind(now_ms())
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| {
            Ok(Session {
                user: user_from_row(&r)?,
                csrf_token: r.try_get("csrf_token")?,
                expires_at_ms: r.try_get("expires_at")?,
            })
        })
        .transpose()
    }

    /// Ends a session.
    pub async fn delete_session(&self, secret: &str, actor: &str) -> Result<(), StoreError> {
        let mut w = self.begin_write().await?;
        let done = sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_digest(secret))
            .execute(&mut *w.tx)
            .await?;
        if done.rows_affected() > 0 {
            audit::append(
                &mut w.tx,
                actor,
                "logout",
                "session",
                &serde_json::json!({}),
            )
            .await?;
        }
        w.commit().await?;
        Ok(())
    }

    /// Creates an API token for `username`; returns the secret, which is never stored.
    pub async fn create_api_token(
        &self,
        username: &str,
        scope: Scope,
        actor: &str,
    ) -> Result<String, StoreError> {
        let (user, _) = self
            .user_credentials(username)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("no active user {username}")))?;
        let secret = format!("cchc_{}", new_secret());
        let mut w = self.begin_write().await?;
        let row = sqlx::query(
            "INSERT INTO api_tokens (token_hash, user_id, scope, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(token_digest(&secret))
        .bind(user.id)
        .bind(scope.as_str())
        .bind(now_ms())
        .fetch_one(&mut *w.tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        let change = serde_json::json!({ "user": user.id, "scope": scope });
        audit::append(
            &mut w.tx,
            actor,
            "create",
            &format!("api_token:{id}"),
            &change,
        )
        .await?;
        w.commit().await?;
        Ok(secret)
    }

    /// The user and scope of a live API token.
    pub async fn token_user(&self, secret: &str) -> Result<Option<(User, Scope)>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, t.scope FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) \
             AND u.active = 1"
        );
        let row = sqlx::query(&sql)
            .bind(token_digest(secret))
            .bind(now_ms())
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| {
            let scope: String = r.try_get("scope")?;
            Ok((
                user_from_row(&r)?,
                scope.parse().map_err(StoreError::Invalid)?,
            ))
        })
        .transpose()
    }
}
