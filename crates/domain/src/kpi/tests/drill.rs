//! Drill-down: which dossiers cost points of each metric, and why.

use super::{Build, dossier, province, window};
use crate::dossier::{Channel, Status};
use crate::kpi::{Loss, Measure, loss, losses};

#[test]
fn late_and_overdue_dossiers_cost_progress_points() {
    let facts = [
        dossier("late", "2026-03-02T08:00", "2026-03-09T17:00").resolved("2026-03-10T08:00"),
        dossier("open", "2026-03-02T08:00", "2026-03-09T17:00"),
        dossier("fine", "2026-03-02T08:00", "2026-03-09T17:00").resolved("2026-03-05T08:00"),
        dossier("gone", "2026-01-02T08:00", "2026-01-09T17:00").resolved("2026-01-10T08:00"),
    ];
    let w = window("2026-03", "2026-04-01T00:00");
    let scope = province();
    let got: Vec<(&str, Loss)> = losses(Measure::OnTime, &facts, &scope, &w)
        .map(|(f, l)| (f.code.as_str(), l))
        .collect();
    assert_eq!(got, [("late", Loss::Late), ("open", Loss::Overdue)]);
    // As of 05/03 the open dossier was still within its deadline.
    let early = window("2026-03", "2026-03-05T00:00");
    assert_eq!(loss(Measure::OnTime, &facts[1], &early), None);
}

#[test]
fn each_flag_metric_names_its_missing_fact() {
    let w = window("2026-03", "2026-04-01T00:00");
    let plain = dossier("a", "2026-03-02T08:00", "2026-03-09T17:00").resolved("2026-03-05T08:00");
    for (m, l) in [
        (Measure::ElectronicResult, Loss::NoElectronicResult),
        (Measure::DigitisedResult, Loss::NotDigitised),
        (Measure::ReusedData, Loss::NoReusedData),
        (Measure::PersonalStore, Loss::NoPersonalStoreData),
        (Measure::CitizenData, Loss::NoCitizenData),
        (Measure::OnlineSubmission, Loss::NotOnline),
    ] {
        assert_eq!(loss(m, &plain, &w), Some(l), "{m:?}");
    }
    let good = plain.clone().channel(Channel::Online).with(|f| {
        f.electronic_result = true;
        f.attachments = true;
        f.reused_data = true;
        f.personal_store = true;
    });
    for m in [
        Measure::ElectronicResult,
        Measure::DigitisedResult,
        Measure::ReusedData,
        Measure::PersonalStore,
        Measure::CitizenData,
        Measure::OnlineSubmission,
    ] {
        assert_eq!(loss(m, &good, &w), None, "{m:?}");
    }
    // Payment: only a dossier with an obligation can cost points.
    assert_eq!(loss(Measure::OnlinePayment, &plain, &w), None);
    let owed = plain.clone().with(|f| f.fee = true);
    assert_eq!(
        loss(Measure::OnlinePayment, &owed, &w),
        Some(Loss::NotPaidOnline)
    );
    assert_eq!(
        loss(
            Measure::OnlinePayment,
            &owed.with(|f| f.paid_online = true),
            &w
        ),
        None
    );
    // Satisfaction: a disliked dossier finished on time.
    let disliked = plain.with(|f| f.dissatisfied = true);
    assert_eq!(
        loss(Measure::ReceivingSatisfaction, &disliked, &w),
        Some(Loss::Dissatisfied)
    );
    assert_eq!(loss(Measure::Manual, &disliked, &w), None);
}

#[test]
fn digitisation_rows_count_the_population_open_dossiers_have_no_result() {
    let w = window("2026-03", "2026-04-01T00:00");
    let open = dossier("open", "2026-02-20T08:00", "2026-03-20T17:00").with(|f| {
        f.reused_data = true;
        f.vneid = true;
    });
    // Carried over and still open: no result for 4.1 and 4.2, nothing missing for 4.3, 4.5b.
    assert_eq!(
        loss(Measure::ElectronicResult, &open, &w),
        Some(Loss::NoResult)
    );
    assert_eq!(
        loss(Measure::DigitisedResult, &open, &w),
        Some(Loss::NoResult)
    );
    assert_eq!(loss(Measure::ReusedData, &open, &w), None);
    assert_eq!(loss(Measure::CitizenData, &open, &w), None);
    assert_eq!(
        loss(Measure::PersonalStore, &open, &w),
        Some(Loss::NoPersonalStoreData)
    );
    // Stopped without a result: no result either; outside the population: nothing.
    let stopped = open.clone().finished("2026-03-03T08:00", Status::Stopped);
    assert_eq!(
        loss(Measure::ElectronicResult, &stopped, &w),
        Some(Loss::NoResult)
    );
    let gone = open.finished("2026-02-27T08:00", Status::Stopped);
    assert_eq!(loss(Measure::PersonalStore, &gone, &w), None);
    assert_eq!(loss(Measure::ElectronicResult, &gone, &w), None);
}

#[test]
fn a_supplement_requested_after_the_due_and_never_answered_is_named() {
    let w = window("2026-03", "2026-04-01T00:00");
    let late_request =
        dossier("a", "2026-03-02T08:00", "2026-03-09T17:00").supplement("2026-03-10T08:00", None);
    assert_eq!(
        loss(Measure::OnTime, &late_request, &w),
        Some(Loss::LateSupplementRequest)
    );
    let stopped = late_request.finished("2026-03-20T08:00", Status::Stopped);
    assert_eq!(
        loss(Measure::OnTime, &stopped, &w),
        Some(Loss::LateSupplementRequest)
    );
    assert_eq!(
        loss(Measure::ReceivingSatisfaction, &stopped, &w),
        Some(Loss::LateSupplementRequest)
    );
    // Requested in time and stopped after the due: no loss (it was late before this rule).
    let in_time = dossier("b", "2026-03-02T08:00", "2026-03-09T17:00")
        .supplement("2026-03-05T08:00", None)
        .finished("2026-03-20T08:00", Status::Stopped);
    assert_eq!(loss(Measure::OnTime, &in_time, &w), None);
    // Two requests: late, as before.
    let twice = dossier("c", "2026-03-02T08:00", "2026-03-20T17:00")
        .supplement("2026-03-03T08:00", Some("2026-03-03T09:00"))
        .supplement("2026-03-04T08:00", None)
        .finished("2026-03-05T08:00", Status::Stopped);
    assert_eq!(loss(Measure::OnTime, &twice, &w), Some(Loss::Late));
}
