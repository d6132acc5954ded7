//! The official forms of a dossier (receipt, supplement request, refusal, apology, stop
//! notice, control slip), built from its events for staff whose subtree reaches it, with the
//! configured calendar of the desk that received it. The applicant's data is printed on these
//! staff forms, never logged.

use super::read::detail;
use crate::{Actor, App, Error};
use cchc_domain::UnitCode;
use cchc_domain::forms::{
    Directory, Form, FormInput, FormModel, NotApplicable, Person, ProcedureInfo, build,
};
use cchc_store::dossiers::DossierRecord;
use serde_json::json;

/// A form built for a dossier.
pub struct FormDocument {
    pub form: Form,
    pub model: FormModel,
    pub record: DossierRecord,
    /// The province's name (the place of the date line).
    pub province_name: String,
}

fn unknown_form(key: &str) -> Error {
    let keys: Vec<&str> = Form::ALL.iter().map(|f| f.key()).collect();
    Error::NotFound {
        message: format!(
            "Không có biểu mẫu “{key}”. Các biểu mẫu: {}.",
            keys.join(", ")
        ),
        details: json!({ "forms": keys }),
    }
}

fn not_applicable(n: NotApplicable) -> Error {
    Error::Conflict {
        code: "form_not_applicable",
        message: n.vi,
        details: json!({ "form": n.form.key(), "en": n.en }),
    }
}

fn imported() -> Error {
    Error::Conflict {
        code: "form_not_applicable",
        message: "Hồ sơ được đồng bộ từ Cổng Dịch vụ công quốc gia, không có quá trình xử lý trong hệ thống nên không lập được biểu mẫu.".to_owned(),
        details: json!({ "en": "An imported dossier has no history here, so no form can be printed." }),
    }
}

/// The names of units (in force today, else their latest) and of staff accounts.
pub async fn directory(app: &App) -> Result<Directory, Error> {
    let mut names = Directory::default();
    let today = app.clock.today();
    for u in app.org_units().await?.iter() {
        let current = u.valid_at(today);
        if current || !names.units.contains_key(u.code.as_str()) {
            names.units.insert(u.code.to_string(), u.name.clone());
        }
    }
    for user in app.store.users().await? {
        names.officers.insert(user.username, user.display_name);
    }
    Ok(names)
}

/// The procedure of the dossier, with the legal time of the version it was received under.
async fn procedure_info(app: &App, r: &DossierRecord) -> Result<ProcedureInfo, Error> {
    let Some(p) = app.store.procedure(&r.procedure_code).await? else {
        return Ok(ProcedureInfo {
            code: r.procedure_code.clone(),
            ..ProcedureInfo::default()
        });
    };
    let legal_time = p
        .versions
        .iter()
        .find(|v| v.version == r.procedure_version)
        .map(|v| format!("{} {}", v.time.value, v.time.unit.label_vi()))
        .unwrap_or_default();
    Ok(ProcedureInfo {
        code: p.code.to_string(),
        name: p.name,
        sector: p.sector_name,
        legal_time,
    })
}

/// Form `key` of dossier `code` for `actor` (`nth`: which supplement request Mẫu 02 prints):
/// 404 unknown form or dossier, 403 outside the subtree, 409 when the form does not apply.
pub async fn form(
    app: &App,
    actor: &Actor,
    code: &str,
    key: &str,
    nth: Option<usize>,
) -> Result<FormDocument, Error> {
    let form: Form = key.parse().map_err(|_| unknown_form(key))?;
    let (parsed, detail) = detail(app, actor, code).await?;
    let dossier = detail.dossier.ok_or_else(imported)?;
    let record = detail.record;
    let events: Vec<_> = app
        .store
        .dossier_events(&parsed)
        .await?
        .into_iter()
        .map(|e| e.event)
        .collect();
    let names = directory(app).await?;
    let applicant = Person {
        name: record.applicant.name.clone(),
        id_number: record.applicant.id_number.clone(),
        phone: record.applicant.phone.clone(),
        address: record.applicant.address.clone(),
    };
    let input = FormInput {
        dossier: &dossier,
        events: &events,
        applicant: &applicant,
        procedure: &procedure_info(app, &record).await?,
        names: &names,
        calendar: app.calendars.for_unit(&record.receiving_unit),
        now: app.clock.now(),
        nth,
    };
    let model = build(form, &input).map_err(not_applicable)?;
    let province = UnitCode::parse(&record.province).ok();
    let province_name = province.map(|p| names.unit(&p)).unwrap_or_default();
    Ok(FormDocument {
        form,
        model,
        record,
        province_name,
    })
}
