//! The figures of a unit's subtree for a period, from the live aggregate: what the API
//! (`GET /api/v1/kpi/stats`, `GET /api/v1/kpi/766`) and the dashboards call. Each answer is
//! the one `cchc kpi stats|766 --format json` computes from every dossier, without reading a
//! dossier: two prefix sums per unit of the subtree.
//!
//! The subtree is the unit's in the tree in force on the last day of the period (as the
//! command does). The as-of instant defaults to now and is capped at the period end. Before
//! reading, a request applies the changes committed before it ([`super::tail::LiveKpi::sync`]),
//! so a caller sees its own writes.

use std::sync::{Arc, OnceLock};

use cchc_domain::UnitCode;
use cchc_domain::kpi::{
    Counts, Definitions, ManualValues, Period, PeriodError, Report, Stats, Tier, Window, evaluate,
};
use chrono::NaiveDateTime;
use serde_json::json;

use super::scope::UnitScope;
use super::tail::NotReady;
use crate::error::AppError;
use crate::state::AppState;

/// Why figures could not be given.
#[derive(Debug)]
pub enum KpiError {
    /// The live aggregate is being built (503).
    NotReady(NotReady),
    /// No such unit in force at the end of the period (404).
    UnknownUnit { unit: String, period: Period },
    /// An as-of before the period (400).
    Window(PeriodError),
    /// The store failed.
    Store(cchc_store::StoreError),
}

impl From<KpiError> for AppError {
    fn from(e: KpiError) -> AppError {
        use axum::http::StatusCode;
        match e {
            KpiError::NotReady(n) => AppError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "kpi_building",
                format!(
                    "Số liệu thống kê đang được tổng hợp (đã đọc {} / {} hồ sơ). \
                     Vui lòng thử lại sau ít phút.",
                    n.done, n.total
                ),
            )
            .with_details(json!({ "done": n.done, "total": n.total })),
            KpiError::UnknownUnit { unit, period } => AppError::not_found(format!(
                "Không có đơn vị mã {unit} hoạt động vào ngày {}.",
                crate::time::format_date(period.end)
            )),
            KpiError::Window(e) => AppError::bad_request(
                "bad_as_of",
                "Thời điểm tính (as_of) không được trước ngày đầu kỳ.",
            )
            .with_details(json!([e.to_string()])),
            KpiError::Store(e) => e.into(),
        }
    }
}

impl From<cchc_store::StoreError> for KpiError {
    fn from(e: cchc_store::StoreError) -> Self {
        KpiError::Store(e)
    }
}

/// The shipped QĐ 766 definitions, read once.
pub fn definitions() -> &'static Definitions {
    static DEFS: OnceLock<Definitions> = OnceLock::new();
    DEFS.get_or_init(Definitions::shipped)
}

/// The window of `period` as of `as_of` (default now).
pub fn window(period: Period, as_of: Option<NaiveDateTime>) -> Result<Window, KpiError> {
    Window::new(period, as_of.unwrap_or_else(crate::time::now)).map_err(KpiError::Window)
}

/// The subtree of `unit` in force on the last day of `period`.
pub async fn unit_scope(
    state: &AppState,
    unit: &UnitCode,
    period: Period,
) -> Result<Arc<UnitScope>, KpiError> {
    state
        .org
        .scope(&state.store, unit, period.end)
        .await?
        .ok_or_else(|| KpiError::UnknownUnit {
            unit: unit.to_string(),
            period,
        })
}

/// The counts of `unit`'s subtree for `period` as of `as_of`, with the subtree.
pub async fn counts(
    state: &AppState,
    unit: &UnitCode,
    period: Period,
    as_of: Option<NaiveDateTime>,
) -> Result<(Counts, Arc<UnitScope>), KpiError> {
    let window = window(period, as_of)?;
    let scope = unit_scope(state, unit, period).await?;
    state.kpi.live.sync(&state.store).await;
    let counts = state
        .kpi
        .live
        .read(|agg| agg.counts(&scope.scope, &window))
        .map_err(KpiError::NotReady)?;
    Ok((counts, scope))
}

/// The dossier statistics (`cchc kpi stats`).
pub async fn stats(
    state: &AppState,
    unit: &UnitCode,
    period: Period,
    as_of: Option<NaiveDateTime>,
) -> Result<Stats, KpiError> {
    let (c, _) = counts(state, unit, period, as_of).await?;
    Ok(Stats::from_counts(unit.as_str(), period, &c))
}

/// The QĐ 766 index (`cchc kpi 766`).
pub async fn i766(
    state: &AppState,
    unit: &UnitCode,
    period: Period,
    as_of: Option<NaiveDateTime>,
) -> Result<Report, KpiError> {
    let (c, scope) = counts(state, unit, period, as_of).await?;
    Ok(evaluate(
        definitions(),
        unit.as_str(),
        period,
        &c,
        &ManualValues::default(),
        Tier::of(scope.kind),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::tail::LiveKpi;

    #[test]
    fn before_the_first_build_requests_get_503_with_the_envelope() {
        let live = LiveKpi::default();
        let not_ready = live.read(|a| a.entry_count()).unwrap_err();
        let e = AppError::from(KpiError::NotReady(not_ready));
        assert_eq!(e.status, 503);
        assert_eq!(e.code, "kpi_building");
        assert!(e.message.contains("đang được tổng hợp"), "{}", e.message);
        assert_eq!(
            e.envelope()["error"]["details"],
            json!({ "done": 0, "total": 0 })
        );
    }
}
