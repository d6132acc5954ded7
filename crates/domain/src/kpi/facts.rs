//! The compact facts of one dossier that the statistics and the QĐ 766 index read, and its
//! KPI-view verdict at an instant (docs/DOMAIN.md § QĐ 766 view, with `classify` and `progress` of
//! [`crate::dossier::timeliness`]).
//!
//! Invariants (the portal conversion guarantees them): times are whole seconds, local time;
//! `finished_at ≥ received_at`; every supplement completes at or after its request. A dossier
//! without `received_at` is in no statistic. The KPI due at `t` is `due_at` moved by every
//! supplement completed by `t`: by its interval (request → completion), or to the due its
//! source computed (working-time pause, [`DossierFacts::from_dossier`]); a dossier without
//! `due_at` has no deadline (finished on time, unfinished within) unless it had two
//! supplement requests. A dossier waiting for its one supplement, or that ended while
//! waiting for it, is judged at the request.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::period::Window;
use crate::dossier::timeliness::{classify, progress};
use crate::dossier::{Channel, Progress, Status, Timeliness, Verdict};

/// What the statistics need of a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierFacts {
    /// Mã hồ sơ.
    pub code: String,
    /// The unit competent to decide the dossier, which it counts for: the processing unit
    /// (`DonViXuLy`) of an imported dossier, the competent unit chosen at receipt in cchc.
    pub unit: String,
    /// The procedure (`MaTTHC`), possibly unknown to the catalogue.
    pub procedure: String,
    pub channel: Channel,
    /// Receipt (`NgayTiepNhan`); `None` for a dossier never received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<NaiveDateTime>,
    /// The appointment (`NgayHenTra`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_at: Option<NaiveDateTime>,
    /// The terminal status's time (`NgayKetThucXuLy`); `None` while unfinished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<NaiveDateTime>,
    /// The terminal status (refused, withdrawn after receipt, stopped, resolved, returned).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminal: Option<Status>,
    /// Supplement requests with their completion.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supplements: Vec<SupplementSpan>,
    #[serde(default)]
    pub flags: Flags,
}

/// A supplement request (`NgayBoSung`) and its completion (`NgayTiepNhanBoSung`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplementSpan {
    pub requested_at: NaiveDateTime,
    pub completed_at: Option<NaiveDateTime>,
    /// The KPI due from the completion on, when its source computed it (an internal
    /// dossier's working-time pause); without it the due moves by the interval itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kpi_due_after: Option<NaiveDateTime>,
}

/// The yes/no facts read by QĐ 766 indicators 3.5–4.5 and 5.4 (stored as JSON with the true
/// ones alone: most are false, and millions of dossiers store them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Flags {
    /// ≥ 1 component of reused digitised data (`HoSoCoThanhPhanSoHoa` or `DuocSoHoa`), 4.3.
    #[serde(skip_serializing_if = "is_false")]
    pub reused_data: bool,
    /// ≥ 1 component taken from the personal data store (`DuocLayTuKhoDMQG`), 4.4 and 4.5.
    #[serde(skip_serializing_if = "is_false")]
    pub personal_store: bool,
    /// Applicant account verified with VNeID, 4.5.
    #[serde(skip_serializing_if = "is_false")]
    pub vneid: bool,
    /// ≥ 1 national database used (`DSKetNoiCSDL`), 4.5.
    #[serde(skip_serializing_if = "is_false")]
    pub national_db: bool,
    /// ≥ 1 submitted component carries a file, 4.2.
    #[serde(skip_serializing_if = "is_false")]
    pub attachments: bool,
    /// ≥ 1 result document with an electronic file link, 4.1 and 4.2.
    #[serde(skip_serializing_if = "is_false")]
    pub electronic_result: bool,
    /// The synced fee list has a non-zero amount: a financial obligation, 3.5 and 3.6.
    #[serde(skip_serializing_if = "is_false")]
    pub fee: bool,
    /// Paid online (`DuocThanhToanTrucTuyen` 1 or 2), 3.5 and 3.6.
    #[serde(skip_serializing_if = "is_false")]
    pub paid_online: bool,
    /// The applicant rated the dossier, 5.4.
    #[serde(skip_serializing_if = "is_false")]
    pub rated: bool,
    /// A "dislike" or a PAKN about the dossier's reception or handling, 5.4.
    #[serde(skip_serializing_if = "is_false")]
    pub dissatisfied: bool,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes a reference"
)]
fn is_false(b: &bool) -> bool {
    !*b
}

impl Flags {
    /// Connected to citizen data (4.5): VNeID, the personal data store or a national database.
    #[must_use]
    pub const fn citizen_data(&self) -> bool {
        self.vneid || self.personal_store || self.national_db
    }

    /// A financial obligation: a non-zero fee, or an online payment.
    #[must_use]
    pub const fn fee_obligation(&self) -> bool {
        self.fee || self.paid_online
    }

    /// Attachments and an electronic result (4.2).
    #[must_use]
    pub const fn digitised_result(&self) -> bool {
        self.attachments && self.electronic_result
    }
}

impl DossierFacts {
    /// Supplement requests made.
    #[must_use]
    pub fn supplement_count(&self) -> usize {
        self.supplements.len()
    }

    /// Supplement requests made by `t`.
    #[must_use]
    pub fn requests_by(&self, t: NaiveDateTime) -> usize {
        self.supplements
            .iter()
            .filter(|s| s.requested_at <= t)
            .count()
    }

