//! The demonstration's current-year plan: KH 204/KH-UBND cloned into 2026 (the year of the
//! demonstration dossiers, so its automatic targets show live values), an illustrative
//! appendix of tasks with dated deadlines (some done on time, one late, one overdue, some due
//! soon), reported values and progress.
//!
//! Every task, figure and evidence reference here is illustrative ("minh họa"), not a fact.

use cchc_domain::plan::{Period, Scope};
use chrono::NaiveDate;

use crate::demo::plan::{PROVINCIAL_PLAN, progress, value_in};
use crate::plan::values::Review;
use crate::plan::{PlanImportError, PlanRef};
use crate::{Store, StoreError};

/// The year of the demonstration's current plan.
pub const YEAR: i32 = 2026;

/// The id of the clone.
pub const YEAR_PLAN: &str = "KH204-2026";

/// Tasks of the illustrative appendix of the 2026 plan.
pub const APPENDIX_2026: &str = r#"
schema = 1

[[appendix_tasks]]
label = "1"
area = 2
text = "Rà soát, công bố danh mục thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình (minh họa)."
lead_unit = "H31.VPUB"
deadline = 2026-03-31
expected_output = "Quyết định công bố danh mục"

[[appendix_tasks]]
label = "2"
area = 3
text = "Trình phương án sắp xếp các đơn vị sự nghiệp công lập trực thuộc (minh họa)."
lead_unit = "H31.SNV"
cooperating = ["group:departments"]
deadline = 2026-06-30
expected_output = "Tờ trình UBND tỉnh"

[[appendix_tasks]]
label = "3"
area = 4
text = "Tổ chức thi tuyển công chức năm 2026 (minh họa)."
lead_unit = "H31.SNV"
deadline = 2026-09-30

[[appendix_tasks]]
label = "4"
area = 5
text = "Giao quyền tự chủ tài chính cho các đơn vị sự nghiệp công lập giai đoạn 2026–2030 (minh họa)."
lead_unit = "H31.STC"
deadline = 2026-11-30

[[appendix_tasks]]
label = "5"
area = 1
text = "Kiểm tra công tác ban hành văn bản quy phạm pháp luật tại cấp xã (minh họa)."
lead_unit = "H31.STP"
cooperating = ["group:communes"]
deadline = 2026-12-04

[[appendix_tasks]]
label = "6"
area = 6
text = "Triển khai ký số trên thiết bị di động cho cán bộ, công chức cấp xã (minh họa)."
lead_unit = "H31.SKHCN"
cooperating = ["H31.SNV"]
deadline = 2026-12-15
expected_output = "Báo cáo kết quả triển khai"
"#;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

/// Loads the 2026 plan unless it is stored; returns whether it did.
pub async fn load(store: &Store) -> Result<bool, StoreError> {
    if store.plan(&PlanRef::Key(YEAR_PLAN.into())).await?.is_some() {
        return Ok(false);
    }
    let source = PlanRef::Key(PROVINCIAL_PLAN.into());
    store.clone_plan_to_year(&source, YEAR, "lanhdao").await?;
    let plan = PlanRef::Key(YEAR_PLAN.into());
    match store.import_appendix(&plan, APPENDIX_2026, "lanhdao").await {
        Ok(_) => {}
        Err(PlanImportError::Store(e)) => return Err(e),
        Err(PlanImportError::Rejected(p)) => {
            return Err(StoreError::Invalid(format!("demo appendix: {}", p[0])));
        }
    }
    load_values(store).await?;
    load_progress(store).await?;
    Ok(true)
}

async fn load_values(store: &Store) -> Result<(), StoreError> {
    let half = Period {
        start: d(YEAR, 1, 1),
        end: d(YEAR, 6, 30),
    };
    let q3 = Period {
        start: d(YEAR, 1, 1),
        end: d(YEAR, 9, 30),
    };
    let online = "manual.work_files.online_share";
    let approved = [
        value_in(
            "manual.legal_docs.lawful_share",
            None,
            100.0,
            "H31.STP",
            half,
        )?,
        value_in(online, Some(Scope::Provincial), 58.0, "H31.SKHCN", half)?,
        value_in(online, Some(Scope::Provincial), 63.5, "H31.SKHCN", q3)?,
        value_in(online, Some(Scope::District), 47.0, "H31.SKHCN", q3)?,
        value_in(online, Some(Scope::Commune), 31.0, "H31.SKHCN", q3)?,
        value_in(
            "manual.staff.online_work_share",
            None,
            92.0,
            "H31.SNV",
            half,
        )?,
        value_in("manual.staff.online_work_share", None, 96.5, "H31.SNV", q3)?,
    ];
    for v in &approved {
        let id = store.report_value(v, "chuyenvien").await?;
        store
            .review_value(id, &Review::Approve, "quantricchc")
            .await?;
    }
    let pending = value_in(
        "manual.commune_staff.qualified_share",
        None,
        97.0,
        "H31.SNV",
        q3,
    )?;
    store.report_value(&pending, "chuyenvien").await?;
    Ok(())
}

async fn load_progress(store: &Store) -> Result<(), StoreError> {
    let updates = [
        (
            "PL/1",
            progress(
                "H31.VPUB",
                "Đã ban hành quyết định công bố danh mục.",
                100,
                Some(d(YEAR, 3, 25)),
            )?,
        ),
        (
            "PL/2",
            progress(
                "H31.SNV",
                "Đã trình UBND tỉnh, chậm do chờ ý kiến các sở.",
                100,
                Some(d(YEAR, 7, 15)),
            )?,
        ),
        (
            "PL/3",
            progress(
                "H31.SNV",
                "Đang chờ phê duyệt chỉ tiêu thi tuyển.",
                40,
                None,
            )?,
        ),
        (
            "NV/2.a",
            progress(
                "H31.VPUB",
                "Đã công bố 9 quyết định danh mục TTHC.",
                70,
                None,
            )?,
        ),
    ];
    for (task, update) in &updates {
        let full = format!("{YEAR_PLAN}/{task}");
        store.report_progress(&full, update, "chuyenvien").await?;
    }
    Ok(())
}
