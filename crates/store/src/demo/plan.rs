//! Demonstration data for the reform plan: reported values (approved, returned, awaiting
//! review), progress updates, and Sở Nội vụ's own plan refining KH 204/KH-UBND.
//!
//! Every figure, number and evidence reference here is illustrative ("minh họa"), not a fact.

use cchc_domain::UnitCode;
use cchc_domain::plan::{IndicatorId, Period, Scope};
use chrono::{Datelike, NaiveDate};

use crate::plan::cascade::PlanLink;
use crate::plan::progress::NewProgress;
use crate::plan::values::{NewValue, Review};
use crate::plan::{PlanImportError, PlanRef};
use crate::{Store, StoreError};

/// The provincial plan the demonstration data belongs to.
pub const PROVINCIAL_PLAN: &str = "KH204-2023";

/// The id of the demonstration unit plan.
pub const UNIT_PLAN_KEY: &str = "KH-SNV-2023";

/// A unit plan (Sở Nội vụ, 2023) refining targets and tasks of KH 204/KH-UBND; illustrative.
pub const UNIT_PLAN: &str = r#"
schema = 1

[plan]
id = "KH-SNV-2023"
number = "01/KH-SNV (minh họa)"
date = 2023-01-16
place = "Hưng Yên"
issuer = "H31.SNV"
issuer_name = "Sở Nội vụ tỉnh Hưng Yên"
title = "Cải cách hành chính của Sở Nội vụ năm 2023 (minh họa)"
year = 2023
default_deadline = 2023-12-31
preamble = "Căn cứ Kế hoạch số 204/KH-UBND ngày 23/12/2022 của Ủy ban nhân dân tỉnh;"
parent_plans = ["KH-204-2022"]

[plan.signer]
name = "(minh họa)"
position = "GIÁM ĐỐC"

[plan.sections]
purpose = "I. MỤC ĐÍCH, YÊU CẦU"
targets = "II. MỤC TIÊU"
tasks = "III. NHIỆM VỤ"
organisation = "IV. TỔ CHỨC THỰC HIỆN"

[[legal_bases]]
id = "KH-204-2022"
kind = "Kế hoạch"
number = "204/KH-UBND"
date = 2022-12-23
issuer = "Ủy ban nhân dân tỉnh Hưng Yên"
cited_in = ["CC"]

[purpose]
text = "Cụ thể hóa Kế hoạch CCHC năm 2023 của tỉnh tại Sở Nội vụ."

[[requirements]]
label = "a"
text = "Nhiệm vụ có đơn vị chủ trì, thời hạn và sản phẩm cụ thể."

[headline]
text = "Hoàn thành các nhiệm vụ UBND tỉnh giao cho Sở Nội vụ trong Kế hoạch số 204/KH-UBND."

[[headline.goals]]
label = "G.1"
text = "100% nhiệm vụ được giao hoàn thành đúng hạn."
scope = ["department"]
thresholds = [{ indicator = "manual.snv.tasks_on_time_share", comparator = "ge", value = 100, unit = "percent" }]

[[areas]]
code = 3
title = "Cải cách tổ chức bộ máy hành chính nhà nước"
task_title = "Cải cách tổ chức bộ máy"
lead_unit = "H31.SNV"

[[areas.targets]]
label = "a"
text = "Tham mưu giảm tối thiểu 1,38% biên chế công chức so với năm 2021."
scope = ["province"]
thresholds = [{ indicator = "manual.civil_servant_posts.reduction", comparator = "ge", value = 1.38, unit = "percent" }]

[[areas.tasks]]
label = "a"
text = "Trình UBND tỉnh phương án tinh giản biên chế năm 2023."
deadline = 2023-06-30

[[areas.tasks]]
label = "b"
text = "Thẩm định đề án vị trí việc làm của các cơ quan, đơn vị."
deadline = 2023-09-29

[[responsibilities]]
number = 1
body = "Phòng Cải cách hành chính"
units = ["H31.SNV"]

[[responsibilities.items]]
text = "Theo dõi, đôn đốc và báo cáo kết quả thực hiện Kế hoạch."
"#;

/// The links of the unit plan to KH 204/KH-UBND: (child item, parent item).
pub const UNIT_PLAN_LINKS: [(&str, &str); 3] = [
    ("MT/3.a", "MT/3.a"),
    ("NV/3.a", "NV/3.d"),
    ("NV/3.b", "NV/3.đ"),
];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

fn code(s: &str) -> Result<UnitCode, StoreError> {
    UnitCode::parse(s).map_err(StoreError::Invalid)
}

fn value(
    indicator: &str,
    unit: &str,
    tier: Option<Scope>,
    value: f64,
    by: &str,
) -> Result<NewValue, StoreError> {
    let half = Period {
        start: d(2023, 1, 1),
        end: d(2023, 6, 30),
    };
    let mut v = value_in(indicator, tier, value, by, half)?;
    v.scope_unit = code(unit)?;
    Ok(v)
}

