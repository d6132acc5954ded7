//! Reading one dossier: the record, or its detail (state, or facts for an imported one), for
//! a caller who may read it.

use super::access::ensure_readable;
use super::{parse_code, unknown};
use crate::{Actor, App, Error};
use cchc_domain::dossier::DossierCode;
use cchc_store::dossiers::{DossierDetail, DossierRecord};

/// The detail of `code` for `actor`: 404 when unknown, 403 when not theirs to read. One read.
pub async fn detail(
    app: &App,
    actor: &Actor,
    code: &str,
) -> Result<(DossierCode, DossierDetail), Error> {
    let parsed = parse_code(code)?;
    let detail = app
        .store
        .dossier_detail(&parsed)
        .await?
        .ok_or_else(|| unknown(code))?;
    let units = app.org_units().await?;
    ensure_readable(actor, &units, &detail.record, app.clock.today())?;
    Ok((parsed, detail))
}

/// The record of `code` for `actor`: 404 when unknown, 403 when not theirs to read.
pub async fn record(
    app: &App,
    actor: &Actor,
    code: &str,
) -> Result<(DossierCode, DossierRecord), Error> {
    let parsed = parse_code(code)?;
    let record = app
        .store
        .dossier_record(&parsed)
        .await?
        .ok_or_else(|| unknown(code))?;
    let units = app.org_units().await?;
    ensure_readable(actor, &units, &record, app.clock.today())?;
    Ok((parsed, record))
}
