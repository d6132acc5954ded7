//! `/ke-hoach/xuat.xlsx?year=&as_of=`: the plan's targets (one row per figure: threshold,
//! current value, where it came from, status) and tasks (units, deadlines, completion,
//! status in the national taxonomy) as an Excel workbook with Vietnamese headers. Numbers
//! are numbers; a figure without a value is an empty cell, never zero.

use super::view::UnitNames;
use super::{Loaded, PlanQuery, labels, load};
use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use crate::time;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use cchc_domain::plan::Target;
use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet, XlsxError};

/// The media type of an xlsx workbook.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

struct Styles {
    title: Format,
    head: Format,
    text: Format,
    number: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new().set_border(FormatBorder::Thin);
        Styles {
            title: Format::new().set_bold(),
            head: cell.clone().set_bold().set_text_wrap(),
            text: cell.clone().set_text_wrap(),
            number: cell.set_num_format("0.00"),
        }
    }
}

const TARGET_HEAD: [&str; 11] = [
    "Mã",
    "Lĩnh vực",
    "Mục tiêu",
    "Nội dung",
    "Chỉ tiêu",
    "Cấp",
    "Ngưỡng",
    "Giá trị hiện tại",
    "Nguồn số liệu",
    "Trạng thái chỉ tiêu",
    "Trạng thái mục tiêu",
];

const TASK_HEAD: [&str; 10] = [
    "Mã",
    "Lĩnh vực",
    "Nhiệm vụ",
    "Nội dung",
    "Chủ trì",
    "Phối hợp",
    "Thời hạn",
    "Hạn tính (ngày làm việc)",
    "Ngày hoàn thành",
    "Trạng thái",
];

fn head(ws: &mut Worksheet, row: u32, names: &[&str], s: &Styles) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        ws.write_with_format(row, c as u16, *name, &s.head)?;
    }
    Ok(())
}

fn targets_sheet(ws: &mut Worksheet, loaded: &Loaded, s: &Styles) -> Result<(), XlsxError> {
    let plan = &loaded.stored.plan;
    ws.set_name("Mục tiêu")?;
    let title = format!(
        "Kế hoạch {} — mục tiêu, tính đến ngày {}",
        plan.number,
        time::format_date(loaded.as_of)
    );
    ws.write_with_format(0, 0, title, &s.title)?;
    head(ws, 2, &TARGET_HEAD, s)?;
    let all = plan.headline.goals.iter().map(|g| (None, g)).chain(
        plan.areas
            .iter()
            .flat_map(|a| a.targets.iter().map(|t| (Some(a.code), t))),
    );
    let mut row = 3;
    for (area, target) in all {
        row = target_rows(ws, row, loaded, area, target, s)?;
    }
    ws.set_column_width(3, 60)?;
    ws.set_column_width(4, 36)?;
    Ok(())
}

fn target_rows(
    ws: &mut Worksheet,
    mut row: u32,
    loaded: &Loaded,
    area: Option<u8>,
    target: &Target,
    s: &Styles,
) -> Result<u32, XlsxError> {
    let Some(state) = loaded.status.targets.iter().find(|t| t.id == target.id) else {
        return Ok(row);
    };
    for th in &state.thresholds {
        let area_text = area.map_or_else(|| "Mục tiêu chung".to_owned(), |a| a.to_string());
        let texts = [
            target.id.clone(),
            area_text,
            target.label.clone(),
            target.text.clone(),
            th.indicator.to_string(),
            labels::tier(th.tier).to_owned(),
            labels::threshold(th.comparator, th.threshold, th.unit),
        ];
        for (c, text) in texts.iter().enumerate() {
            ws.write_with_format(row, c as u16, text, &s.text)?;
        }
        match th.value {
            Some(v) => ws.write_with_format(row, 7, v, &s.number)?,
            None => ws.write_blank(row, 7, &s.text)?,
        };
        ws.write_with_format(row, 8, labels::origin(th.origin), &s.text)?;
        ws.write_with_format(row, 9, labels::target_status(th.status), &s.text)?;
        ws.write_with_format(row, 10, labels::target_status(state.status), &s.text)?;
        row += 1;
    }
    Ok(row)
}

fn tasks_sheet(
    ws: &mut Worksheet,
    loaded: &Loaded,
    names: &UnitNames,
    s: &Styles,
) -> Result<(), XlsxError> {
    let plan = &loaded.stored.plan;
    ws.set_name("Nhiệm vụ")?;
    let title = format!(
        "Kế hoạch {} — nhiệm vụ, tính đến ngày {}",
        plan.number,
        time::format_date(loaded.as_of)
    );
    ws.write_with_format(0, 0, title, &s.title)?;
    head(ws, 2, &TASK_HEAD, s)?;
    for (i, t) in loaded.status.tasks.iter().enumerate() {
        let row = 3 + i as u32;
        let task = plan.tasks().find(|x| x.id == t.id);
        let cooperating = task
            .map(|x| {
                x.cooperating
                    .iter()
                    .map(|r| names.unit_ref(r))
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default();
        let texts = [
            t.id.clone(),
            t.area.to_string(),
            t.label.clone(),
            task.map(|x| x.text.clone()).unwrap_or_default(),
            names.code(&t.lead_unit),
            cooperating,
            time::format_date(t.deadline),
            time::format_date(t.effective_deadline),
            t.completed_on.map(time::format_date).unwrap_or_default(),
            t.status_vi.to_owned(),
        ];
        for (c, text) in texts.iter().enumerate() {
            ws.write_with_format(row, c as u16, text, &s.text)?;
        }
    }
    ws.set_column_width(3, 60)?;
    ws.set_column_width(4, 30)?;
    Ok(())
}

/// The workbook of a loaded plan, as bytes.
pub fn workbook(loaded: &Loaded, names: &UnitNames) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut book = Workbook::new();
    targets_sheet(book.add_worksheet(), loaded, &styles)?;
    tasks_sheet(book.add_worksheet(), loaded, names, &styles)?;
    book.save_to_buffer()
}

/// GET `/ke-hoach/xuat.xlsx`.
pub async fn get(
    _staff: Staff,
    State(state): State<AppState>,
    Query(query): Query<PlanQuery>,
) -> Result<Response, AppError> {
    let loaded = load(&state, &query).await?;
    let names = UnitNames::new(&state.org_units().await?);
    let bytes = workbook(&loaded, &names).map_err(AppError::internal)?;
    let file = format!("ke-hoach-{}.xlsx", loaded.stored.key);
    let headers = [
        (header::CONTENT_TYPE, XLSX.to_owned()),
        (
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file}\""),
        ),
    ];
    Ok((headers, bytes).into_response())
}
