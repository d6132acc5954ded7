//! `/chi-so/xuat.xlsx?unit=&period=`: the statistics table (the unit and each child) and the
//! QĐ 766 metric rows as an Excel workbook, with Vietnamese headers, numbers as numbers and
//! ratios formatted as percentages. A row the system cannot compute is written as such, with
//! empty figures, never as zero.

use super::dashboard::stats_rows;
use super::source::{self, Figures};
use super::view::StatsRow;
use super::{KpiQuery, format_as_of, staff_selection};
use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use cchc_domain::kpi::{Definitions, MetricRow, Report, evaluate};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

/// The media type of an xlsx workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// What the workbook holds.
pub struct Export<'a> {
    pub unit_name: &'a str,
    pub period_label: &'a str,
    pub as_of: &'a str,
    pub stats: &'a [StatsRow],
    pub defs: &'a Definitions,
    pub report: &'a Report,
}

/// The cell styles.
struct Styles {
    title: Format,
    head: Format,
    text: Format,
    int: Format,
    pct: Format,
    score: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new().set_border(FormatBorder::Thin);
        Styles {
            title: Format::new().set_bold(),
            head: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            text: cell.clone().set_text_wrap(),
            int: cell.clone().set_num_format("#,##0"),
            pct: cell.clone().set_num_format("0.0%"),
            score: cell.set_num_format("0.00"),
        }
    }
}

/// The second header row of the statistics sheet, from column 3 on, under its groups.
const STATS_SUB: [&str; 11] = [
    "Tổng",
    "Trực tiếp",
    "Trực tuyến",
    "Bưu chính",
    "Tổng",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Tổng",
    "Trong hạn",
    "Quá hạn",
];

/// The workbook as bytes.
pub fn workbook(e: &Export<'_>) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut book = Workbook::new();
    stats_sheet(book.add_worksheet(), e, &styles)?;
    metrics_sheet(book.add_worksheet(), e, &styles)?;
    book.save_to_buffer()
}

fn stats_sheet(ws: &mut Worksheet, e: &Export<'_>, s: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Thống kê hồ sơ")?;
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    let title = format!(
        "Tình hình giải quyết hồ sơ — {} — {}",
        e.unit_name, e.period_label
    );
    ws.write_string_with_format(0, 0, &title, &s.title)?;
    ws.write_string(1, 0, format!("Số liệu tính đến {}", e.as_of))?;
    for (col, head) in [
        (0, "Đơn vị"),
        (1, "Mã đơn vị"),
        (2, "Tổng số hồ sơ"),
        (3, "Kỳ trước chuyển qua"),
        (15, "Tỷ lệ đúng hạn"),
    ] {
        ws.merge_range(3, col, 4, col, head, &s.head)?;
    }
    ws.merge_range(3, 4, 3, 7, "Tiếp nhận trong kỳ", &s.head)?;
    ws.merge_range(3, 8, 3, 11, "Đã giải quyết", &s.head)?;
    ws.merge_range(3, 12, 3, 14, "Đang giải quyết", &s.head)?;
    for (i, head) in (4u16..).zip(STATS_SUB) {
        ws.write_string_with_format(4, i, head, &s.head)?;
    }
    for (row, r) in (5u32..).zip(e.stats) {
        stats_row(ws, row, r, s)?;
    }
    ws.set_column_width(0, 40)?;
    ws.set_column_width(1, 16)?;
    for col in 2..=15 {
        ws.set_column_width(col, 11)?;
    }
    ws.set_freeze_panes(5, 1)?;
    Ok(())
}

/// One unit's figures on row `row`.
fn stats_row(ws: &mut Worksheet, row: u32, r: &StatsRow, s: &Styles) -> Result<(), XlsxError> {
    let st = &r.stats;
    ws.write_string_with_format(row, 0, &r.name, &s.text)?;
    ws.write_string_with_format(row, 1, &r.code, &s.text)?;
    let figures = [
        st.population,
        st.carried_over,
        r.received(),
        st.received.direct,
        st.received.online,
        st.received.postal,
        r.finished(),
        st.finished.early,
        st.finished.on_time,
        st.finished.late,
        r.unfinished(),
        st.unfinished.within,
        st.unfinished.overdue,
    ];
    for (col, n) in (2u16..).zip(figures) {
        #[expect(clippy::cast_precision_loss, reason = "counts stay far below 2^52")]
        ws.write_number_with_format(row, col, n as f64, &s.int)?;
    }
    match st.on_time_ratio {
        Some(r) => ws.write_number_with_format(row, 15, r, &s.pct)?,
        None => ws.write_string_with_format(row, 15, "không có hồ sơ", &s.text)?,
    };
    Ok(())
}

