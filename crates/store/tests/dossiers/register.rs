//! The register: by sector (code, or name for sectors without one), receiving units, period,
//! in order of receipt, paged or in full, with the return channel; the sectors list; the state
//! reader that skips imported dossiers.

use cchc_domain::dossier::{Action, Channel, DossierCode};
use cchc_store::Store;
use cchc_store::dossiers::RegisterFilter;
use cchc_store::paging::Page;

use super::support::{at, ctx, each_backend, new_dossier, unit};

async fn receive(store: &Store, desk: &str, procedure: &str, when: &str) -> DossierCode {
    let desk = unit(desk);
    let new = new_dossier(procedure, Channel::Direct);
    let applied = store
        .create_dossier(&new, &ctx("motcua", &desk, at(when)))
        .await
        .unwrap();
    applied.dossier.record.code
}

fn filter(units: &[&str], sector: &str, from: &str, to: &str) -> RegisterFilter {
    RegisterFilter {
        units: units.iter().map(|u| unit(u)).collect(),
        sector: sector.to_owned(),
        from: at(from),
        to: at(to),
    }
}

/// Hộ tịch (G15-TP07) twice and chứng thực (no code) at one commune in March, hộ tịch at
/// another commune, and hộ tịch in April.
async fn seed(store: &Store) -> Vec<DossierCode> {
    vec![
        receive(store, "H31.12004", "1.004873", "2026-03-03T09:00").await,
        receive(store, "H31.12004", "1.000894", "2026-03-02T10:00").await,
        receive(store, "H31.12004", "2.000815", "2026-03-02T11:00").await,
        receive(store, "H31.12019", "1.004873", "2026-03-04T09:00").await,
        receive(store, "H31.12004", "1.004873", "2026-04-01T09:00").await,
    ]
}

#[tokio::test]
async fn the_register_lists_one_sector_of_the_units_in_the_period_by_receipt() {
    each_backend(|store| async move {
        let c = seed(&store).await;
        let march = filter(
            &["H31.12004"],
            "G15-TP07",
            "2026-03-01T00:00",
            "2026-03-31T23:59",
        );
        let r = store.register(&march, None).await.unwrap();
        let codes: Vec<&DossierCode> = r.items.iter().map(|e| &e.record.code).collect();
        assert_eq!(codes, [&c[1], &c[0]], "by time of receipt");
        assert_eq!(r.total, 2);
        assert_eq!(r.items[0].procedure_name, "Thủ tục đăng ký kết hôn");
        assert_eq!(r.items[0].record.applicant.name, "Nguyễn Văn An");
        let both = filter(
            &["H31.12004", "H31.12019"],
            "G15-TP07",
            "2026-03-01T00:00",
            "2026-04-30T23:59",
        );
        assert_eq!(store.register(&both, None).await.unwrap().total, 4);
        let by_name = filter(
            &["H31.12004"],
            "Chứng thực",
            "2026-03-01T00:00",
            "2026-03-31T23:59",
        );
        let r = store.register(&by_name, None).await.unwrap();
        assert_eq!(r.items.len(), 1);
        assert_eq!(r.items[0].record.code, c[2]);
        let none = filter(&[], "G15-TP07", "2026-03-01T00:00", "2026-04-30T23:59");
        assert_eq!(store.register(&none, None).await.unwrap().total, 0);
        let unknown = filter(
            &["H31.12004"],
            "Không có",
            "2026-03-01T00:00",
            "2026-04-30T23:59",
        );
        assert_eq!(store.register(&unknown, None).await.unwrap().total, 0);
    })
    .await;
}

#[tokio::test]
async fn the_register_pages_and_reads_the_return_channel() {
    each_backend(|store| async move {
        let c = seed(&store).await;
        let desk = unit("H31.12004");
        let at_desk = |when: &str| ctx("motcua", &desk, at(when));
        let finish = Action::Finish {
            result_codes: vec!["KQ-1".into()],
            files: vec![],
            electronic: false,
        };
        let forward = Action::Forward {
            to: cchc_domain::dossier::Assignee {
                unit: desk.clone(),
                officer: None,
            },
            budget_hours: 4,
        };
        let give_back = Action::Return {
            channel: Channel::Postal,
            at: at("2026-03-03T15:00"),
        };
        store
            .apply_action(&c[1], &forward, &at_desk("2026-03-02T10:30"))
            .await
            .unwrap();
        store
            .apply_action(&c[1], &finish, &at_desk("2026-03-03T09:00"))
            .await
            .unwrap();
        store
            .apply_action(&c[1], &give_back, &at_desk("2026-03-03T15:00"))
            .await
            .unwrap();
        let all = filter(
            &["H31.12004"],
            "G15-TP07",
            "2026-01-01T00:00",
            "2026-12-31T23:59",
        );
        let page = store.register(&all, Some(Page::new(2, 2))).await.unwrap();
        assert_eq!(
            (page.total, page.page, page.size, page.items.len()),
            (3, 2, 2, 1)
        );
        assert_eq!(page.items[0].record.code, c[4]);
        let first = store.register(&all, Some(Page::new(1, 2))).await.unwrap();
        assert_eq!(first.items[0].record.code, c[1]);
        assert_eq!(first.items[0].return_channel, Some(Channel::Postal));
        assert_eq!(first.items[1].return_channel, None);
        let full = store.register(&all, None).await.unwrap();
        assert_eq!((full.items.len(), full.size), (3, 3));
    })
    .await;
}

#[tokio::test]
async fn sectors_are_listed_by_name_with_their_key() {
    each_backend(|store| async move {
        let sectors = store.sectors().await.unwrap();
        let find = |name: &str| {
            sectors
                .iter()
                .find(|s| s.name == name)
                .map(|s| s.key.clone())
        };
        assert_eq!(find("Hộ tịch").as_deref(), Some("G15-TP07"));
        assert_eq!(find("Chứng thực").as_deref(), Some("Chứng thực"));
        assert!(find("Đất đai").is_some());
        assert_eq!(find("Lao động, tiền lương").as_deref(), Some("G09-NV23"));
        // Nine sectors in the shipped catalogue, each once.
        assert_eq!(sectors.len(), 9);
    })
    .await;
}

#[tokio::test]
async fn handled_dossiers_are_read_with_their_state() {
    each_backend(|store| async move {
        let c = seed(&store).await;
        let d = store.handled_dossier(&c[0]).await.unwrap().unwrap();
        assert_eq!(d.dossier.code, c[0]);
        let unknown =
            DossierCode::new(unit("H31.12004"), at("2026-03-02T00:00").date(), 99).unwrap();
        assert!(store.handled_dossier(&unknown).await.unwrap().is_none());
    })
    .await;
}