/// A value about the province (`H31`) reported by `by` for `period`.
pub(crate) fn value_in(
    indicator: &str,
    tier: Option<Scope>,
    value: f64,
    by: &str,
    period: Period,
) -> Result<NewValue, StoreError> {
    let months = if period.end.month() == 6 {
        "6 tháng đầu năm"
    } else {
        "9 tháng đầu năm"
    };
    Ok(NewValue {
        indicator: IndicatorId::parse(indicator).map_err(StoreError::Invalid)?,
        scope_unit: code("H31")?,
        tier,
        period,
        value,
        note: format!("Số liệu {months} {} (minh họa).", period.end.year()),
        evidence: vec![format!("Báo cáo {months} của {by} (minh họa)")],
        reporting_unit: code(by)?,
    })
}

/// Loads the demonstration plan data once; returns whether it did.
pub async fn load(store: &Store) -> Result<bool, StoreError> {
    if store
        .plan(&PlanRef::Key(UNIT_PLAN_KEY.into()))
        .await?
        .is_some()
    {
        return Ok(false);
    }
    store.load_base_plan_if_empty().await?;
    load_values(store).await?;
    load_progress(store).await?;
    load_unit_plan(store).await?;
    Ok(true)
}

async fn load_values(store: &Store) -> Result<(), StoreError> {
    let (staff, admin) = ("chuyenvien", "quantricchc");
    let approved = [
        value(
            "manual.legal_docs.lawful_share",
            "H31",
            None,
            100.0,
            "H31.STP",
        )?,
        value(
            "manual.work_files.online_share",
            "H31",
            Some(Scope::Provincial),
            64.5,
            "H31.STTTT",
        )?,
        value(
            "manual.work_files.online_share",
            "H31",
            Some(Scope::District),
            43.0,
            "H31.STTTT",
        )?,
        value(
            "manual.civil_servant_posts.reduction",
            "H31.SNV",
            None,
            0.9,
            "H31.SNV",
        )?,
    ];
    for v in &approved {
        let id = store.report_value(v, staff).await?;
        store.review_value(id, &Review::Approve, admin).await?;
    }
    let commune = value(
        "manual.work_files.online_share",
        "H31",
        Some(Scope::Commune),
        22.0,
        "H31.STTTT",
    )?;
    let id = store.report_value(&commune, staff).await?;
    let reason = "Thiếu danh sách hồ sơ công việc làm minh chứng (minh họa).".to_owned();
    store
        .review_value(id, &Review::Return(reason), admin)
        .await?;
    let pending = value(
        "manual.staff.online_work_share",
        "H31",
        None,
        96.0,
        "H31.SNV",
    )?;
    store.report_value(&pending, staff).await?;
    Ok(())
}

pub(crate) fn progress(
    unit: &str,
    note: &str,
    percent: u8,
    completed_on: Option<NaiveDate>,
) -> Result<NewProgress, StoreError> {
    Ok(NewProgress {
        unit: code(unit)?,
        note: note.into(),
        percent: Some(percent),
        completed_on,
        evidence: vec![format!("Văn bản báo cáo của {unit} (minh họa)")],
    })
}

async fn load_progress(store: &Store) -> Result<(), StoreError> {
    let updates = [
        (
            "NV/2.a",
            progress(
                "H31.VPUB",
                "Đã công bố, công khai TTHC theo quy định.",
                100,
                Some(d(2023, 5, 31)),
            )?,
        ),
        (
            "NV/1.b",
            progress("H31.STP", "Đang thẩm định các dự thảo văn bản.", 60, None)?,
        ),
        (
            "NV/6.b",
            progress(
                "H31.STTTT",
                "Hoàn thành nâng cấp hạ tầng, chậm so với hạn.",
                100,
                Some(d(2024, 1, 15)),
            )?,
        ),
    ];
    for (task, update) in &updates {
        store
            .report_progress(&format!("{PROVINCIAL_PLAN}/{task}"), update, "chuyenvien")
            .await?;
    }
    Ok(())
}

async fn load_unit_plan(store: &Store) -> Result<(), StoreError> {
    match store.import_plan(UNIT_PLAN, "lanhdao").await {
        Ok(_) => {}
        Err(PlanImportError::Store(e)) => return Err(e),
        Err(PlanImportError::Rejected(p)) => {
            return Err(StoreError::Invalid(format!("demo unit plan: {}", p[0])));
        }
    }
    let links: Vec<PlanLink> = UNIT_PLAN_LINKS
        .iter()
        .map(|(c, p)| PlanLink {
            child_item: (*c).into(),
            parent_item: (*p).into(),
        })
        .collect();
    let (child, parent) = (
        PlanRef::Key(UNIT_PLAN_KEY.into()),
        PlanRef::Key(PROVINCIAL_PLAN.into()),
    );
    store.link_plan(&child, &parent, &links, "lanhdao").await?;
    let done = progress(
        "H31.SNV",
        "Đã trình UBND tỉnh phương án (minh họa).",
        100,
        Some(d(2023, 6, 28)),
    )?;
    store
        .report_progress(&format!("{UNIT_PLAN_KEY}/NV/3.a"), &done, "chuyenvien")
        .await?;
    Ok(())
}
