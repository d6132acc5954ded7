//! The PAR Index of the province's units (Chỉ số CCHC, run by Sở Nội vụ): criteria templates,
//! a campaign per year and template, the scores of each round, and the results. One function
//! per use-case; the rules are `cchc_domain::par`, the SQL `cchc_store::par` (docs/PAR.md).

use std::collections::BTreeSet;

use cchc_domain::auth::token_digest;
use cchc_domain::par::{CampaignResults, Template, campaign_results, gather, parse_scores};
use cchc_domain::{OrgKind, OrgUnit, Role};
use cchc_store::par::CampaignKey;
use chrono::NaiveDate;

use crate::{Actor, App, Error, FieldError};

/// The province whose units campaigns score by default.
pub const HOME_PROVINCE: &str = "H31";

/// Who may import templates and open campaigns: Sở Nội vụ's PAR administrators and system
/// administrators.
fn may_manage(actor: &Actor) -> Result<(), Error> {
    match actor.role {
        Role::ParAdmin | Role::SystemAdmin => Ok(()),
        _ => Err(Error::forbidden(
            "par_forbidden",
            "Chỉ quản trị CCHC (Sở Nội vụ) quản lý bộ tiêu chí và đợt đánh giá Chỉ số CCHC.",
        )),
    }
}

/// Who may enter scores: the administrators and the appraisal council's members.
fn may_score(actor: &Actor) -> Result<(), Error> {
    match actor.role {
        Role::ParAdmin | Role::SystemAdmin | Role::Appraiser => Ok(()),
        _ => Err(Error::forbidden(
            "par_forbidden",
            "Chỉ quản trị CCHC và thành viên hội đồng thẩm định nhập điểm Chỉ số CCHC.",
        )),
    }
}

/// What an import of a template did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TemplateImported {
    pub code: String,
    pub leaves: usize,
    /// Whether it replaced a template of the same code that no campaign used.
    pub replaced: bool,
}

/// Imports a criteria template file (JSON), checked whole; nothing is written on a problem.
pub async fn import_template(
    app: &App,
    actor: &Actor,
    text: &str,
) -> Result<TemplateImported, Error> {
    may_manage(actor)?;
    let template = cchc_domain::par::parse_template(text).map_err(|problems| Error::Invalid {
        message: "Bộ tiêu chí không hợp lệ.".into(),
        fields: problems
            .into_iter()
            .map(|p| FieldError::new(&p.path, p.message))
            .collect(),
    })?;
    let replaced = app
        .store
        .store_par_template(&template, &actor.username, &token_digest(text))
        .await?;
    Ok(TemplateImported {
        code: template.code.clone(),
        leaves: template.leaves().len(),
        replaced,
    })
}

/// The stored template with `code`.
pub async fn template(app: &App, actor: &Actor, code: &str) -> Result<Template, Error> {
    staff(actor)?;
    app.store
        .par_template(code)
        .await?
        .ok_or_else(|| Error::not_found(format!("Không có bộ tiêu chí {code}.")))
}

fn staff(actor: &Actor) -> Result<(), Error> {
    if actor.role.is_staff() {
        Ok(())
    } else {
        Err(Error::forbidden(
            "par_forbidden",
            "Chỉ cán bộ, công chức xem Chỉ số CCHC của đơn vị.",
        ))
    }
}

/// What opening a campaign did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CampaignCreated {
    pub year: i32,
    pub template: String,
    pub units: Vec<String>,
}

/// Opens the campaign of `year` on template `code` for `units`, or by default every unit of
/// the template's group in the province in force on 1 January of the year.
pub async fn create_campaign(
    app: &App,
    actor: &Actor,
    year: i32,
    code: &str,
    units: Option<&[String]>,
) -> Result<CampaignCreated, Error> {
    may_manage(actor)?;
    let template = template(app, actor, code).await?;
    if template.year != year {
        return Err(Error::invalid_field(
            "Năm của đợt đánh giá khác năm của bộ tiêu chí.",
            "year",
            format!("bộ tiêu chí {code} dùng cho năm {}", template.year),
        ));
    }
    let jan_1 = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| Error::invalid_field("Năm không hợp lệ.", "year", year.to_string()))?;
    let org = app.org_units().await?;
    let chosen = match units {
        None => default_units(&org, &template.group, jan_1),
        Some(codes) => named_units(&org, &template.group, jan_1, codes)?,
    };
    if chosen.is_empty() {
        return Err(Error::invalid_field(
            "Đợt đánh giá chưa có đơn vị nào.",
            "units",
            format!("không có đơn vị nhóm {} vào ngày {jan_1}", template.group),
        ));
    }
    let key = CampaignKey {
        year,
        template: code.to_owned(),
    };
    app.store
        .create_par_campaign(&key, &chosen, &actor.username)
        .await?;
    Ok(CampaignCreated {
        year,
        template: code.to_owned(),
        units: chosen.into_iter().map(|(c, _)| c).collect(),
    })
}