fn metrics_sheet(ws: &mut Worksheet, e: &Export<'_>, s: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Chỉ số 766")?;
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    let title = format!(
        "Chỉ số QĐ 766/QĐ-TTg — {} — {}",
        e.unit_name, e.period_label
    );
    ws.write_string_with_format(0, 0, &title, &s.title)?;
    ws.write_string(1, 0, format!("Số liệu tính đến {}", e.as_of))?;
    ws.write_string_with_format(2, 0, "Tổng điểm", &s.title)?;
    ws.write_number_with_format(2, 1, e.report.total_score, &s.score)?;
    ws.write_string_with_format(2, 2, "Tối đa tính được", &s.title)?;
    ws.write_number_with_format(2, 3, e.report.max_score, &s.score)?;
    let heads = [
        "Nhóm",
        "Số hiệu",
        "Mã chỉ tiêu",
        "Tên chỉ tiêu",
        "Tử số",
        "Mẫu số",
        "Tỷ lệ",
        "Điểm",
        "Điểm tối đa",
        "Ghi chú",
    ];
    for (col, h) in (0u16..).zip(heads) {
        ws.write_string_with_format(4, col, h, &s.head)?;
    }
    let mut row = 5u32;
    for m in &e.report.metrics {
        metric_row(ws, row, m, e, s)?;
        row += 1;
    }
    groups_block(ws, e, s, row + 1)?;
    for (col, width) in [(0, 24), (1, 8), (2, 30), (3, 60), (9, 24)] {
        ws.set_column_width(col, width)?;
    }
    Ok(())
}

/// One metric on row `row`: empty figures and a note when it cannot be computed.
fn metric_row(
    ws: &mut Worksheet,
    row: u32,
    m: &MetricRow,
    e: &Export<'_>,
    s: &Styles,
) -> Result<(), XlsxError> {
    let def = e.defs.indicator(&m.code);
    let group = def
        .and_then(|d| e.report.groups.iter().find(|g| g.code == d.group))
        .map_or("", |g| g.name.as_str());
    ws.write_string_with_format(row, 0, group, &s.text)?;
    let number = def.and_then(|d| d.number.as_deref()).unwrap_or("");
    ws.write_string_with_format(row, 1, number, &s.text)?;
    ws.write_string_with_format(row, 2, &m.code, &s.text)?;
    ws.write_string_with_format(row, 3, &m.name, &s.text)?;
    let cells = [
        (4, m.numerator, &s.int),
        (5, m.denominator, &s.int),
        (6, m.ratio, &s.pct),
        (7, m.score, &s.score),
    ];
    for (col, v, f) in cells {
        match v.filter(|_| m.computable) {
            Some(v) => ws.write_number_with_format(row, col, v, f)?,
            None => ws.write_blank(row, col, &s.text)?,
        };
    }
    ws.write_number_with_format(row, 8, m.max_score, &s.score)?;
    let note = match (m.computable, m.ratio, m.score) {
        (false, ..) => "không tính được",
        (true, None, Some(_)) => "mẫu số bằng 0",
        (true, _, None) => "theo dõi, không tính điểm",
        (true, Some(_), Some(_)) => "",
    };
    ws.write_string_with_format(row, 9, note, &s.text)?;
    Ok(())
}

/// The group scores, from row `row` on.
fn groups_block(
    ws: &mut Worksheet,
    e: &Export<'_>,
    s: &Styles,
    mut row: u32,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, 0, "Nhóm chỉ số", &s.head)?;
    ws.write_string_with_format(row, 7, "Điểm", &s.head)?;
    ws.write_string_with_format(row, 8, "Tối đa tính được", &s.head)?;
    for g in &e.report.groups {
        row += 1;
        ws.write_string_with_format(row, 0, &g.name, &s.text)?;
        match g.score {
            Some(v) => ws.write_number_with_format(row, 7, v, &s.score)?,
            None => ws.write_string_with_format(row, 7, "không tính được", &s.text)?,
        };
        ws.write_number_with_format(row, 8, g.max_score, &s.score)?;
    }
    Ok(())
}

/// GET `/chi-so/xuat.xlsx`: staff, within their subtree.
pub async fn get(
    staff: Staff,
    State(state): State<AppState>,
    Query(query): Query<KpiQuery>,
) -> Result<Response, AppError> {
    let (_, sel) = staff_selection(&staff, &state, &query).await?;
    let scope = sel.scope();
    let figures = Figures::load(&state, &scope).await?;
    let defs = Definitions::shipped();
    let manual = source::entered(&state).await?.of(sel.unit(), sel.period);
    let counts = figures.counts(&scope, &sel.window);
    let report = evaluate(&defs, sel.unit(), sel.period, &counts, &manual, sel.tier());
    let stats = stats_rows(&figures, &sel, &|_| None);
    let bytes = workbook(&Export {
        unit_name: &sel.tree.name,
        period_label: &sel.period_label(),
        as_of: &format_as_of(&sel),
        stats: &stats,
        defs: &defs,
        report: &report,
    })
    .map_err(AppError::internal)?;
    let name = format!("chi-so-{}-{}.xlsx", sel.unit(), sel.period_code());
    Ok((
        [
            (header::CONTENT_TYPE, XLSX.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
