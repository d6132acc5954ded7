//! The dossier writer logs the statistics facts of every dossier it creates or changes, in
//! the transaction of the write (the change log of the live statistics).

use cchc_domain::dossier::{Action, Assignee, Channel, DossierCode};
use cchc_domain::kpi::{DossierFacts, Window, parse_period};
use cchc_store::Store;
use cchc_store::kpi::changes::LogPosition;

use super::support::{at, ctx, each_backend, new_dossier, unit};

const DESK: &str = "H31.VPUB.TTPVHCC";

async fn act(store: &Store, code: &DossierCode, when: &str, action: &Action) -> DossierFacts {
    let desk = unit(DESK);
    let applied = store
        .apply_action(code, action, &ctx("motcua", &desk, at(when)))
        .await
        .unwrap_or_else(|e| panic!("{:?} refused: {e}", action.kind()));
    let d = &applied.dossier;
    DossierFacts::from_dossier(
        &d.dossier,
        &d.record.procedure_code,
        d.record.competent_unit.as_str(),
    )
}

/// The head and the last logged change (old, new).
async fn last_change(store: &Store) -> (i64, Option<DossierFacts>, Option<DossierFacts>) {
    let head = store.kpi_log_head().await.unwrap().last_seq;
    let changes = store
        .kpi_changes_after(LogPosition::after_commit(head - 1), 10)
        .await
        .unwrap();
    assert_eq!(changes.len(), 1, "one dossier per commit here");
    let c = changes.into_iter().next().unwrap();
    assert_eq!(c.seq, head);
    (head, c.old, c.new)
}

#[tokio::test]
async fn creations_and_actions_log_old_and_new_facts() {
    each_backend(|store| async move {
        // Received at the centre's desk for a department that decides it.
        let mut new = new_dossier("1.004873", Channel::Direct);
        new.competent_unit = Some(unit("H31.STP"));
        let desk = unit(DESK);
        let created = store
            .create_dossier(&new, &ctx("motcua", &desk, at("2026-03-02T09:00")))
            .await
            .unwrap();
        let code = created.dossier.record.code.clone();
        let received = DossierFacts::from_dossier(&created.dossier.dossier, "1.004873", "H31.STP");
        assert_eq!(received.unit, "H31.STP", "counted for the competent unit");
        assert_eq!(last_change(&store).await, (1, None, Some(received.clone())));

        // A hand-over changes no statistics fact: nothing is logged.
        let to = Assignee {
            unit: unit("H31.12004"),
            officer: None,
        };
        let forward = Action::Forward {
            to,
            budget_hours: 8,
        };
        let forwarded = act(&store, &code, "2026-03-02T10:00", &forward).await;
        assert_eq!(forwarded, received);
        assert_eq!(store.kpi_log_head().await.unwrap().last_seq, 1);

        let finish = Action::Finish {
            result_codes: vec!["KQ-1".to_owned()],
            files: vec!["ket-qua.pdf".to_owned()],
            electronic: true,
        };
        let finished = act(&store, &code, "2026-03-03T10:00", &finish).await;
        assert!(finished.finished_at.is_some() && finished.flags.electronic_result);
        assert_eq!(
            last_change(&store).await,
            (2, Some(received), Some(finished.clone()))
        );

        let mut scanned = Vec::new();
        let head = store
            .kpi_scan(|f| scanned.push(f), |_, _| ())
            .await
            .unwrap();
        assert_eq!((head.last_seq, scanned), (2, vec![finished.clone()]));
        // A unit's facts are read by competent unit: the department's, not the desk's.
        let department = store.dossier_facts(&["H31.STP".to_owned()]).await.unwrap();
        assert_eq!(department, vec![finished]);
        assert!(
            store
                .dossier_facts(&[DESK.to_owned()])
                .await
                .unwrap()
                .is_empty()
        );
        // The desk's reception view counts it for the department, in the month of receipt.
        let desks = [DESK.to_owned()];
        let month = |m: &str| Window::closed(parse_period(m).unwrap());
        let march = store
            .received_by_competent_unit("H31", &desks, &month("2026-03"))
            .await;
        assert_eq!(march.unwrap(), vec![("H31.STP".to_owned(), 1)]);
        let april = store
            .received_by_competent_unit("H31", &desks, &month("2026-04"))
            .await;
        assert_eq!(april.unwrap(), vec![]);
    })
    .await;
}

#[tokio::test]
async fn entered_values_are_stored_per_unit_period_and_row_and_replaced() {
    use cchc_domain::kpi::Dec;
    use cchc_store::kpi::entered::EnteredValue;
    each_backend(|store| async move {
        let q1 = parse_period("2026-Q1").unwrap();
        let value = |n: Option<u64>, d: u64| EnteredValue {
            unit: "H31".to_owned(),
            period: q1,
            metric: "PUBLISH_ON_TIME".to_owned(),
            numerator: n,
            denominator: d,
        };
        store
            .set_entered_value(&value(Some(45), 50), "quantricchc")
            .await
            .unwrap();
        store
            .set_entered_value(&value(Some(47), 50), "quantricchc")
            .await
            .unwrap();
        let got = store.entered_values("H31", &q1).await.unwrap();
        let v = &got["PUBLISH_ON_TIME"];
        assert_eq!(got.len(), 1);
        assert_eq!(
            (v.numerator, v.denominator),
            (Some(Dec::from_u64(47)), Some(Dec::from_u64(50)))
        );
        // Another period or unit holds nothing: its manual rows stay not computable.
        let march = parse_period("2026-03").unwrap();
        assert!(
            store
                .entered_values("H31", &march)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            store
                .entered_values("H31.SNV", &q1)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            store.all_entered_values().await.unwrap(),
            vec![value(Some(47), 50)]
        );
    })
    .await;
}