/// Whether a unit of `kind` belongs to the template group `group`.
fn in_group(kind: OrgKind, group: &str) -> bool {
    match group {
        "department" => kind == OrgKind::Department,
        "commune" => kind.is_commune_level(),
        "district" => kind == OrgKind::District,
        _ => false,
    }
}

fn default_units(org: &[OrgUnit], group: &str, at: NaiveDate) -> Vec<(String, String)> {
    let prefix = format!("{HOME_PROVINCE}.");
    let mut out: Vec<(String, String)> = org
        .iter()
        .filter(|u| u.valid_at(at) && in_group(u.kind, group))
        .filter(|u| u.code.as_str().starts_with(&prefix))
        .map(|u| (u.code.as_str().to_owned(), u.name.clone()))
        .collect();
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

fn named_units(
    org: &[OrgUnit],
    group: &str,
    at: NaiveDate,
    codes: &[String],
) -> Result<Vec<(String, String)>, Error> {
    let (mut out, mut problems) = (Vec::new(), Vec::new());
    let mut seen = BTreeSet::new();
    for code in codes {
        let found = org
            .iter()
            .find(|u| u.code.as_str() == code && u.valid_at(at));
        match found {
            None => problems.push(format!("đơn vị {code} không có hiệu lực vào ngày {at}")),
            Some(u) if !in_group(u.kind, group) => problems.push(format!(
                "đơn vị {code} ({}) không thuộc nhóm {group}",
                u.kind.label_vi()
            )),
            Some(u) => {
                if seen.insert(code.clone()) {
                    out.push((code.clone(), u.name.clone()));
                }
            }
        }
    }
    if problems.is_empty() {
        out.sort();
        Ok(out)
    } else {
        Err(Error::Invalid {
            message: "Danh sách đơn vị không hợp lệ.".into(),
            fields: problems
                .into_iter()
                .map(|p| FieldError::new("units", p))
                .collect(),
        })
    }
}

async fn campaign(
    app: &App,
    key: &CampaignKey,
) -> Result<(Template, Vec<(String, String)>), Error> {
    let missing = || {
        Error::not_found(format!(
            "Không có đợt đánh giá năm {} theo bộ tiêu chí {}.",
            key.year, key.template
        ))
    };
    let template = app
        .store
        .par_template(&key.template)
        .await?
        .ok_or_else(missing)?;
    let units = app
        .store
        .par_campaign_units(key)
        .await?
        .ok_or_else(missing)?;
    Ok((template, units))
}

/// Imports a scores file (CSV) into a campaign, all or nothing; returns the rows written.
pub async fn import_scores(
    app: &App,
    actor: &Actor,
    key: &CampaignKey,
    text: &str,
) -> Result<usize, Error> {
    may_score(actor)?;
    let (template, units) = campaign(app, key).await?;
    let codes: BTreeSet<String> = units.into_iter().map(|(c, _)| c).collect();
    let rows = parse_scores(text, &template, &codes).map_err(|problems| Error::Invalid {
        message: "Tệp điểm không hợp lệ; chưa ghi gì.".into(),
        fields: problems
            .iter()
            .map(|p| FieldError::general(p.to_string()))
            .collect(),
    })?;
    Ok(app
        .store
        .write_par_scores(key, &rows, &actor.username, &token_digest(text))
        .await?)
}

/// The index, rank and band of every unit of a campaign.
pub async fn results(
    app: &App,
    actor: &Actor,
    key: &CampaignKey,
) -> Result<CampaignResults, Error> {
    staff(actor)?;
    let (template, units) = campaign(app, key).await?;
    let rows = app.store.par_scores(key).await?;
    Ok(campaign_results(
        &template,
        key.year,
        &gather(&units, &rows),
    ))
}
