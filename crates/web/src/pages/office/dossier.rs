//! `/ho-so/{code}`: one dossier for the staff who reach it and the citizen who submitted it —
//! the summary, the due time with its trace, the steps, the events, the links to the forms
//! that apply, and a form for each action the reader may take now (their role, their unit's
//! side of the dossier, the status). An imported dossier is shown from its facts, read-only.

use super::intake::{ChecklistItem, Fields, UnitChoice, province_units};
use super::timeline::{DueView, EventView, StepView, dues, events, steps};
use super::view::{Clock, DueState, Names, local_opt};
use crate::auth::Reader;
use crate::error::AppError;
use crate::pages::{Layout, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use cchc_domain::dossier::{ActionKind, Channel, Dossier, Status, actions_for};
use cchc_store::dossiers::{DossierDetail, DossierRecord, province_of};
use serde::Deserialize;

/// One action form of the page.
pub struct ActionForm {
    /// The action's snake_case name (`action=` and the form's id).
    pub key: String,
    pub title: String,
}

/// A link to a printable form.
pub struct FormLinkView {
    pub key: &'static str,
    pub href: String,
    pub label: String,
}

/// What a post left to show: a notice, the refusal or problem, and the fields of the failed
/// form (shown again in it).
#[derive(Default)]
pub struct Feedback {
    /// Just received or submitted: the receipt link stands out.
    pub created: bool,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub prev: Option<Fields>,
}

/// The values of the failed form, for the form of `key` only.
pub struct Prev {
    action: String,
    fields: Fields,
}

impl Prev {
    /// The value typed in field `name` of the form `key` (empty for other forms).
    pub fn v(&self, key: &str, name: &str) -> &str {
        if self.action == key {
            self.fields.get(name)
        } else {
            ""
        }
    }
}

#[derive(Template)]
#[template(path = "office/dossier.html")]
struct DossierPage {
    layout: Layout,
    code: String,
    /// After a reception: the receipt (Mẫu 01) to print.
    receipt: Option<String>,
    facts: Vec<(&'static str, String)>,
    due_class: &'static str,
    due_label: &'static str,
    imported: Option<Vec<(&'static str, String)>>,
    dues: Vec<DueView>,
    steps: Vec<StepView>,
    events: Vec<EventView>,
    links: Vec<FormLinkView>,
    forms: Vec<ActionForm>,
    checklist: Vec<ChecklistItem>,
    units: Vec<UnitChoice>,
    forward_to: String,
    return_channel: &'static str,
    electronic: bool,
    notice: Option<String>,
    error: Option<String>,
    prev: Prev,
}

/// The query string: `moi=1` after a reception or submission, `xong=<action>` after one.
#[derive(Debug, Default, Deserialize)]
pub struct DossierQuery {
    #[serde(default)]
    pub moi: Option<String>,
    #[serde(default)]
    pub xong: Option<String>,
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The summary lines.
fn summary(r: &DossierRecord, names: &Names) -> Vec<(&'static str, String)> {
    let channel = Channel::from_code(r.channel.code()).map_or("—", Channel::label_vi);
    vec![
        ("Thủ tục", names.procedure(&r.procedure_code)),
        (
            "Trạng thái",
            format!("{}. {}", r.status.code(), r.status.label_vi()),
        ),
        ("Kênh", capitalised(channel)),
        ("Người nộp", r.applicant.name.clone()),
        (
            "Số định danh",
            r.applicant.id_number.clone().unwrap_or_else(|| "—".into()),
        ),
        (
            "Điện thoại",
            r.applicant.phone.clone().unwrap_or_else(|| "—".into()),
        ),
        (
            "Địa chỉ",
            r.applicant.address.clone().unwrap_or_else(|| "—".into()),
        ),
        ("Nơi tiếp nhận", names.unit(r.receiving_unit.as_str())),
        (
            "Đơn vị có thẩm quyền",
            names.unit(r.competent_unit.as_str()),
        ),
        ("Đang ở", names.unit(r.holder_unit.as_str())),
        ("Nộp trực tuyến lúc", local_opt(r.submitted_at)),
        ("Tiếp nhận lúc", local_opt(r.received_at)),
        ("Hạn giải quyết", local_opt(r.due_legal_at)),
        ("Hạn theo cách tính QĐ 766", local_opt(r.due_kpi_at)),
        ("Hoàn thành lúc", local_opt(r.finished_at)),
        ("Trả kết quả lúc", local_opt(r.returned_at)),
        ("Số lần yêu cầu bổ sung", r.supplement_count.to_string()),
    ]
}

/// The facts of an imported dossier.
fn imported_facts(detail: &DossierDetail) -> Vec<(&'static str, String)> {
    let Some(f) = &detail.facts else {
        return Vec::new();
    };
    vec![
        ("Đơn vị xử lý (DonViXuLy)", f.unit.clone()),
        ("Thủ tục (MaTTHC)", f.procedure.clone()),
        ("Tiếp nhận (NgayTiepNhan)", local_opt(f.received_at)),
        ("Hẹn trả (NgayHenTra)", local_opt(f.due_at)),
        ("Kết thúc xử lý (NgayKetThucXuLy)", local_opt(f.finished_at)),
        ("Số lần bổ sung", f.supplements.len().to_string()),
    ]
}

/// The forms of the actions `reader` may take on the dossier now.
fn action_forms(
    reader: &Reader,
    units: &[cchc_domain::OrgUnit],
    r: &DossierRecord,
) -> Vec<ActionForm> {
    actions_for(reader.role(), Some(r.status))
        .into_iter()
        .filter(|k| {
            cchc_app::dossiers::may_act(&reader.actor(), units, r, *k, crate::time::today())
        })
        .map(|k| ActionForm {
            key: super::action_form::name_of(k),
            title: capitalised(k.label_vi()),
        })
        .collect()
}

/// The checklist of an online submission, for its receipt.
fn checklist(d: &Dossier) -> Vec<ChecklistItem> {
    d.intake
        .components
        .iter()
        .enumerate()
        .map(|(index, c)| ChecklistItem {
            index,
            name: c.name.clone(),
            copies: format!("{} bộ", c.copies),
            required: c.required,
            checked: c.provided,
        })
        .collect()
}

fn form_links(code: &str, d: Option<&Dossier>) -> Vec<FormLinkView> {
    d.map(cchc_domain::forms::applicable)
        .unwrap_or_default()
        .into_iter()
        .map(|f| FormLinkView {
            key: f.key,
            href: format!("/ho-so/{code}/mau/{}", f.key),
            label: f.label,
        })
        .collect()
}

/// What the page is built from.
struct Loaded {
    record: DossierRecord,
    detail: DossierDetail,
    events: Vec<cchc_store::dossiers::StoredEvent>,
    names: Names,
    /// The org tree (staff only: who may act depends on it).
    units: std::sync::Arc<Vec<cchc_domain::OrgUnit>>,
}

async fn load(state: &AppState, reader: &Reader, code: &str) -> Result<Loaded, AppError> {
    let (parsed, detail) = cchc_app::dossiers::detail(&state.app, &reader.actor(), code).await?;
    let record = detail.record.clone();
    let events = state.store.dossier_events(&parsed).await?;
    let mut codes = Names::units_of(std::slice::from_ref(&record));
    codes.extend(cchc_app::dossiers::lookup::event_units(&events));
    if let Some(d) = &detail.dossier {
        codes.extend(d.steps.iter().map(|s| s.holder.unit.to_string()));
    }
    let names = Names::load(&state.store, codes).await?;
    let units = match reader {
        Reader::Staff(_) => state.org_units().await?,
        Reader::Citizen(_) => std::sync::Arc::default(),
    };
    Ok(Loaded {
        record,
        detail,
        events,
        names,
        units,
    })
}

/// The defaults of the forward and return forms: (unit to forward to, return channel,
/// electronic result).
fn form_defaults(r: &DossierRecord) -> (String, &'static str, bool) {
    let forward_to = if r.status == Status::Received {
        r.competent_unit.to_string()
    } else {
        String::new()
    };
    let online = r.channel == Channel::Online;
    (forward_to, if online { "online" } else { "direct" }, online)
}

fn build(l: &Loaded, reader: &Reader, feedback: Feedback, clock: &Clock) -> DossierPage {
    let r = &l.record;
    let d = l.detail.dossier.as_ref();
    let due = DueState::of(r, clock);
    let links = form_links(&r.code.to_string(), d);
    let receipt = links
        .iter()
        .find(|link| feedback.created && link.key == "receipt")
        .map(|link| link.href.clone());
    let (forward_to, return_channel, electronic) = form_defaults(r);
    let code = r.code.to_string();
    DossierPage {
        layout: Layout::new(&format!("Hồ sơ {code}"), Some(reader.current()), "dossiers"),
        code,
        receipt,
        facts: summary(r, &l.names),
        due_class: due.class(),
        due_label: due.label(),
        imported: d.is_none().then(|| imported_facts(&l.detail)),
        dues: d.map(dues).unwrap_or_default(),
        steps: d
            .map(|d| steps(d, &l.names.units, clock.now))
            .unwrap_or_default(),
        events: events(&l.events, &l.names.units),
        links,
        forms: d.map_or_else(Vec::new, |_| action_forms(reader, &l.units, r)),
        checklist: d.map(checklist).unwrap_or_default(),
        units: province_units(&l.units, &province_of(&r.holder_unit)),
        forward_to,
        return_channel,
        electronic,
        notice: feedback.notice,
        error: feedback.error,
        prev: Prev {
            action: feedback
                .prev
                .as_ref()
                .map(|f| f.get("action").to_owned())
                .unwrap_or_default(),
            fields: feedback.prev.unwrap_or(Fields(Vec::new())),
        },
    }
}

/// Renders the page of `code` for `reader` with `feedback`, answered with `status`.
pub async fn render_page(
    state: &AppState,
    reader: &Reader,
    code: &str,
    status: StatusCode,
    feedback: Feedback,
) -> Result<Response, AppError> {
    let loaded = load(state, reader, code).await?;
    let page = build(&loaded, reader, feedback, &Clock::now(state)?);
    Ok(render(status, &page))
}

/// The notice of the query after a redirect.
fn notice_of(query: &DossierQuery) -> Option<String> {
    if query.moi.is_some() {
        return Some("Đã ghi nhận hồ sơ.".to_owned());
    }
    let kind: ActionKind = super::action_form::kind_of(query.xong.as_deref()?)?;
    Some(format!("Đã {}.", kind.label_vi()))
}

/// GET `/ho-so/{code}`: staff reaching the dossier, or the citizen who submitted it.
pub async fn get(
    reader: Reader,
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<DossierQuery>,
) -> Result<Response, AppError> {
    let feedback = Feedback {
        created: query.moi.is_some(),
        notice: notice_of(&query),
        ..Feedback::default()
    };
    render_page(&state, &reader, &code, StatusCode::OK, feedback).await
}
