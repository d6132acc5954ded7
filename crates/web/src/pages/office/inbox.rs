//! `/ho-so`: the officer inbox. The dossiers of the user's unit and its subtree — received
//! there for a reception officer, held there for everyone else — by due time, with filters
//! (status, overdue, due within N working days, procedure, sector, part of the code), the count
//! of each filter, and pages of 25.

use super::view::{Clock, DUE_SOON_DAYS, ListRow, Names, Pager};
use crate::auth::Staff;
use crate::error::AppError;
use crate::pages::{Layout, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cchc_domain::Role;
use cchc_domain::dossier::Status;
use cchc_store::dossiers::{DossierFilter, UnitColumn, due_within};
use cchc_store::paging::Page;
use serde::{Deserialize, Serialize};

/// Rows per page.
pub const PAGE_SIZE: u32 = 25;

/// Statuses of dossiers still being handled (the default view).
pub const OPEN: [Status; 6] = [
    Status::Submitted,
    Status::Received,
    Status::Processing,
    Status::AwaitingSupplement,
    Status::AwaitingPayment,
    Status::Resolved,
];

/// The query string (Vietnamese keys, as the page's form sends them).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct InboxQuery {
    /// `mo` (open, the default), `tat-ca` (all) or a status number 1–10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trang_thai: Option<String>,
    /// `1`: overdue only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qua_han: Option<String>,
    /// Due within this many working days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub den_han: Option<String>,
    /// A procedure code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thu_tuc: Option<String>,
    /// A sector name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linh_vuc: Option<String>,
    /// Part of the dossier code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ma: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trang: Option<u32>,
}

fn filled(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl InboxQuery {
    /// The query without empty fields and without `trang`.
    fn cleaned(&self) -> InboxQuery {
        let keep = |v: &Option<String>| filled(v).map(str::to_owned);
        InboxQuery {
            trang_thai: keep(&self.trang_thai),
            qua_han: keep(&self.qua_han),
            den_han: keep(&self.den_han),
            thu_tuc: keep(&self.thu_tuc),
            linh_vuc: keep(&self.linh_vuc),
            ma: keep(&self.ma),
            trang: None,
        }
    }

    /// The link of this query with `change` applied (back to page 1 unless it sets one).
    fn href(&self, change: impl FnOnce(&mut InboxQuery)) -> String {
        let mut q = self.cleaned();
        change(&mut q);
        let text = serde_urlencoded::to_string(&q).unwrap_or_default();
        if text.is_empty() {
            "/ho-so".to_owned()
        } else {
            format!("/ho-so?{text}")
        }
    }

    /// The statuses asked for; `None` for a value that is not one.
    fn statuses(&self) -> Option<Vec<Status>> {
        match filled(&self.trang_thai) {
            None | Some("mo") => Some(OPEN.to_vec()),
            Some("tat-ca") => Some(Vec::new()),
            Some(n) => n.parse().ok().and_then(Status::from_code).map(|s| vec![s]),
        }
    }
}

/// One filter link with its count.
pub struct Chip {
    pub label: String,
    pub count: u64,
    pub href: String,
    pub active: bool,
}

/// A choice of a select.
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "office/inbox.html")]
struct InboxPage {
    layout: Layout,
    scope: String,
    query: InboxQuery,
    status_value: String,
    problems: Vec<String>,
    chips: Vec<Chip>,
    overdue: Chip,
    soon: Chip,
    statuses: Vec<Choice>,
    procedures: Vec<Choice>,
    sectors: Vec<String>,
    rows: Vec<ListRow>,
    total: u64,
    pager: Pager,
}

/// Which units, and which unit of a dossier, the user's inbox covers.
fn scope(staff: &Staff) -> UnitColumn {
    if staff.current.role() == Role::ReceptionOfficer {
        UnitColumn::Receiving
    } else {
        UnitColumn::Holder
    }
}

/// The filter of `query` for `staff`, with the problems of values that were ignored.
fn filter_of(
    state: &AppState,
    staff: &Staff,
    units: &[cchc_domain::OrgUnit],
    query: &InboxQuery,
    names: &Names,
    clock: &Clock,
) -> Result<(DossierFilter, Vec<String>), AppError> {
    let mut problems = Vec::new();
    let statuses = query.statuses().unwrap_or_else(|| {
        problems.push("Trạng thái không hợp lệ: hiển thị hồ sơ đang giải quyết.".to_owned());
        OPEN.to_vec()
    });
    let due_by = match filled(&query.den_han).map(str::parse::<u32>) {
        None => None,
        Some(Ok(days)) if days <= 60 => Some(
            due_within(state.app.calendars.province(), clock.now, days)
                .map_err(AppError::internal)?,
        ),
        Some(_) => {
            problems.push("Số ngày làm việc đến hạn phải từ 0 đến 60.".to_owned());
            None
        }
    };
    let mut procedures: Option<Vec<String>> = filled(&query.thu_tuc).map(|c| vec![c.to_owned()]);
    if let Some(sector) = filled(&query.linh_vuc) {
        let of_sector: Vec<String> = names
            .procedures
            .iter()
            .filter(|p| p.sector_name == sector)
            .map(|p| p.code.to_string())
            .filter(|c| procedures.as_ref().is_none_or(|chosen| chosen.contains(c)))
            .collect();
        procedures = Some(of_sector);
    }
    let filter = DossierFilter {
        units: Some(cchc_app::org::subtree_units(
            units,
            &staff.unit,
            crate::time::today(),
        )),
        unit_column: scope(staff),
        statuses,
        overdue_at: query.qua_han.is_some().then_some(clock.now),
        due_by,
        procedures,
        code_contains: filled(&query.ma).map(str::to_owned),
        ..DossierFilter::default()
    };
    Ok((filter, problems))
}

