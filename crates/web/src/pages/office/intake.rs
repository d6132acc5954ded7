//! What the reception desk and the online submission share: the procedure search (diacritics
//! folded, as `GET /api/v1/procedures`), the chosen procedure's version in force today with its
//! checklist, the applicant's fields, and the posted form turned into a [`NewDossier`].

use crate::error::AppError;
use cchc_domain::dossier::{Channel, Component};
use cchc_domain::org::OrgUnit;
use cchc_domain::procedure::{CompetentLevel, OnlineLevel};
use cchc_store::Store;
use cchc_store::dossiers::{Applicant, NewDossier};
use cchc_store::paging::Page;
use cchc_store::procedures::ProcedureRecord;
use chrono::NaiveDate;
use serde::Deserialize;

/// Most procedures listed by a search.
const SEARCH_LIMIT: u32 = 50;

/// A procedure found by a search.
pub struct ProcedureHit {
    pub code: String,
    pub name: String,
    pub sector: String,
    pub level: &'static str,
    pub online: &'static str,
}

/// The procedures matching `q` (all when empty), and whether there were more than listed.
pub async fn search(store: &Store, q: &str) -> Result<(Vec<ProcedureHit>, u64), AppError> {
    let q = q.trim();
    let page = store
        .procedures((!q.is_empty()).then_some(q), Page::new(1, SEARCH_LIMIT))
        .await?;
    let today = crate::time::today();
    let hits = page
        .items
        .iter()
        .map(|p| ProcedureHit {
            code: p.code.to_string(),
            name: p.name.clone(),
            sector: p.sector_name.clone(),
            level: p.level.label_vi(),
            online: p
                .version_at(today)
                .map_or("không còn hiệu lực", |v| v.online_level.label_vi()),
        })
        .collect();
    Ok((hits, page.total))
}

/// One line of the checklist as the form shows it.
pub struct ChecklistItem {
    pub index: usize,
    pub name: String,
    pub copies: String,
    pub required: bool,
    pub checked: bool,
}

/// A component as stored in a version's detail.
#[derive(Deserialize)]
struct DetailComponent {
    name: String,
    #[serde(default)]
    originals: u8,
    #[serde(default)]
    copies: u8,
    #[serde(default)]
    required: bool,
}

/// The chosen procedure and its version in force today.
pub struct Chosen {
    pub code: String,
    pub name: String,
    pub sector: String,
    pub level: CompetentLevel,
    pub online: OnlineLevel,
    pub unit_name: Option<String>,
    pub time: String,
    pub checklist: Vec<ChecklistItem>,
}

/// The procedure `code` with its version in force on `today` (`None` when either is missing).
pub async fn chosen(
    store: &Store,
    code: &str,
    today: NaiveDate,
) -> Result<Option<Chosen>, cchc_store::StoreError> {
    let Some(p) = store.procedure(code.trim()).await? else {
        return Ok(None);
    };
    Ok(chosen_of(&p, today))
}

fn chosen_of(p: &ProcedureRecord, today: NaiveDate) -> Option<Chosen> {
    let v = p.version_at(today)?;
    let components: Vec<DetailComponent> =
        serde_json::from_value(v.detail["components"].clone()).unwrap_or_default();
    Some(Chosen {
        code: p.code.to_string(),
        name: p.name.clone(),
        sector: p.sector_name.clone(),
        level: p.level,
        online: v.online_level,
        unit_name: p.unit_name.clone(),
        time: v.time.to_string(),
        checklist: components
            .into_iter()
            .enumerate()
            .map(|(index, c)| ChecklistItem {
                index,
                copies: format!("{} bản chính, {} bản sao", c.originals, c.copies),
                name: c.name,
                required: c.required,
                checked: false,
            })
            .collect(),
    })
}

/// A posted form's fields, repeated keys kept (the checklist's boxes).
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The trimmed value of `name` (empty when absent).
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.trim())
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .collect()
    }

    /// The indices ticked in the boxes called `name`.
    pub fn ticked(&self, name: &str) -> Vec<usize> {
        self.all(name)
            .iter()
            .filter_map(|v| v.parse().ok())
            .collect()
    }
}

/// What the applicant (or the desk for them) typed, kept to show the form again.
#[derive(Debug, Clone, Default)]
pub struct IntakeInput {
    pub procedure: String,
    pub name: String,
    pub id_number: String,
    pub phone: String,
    pub address: String,
    pub channel: String,
    pub ticked: Vec<usize>,
    /// The competent unit (desk) or the receiving unit (online submission).
    pub unit: String,
}

impl IntakeInput {
    /// The input of a posted form.
    pub fn from_fields(f: &Fields) -> IntakeInput {
        IntakeInput {
            procedure: f.get("thu_tuc").to_owned(),
            name: f.get("ho_ten").to_owned(),
            id_number: f.get("so_dinh_danh").to_owned(),
            phone: f.get("dien_thoai").to_owned(),
            address: f.get("dia_chi").to_owned(),
            channel: f.get("kenh").to_owned(),
            ticked: f.ticked("thanh_phan"),
            unit: f.get("don_vi").to_owned(),
        }
    }

    /// The applicant (empty optional fields left out).
    pub fn applicant(&self) -> Applicant {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        Applicant {
            name: self.name.clone(),
            id_number: opt(&self.id_number),
            phone: opt(&self.phone),
            address: opt(&self.address),
        }
    }

    /// The dossier to store: the checklist of the chosen procedure with what was ticked (no
    /// procedure chosen: the code typed, which the use-case refuses).
    pub fn new_dossier(&self, chosen: Option<&Chosen>, channel: Channel) -> NewDossier {
        let components = chosen
            .map(|c| c.checklist.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|c| Component {
                provided: self.ticked.contains(&c.index),
                required: c.required,
                ..Component::provided(&c.name)
            })
            .collect();
        NewDossier {
            procedure_code: chosen.map_or_else(|| self.procedure.clone(), |c| c.code.clone()),
            channel,
            applicant: self.applicant(),
            components,
            vneid_verified: false,
            national_databases: Vec::new(),
            competent_unit: None,
            submitted_by: None,
        }
    }
}

/// Marks the ticked lines of `chosen`'s checklist.
pub fn tick(chosen: &mut Chosen, ticked: &[usize]) {
    for c in &mut chosen.checklist {
        c.checked = ticked.contains(&c.index);
    }
}

pub use cchc_app::dossiers::UnitChoice;

/// The units of `province` in force today (`province` itself and every code under it).
pub fn province_units(units: &[OrgUnit], province: &str) -> Vec<UnitChoice> {
    cchc_app::dossiers::desks::province_units(units, province, crate::time::today())
}

/// The desks a citizen may submit `level`'s procedures to ([`cchc_app::dossiers::desks`]).
pub fn desks(units: &[OrgUnit], province: &str, level: CompetentLevel) -> Vec<UnitChoice> {
    cchc_app::dossiers::desks(units, province, level, crate::time::today())
}

/// The competent unit a desk proposes for `chosen` ([`cchc_app::dossiers::proposed_competent`]).
pub fn proposed_competent(units: &[UnitChoice], chosen: &Chosen, own: &str) -> String {
    cchc_app::dossiers::proposed_competent(units, chosen.level, chosen.unit_name.as_deref(), own)
}
