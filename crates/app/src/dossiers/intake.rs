//! A new dossier: received at a one-stop desk by a reception officer (direct or postal), or
//! submitted online by a citizen to a desk that takes the procedure. One set of rules for the
//! page, the API and any other door.

use super::desks::{desks, proposed_competent, province_units};
use crate::{Actor, App, Error, FieldError};
use cchc_domain::dossier::{ActionContext, Channel};
use cchc_domain::org::OrgUnit;
use cchc_domain::procedure::OnlineLevel;
use cchc_domain::{Role, UnitCode};
use cchc_store::dossiers::{Applied, NewDossier, province_of};
use cchc_store::procedures::ProcedureRecord;
use chrono::NaiveDate;

/// Most components a dossier lists, and the longest name of one.
const MAX_COMPONENTS: usize = 100;
const MAX_COMPONENT_NAME: usize = 300;

/// Receives `new` at `actor`'s desk (a reception officer), direct or by post. The competent
/// unit is `competent` when given (a unit in force), else the one proposed for the procedure.
pub async fn receive(
    app: &App,
    actor: &Actor,
    mut new: NewDossier,
    competent: Option<&str>,
) -> Result<Applied, Error> {
    let desk = match (actor.role, actor.staff_unit()) {
        (Role::ReceptionOfficer, Some(unit)) => unit.clone(),
        _ => {
            return Err(Error::forbidden(
                "forbidden",
                "Chỉ cán bộ tiếp nhận được tiếp nhận hồ sơ.",
            ));
        }
    };
    if !matches!(new.channel, Channel::Direct | Channel::Postal) {
        return Err(Error::invalid_field(
            "Kênh tiếp nhận phải là trực tiếp hoặc bưu chính công ích.",
            "channel",
            "direct | postal",
        ));
    }
    let today = app.clock.today();
    let procedure = procedure_in_force(app, &new.procedure_code, today, false).await?;
    check_content(&new)?;
    let units = app.org_units().await?;
    new.competent_unit = Some(match competent.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => unit_in_force(&units, code, today).ok_or_else(|| {
            Error::invalid_field(
                "Đơn vị có thẩm quyền giải quyết không có trong danh mục đơn vị.",
                "competent_unit",
                code,
            )
        })?,
        None => proposed(&units, &procedure, &desk, today),
    });
    new.submitted_by = None;
    store_new(app, actor, &new, &desk).await
}

/// Submits `new` online to the desk `desk` as `actor` (a citizen): the procedure must be
/// offered online, and the desk must be one that takes it.
pub async fn submit_online(
    app: &App,
    actor: &Actor,
    mut new: NewDossier,
    desk: Option<&str>,
) -> Result<Applied, Error> {
    if !actor.is_citizen() {
        return Err(Error::forbidden(
            "forbidden",
            "Nộp hồ sơ trực tuyến dành cho người dân, doanh nghiệp.",
        ));
    }
    if new.channel != Channel::Online {
        return Err(Error::forbidden(
            "forbidden",
            "Người dân, doanh nghiệp chỉ nộp hồ sơ trực tuyến (channel online).",
        ));
    }
    let today = app.clock.today();
    let procedure = procedure_in_force(app, &new.procedure_code, today, true).await?;
    check_content(&new)?;
    let units = app.org_units().await?;
    let desk = chosen_desk(&units, &procedure, desk, today)?;
    new.competent_unit = Some(proposed(&units, &procedure, &desk, today));
    new.submitted_by = Some(actor.user_id);
    store_new(app, actor, &new, &desk).await
}

/// Stores `new` received at `desk` now, with the desk's calendar.
async fn store_new(
    app: &App,
    actor: &Actor,
    new: &NewDossier,
    desk: &UnitCode,
) -> Result<Applied, Error> {
    let ctx = ActionContext {
        actor: &actor.username,
        unit: desk,
        at: app.clock.now(),
        calendar: app.calendars.for_unit(desk),
    };
    Ok(app.store.create_dossier(new, &ctx).await?)
}

