//! The data behind a target's page: each figure's monthly series (year to date from the
//! dossiers for an automatic indicator, else the approved reported values), its dossier
//! counts and sector breakdown, and the reported values with their review and evidence.

use super::Loaded;
use super::figure::{Figure, MONTHS};
use super::labels;
use super::view::{FigureCell, UnitNames};
use crate::time;
use cchc_domain::indicator::IndicatorSource as _;
use cchc_domain::plan::auto::AutoIndicator;
use cchc_domain::plan::sectors::ALL_GROUPS_KEY;
use cchc_domain::plan::{IndicatorId, IndicatorSource, MeasureUnit, Period, Threshold};
use cchc_store::plan_evidence::EvidenceInfo;
use cchc_store::plan_status::ThresholdState;
use cchc_store::plan_values::{ReportedValue, ValueState};
use chrono::{Datelike, NaiveDate};

/// One figure of the target with everything shown about it.
pub struct FigureView {
    pub index: usize,
    pub cell: FigureCell,
    pub svg: String,
    /// (month, value) for the months that have one.
    pub months: Vec<(&'static str, String)>,
    /// The series comes from the dossiers (else from approved reports).
    pub automatic: bool,
    /// The dossier counts behind an automatic figure, year to date: (what, count).
    pub counts: Vec<(&'static str, u64)>,
    /// The figure by sector group, for an automatic indicator of the whole scope.
    pub sectors: Vec<(String, String)>,
}

/// A reported value as listed, with its evidence files.
pub struct ValueRow {
    pub id: i64,
    pub figure: String,
    pub period: String,
    pub value: String,
    pub note: String,
    pub references: Vec<String>,
    pub files: Vec<EvidenceInfo>,
    pub unit: String,
    pub reported: String,
    pub state: &'static str,
    pub state_class: &'static str,
    /// Awaiting review, and the viewer may review it (the PAR admin, not their own report).
    pub reviewable: bool,
    pub review: String,
}

/// The plan's year up to `as_of`, or `None` before it starts.
fn span(year: Period, as_of: NaiveDate) -> Option<Period> {
    (as_of >= year.start).then(|| Period {
        start: year.start,
        end: as_of.min(year.end),
    })
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next?.pred_opt()
}

/// Year-to-date values of an automatic indicator at each month end up to the as-of day.
fn automatic_series(loaded: &Loaded, indicator: &IndicatorId) -> [Option<f64>; 12] {
    let year = loaded.stored.plan.period();
    let mut out = [None; 12];
    for (i, slot) in out.iter_mut().enumerate() {
        let Some(end) = month_end(year.start.year(), i as u32 + 1) else {
            continue;
        };
        let first_of_month = end.with_day(1).unwrap_or(end);
        if first_of_month > loaded.as_of || end < year.start {
            continue;
        }
        let period = Period {
            start: year.start,
            end: end.min(loaded.as_of),
        };
        *slot = loaded
            .source
            .value(indicator, &loaded.stored.plan.issuer, period);
    }
    out
}

/// Approved values of `t` at the month their period ends (the latest wins).
fn reported_series(t: &Threshold, values: &[ReportedValue], as_of: NaiveDate) -> [Option<f64>; 12] {
    let mut out = [None; 12];
    for v in values {
        if v.state == ValueState::Approved
            && v.indicator == t.indicator
            && v.tier == t.scope
            && v.period_end <= as_of
        {
            out[v.period_end.month0() as usize] = Some(v.value);
        }
    }
    out
}

fn format_for(unit: MeasureUnit) -> fn(f64) -> String {
    match unit {
        MeasureUnit::Percent => |v| format!("{} %", labels::number(v)),
        _ => labels::number,
    }
}

/// The dossier counts shown under an automatic figure.
fn counts(loaded: &Loaded, indicator: &IndicatorId) -> Vec<(&'static str, u64)> {
    let (Some((kind, key)), Some(span)) = (
        AutoIndicator::parse(indicator.as_str()),
        span(loaded.stored.plan.period(), loaded.as_of),
    ) else {
        return Vec::new();
    };
    let Some(t) = loaded.source.tally(span, key) else {
        return Vec::new();
    };
    match kind {
        AutoIndicator::OnTime => vec![
            (
                "Hồ sơ phải giải quyết (kỳ trước chuyển sang và tiếp nhận mới)",
                t.population,
            ),
            (
                "Đã giải quyết trước hạn, đúng hạn hoặc đang giải quyết trong hạn",
                t.on_time,
            ),
        ],
        AutoIndicator::Early => vec![
            ("Hồ sơ đã giải quyết", t.finished),
            ("Trong đó trước hạn", t.early),
        ],
        AutoIndicator::OnlineShare => vec![
            (
                "Hồ sơ tiếp nhận của TTHC toàn trình",
                t.full_online_received,
            ),
            ("Trong đó nộp trực tuyến", t.full_online_online),
        ],
        AutoIndicator::Satisfaction => vec![
            ("Hồ sơ được người nộp đánh giá", t.rated),
            ("Trong đó hài lòng", t.satisfied),
        ],
    }
}

/// The figure by sector group (and all groups together), year to date.
fn sectors(loaded: &Loaded, t: &Threshold) -> Vec<(String, String)> {
    let Some(span) = span(loaded.stored.plan.period(), loaded.as_of) else {
        return Vec::new();
    };
    if loaded.source.is_building() {
        return Vec::new();
    }
    if !matches!(AutoIndicator::parse(t.indicator.as_str()), Some((_, None))) {
        return Vec::new();
    }
    let groups = loaded.source.groups();
    let keys = groups
        .iter()
        .map(|g| (g.key.clone(), g.name.clone()))
        .chain([(ALL_GROUPS_KEY.to_owned(), "Cả ba lĩnh vực".to_owned())]);
    keys.filter_map(|(key, name)| {
        let id = IndicatorId::parse(&format!("{}.{key}", t.indicator)).ok()?;
        let v = loaded.source.value(&id, &loaded.stored.plan.issuer, span);
        Some((name, labels::value(v, t.unit)))
    })
    .collect()
}

/// Every figure of the target.
pub fn figures(
    loaded: &Loaded,
    thresholds: &[Threshold],
    states: &[ThresholdState],
    values: &[ReportedValue],
) -> Vec<FigureView> {
    thresholds
        .iter()
        .zip(states)
        .enumerate()
        .map(|(index, (t, state))| figure_view(loaded, index, t, state, values))
        .collect()
}

/// One figure: its series (automatic when the dossiers give one, else the approved values),
/// the SVG and the data behind it.
fn figure_view(
    loaded: &Loaded,
    index: usize,
    t: &Threshold,
    state: &ThresholdState,
    values: &[ReportedValue],
) -> FigureView {
    let cell = FigureCell::new(state, t.aspirational);
    let auto = t.indicator.source() == IndicatorSource::Auto
        && t.scope.is_none()
        && loaded.source.computes(&t.indicator);
    let series = auto
        .then(|| automatic_series(loaded, &t.indicator))
        .filter(|s| s.iter().any(Option::is_some));
    let automatic = series.is_some();
    let series = series.unwrap_or_else(|| reported_series(t, values, loaded.as_of));
    let what = match cell.tier {
        "" => cell.what.clone(),
        tier => format!("{} — {tier}", cell.what),
    };
    let year = loaded.stored.plan.year;
    let figure = Figure {
        id: format!("figure-{index}"),
        title: format!("{what}: diễn biến năm {year}"),
        description: format!(
            "Giá trị {} theo tháng; ngưỡng {}; hiện tại {}.",
            if automatic {
                "lũy kế từ đầu năm"
            } else {
                "được duyệt"
            },
            cell.threshold,
            cell.value
        ),
        x_label: format!("Tháng (năm {year})"),
        y_label: what,
        values: series,
        threshold: t.value,
        threshold_label: format!("Ngưỡng {}", cell.threshold),
        y_max: if t.unit == MeasureUnit::Percent {
            100.0
        } else {
            0.0
        },
        format: format_for(t.unit),
    };
    let months = MONTHS
        .iter()
        .zip(series)
        .filter_map(|(m, v)| v.map(|v| (*m, labels::value(Some(v), t.unit))))
        .collect();
    FigureView {
        index,
        svg: figure.render(),
        months,
        automatic,
        counts: if automatic {
            counts(loaded, &t.indicator)
        } else {
            Vec::new()
        },
        sectors: if auto { sectors(loaded, t) } else { Vec::new() },
        cell,
    }
}

/// The row of a reported value of one of `thresholds`, `reviewable` by the viewer or not.
pub fn value_row(
    v: &ReportedValue,
    thresholds: &[Threshold],
    files: Vec<EvidenceInfo>,
    names: &UnitNames,
    reviewable: bool,
) -> ValueRow {
    let unit = thresholds
        .iter()
        .find(|t| t.indicator == v.indicator && t.scope == v.tier)
        .map_or(MeasureUnit::Percent, |t| t.unit);
    let tier = labels::tier(v.tier);
    let review = match (&v.reviewed_by, v.reviewed_at_ms, &v.review_note) {
        (Some(by), Some(at), note) => {
            let reason = note
                .as_deref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default();
            format!("{by}, {}{reason}", time::format_ms(at))
        }
        _ => String::new(),
    };
    ValueRow {
        id: v.id,
        figure: labels::auto_name(v.indicator.as_str())
            .map_or_else(|| v.indicator.to_string(), str::to_owned)
            + &if tier.is_empty() {
                String::new()
            } else {
                format!(" — {tier}")
            },
        period: format!(
            "{} – {}",
            time::format_date(v.period_start),
            time::format_date(v.period_end)
        ),
        value: labels::value(Some(v.value), unit),
        note: v.note.clone(),
        references: v.evidence.clone(),
        files,
        unit: names.code(&v.reporting_unit),
        reported: format!("{}, {}", v.reported_by, time::format_ms(v.reported_at_ms)),
        state: labels::review_state(v.state),
        state_class: match v.state {
            ValueState::Approved => "rag-met",
            ValueState::Returned => "rag-missed",
            ValueState::Submitted => "rag-none",
        },
        reviewable,
        review,
    }
}
