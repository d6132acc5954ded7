//! Write requests: a creation or an action with an owned context, prepared outside the write
//! transaction (procedure look-up, terms of the version in force), and the public write API.

use cchc_calendar::WorkCalendar;
use cchc_domain::UnitCode;
use cchc_domain::dossier::{Action, ActionContext, Channel, DossierCode, Intake, ProcedureTerms};
use chrono::{NaiveDateTime, Timelike};

use super::{Applicant, Applied, DossierError, Guard, NewDossier, province_of};
use crate::{Store, StoreError};

/// What a request writes to.
pub(crate) enum Target {
    /// A new dossier; its code is issued inside the write transaction.
    New(Box<NewRow>),
    Existing(DossierCode),
}

/// The columns of a new dossier that do not come from its state.
pub(crate) struct NewRow {
    pub procedure_code: String,
    pub procedure_version: u32,
    pub competent_unit: UnitCode,
    pub applicant: Applicant,
    pub submitted_by: Option<i64>,
}

/// One action to apply, with everything the writer needs.
pub(crate) struct Request {
    pub target: Target,
    pub action: Action,
    pub actor: String,
    pub unit: UnitCode,
    /// Local time, truncated to the millisecond (the precision of `at_ms`).
    pub at: NaiveDateTime,
    pub calendar: WorkCalendar,
    /// For a receipt: the procedure version in force on the receipt date.
    pub version: Option<u32>,
    /// Who may act, checked by the writer against the locked dossier.
    pub guard: Option<Guard>,
}

impl Request {
    pub fn new(
        target: Target,
        action: Action,
        ctx: &ActionContext<'_>,
        version: Option<u32>,
    ) -> Self {
        let at = ctx.at;
        let at = at
            .with_nanosecond(at.nanosecond() / 1_000_000 * 1_000_000)
            .unwrap_or(at);
        Self {
            target,
            action,
            actor: ctx.actor.to_owned(),
            unit: ctx.unit.clone(),
            at,
            calendar: ctx.calendar.clone(),
            version,
            guard: None,
        }
    }

    /// The context to apply the action in.
    pub fn context(&self) -> ActionContext<'_> {
        ActionContext {
            actor: &self.actor,
            unit: &self.unit,
            at: self.at,
            calendar: &self.calendar,
        }
    }

    /// A reception (direct, postal) or an online submission of `new` with the terms of
    /// procedure `version`; the code in the intake is a placeholder until the writer issues one.
    pub fn creation(
        new: &NewDossier,
        ctx: &ActionContext<'_>,
        version: u32,
        terms: ProcedureTerms,
    ) -> Result<Self, StoreError> {
        let placeholder =
            DossierCode::new(ctx.unit.clone(), ctx.at.date(), 1).map_err(StoreError::Invalid)?;
        let intake = Intake {
            code: placeholder,
            components: new.components.clone(),
            vneid_verified: new.vneid_verified,
            national_databases: new.national_databases.clone(),
        };
        let action = match new.channel {
            Channel::Online => Action::Submit { intake },
            channel => Action::Receive {
                channel,
                intake,
                terms,
            },
        };
        let row = NewRow {
            procedure_code: new.procedure_code.trim().to_owned(),
            procedure_version: version,
            competent_unit: new
                .competent_unit
                .clone()
                .unwrap_or_else(|| ctx.unit.clone()),
            applicant: new.applicant.clone(),
            submitted_by: new.submitted_by,
        };
        Ok(Request::new(Target::New(Box::new(row)), action, ctx, None))
    }

    /// The province whose rows the request touches.
    pub fn province(&self) -> String {
        match &self.target {
            Target::New(_) => province_of(&self.unit),
            Target::Existing(code) => province_of(code.unit()),
        }
    }
}

impl Store {
    /// Receives (direct, postal) or submits (online) a new dossier with the group-commit
    /// writer: the code `{unit}-{YYMMDD}-{NNNN}` of the acting unit and day is issued in the
    /// same transaction. Returns once the dossier is on disk.
    pub async fn create_dossier(
        &self,
        new: &NewDossier,
        ctx: &ActionContext<'_>,
    ) -> Result<Applied, DossierError> {
        let req = self.creation(new, ctx).await?;
        self.submit_request(req).await
    }

    /// Applies `action` to the dossier `code` with the group-commit writer; returns once the
    /// event is on disk. A refused action writes nothing. For `receive`, the store replaces the
    /// action's terms with those of the procedure version in force on the receipt date and
    /// records that version.
    pub async fn apply_action(
        &self,
        code: &DossierCode,
        action: &Action,
        ctx: &ActionContext<'_>,
    ) -> Result<Applied, DossierError> {
        let req = self.action_request(code, action, ctx).await?;
        self.submit_request(req).await
    }

    /// [`Store::apply_action`] with `guard` run by the writer on the dossier as locked in the
    /// write transaction, before the state machine: a refusal of the guard is
    /// [`DossierError::Denied`] and writes nothing.
    pub async fn apply_action_guarded(
        &self,
        code: &DossierCode,
        action: &Action,
        ctx: &ActionContext<'_>,
        guard: Guard,
    ) -> Result<Applied, DossierError> {
        let mut req = self.action_request(code, action, ctx).await?;
        req.guard = Some(guard);
        self.submit_request(req).await
    }

    /// [`Store::create_dossier`] in a transaction of its own (no group commit).
    pub async fn create_dossier_direct(
        &self,
        new: &NewDossier,
        ctx: &ActionContext<'_>,
    ) -> Result<Applied, DossierError> {
        let req = self.creation(new, ctx).await?;
        super::batch::run_one(self, req).await
    }

    /// [`Store::apply_action`] in a transaction of its own (no group commit).
    pub async fn apply_action_direct(
        &self,
        code: &DossierCode,
        action: &Action,
        ctx: &ActionContext<'_>,
    ) -> Result<Applied, DossierError> {
        let req = self.action_request(code, action, ctx).await?;
        super::batch::run_one(self, req).await
    }

    async fn creation(
        &self,
        new: &NewDossier,
        ctx: &ActionContext<'_>,
    ) -> Result<Request, StoreError> {
        let (version, terms) = self.terms_at(&new.procedure_code, ctx.at.date()).await?;
        Request::creation(new, ctx, version, terms)
    }

    async fn action_request(
        &self,
        code: &DossierCode,
        action: &Action,
        ctx: &ActionContext<'_>,
    ) -> Result<Request, StoreError> {
        let target = Target::Existing(code.clone());
        let Action::Receive {
            channel, intake, ..
        } = action
        else {
            return Ok(Request::new(target, action.clone(), ctx, None));
        };
        let procedure = self
            .dossier_record(code)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("no dossier {code}")))?
            .procedure_code;
        let (version, terms) = self.terms_at(&procedure, ctx.at.date()).await?;
        let action = Action::Receive {
            channel: *channel,
            intake: intake.clone(),
            terms,
        };
        Ok(Request::new(target, action, ctx, Some(version)))
    }

    async fn submit_request(&self, req: Request) -> Result<Applied, DossierError> {
        match self.group.sender(self) {
            Some(writer) => writer.submit(self, req).await,
            None => super::batch::run_one(self, req).await,
        }
    }
}
