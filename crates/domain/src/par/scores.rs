//! The scores file of a campaign (`unit,criterion,stage,points,not_applicable,note`): read
//! and checked all at once against the template and the campaign's units, each problem with
//! its line; and the stored rows gathered per unit for [`super::results`].

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;

use serde::Serialize;

use super::results::{LeafEntry, Score, UnitEntries};
use super::template::{Method, Template, points_problem};
use crate::csv_header::index_columns;
use crate::kpi::exact::Dec;

/// The columns of a scores file.
pub const COLUMNS: [&str; 6] = [
    "unit",
    "criterion",
    "stage",
    "points",
    "not_applicable",
    "note",
];

/// The round a score belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[serde(rename = "self")]
    SelfScore,
    #[serde(rename = "appraisal_1")]
    Appraisal1,
    #[serde(rename = "appraisal_2")]
    Appraisal2,
    Survey,
    Bonus,
    Penalty,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::SelfScore,
        Stage::Appraisal1,
        Stage::Appraisal2,
        Stage::Survey,
        Stage::Bonus,
        Stage::Penalty,
    ];

    /// The stable identifier (the file's `stage` column, the database).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::SelfScore => "self",
            Stage::Appraisal1 => "appraisal_1",
            Stage::Appraisal2 => "appraisal_2",
            Stage::Survey => "survey",
            Stage::Bonus => "bonus",
            Stage::Penalty => "penalty",
        }
    }

    /// The stage named `s`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Whether the stage scores the unit as a whole (no criterion).
    #[must_use]
    pub fn is_whole_unit(self) -> bool {
        matches!(self, Stage::Bonus | Stage::Penalty)
    }
}

/// One score: a line of the file, or a stored row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreRow {
    pub unit: String,
    /// The leaf's code; empty for a bonus or a penalty.
    pub criterion: String,
    pub stage: Stage,
    /// `None` when the leaf is declared not applicable.
    pub points: Option<Dec>,
    pub note: String,
}

/// A problem of one line of a scores file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineProblem {
    /// 1-based, the header being line 1.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LineProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "dòng {}: {}", self.line, self.message)
    }
}

