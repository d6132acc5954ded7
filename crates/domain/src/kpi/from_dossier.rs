//! The facts of a dossier handled in cchc (the state machine's [`Dossier`]), so that it
//! counts beside imported ones. Its KPI view is the dossier's own: each completed supplement
//! carries the KPI due the state machine computed (working-time pause), so
//! [`DossierFacts::verdict_at`] equals [`crate::dossier::kpi_verdict`].

use crate::dossier::{Channel, Dossier};

use super::facts::{DossierFacts, Flags, SupplementSpan};

impl DossierFacts {
    /// The facts of `d`, a dossier of procedure `procedure` whose competent unit is
    /// `competent_unit` (the dossier holds neither; the store does). The dossier counts for
    /// the unit competent to decide it, as an imported one counts for its `DonViXuLy`, not
    /// for the desk that received it (the one-stop desk of a public-administration centre
    /// receives for every department).
    #[must_use]
    pub fn from_dossier(d: &Dossier, procedure: &str, competent_unit: &str) -> Self {
        let received_at = d.receipt.as_ref().map(|r| r.at);
        let terminal = Some(d.status).filter(|s| s.is_terminal_for_kpi(received_at.is_some()));
        Self {
            code: d.code.to_string(),
            unit: competent_unit.to_owned(),
            procedure: procedure.to_owned(),
            channel: d.channel,
            received_at,
            due_at: d.appointment().map(|e| e.kpi),
            finished_at: terminal.and(d.ended_at()),
            terminal,
            supplements: spans(d),
            flags: flags(d),
        }
    }
}

/// The supplements, each completed one with the KPI due in force from its completion.
fn spans(d: &Dossier) -> Vec<SupplementSpan> {
    d.supplements
        .iter()
        .map(|s| SupplementSpan {
            requested_at: s.requested_at,
            completed_at: s.completed_at,
            kpi_due_after: s.completed_at.and_then(|c| d.due_as_of(c)).map(|e| e.kpi),
        })
        .collect()
}

/// The flags: reuse and data-store use from the checklist, VNeID and national databases from
/// the intake, electronic result, fees and online payment. Attachments: an online dossier's
/// provided components, or any component digitised or taken from the data store.
fn flags(d: &Dossier) -> Flags {
    let components = &d.intake.components;
    let online = d.channel == Channel::Online;
    Flags {
        reused_data: d.intake.has_digitised_component(),
        personal_store: components.iter().any(|c| c.from_data_store),
        vneid: d.intake.vneid_verified,
        national_db: !d.intake.national_databases.is_empty(),
        attachments: components
            .iter()
            .any(|c| c.provided && (online || c.digitised || c.from_data_store)),
        electronic_result: d.result.as_ref().is_some_and(|r| r.electronic),
        fee: d.payments.iter().any(|p| p.amount_vnd > 0),
        paid_online: d
            .payments
            .iter()
            .any(|p| p.paid_at.is_some() && p.online == Some(true)),
        rated: false,
        dissatisfied: false,
    }
}
