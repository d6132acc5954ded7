//! Drill-down: which dossiers cost points of each metric, and why.

use super::{Build, dossier, province, window};
use crate::dossier::Channel;
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
