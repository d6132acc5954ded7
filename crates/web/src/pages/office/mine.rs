//! `/ho-so-cua-toi`: the dossiers a signed-in citizen submitted online, newest first, in
//! pages of 25, each linking to its page.

use super::inbox::PAGE_SIZE;
use super::view::{Clock, ListRow, Names, Pager};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::pages::{Layout, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cchc_domain::Role;
use cchc_store::dossiers::{DossierFilter, DossierOrder};
use cchc_store::paging::Page;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "office/mine.html")]
struct MinePage {
    layout: Layout,
    rows: Vec<ListRow>,
    total: u64,
    pager: Pager,
}

/// The query string: the page number.
#[derive(Debug, Default, Deserialize)]
pub struct MineQuery {
    #[serde(default)]
    pub trang: Option<u32>,
}

/// GET `/ho-so-cua-toi`: citizens.
pub async fn get(
    current: CurrentUser,
    State(state): State<AppState>,
    Query(query): Query<MineQuery>,
) -> Result<Response, AppError> {
    if current.role() != Role::Citizen {
        return Err(AppError::forbidden(
            "Trang này dành cho người dân, doanh nghiệp đã nộp hồ sơ trực tuyến.",
        ));
    }
    let number = query.trang.unwrap_or(1).max(1);
    let filter = DossierFilter {
        submitted_by: Some(current.user.id),
        order: DossierOrder::Newest,
        ..DossierFilter::default()
    };
    let list = state
        .store
        .dossiers(&filter, Page::new(number, PAGE_SIZE))
        .await?;
    let names = Names::load(&state.store, Names::units_of(&list.page.items)).await?;
    let clock = Clock::now(&state)?;
    let page = MinePage {
        layout: Layout::new("Hồ sơ của tôi", Some(&current), "mine"),
        rows: list
            .page
            .items
            .iter()
            .map(|r| ListRow::new(r, &names, &clock))
            .collect(),
        total: list.page.total,
        pager: Pager::new(number, PAGE_SIZE, list.page.total, |n| {
            format!("/ho-so-cua-toi?trang={n}")
        }),
    };
    Ok(ok(&page))
}
