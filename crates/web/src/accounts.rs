//! Creating a user, shared by the admin page and `POST /api/v1/users`.

use crate::auth::password;
use crate::error::AppError;
use cchc_domain::Role;
use cchc_domain::auth::{check_password_policy, check_username};
use cchc_store::Store;
use cchc_store::accounts::{NewUser, User};
use serde::Deserialize;
use serde_json::json;

/// A new account as submitted (JSON body or form).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[schema(as = NewUser)]
pub struct NewAccount {
    #[schema(pattern = "^[a-z0-9._-]{3,32}$")]
    pub username: String,
    pub display_name: String,
    #[schema(value_type = cchc_domain::Role)]
    pub role: String,
    #[serde(default)]
    pub unit_code: Option<String>,
    #[schema(schema_with = password_schema)]
    pub password: String,
}

/// The schema of a new password: a string of at least `MIN_PASSWORD_LEN` characters.
fn password_schema() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::String)
        .min_length(Some(cchc_domain::auth::MIN_PASSWORD_LEN))
        .build()
}

fn invalid(message: &str, detail: impl Into<String>) -> AppError {
    AppError::unprocessable("invalid", message.to_owned()).with_details(json!([detail.into()]))
}

/// Validates `new`, hashes its password off the runtime and stores it as `actor`.
pub async fn create(store: &Store, new: NewAccount, actor: &str) -> Result<User, AppError> {
    let username = new.username.trim().to_owned();
    check_username(&username).map_err(|e| invalid("Tên đăng nhập không hợp lệ.", e))?;
    let display_name = new.display_name.trim().to_owned();
    if display_name.is_empty() || display_name.chars().count() > 200 {
        return Err(invalid(
            "Họ và tên không hợp lệ.",
            "display_name must have 1 to 200 characters",
        ));
    }
    let role: Role = new
        .role
        .parse()
        .map_err(|e: String| invalid("Vai trò không hợp lệ.", e))?;
    check_password_policy(&new.password).map_err(|e| invalid("Mật khẩu quá ngắn.", e))?;
    let unit_code = new
        .unit_code
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    let password_hash = password::hash(&new.password).await?;
    let record = NewUser {
        username,
        display_name,
        role,
        unit_code,
        password_hash,
    };
    Ok(store.create_user(&record, actor).await?)
}
