//! One dossier through its lifecycle: projection, events, replay, refusals, online receipt.

use cchc_domain::dossier::{
    Action, Assignee, Channel, DossierCode, Intake, ProcedureTerms, RefusalKind, Status, replay,
};
use cchc_store::audit::ChainStatus;
use cchc_store::dossiers::{Applied, DossierError, NewDossier};
use cchc_store::{Store, StoreError};

use super::support::{at, ctx, each_backend, new_dossier, unit};

const DESK: &str = "H31.VPUB.TTPVHCC";

fn forward_to(u: &str) -> Action {
    let to = Assignee {
        unit: unit(u),
        officer: None,
    };
    Action::Forward {
        to,
        budget_hours: 8,
    }
}

fn finish() -> Action {
    Action::Finish {
        result_codes: vec!["KQ-1".to_owned()],
        files: vec![],
        electronic: false,
    }
}

fn give_back(when: &str) -> Action {
    Action::Return {
        channel: Channel::Direct,
        at: at(when),
    }
}

/// Creates `new` at `desk` on `when`.
async fn create(
    store: &Store,
    new: &NewDossier,
    desk: &str,
    when: &str,
) -> Result<Applied, DossierError> {
    let desk = unit(desk);
    store
        .create_dossier(new, &ctx("motcua", &desk, at(when)))
        .await
}

async fn act(store: &Store, code: &DossierCode, when: &str, action: &Action) -> Applied {
    let desk = unit(DESK);
    store
        .apply_action(code, action, &ctx("motcua", &desk, at(when)))
        .await
        .unwrap_or_else(|e| panic!("{:?} refused: {e}", action.kind()))
}

#[tokio::test]
async fn actions_replayed_equal_the_projection() {
    each_backend(|store| async move {
        let new = new_dossier("1.004873", Channel::Direct);
        let created = create(&store, &new, DESK, "2026-03-02T09:00")
            .await
            .unwrap();
        let code = created.dossier.record.code.clone();
        assert_eq!(code.to_string(), "H31.VPUB.TTPVHCC-260302-0001");
        assert_eq!(created.dossier.record.status, Status::Received);
        assert_eq!(created.dossier.record.procedure_version, 1);
        let supplement = Action::RequestSupplement {
            items: vec!["Bản sao CCCD".to_owned()],
            reason: "Bản sao mờ".to_owned(),
        };
        act(&store, &code, "2026-03-02T10:00", &forward_to("H31.12004")).await;
        act(&store, &code, "2026-03-02T14:00", &supplement).await;
        let supplemented = Action::Supplement { note: None };
        act(&store, &code, "2026-03-04T09:00", &supplemented).await;
        act(&store, &code, "2026-03-05T10:00", &finish()).await;
        let last = act(
            &store,
            &code,
            "2026-03-05T15:30",
            &give_back("2026-03-05T15:00"),
        )
        .await;

        let stored = store.dossier(&code).await.unwrap().expect("stored");
        assert_eq!(stored, last.dossier);
        let r = &stored.record;
        assert_eq!(
            (r.status, r.seq, r.supplement_count),
            (Status::Returned, 6, 1)
        );
        assert_eq!(r.holder_unit.as_str(), "H31.12004");
        assert_eq!(r.returned_at, Some(at("2026-03-05T15:00")));
        assert_eq!(r.applicant.id_number.as_deref(), Some("033090000001"));
        assert!(r.due_legal_at.is_some() && r.due_kpi_at.is_some());
        let events = store.dossier_events(&code).await.unwrap();
        let seqs: Vec<u32> = events.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, [1, 2, 3, 4, 5, 6]);
        let plain: Vec<_> = events.into_iter().map(|e| e.event).collect();
        assert_eq!(replay(&plain).dossier.as_ref(), Some(&stored.dossier));
        let chain = store.verify_audit().await.unwrap();
        assert!(
            matches!(chain, ChainStatus::Intact(n) if n >= 7),
            "{chain:?}"
        );
    })
    .await;
}