/// The procedure `code` with a version in force on `on` (offered online, when `online`).
async fn procedure_in_force(
    app: &App,
    code: &str,
    on: NaiveDate,
    online: bool,
) -> Result<ProcedureRecord, Error> {
    let found = app.store.procedure(code.trim()).await?;
    let usable = found.filter(|p| {
        p.version_at(on)
            .is_some_and(|v| !online || v.online_level != OnlineLevel::None)
    });
    usable.ok_or_else(|| {
        let message = if online {
            "Thủ tục này chưa được cung cấp trực tuyến hoặc không còn hiệu lực."
        } else {
            "Chưa chọn thủ tục hoặc thủ tục không còn hiệu lực."
        };
        Error::invalid_field(message, "procedure_code", code.trim())
    })
}

/// The applicant and the components, checked (the reasons name no personal value).
fn check_content(new: &NewDossier) -> Result<(), Error> {
    let a = &new.applicant;
    cchc_domain::applicant::check(
        &a.name,
        a.id_number.as_deref(),
        a.phone.as_deref(),
        a.address.as_deref(),
    )
    .map_err(|e| Error::Invalid {
        message: "Thông tin người nộp hồ sơ không hợp lệ.".to_owned(),
        fields: vec![FieldError::new("applicant", e)],
    })?;
    let too_long = new
        .components
        .iter()
        .any(|c| c.name.chars().count() > MAX_COMPONENT_NAME);
    if new.components.len() > MAX_COMPONENTS || too_long {
        return Err(Error::invalid_field(
            "Danh sách thành phần hồ sơ quá dài.",
            "components",
            format!("tối đa {MAX_COMPONENTS} thành phần, mỗi tên {MAX_COMPONENT_NAME} ký tự"),
        ));
    }
    Ok(())
}

/// `code` when it names a unit in force on `on`.
fn unit_in_force(units: &[OrgUnit], code: &str, on: NaiveDate) -> Option<UnitCode> {
    let unit = UnitCode::parse(code).ok()?;
    units
        .iter()
        .any(|u| u.code == unit && u.valid_at(on))
        .then_some(unit)
}

/// The citizen's desk: a unit in force that takes the procedure online.
fn chosen_desk(
    units: &[OrgUnit],
    procedure: &ProcedureRecord,
    desk: Option<&str>,
    on: NaiveDate,
) -> Result<UnitCode, Error> {
    let code = desk
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .ok_or_else(|| {
            Error::invalid_field(
                "Chưa chọn nơi nộp hồ sơ (đơn vị tiếp nhận) hoặc đơn vị không còn hiệu lực.",
                "receiving_unit",
                "bắt buộc",
            )
        })?;
    let unit = unit_in_force(units, code, on).ok_or_else(|| {
        Error::invalid_field(
            "Chưa chọn nơi nộp hồ sơ (đơn vị tiếp nhận) hoặc đơn vị không còn hiệu lực.",
            "receiving_unit",
            code,
        )
    })?;
    let offered = desks(units, &province_of(&unit), procedure.level, on);
    if !offered.iter().any(|d| d.code == unit.as_str()) {
        return Err(Error::invalid_field(
            "Nơi nộp hồ sơ không tiếp nhận thủ tục này.",
            "receiving_unit",
            code,
        ));
    }
    Ok(unit)
}

/// The competent unit proposed for `procedure` at `desk`.
fn proposed(
    units: &[OrgUnit],
    procedure: &ProcedureRecord,
    desk: &UnitCode,
    on: NaiveDate,
) -> UnitCode {
    let choices = province_units(units, &province_of(desk), on);
    let code = proposed_competent(
        &choices,
        procedure.level,
        procedure.unit_name.as_deref(),
        desk.as_str(),
    );
    UnitCode::parse(&code).unwrap_or_else(|_| desk.clone())
}