/// The status chips: open, each status, all; with the counts of the other filters.
fn chips(query: &InboxQuery, by_status: &[(Status, u64)]) -> Vec<Chip> {
    let count = |set: &[Status]| -> u64 {
        by_status
            .iter()
            .filter(|(s, _)| set.is_empty() || set.contains(s))
            .map(|(_, n)| n)
            .sum()
    };
    let current = filled(&query.trang_thai).unwrap_or("mo").to_owned();
    let chip = |value: &str, label: String, n: u64| Chip {
        label,
        count: n,
        href: query.href(|q| q.trang_thai = Some(value.to_owned())),
        active: current == value,
    };
    let mut out = vec![chip("mo", "Đang giải quyết".to_owned(), count(&OPEN))];
    for s in Status::ALL {
        let label = format!("{}. {}", s.code(), s.label_vi());
        out.push(chip(&s.code().to_string(), label, count(&[s])));
    }
    out.push(chip("tat-ca", "Tất cả".to_owned(), count(&[])));
    out
}

/// The number of dossiers of `filter` (one count query).
async fn count(state: &AppState, filter: &DossierFilter) -> Result<u64, AppError> {
    Ok(state
        .store
        .dossiers(filter, Page::new(1, 1))
        .await?
        .page
        .total)
}

/// The selects' choices: procedures and sectors of the catalogue.
fn choices(names: &Names) -> (Vec<Choice>, Vec<String>) {
    let procedures = names
        .procedures
        .iter()
        .map(|p| Choice {
            value: p.code.to_string(),
            label: format!("{} — {}", p.code, p.name),
        })
        .collect();
    let mut sectors: Vec<String> = names
        .procedures
        .iter()
        .map(|p| p.sector_name.clone())
        .collect();
    sectors.sort();
    sectors.dedup();
    (procedures, sectors)
}

/// The due-time chips: overdue, and due within [`DUE_SOON_DAYS`], with the counts of the
/// other filters (two count queries).
async fn due_chips(
    state: &AppState,
    query: &InboxQuery,
    filter: &DossierFilter,
    clock: &Clock,
) -> Result<(Chip, Chip), AppError> {
    let overdue = DossierFilter {
        overdue_at: Some(clock.now),
        ..filter.clone()
    };
    let soon = DossierFilter {
        due_by: Some(clock.soon),
        ..filter.clone()
    };
    let overdue = Chip {
        label: "Quá hạn".to_owned(),
        count: count(state, &overdue).await?,
        href: query.href(|q| q.qua_han = Some("1".to_owned())),
        active: query.qua_han.is_some(),
    };
    let soon = Chip {
        label: format!("Hạn trong {DUE_SOON_DAYS} ngày làm việc tới (kể cả quá hạn)"),
        count: count(state, &soon).await?,
        href: query.href(|q| q.den_han = Some(DUE_SOON_DAYS.to_string())),
        active: filled(&query.den_han) == Some(DUE_SOON_DAYS.to_string().as_str()),
    };
    Ok((overdue, soon))
}

/// The statuses of the select.
fn status_choices() -> Vec<Choice> {
    Status::ALL
        .iter()
        .map(|s| Choice {
            value: s.code().to_string(),
            label: format!("{}. {}", s.code(), s.label_vi()),
        })
        .collect()
}

/// What the inbox covers, in words.
fn scope_text(staff: &Staff, units: &[cchc_domain::OrgUnit]) -> String {
    let own =
        cchc_app::dossiers::lookup::unit_name(units, staff.unit.as_str(), crate::time::today());
    match scope(staff) {
        UnitColumn::Receiving => format!("Hồ sơ tiếp nhận tại {own} và các đơn vị trực thuộc"),
        _ => format!("Hồ sơ đang ở {own} và các đơn vị trực thuộc"),
    }
}

/// GET `/ho-so`: staff.
pub async fn get(
    staff: Staff,
    State(state): State<AppState>,
    Query(query): Query<InboxQuery>,
) -> Result<Response, AppError> {
    let clock = Clock::now(&state)?;
    let units = state.org_units().await?;
    let catalogue = Names::load(&state.store, Vec::new()).await?;
    let (filter, problems) = filter_of(&state, &staff, &units, &query, &catalogue, &clock)?;
    let number = query.trang.unwrap_or(1).max(1);
    let list = state
        .store
        .dossiers(&filter, Page::new(number, PAGE_SIZE))
        .await?;
    let (overdue, soon) = due_chips(&state, &query, &filter, &clock).await?;
    let names = Names {
        units: state
            .store
            .org_units_named(&Names::units_of(&list.page.items))
            .await?,
        procedures: catalogue.procedures,
    };
    let (procedures, sectors) = choices(&names);
    let page = InboxPage {
        layout: Layout::new("Hồ sơ", Some(&staff.current), "dossiers"),
        scope: scope_text(&staff, &units),
        status_value: filled(&query.trang_thai).unwrap_or("mo").to_owned(),
        problems,
        chips: chips(&query, &list.by_status),
        overdue,
        soon,
        statuses: status_choices(),
        procedures,
        sectors,
        rows: list
            .page
            .items
            .iter()
            .map(|r| ListRow::new(r, &names, &clock))
            .collect(),
        total: list.page.total,
        pager: Pager::new(number, PAGE_SIZE, list.page.total, |n| {
            query.href(|q| q.trang = Some(n))
        }),
        query: query.cleaned(),
    };
    Ok(ok(&page))
}
