//! Sessions (with the CSRF token bound to each) and API tokens; only their digests are stored.

use cchc_domain::auth::{Scope, new_secret, token_digest};
use sqlx::Row;

use super::{Session, USER_COLUMNS, User, user_from_row};
use crate::{Store, StoreError, audit, now_ms};

impl Store {
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
                scope.parse().map_err(StoreError::Corrupt)?,
            ))
        })
        .transpose()
    }
}
