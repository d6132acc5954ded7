//! Dossier statistics and the QĐ 766 index as JSON, for staff within their subtree:
//! `GET /api/v1/kpi/stats` and `GET /api/v1/kpi/766` (the JSON of `cchc kpi stats|766`, from
//! the live aggregate), `GET /api/v1/kpi/766/{metric}/dossiers` (the dossiers that cost points
//! of a metric), `GET /api/v1/kpi/status` and `POST /api/v1/kpi/rebuild` (system admin).
//!
//! There is no public JSON variant: the public scoreboard page (`/cong-khai/chi-so`) reads the
//! same functions ([`cchc_app::kpi::live`]) and shows scores only; the drill-down lists dossiers
//! and is for staff.

use super::public::iso;
use crate::auth::{Staff, SystemAdmin};
use crate::error::AppError;
use crate::pages::kpi::{page_param, period_param, unit_param};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use cchc_app::kpi::drill::{self, LossRow};
use cchc_app::kpi::live::{self, definitions};
use cchc_app::kpi::tail::LiveStatus;
use cchc_domain::UnitCode;
use cchc_domain::kpi::{Period, Report, Stats, parse_as_of};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// `?unit=CODE&period=…&as_of=ISO&page=N&size=N` (unit: default the user's; period: default
/// this year; as-of: default now).
#[derive(Debug, Default, Deserialize)]
pub struct KpiParams {
    pub unit: Option<String>,
    pub period: Option<String>,
    pub as_of: Option<String>,
    pub page: Option<String>,
    pub size: Option<String>,
}

/// What a request asks for, checked.
struct Asked {
    unit: UnitCode,
    period: Period,
    as_of: Option<NaiveDateTime>,
}

/// Parses the parameters (400), checks the unit exists at the end of the period (404) and
/// lies in the user's subtree then or today (403).
async fn asked(state: &AppState, staff: &Staff, q: &KpiParams) -> Result<Asked, AppError> {
    let unit = unit_param(q.unit.as_deref())?.unwrap_or_else(|| staff.unit.clone());
    let period = period_param(q.period.as_deref(), crate::time::today())?;
    let as_of = match q.as_of.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(parse_as_of(s).map_err(|e| {
            AppError::bad_request(
                "invalid_as_of",
                "Thời điểm tính (as_of) không hợp lệ: nhập ngày (2026-09-30) hoặc ngày giờ \
                 ISO 8601 (2026-09-30T17:00:00+07:00).",
            )
            .with_details(json!([e.to_string()]))
        })?),
    };
    live::unit_scope(&state.app, &unit, period).await?;
    if unit != staff.unit {
        let units = state.org_units().await?;
        let today = crate::time::today();
        if !staff.reaches(&units, &unit, period.end) && !staff.reaches(&units, &unit, today) {
            return Err(AppError::outside_unit());
        }
    }
    Ok(Asked {
        unit,
        period,
        as_of,
    })
}

/// GET `/api/v1/kpi/stats`: the statistics of the unit's subtree.
pub async fn stats(
    staff: Staff,
    State(state): State<AppState>,
    Query(q): Query<KpiParams>,
) -> Result<Json<Stats>, AppError> {
    let a = asked(&state, &staff, &q).await?;
    Ok(Json(
        live::stats(&state.app, &a.unit, a.period, a.as_of).await?,
    ))
}

/// GET `/api/v1/kpi/766`: the QĐ 766 index of the unit's subtree.
pub async fn i766(
    staff: Staff,
    State(state): State<AppState>,
    Query(q): Query<KpiParams>,
) -> Result<Json<Report>, AppError> {
    let a = asked(&state, &staff, &q).await?;
    Ok(Json(
        live::i766(&state.app, &a.unit, a.period, a.as_of).await?,
    ))
}

/// Dossiers a page of the drill-down, by default and at most.
const PAGE_SIZE: u32 = 50;
const PAGE_SIZE_MAX: u32 = 200;

