//! The model of a printed form: a header common to every form (number under the dossier's rule
//! set, issuing unit, date), the applicant and procedure, and the body of the form. The web
//! crate prints it as A4 HTML and serves it as JSON.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::applicable::{NotApplicable, applies, issued_at, rule_set_of};
use super::catalogue::{Form, FormNumber};
use super::control::{ControlSheet, control_sheet};
use super::input::{FormInput, Person, ProcedureInfo, iso};
use super::letters::{
    ApologyBody, ReceiptBody, RefusalBody, StopBody, SupplementBody, apology, receipt, refusal,
    stop, supplement,
};
use crate::dossier::RuleSet;

/// What every form carries at its top.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormHeader {
    pub form: Form,
    pub title: &'static str,
    /// `None` when the circular has no such form.
    pub number: Option<FormNumber>,
    /// "Mẫu số 01", or `None`.
    pub number_label: Option<String>,
    /// The circular the numbering comes from.
    pub circular: &'static str,
    pub rule_set: RuleSet,
    pub code: String,
    /// The unit issuing the form: the one that received the dossier.
    pub unit_code: String,
    pub unit_name: String,
    /// The time the form speaks of (receipt, request, refusal, …).
    #[serde(with = "iso")]
    pub issued_at: NaiveDateTime,
}

/// The body of one form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FormBody {
    Receipt(ReceiptBody),
    SupplementRequest(SupplementBody),
    Refusal(RefusalBody),
    ApologyExtension(ApologyBody),
    StopNotice(StopBody),
    ControlSlip(ControlSheet),
}

/// A form ready to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormModel {
    pub header: FormHeader,
    pub applicant: Person,
    pub procedure: ProcedureInfo,
    /// `{"receipt": {…}}`, `{"control_slip": {…}}`, …
    pub body: FormBody,
}

/// Builds `form` for the dossier of `input`, or says why it does not apply.
pub fn build(form: Form, input: &FormInput<'_>) -> Result<FormModel, NotApplicable> {
    let d = input.dossier;
    applies(d, form)?;
    let missing = || NotApplicable {
        form,
        vi: "Hồ sơ thiếu dữ liệu để lập biểu mẫu này.".to_owned(),
        en: "The dossier lacks the data this form needs.".to_owned(),
    };
    let body = match form {
        Form::Receipt => receipt(input).map(FormBody::Receipt),
        Form::SupplementRequest => supplement(input)?.map(FormBody::SupplementRequest),
        Form::Refusal => refusal(input).map(FormBody::Refusal),
        Form::ApologyExtension => apology(input).map(FormBody::ApologyExtension),
        Form::StopNotice => stop(input).map(FormBody::StopNotice),
        Form::ControlSheet => control_sheet(input).map(FormBody::ControlSlip),
        Form::Register => None,
    }
    .ok_or_else(missing)?;
    let rule_set = rule_set_of(d);
    let number = form.number(rule_set);
    let unit = d
        .receipt
        .as_ref()
        .map_or_else(|| d.code.unit(), |r| &r.unit);
    let issued = match (&body, form) {
        (FormBody::SupplementRequest(s), _) => s.requested_at,
        _ => issued_at(d, form),
    };
    Ok(FormModel {
        header: FormHeader {
            form,
            title: form.title_vi(),
            number,
            number_label: number.map(|n| n.short()),
            circular: rule_set.forms_circular(),
            rule_set,
            code: d.code.to_string(),
            unit_code: unit.to_string(),
            unit_name: input.names.unit(unit),
            issued_at: issued,
        },
        applicant: input.applicant.clone(),
        procedure: input.procedure.clone(),
        body,
    })
}
