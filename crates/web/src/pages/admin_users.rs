//! `/admin/users`: the list of accounts and the form that creates one (system admin).

use super::{Layout, render};
use crate::accounts::{NewAccount, create};
use crate::auth::SystemAdmin;
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use cchc_domain::Role;
use serde::Deserialize;

/// One account as listed.
pub struct Listed {
    pub username: String,
    pub display_name: String,
    pub role_label: &'static str,
    pub unit: String,
}

#[derive(Template)]
#[template(path = "admin_users.html")]
struct UsersPage<'a> {
    layout: Layout,
    users: Vec<Listed>,
    roles: Vec<(&'static str, &'static str)>,
    form: &'a NewAccount,
    created: bool,
    error: Option<String>,
}

/// Query of the list: `created=1` after a creation.
#[derive(Debug, Default, Deserialize)]
pub struct UsersQuery {
    pub created: Option<String>,
}

async fn page(
    state: &AppState,
    admin: &SystemAdmin,
    status: StatusCode,
    form: &NewAccount,
    created: bool,
    error: Option<String>,
) -> Result<Response, AppError> {
    let users = state.store.users().await?;
    let users = users
        .into_iter()
        .map(|u| Listed {
            username: u.username,
            display_name: u.display_name,
            role_label: u.role.label_vi(),
            unit: u.unit_code.unwrap_or_default(),
        })
        .collect();
    let roles = Role::ALL
        .iter()
        .map(|r| (r.as_str(), r.label_vi()))
        .collect();
    let view = UsersPage {
        layout: Layout::new("Quản lý tài khoản", Some(&admin.0), "admin-users"),
        users,
        roles,
        form,
        created,
        error,
    };
    Ok(render(status, &view))
}

/// GET `/admin/users`.
pub async fn get(
    admin: SystemAdmin,
    State(state): State<AppState>,
    Query(query): Query<UsersQuery>,
) -> Result<Response, AppError> {
    let form = NewAccount::default();
    page(
        &state,
        &admin,
        StatusCode::OK,
        &form,
        query.created.is_some(),
        None,
    )
    .await
}

/// POST `/admin/users`: creates the account, or shows the form again with the reason.
pub async fn post(
    admin: SystemAdmin,
    State(state): State<AppState>,
    Form(form): Form<NewAccount>,
) -> Result<Response, AppError> {
    match create(&state.store, form.clone(), &admin.0.user.username).await {
        Ok(_) => Ok(Redirect::to("/admin/users?created=1").into_response()),
        Err(err) if err.status.is_client_error() => {
            let reason = match err.details.as_array().and_then(|d| d.first()) {
                Some(detail) => format!("{} ({})", err.message, detail.as_str().unwrap_or("")),
                None => err.message.clone(),
            };
            page(&state, &admin, err.status, &form, false, Some(reason)).await
        }
        Err(err) => Err(err),
    }
}