/// Reads a scores file; every problem at once, or the rows.
pub fn parse_scores(
    text: &str,
    template: &Template,
    units: &BTreeSet<String>,
) -> Result<Vec<ScoreRow>, Vec<LineProblem>> {
    let problem = |line: usize, message: String| LineProblem { line, message };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| vec![problem(1, format!("không đọc được dòng tiêu đề: {e}"))])?
        .clone();
    let cols = index_columns(&header, &COLUMNS)
        .map_err(|missing| vec![problem(1, format!("thiếu cột: {}", missing.join(", ")))])?;
    let (mut rows, mut problems, mut seen) = (Vec::new(), Vec::new(), HashSet::new());
    for (line, record) in (2usize..).zip(reader.records()) {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(problem(line, format!("dòng CSV không hợp lệ: {e}")));
                continue;
            }
        };
        let field = |name: &str| record.get(cols[name]).unwrap_or("").to_owned();
        let raw = RawLine {
            unit: field("unit"),
            criterion: field("criterion"),
            stage: field("stage"),
            points: field("points"),
            not_applicable: field("not_applicable"),
            note: field("note"),
        };
        match check_line(&raw, template, units) {
            Ok(row) => {
                let key = (row.unit.clone(), row.criterion.clone(), row.stage);
                if seen.insert(key) {
                    rows.push(row);
                } else {
                    problems.push(problem(
                        line,
                        "đơn vị, tiêu chí và vòng chấm này đã có ở dòng trước".into(),
                    ));
                }
            }
            Err(messages) => problems.extend(messages.into_iter().map(|m| problem(line, m))),
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

struct RawLine {
    unit: String,
    criterion: String,
    stage: String,
    points: String,
    not_applicable: String,
    note: String,
}

fn check_line(
    raw: &RawLine,
    template: &Template,
    units: &BTreeSet<String>,
) -> Result<ScoreRow, Vec<String>> {
    let mut errors = Vec::new();
    if !units.contains(&raw.unit) {
        errors.push(format!("đơn vị '{}' không thuộc đợt đánh giá", raw.unit));
    }
    let not_applicable = match raw.not_applicable.to_lowercase().as_str() {
        "" | "0" | "false" | "no" => false,
        "1" | "true" | "yes" | "x" => true,
        other => {
            errors.push(format!("not_applicable '{other}' phải là 0 hoặc 1"));
            false
        }
    };
    let points = parse_points(&raw.points, not_applicable, &mut errors);
    let Some(stage) = Stage::parse(&raw.stage) else {
        let known: Vec<&str> = Stage::ALL.iter().map(|s| s.as_str()).collect();
        errors.push(format!(
            "vòng chấm '{}' không hợp lệ; chọn một trong: {}",
            raw.stage,
            known.join(", ")
        ));
        return Err(errors);
    };
    if stage.is_whole_unit() {
        check_whole_unit(raw, not_applicable, &mut errors);
    } else {
        check_leaf_score(raw, stage, points, not_applicable, template, &mut errors);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ScoreRow {
        unit: raw.unit.clone(),
        criterion: raw.criterion.clone(),
        stage,
        points: if not_applicable { None } else { points },
        note: raw.note.clone(),
    })
}

fn parse_points(text: &str, not_applicable: bool, errors: &mut Vec<String>) -> Option<Dec> {
    if text.is_empty() {
        if !not_applicable {
            errors.push("thiếu điểm".into());
        }
        return None;
    }
    if not_applicable {
        errors.push("tiêu chí không áp dụng thì không ghi điểm".into());
        return None;
    }
    let Some(points) = Dec::parse(text) else {
        errors.push(format!("điểm '{text}' không phải là số"));
        return None;
    };
    if let Some(m) = points_problem(points) {
        errors.push(m);
        return None;
    }
    Some(points)
}

fn check_whole_unit(raw: &RawLine, not_applicable: bool, errors: &mut Vec<String>) {
    if !raw.criterion.is_empty() {
        errors.push(format!(
            "điểm thưởng, điểm trừ không ghi tiêu chí (có '{}')",
            raw.criterion
        ));
    }
    if not_applicable {
        errors.push("điểm thưởng, điểm trừ không có 'không áp dụng'".into());
    }
}

fn check_leaf_score(
    raw: &RawLine,
    stage: Stage,
    points: Option<Dec>,
    not_applicable: bool,
    template: &Template,
    errors: &mut Vec<String>,
) {
    let Some(item) = template.find(&raw.criterion) else {
        errors.push(format!(
            "tiêu chí '{}' không có trong bộ tiêu chí {}",
            raw.criterion, template.code
        ));
        return;
    };
    if !item.is_leaf() {
        errors.push(format!(
            "tiêu chí '{}' có tiêu chí con: chấm điểm ở tiêu chí con",
            item.code
        ));
        return;
    }
    let survey_leaf = item.method() == Method::Survey;
    if survey_leaf != (stage == Stage::Survey) {
        errors.push(if survey_leaf {
            format!(
                "tiêu chí '{}' chấm bằng điều tra xã hội học: chỉ nhận vòng survey",
                item.code
            )
        } else {
            format!(
                "tiêu chí '{}' không chấm bằng điều tra xã hội học",
                item.code
            )
        });
    }
    if not_applicable && !item.allows_not_applicable() {
        errors.push(format!(
            "tiêu chí '{}' không cho phép 'không áp dụng'",
            item.code
        ));
    }
    if let (Some(p), Some(max)) = (points, item.max)
        && p > max
    {
        errors.push(format!(
            "điểm {p} vượt điểm tối đa {max} của tiêu chí '{}'",
            item.code
        ));
    }
}

/// Gathers stored rows into the entries of each unit (`units`: code and name, in order).
#[must_use]
pub fn gather(units: &[(String, String)], rows: &[ScoreRow]) -> Vec<UnitEntries> {
    let mut by_unit: BTreeMap<&str, UnitEntries> = units
        .iter()
        .map(|(code, name)| {
            let entries = UnitEntries {
                unit: code.clone(),
                name: name.clone(),
                ..UnitEntries::default()
            };
            (code.as_str(), entries)
        })
        .collect();
    for row in rows {
        let Some(entries) = by_unit.get_mut(row.unit.as_str()) else {
            continue;
        };
        let score = row.points.map_or(Score::NotApplicable, Score::Points);
        match row.stage {
            Stage::Bonus => entries.bonus = row.points,
            Stage::Penalty => entries.penalty = row.points,
            stage => {
                let leaf: &mut LeafEntry = entries.leaves.entry(row.criterion.clone()).or_default();
                let slot = match stage {
                    Stage::SelfScore => &mut leaf.self_score,
                    Stage::Appraisal1 => &mut leaf.appraisal_1,
                    Stage::Appraisal2 => &mut leaf.appraisal_2,
                    _ => &mut leaf.survey,
                };
                *slot = Some(score);
            }
        }
    }
    by_unit.into_values().collect()
}
