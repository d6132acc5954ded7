//! User accounts: creation (checking the unit a staff role needs), credentials, the list.

use sqlx::Row;

use super::{NewUser, USER_COLUMNS, User, user_from_row};
use crate::{Store, StoreError, audit, now_ms};

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
}