/// A page of the dossiers that cost points of a metric.
#[derive(Debug, Serialize)]
pub struct LossesJson {
    pub metric: MetricJson,
    pub unit: String,
    pub period: Period,
    /// The instant the figures are taken at (ISO 8601, +07:00).
    pub at: String,
    pub total: u64,
    pub page: u32,
    pub size: u32,
    pub items: Vec<LossJson>,
}

/// The metric of a drill-down.
#[derive(Debug, Serialize)]
pub struct MetricJson {
    pub code: String,
    pub name: String,
}

/// A dossier that cost points, and why.
#[derive(Debug, Serialize)]
pub struct LossJson {
    pub code: String,
    pub procedure: String,
    pub unit: String,
    pub received_at: Option<String>,
    pub due_at: Option<String>,
    pub finished_at: Option<String>,
    /// `late`, `overdue`, `no_electronic_result`, `not_digitised`, …
    pub reason_code: cchc_domain::kpi::Loss,
    /// The reason in Vietnamese.
    pub reason: String,
    /// The dossier's page.
    pub href: String,
}

impl From<&LossRow> for LossJson {
    fn from(r: &LossRow) -> Self {
        let f = &r.facts;
        LossJson {
            code: f.code.clone(),
            procedure: f.procedure.clone(),
            unit: f.unit.clone(),
            received_at: f.received_at.map(iso),
            due_at: f.due_at.map(iso),
            finished_at: f.finished_at.map(iso),
            reason_code: r.loss,
            reason: r.reason_vi(),
            href: format!("/ho-so/{}", f.code),
        }
    }
}

fn size_param(text: Option<&str>) -> Result<u32, AppError> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(PAGE_SIZE),
        Some(s) => s
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=PAGE_SIZE_MAX).contains(n))
            .ok_or_else(|| {
                AppError::bad_request(
                    "invalid_size",
                    format!("Số dòng mỗi trang phải từ 1 đến {PAGE_SIZE_MAX}."),
                )
            }),
    }
}

/// GET `/api/v1/kpi/766/{metric}/dossiers`: 404 for an unknown metric or one counted per
/// procedure or entered by hand (no dossiers behind it).
pub async fn losses(
    staff: Staff,
    State(state): State<AppState>,
    Path(metric): Path<String>,
    Query(q): Query<KpiParams>,
) -> Result<Json<LossesJson>, AppError> {
    let def = definitions()
        .indicator(&metric)
        .ok_or_else(|| AppError::not_found(format!("Không có chỉ tiêu mã {metric}.")))?;
    if !drill::drillable(def.measure) {
        return Err(AppError::not_found(
            "Chỉ tiêu này được tính theo thủ tục hành chính hoặc theo số liệu quốc gia nhập tay: \
             không có danh sách hồ sơ.",
        ));
    }
    let (page, size) = (
        page_param(q.page.as_deref())?,
        size_param(q.size.as_deref())?,
    );
    let a = asked(&state, &staff, &q).await?;
    let window = live::window(&state.app, a.period, a.as_of)?;
    let scope = live::unit_scope(&state.app, &a.unit, a.period).await?;
    let (rows, total) =
        drill::losses(&state.app, def.measure, &scope.scope, &window, page, size).await?;
    Ok(Json(LossesJson {
        metric: MetricJson {
            code: def.code.clone(),
            name: def.name.clone(),
        },
        unit: a.unit.to_string(),
        period: a.period,
        at: iso(window.at()),
        total,
        page,
        size,
        items: rows.iter().map(LossJson::from).collect(),
    }))
}

/// GET `/api/v1/kpi/status`: what this server's live aggregate is doing.
pub async fn status(_staff: Staff, State(state): State<AppState>) -> Json<LiveStatus> {
    Json(state.app.kpi.live.status())
}

/// POST `/api/v1/kpi/rebuild`: asks every server to rebuild its live aggregate (202).
pub async fn rebuild(
    admin: SystemAdmin,
    State(state): State<AppState>,
) -> Result<(StatusCode, Json<serde_json::Value>), AppError> {
    let n = state
        .store
        .request_kpi_rebuild(&admin.0.user.username)
        .await?;
    Ok((StatusCode::ACCEPTED, Json(json!({ "rebuilds": n }))))
}