async fn snapshot(store: &Store, code: &DossierCode) -> (String, usize, usize) {
    let d = store.dossier(code).await.unwrap().unwrap();
    let events = store.dossier_events(code).await.unwrap().len();
    let audit = store.audit_entries().await.unwrap().len();
    (format!("{d:?}"), events, audit)
}

#[tokio::test]
async fn a_refused_action_writes_nothing() {
    each_backend(|store| async move {
        let new = new_dossier("1.004873", Channel::Direct);
        let code = create(&store, &new, DESK, "2026-03-02T09:00")
            .await
            .unwrap()
            .dossier
            .record
            .code;
        let before = snapshot(&store, &code).await;
        let desk = unit(DESK);
        let c = ctx("motcua", &desk, at("2026-03-02T10:00"));
        let early = give_back("2026-03-02T10:00");
        for got in [
            store.apply_action(&code, &early, &c).await,
            store.apply_action_direct(&code, &early, &c).await,
        ] {
            match got {
                Err(DossierError::Refused(r)) => assert_eq!(r.kind, RefusalKind::NotAllowed),
                other => panic!("expected a refusal, got {other:?}"),
            }
            assert_eq!(snapshot(&store, &code).await, before);
        }
        let unknown = DossierCode::parse("H31.VPUB.TTPVHCC-260302-0099").unwrap();
        let missing = store.apply_action(&unknown, &finish(), &c).await;
        assert!(matches!(
            missing,
            Err(DossierError::Store(StoreError::NotFound(_)))
        ));
    })
    .await;
}

#[tokio::test]
async fn a_refused_reception_issues_no_code() {
    each_backend(|store| async move {
        let mut incomplete = new_dossier("1.004873", Channel::Direct);
        incomplete.components[0].provided = false;
        let refused = create(&store, &incomplete, DESK, "2026-03-02T09:00").await;
        assert!(
            matches!(refused, Err(DossierError::Refused(_))),
            "{refused:?}"
        );
        let unknown = new_dossier("9.999999", Channel::Direct);
        let refused = create(&store, &unknown, DESK, "2026-03-02T09:00").await;
        assert!(matches!(
            refused,
            Err(DossierError::Store(StoreError::Invalid(_)))
        ));
        assert!(
            store.audit_entries().await.unwrap().len() <= 1,
            "only the catalogue import"
        );
        let new = new_dossier("1.004873", Channel::Direct);
        let next = create(&store, &new, DESK, "2026-03-02T09:00")
            .await
            .unwrap();
        assert_eq!(next.dossier.record.code.seq(), 1);
    })
    .await;
}

#[tokio::test]
async fn an_online_dossier_is_received_with_the_version_in_force() {
    each_backend(|store| async move {
        let online = new_dossier("1.001193", Channel::Online);
        let submitted = create(&store, &online, "H31.12004", "2026-03-01T20:00")
            .await
            .unwrap();
        let r = &submitted.dossier.record;
        assert_eq!(
            (r.status, r.channel, r.due_legal_at),
            (Status::Submitted, Channel::Online, None)
        );
        let code = r.code.clone();
        let intake = Intake {
            code: code.clone(),
            ..submitted.dossier.dossier.intake.clone()
        };
        let ignored = ProcedureTerms {
            duration: "99wd".parse().unwrap(),
            cutoff: None,
        };
        let receive = Action::Receive {
            channel: Channel::Online,
            intake,
            terms: ignored,
        };
        let commune = unit("H31.12004");
        let c = ctx("motcua", &commune, at("2026-03-02T16:00"));
        let received = store.apply_action(&code, &receive, &c).await.unwrap();
        let r = &received.dossier.record;
        assert_eq!((r.status, r.procedure_version), (Status::Received, 2));
        // Received after the 15:00 cut-off of a same-day procedure: due the next working day.
        let due = r.due_legal_at.map(|t| t.date().to_string());
        assert_eq!(due.as_deref(), Some("2026-03-03"));
        assert_eq!(r.received_at, Some(at("2026-03-02T16:00")));
    })
    .await;
}
