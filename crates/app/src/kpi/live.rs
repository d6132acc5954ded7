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
    Counts, Definitions, Period, PeriodError, Report, Stats, Tier, Window, evaluate,
};
use chrono::NaiveDateTime;
use serde_json::json;

use super::scope::UnitScope;
use super::tail::NotReady;
use crate::App;
use crate::Error;

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

impl From<KpiError> for Error {
    fn from(e: KpiError) -> Error {
        match e {
            KpiError::NotReady(n) => Error::Unavailable {
                code: "kpi_building",
                message: format!(
                    "Số liệu thống kê đang được tổng hợp (đã đọc {} / {} hồ sơ). \
                     Vui lòng thử lại sau ít phút.",
                    n.done, n.total
                ),
                details: json!({ "done": n.done, "total": n.total }),
            },
            KpiError::UnknownUnit { unit, period } => Error::not_found(format!(
                "Không có đơn vị mã {unit} hoạt động vào ngày {}.",
                period.end.format("%d/%m/%Y")
            )),
            KpiError::Window(e) => Error::BadRequest {
                code: "bad_as_of",
                message: "Thời điểm tính (as_of) không được trước ngày đầu kỳ.".to_owned(),
                fields: vec![crate::FieldError::new("as_of", e.to_string())],
            },
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

/// The window of `period` as of `as_of` (default: now by the application's clock).
pub fn window(app: &App, period: Period, as_of: Option<NaiveDateTime>) -> Result<Window, KpiError> {
    Window::new(period, as_of.unwrap_or_else(|| app.clock.now())).map_err(KpiError::Window)
}

/// The subtree of `unit` in force on the last day of `period`.
pub async fn unit_scope(
    app: &App,
    unit: &UnitCode,
    period: Period,
) -> Result<Arc<UnitScope>, KpiError> {
    app.org
        .scope(&app.store, unit, period.end)
        .await?
        .ok_or_else(|| KpiError::UnknownUnit {
            unit: unit.to_string(),
            period,
        })
}

/// The counts of `unit`'s subtree for `period` as of `as_of`, with the subtree.
pub async fn counts(
    app: &App,
    unit: &UnitCode,
    period: Period,
    as_of: Option<NaiveDateTime>,
) -> Result<(Counts, Arc<UnitScope>), KpiError> {
    let window = window(app, period, as_of)?;
    let scope = unit_scope(app, unit, period).await?;
    app.kpi.live.sync(&app.store).await;
    let counts = app
        .kpi
        .live
        .read(|agg| agg.counts(&scope.scope, &window))
        .map_err(KpiError::NotReady)?;
    Ok((counts, scope))
}

/// The dossier statistics (`cchc kpi stats`).
pub async fn stats(
    app: &App,
    unit: &UnitCode,
    period: Period,
    as_of: Option<NaiveDateTime>,
) -> Result<Stats, KpiError> {
    let (c, _) = counts(app, unit, period, as_of).await?;
    Ok(Stats::from_counts(unit.as_str(), period, &c))
}

/// The QĐ 766 index (`cchc kpi 766`), with the values entered for the unit and period.
pub async fn i766(
    app: &App,
    unit: &UnitCode,
    period: Period,
    as_of: Option<NaiveDateTime>,
) -> Result<Report, KpiError> {
    let (c, scope) = counts(app, unit, period, as_of).await?;
    let entered = app.store.entered_values(unit.as_str(), &period).await?;
    Ok(evaluate(
        definitions(),
        unit.as_str(),
        period,
        &c,
        &entered,
        Tier::of(scope.kind),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::tail::LiveKpi;

    #[test]
    fn before_the_first_build_figures_are_unavailable_with_the_progress() {
        let live = LiveKpi::default();
        let not_ready = live.read(|a| a.entry_count()).unwrap_err();
        let Error::Unavailable {
            code,
            message,
            details,
        } = Error::from(KpiError::NotReady(not_ready))
        else {
            panic!("not unavailable");
        };
        assert_eq!(code, "kpi_building");
        assert!(message.contains("đang được tổng hợp"), "{message}");
        assert_eq!(details, json!({ "done": 0, "total": 0 }));
    }
}
