//! The reception view of a public-administration centre: the dossiers its desks received in
//! a window, by the unit competent to decide them. The statistics count every dossier for
//! its competent unit; the centre, which decides none, keeps this count of what it received.

use cchc_domain::kpi::Window;
use cchc_domain::{OrgKind, UnitCode};
use cchc_store::dossiers::province_of;

use super::live::{KpiError, unit_scope};
use crate::App;

/// The dossiers received for one competent unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceptionRow {
    pub unit: String,
    /// The unit's name (its code when not in force).
    pub name: String,
    pub received: u64,
}

/// What the desks of `unit`'s subtree received within `window`, by competent unit (most
/// first, then by code); `None` when `unit` is not a public-administration centre.
pub async fn received_by_department(
    app: &App,
    unit: &UnitCode,
    window: &Window,
) -> Result<Option<Vec<ReceptionRow>>, KpiError> {
    let scope = unit_scope(app, unit, window.period()).await?;
    if scope.kind != OrgKind::ServiceCenter {
        return Ok(None);
    }
    let desks: Vec<String> = scope.scope.members().map(str::to_owned).collect();
    let counts = app
        .store
        .received_by_competent_unit(&province_of(unit), &desks, window)
        .await?;
    let units = app.org.units(&app.store).await?;
    let name_of = |code: &str| {
        units
            .iter()
            .filter(|u| u.code.as_str() == code)
            .max_by_key(|u| u.valid_from)
            .map_or_else(|| code.to_owned(), |u| u.name.clone())
    };
    let mut rows: Vec<ReceptionRow> = counts
        .into_iter()
        .map(|(code, received)| ReceptionRow {
            name: name_of(&code),
            unit: code,
            received,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.received
            .cmp(&a.received)
            .then_with(|| a.unit.cmp(&b.unit))
    });
    Ok(Some(rows))
}
