//! `/so-theo-doi?unit=&sector=&period=`: the register (sổ theo dõi hồ sơ) of a unit's subtree
//! for one sector and period, 50 rows a page or in full (`all=1`) for printing on A4
//! landscape. Staff only; the unit defaults to the user's own and must lie in their subtree.

use super::form_view::{SheetHead, filters, place_date, place_of};
use super::render;
use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use cchc_domain::UnitCode;
use cchc_domain::dossier::RuleSet;
use cchc_domain::forms::register::{RegisterLine, RegisterRow, period_label, rows};
use cchc_domain::forms::{Directory, Form, Person};
use cchc_domain::kpi::{Period, PeriodError, parse_period};
use cchc_store::dossiers::{RegisterEntry, RegisterFilter, Sector, province_of};
use cchc_store::paging::Page;
use serde::Deserialize;

/// Rows per page on screen.
pub const PAGE_SIZE: u32 = 50;

/// The query string.
#[derive(Debug, Default, Deserialize)]
pub struct RegisterQuery {
    pub unit: Option<String>,
    pub sector: Option<String>,
    pub period: Option<String>,
    pub page: Option<u32>,
    /// `1`: every row, for printing.
    pub all: Option<String>,
}

#[derive(Template)]
#[template(path = "forms/register.html")]
struct RegisterPage {
    head: SheetHead,
    unit: String,
    sector: String,
    sector_name: String,
    period: String,
    period_label: String,
    sectors: Vec<Sector>,
    error: Option<String>,
    rows: Vec<RegisterRow>,
    total: u64,
    page: u32,
    pages: u32,
    all: bool,
}

impl RegisterPage {
    /// The query of the filter.
    fn query(&self) -> String {
        let q = [
            ("unit", self.unit.as_str()),
            ("sector", self.sector.as_str()),
            ("period", self.period.as_str()),
        ];
        serde_urlencoded::to_string(q).unwrap_or_default()
    }

    /// The link of page `n`.
    fn page_link(&self, n: &u32) -> String {
        format!("/so-theo-doi?{}&page={n}", self.query())
    }

    /// The link of the full register, for printing.
    fn full_link(&self) -> String {
        format!("/so-theo-doi?{}&all=1", self.query())
    }
}

fn line(e: RegisterEntry, names: &Directory) -> RegisterLine {
    let r = e.record;
    RegisterLine {
        code: r.code.to_string(),
        procedure_name: e.procedure_name,
        applicant: Person {
            name: r.applicant.name,
            id_number: None,
            phone: r.applicant.phone,
            address: r.applicant.address,
        },
        lead_unit: names.unit(&r.competent_unit),
        status: r.status,
        received_at: r.received_at,
        due_at: r.due_legal_at,
        finished_at: r.finished_at,
        returned_at: r.returned_at,
        return_channel: e.return_channel,
    }
}

fn head(unit_name: String, place: &str, period: Option<&Period>, landscape: bool) -> SheetHead {
    let rule_set = RuleSet::for_receipt(period.map_or_else(crate::time::today, |p| p.end));
    let number = Form::Register.number(rule_set);
    SheetHead {
        title: "Sổ theo dõi hồ sơ".to_owned(),
        unit_name,
        place_date: place_date(place, crate::time::now()),
        number: number.map(|n| n.short()),
        circular: rule_set.forms_circular().to_owned(),
        back_href: "/".to_owned(),
        back_label: "Trang chủ".to_owned(),
        landscape,
    }
}

/// The unit asked for (default: the user's own), within the user's subtree.
async fn root_unit(
    state: &AppState,
    staff: &Staff,
    query: &RegisterQuery,
) -> Result<(UnitCode, Vec<UnitCode>), AppError> {
    let units = state.org_units().await?;
    let root = match query
        .unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        Some(u) => UnitCode::parse(u)
            .map_err(|_| AppError::not_found(format!("Không có đơn vị mã {u}.")))?,
        None => staff.unit.clone(),
    };
    staff.ensure_reaches(&units, &root, crate::time::today())?;
    let tree = cchc_app::org::subtree_units(&units, &root, crate::time::today());
    Ok((root, tree))
}