    /// The request time of a supplement still awaited at `t`.
    #[must_use]
    pub fn awaiting_supplement_since(&self, t: NaiveDateTime) -> Option<NaiveDateTime> {
        self.supplements
            .iter()
            .find(|s| s.requested_at <= t && s.completed_at.is_none_or(|c| c > t))
            .map(|s| s.requested_at)
    }

    /// The KPI due at `t`: the appointment moved by every supplement completed by `t` (to its
    /// `kpi_due_after`, else by its interval).
    #[must_use]
    pub fn kpi_due_at(&self, t: NaiveDateTime) -> Option<NaiveDateTime> {
        let mut due = self.due_at?;
        for s in &self.supplements {
            if let Some(c) = s.completed_at.filter(|c| *c <= t) {
                due = s.kpi_due_after.unwrap_or(due + (c - s.requested_at));
            }
        }
        Some(due)
    }

    /// Whether the dossier ended with a result (resolved or returned).
    #[must_use]
    pub fn has_result(&self) -> bool {
        self.finished_at.is_some()
            && matches!(self.terminal, Some(Status::Resolved | Status::Returned))
    }

    /// The KPI timeliness of a received, finished dossier: late after more than one
    /// supplement request; judged at the request when it ended while its supplement was
    /// still awaited (the wait is the applicant's); else its end against the KPI due then.
    #[must_use]
    pub fn finished_timeliness(&self) -> Option<Timeliness> {
        self.received_at?;
        let end = self.finished_at?;
        if self.requests_by(end) > 1 {
            return Some(Timeliness::Late);
        }
        let judged = self.awaiting_supplement_since(end).unwrap_or(end);
        Some(classify(judged, self.kpi_due_at(judged).unwrap_or(judged)))
    }

    /// The request time of the supplement still awaited when the dossier ended or at `t`
    /// (whichever is first), when it is the only request: the instant the KPI view judges
    /// it at instead.
    #[must_use]
    pub fn judged_at_request(&self, t: NaiveDateTime) -> Option<NaiveDateTime> {
        let at = self.finished_at.map_or(t, |f| f.min(t));
        (self.requests_by(at) == 1)
            .then(|| self.awaiting_supplement_since(at))
            .flatten()
    }

    /// Where an unfinished dossier stands at `t`: overdue after more than one supplement
    /// request; judged at the request time while a supplement is awaited; else at `t`.
    #[must_use]
    pub fn open_progress(&self, t: NaiveDateTime) -> Progress {
        if self.requests_by(t) > 1 {
            return Progress::Overdue;
        }
        let judged = self.awaiting_supplement_since(t).unwrap_or(t);
        progress(judged, self.kpi_due_at(judged).unwrap_or(judged))
    }

    /// The KPI verdict at `t`; `None` before receipt.
    #[must_use]
    pub fn verdict_at(&self, t: NaiveDateTime) -> Option<Verdict> {
        if self.received_at? > t {
            return None;
        }
        match self.finished_at.filter(|f| *f <= t) {
            Some(_) => self.finished_timeliness().map(Verdict::Finished),
            None => Some(Verdict::Open(self.open_progress(t))),
        }
    }

    /// In the population of `w`: received by its instant and not finished before its start.
    #[must_use]
    pub fn in_population(&self, w: &Window) -> bool {
        self.received_at.is_some_and(|r| r <= w.at())
            && self.finished_at.is_none_or(|f| f >= w.start())
    }

    /// Received within `w` (`NgayTiepNhan` in `[start, at]`).
    #[must_use]
    pub fn received_in(&self, w: &Window) -> bool {
        self.received_at
            .is_some_and(|r| r >= w.start() && r <= w.at())
    }

    /// Received and finished within `w`.
    #[must_use]
    pub fn finished_in(&self, w: &Window) -> bool {
        self.received_at.is_some()
            && self
                .finished_at
                .is_some_and(|f| f >= w.start() && f <= w.at())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_are_stored_without_their_empty_parts_and_read_back_in_either_form() {
        let t = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap();
        let f = DossierFacts {
            code: "H31-260302-0001".to_owned(),
            unit: "H31".to_owned(),
            procedure: "1.001193".to_owned(),
            channel: Channel::Online,
            received_at: Some(t("2026-03-02T09:00:00")),
            due_at: Some(t("2026-03-05T17:00:00")),
            finished_at: None,
            terminal: None,
            supplements: vec![],
            flags: Flags {
                vneid: true,
                ..Flags::default()
            },
        };
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(
            json,
            r#"{"code":"H31-260302-0001","unit":"H31","procedure":"1.001193","channel":"online","received_at":"2026-03-02T09:00:00","due_at":"2026-03-05T17:00:00","flags":{"vneid":true}}"#
        );
        assert_eq!(serde_json::from_str::<DossierFacts>(&json).unwrap(), f);
        let full = r#"{"code":"H31-260302-0001","unit":"H31","procedure":"1.001193","channel":"online","received_at":"2026-03-02T09:00:00","due_at":"2026-03-05T17:00:00","finished_at":null,"terminal":null,"supplements":[],"flags":{"reused_data":false,"personal_store":false,"vneid":true,"national_db":false,"attachments":false,"electronic_result":false,"fee":false,"paid_online":false,"rated":false,"dissatisfied":false}}"#;
        assert_eq!(serde_json::from_str::<DossierFacts>(full).unwrap(), f);
    }
}