/// The page of `query` before its rows are read, with the parsed period.
fn blank_page(
    query: &RegisterQuery,
    root: &UnitCode,
    names: &Directory,
    sectors: Vec<Sector>,
) -> (RegisterPage, Result<Period, PeriodError>) {
    let period_text = query
        .period
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map_or_else(
            || crate::time::today().format("%Y-%m").to_string(),
            str::to_owned,
        );
    let sector = query
        .sector
        .as_deref()
        .map(str::trim)
        .unwrap_or("")
        .to_owned();
    let parsed = parse_period(&period_text);
    let place = UnitCode::parse(&province_of(root))
        .map(|p| place_of(&names.unit(&p)))
        .unwrap_or_default();
    let all = query.all.as_deref() == Some("1");
    let page = RegisterPage {
        head: head(names.unit(root), &place, parsed.as_ref().ok(), true),
        unit: root.to_string(),
        sector_name: sectors
            .iter()
            .find(|s| s.key == sector)
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        sector,
        period_label: parsed.as_ref().map(period_label).unwrap_or_default(),
        period: period_text,
        sectors,
        error: None,
        rows: Vec::new(),
        total: 0,
        page: query.page.unwrap_or(1).max(1),
        pages: 0,
        all,
    };
    (page, parsed)
}

/// GET `/so-theo-doi`: without a sector, the choice; a bad period or an unknown sector is
/// 400 with the reason on the page.
pub async fn get(
    staff: Staff,
    State(state): State<AppState>,
    Query(query): Query<RegisterQuery>,
) -> Result<Response, AppError> {
    let (root, tree) = root_unit(&state, &staff, &query).await?;
    let names = cchc_app::dossiers::forms::directory(&state.app).await?;
    let sectors = state.store.sectors().await?;
    let (mut page, parsed) = blank_page(&query, &root, &names, sectors);
    let Ok(period) = parsed else {
        page.error = Some(format!(
            "Kỳ “{}” không hợp lệ: nhập năm (2026), quý (2026-Q3), tháng (2026-09) hoặc khoảng ngày (2026-01-01..2026-03-14).",
            page.period
        ));
        return Ok(render(StatusCode::BAD_REQUEST, &page));
    };
    if page.sector.is_empty() {
        return Ok(render(StatusCode::OK, &page));
    }
    if page.sector_name.is_empty() {
        page.error = Some(format!(
            "Lĩnh vực “{}” không có trong danh mục thủ tục.",
            page.sector
        ));
        return Ok(render(StatusCode::BAD_REQUEST, &page));
    }
    fill(&state, &mut page, tree, &period, &names).await?;
    Ok(render(StatusCode::OK, &page))
}

/// Reads the rows of the register into `page`.
async fn fill(
    state: &AppState,
    page: &mut RegisterPage,
    units: Vec<UnitCode>,
    period: &Period,
    names: &Directory,
) -> Result<(), AppError> {
    let filter = RegisterFilter {
        units,
        sector: page.sector.clone(),
        from: period.start.and_hms_opt(0, 0, 0).unwrap_or_default(),
        to: period.end.and_hms_opt(23, 59, 59).unwrap_or_default(),
    };
    let request = (!page.all).then(|| Page::new(page.page, PAGE_SIZE));
    let found = state.store.register(&filter, request).await?;
    let first = request.map_or(1, |p| u64::try_from(p.offset()).unwrap_or(0) + 1);
    let lines: Vec<RegisterLine> = found.items.into_iter().map(|e| line(e, names)).collect();
    page.rows = rows(&lines, first, crate::time::now());
    page.total = found.total;
    page.pages = u32::try_from(found.total.div_ceil(u64::from(PAGE_SIZE))).unwrap_or(u32::MAX);
    Ok(())
}
