//! A PAR Index criteria template (bộ tiêu chí): its JSON form, and its checks, each problem
//! named by the JSON path of the field at fault (docs/PAR.md).

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::kpi::exact::Dec;

/// The deepest a criteria tree goes: area → criterion → sub-criterion → item.
pub const MAX_DEPTH: usize = 4;

/// The unit groups a template scores, each ranked on its own.
pub const GROUPS: [&str; 3] = ["department", "commune", "district"];

/// How a leaf's points are found.
pub const METHODS: [&str; 3] = ["self", "auto", "survey"];

/// A criteria template as imported and exported. Fields it does not know are kept as they
/// came (`extra`), so a file with notes (sources, `provisional` flags) round-trips.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub code: String,
    pub name: String,
    pub year: i32,
    pub group: String,
    pub bands: Vec<Band>,
    pub bonus_max: Dec,
    pub penalty_max: Dec,
    pub items: Vec<Item>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A classification band: an index at or above `min` (and below the band above) earns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub label: String,
    pub min: Dec,
}

/// A node of the criteria tree: an area, a criterion or a scored leaf.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub code: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Dec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Whether the leaf may be declared not applicable (không áp dụng).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children: Option<Vec<Item>>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// How a leaf is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Self-assessed with evidence, then appraised.
    SelfAssessed,
    /// Computed from the system's figures, unless an appraiser adjusts it.
    Auto,
    /// From the sociological survey.
    Survey,
}

impl Item {
    /// Whether the node is scored itself (has no children).
    #[must_use]
    pub fn is_leaf(&self) -> bool {
        self.children.as_ref().is_none_or(Vec::is_empty)
    }

    /// The children (none for a leaf).
    #[must_use]
    pub fn kids(&self) -> &[Item] {
        self.children.as_deref().unwrap_or(&[])
    }

    /// The leaf's method (a validated template has one on every leaf).
    #[must_use]
    pub fn method(&self) -> Method {
        match self.method.as_deref() {
            Some("auto") => Method::Auto,
            Some("survey") => Method::Survey,
            _ => Method::SelfAssessed,
        }
    }

    /// Whether the leaf may be declared not applicable.
    #[must_use]
    pub fn allows_not_applicable(&self) -> bool {
        self.optional == Some(true)
    }

    /// The leaves at or under this node, in order.
    #[must_use]
    pub fn leaves(&self) -> Vec<&Item> {
        if self.is_leaf() {
            return vec![self];
        }
        self.kids().iter().flat_map(Item::leaves).collect()
    }
}

impl Template {
    /// Every leaf of the tree, in order.
    #[must_use]
    pub fn leaves(&self) -> Vec<&Item> {
        self.items.iter().flat_map(Item::leaves).collect()
    }

    /// The node with `code`, anywhere in the tree.
    #[must_use]
    pub fn find(&self, code: &str) -> Option<&Item> {
        fn walk<'a>(items: &'a [Item], code: &str) -> Option<&'a Item> {
            items.iter().find_map(|i| {
                (i.code == code)
                    .then_some(i)
                    .or_else(|| walk(i.kids(), code))
            })
        }
        walk(&self.items, code)
    }

    /// The sum of the leaves' maxima.
    #[must_use]
    pub fn total_max(&self) -> Dec {
        self.leaves().iter().filter_map(|l| l.max).sum()
    }
}

/// One problem of a template file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The JSON path of the field at fault (`items[0].children[2].max`).
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Reads and checks a template file; every problem at once.
pub fn parse_template(text: &str) -> Result<Template, Vec<Problem>> {
    let template: Template = serde_json::from_str(text).map_err(|e| {
        vec![Problem {
            path: "$".into(),
            message: format!("không đọc được JSON của bộ tiêu chí: {e}"),
        }]
    })?;
    let problems = validate(&template);
    if problems.is_empty() {
        Ok(template)
    } else {
        Err(problems)
    }
}

/// The problems of a template (empty when it is valid).
#[must_use]
pub fn validate(t: &Template) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut add = |path: &str, message: String| {
        out.push(Problem {
            path: path.to_owned(),
            message,
        });
    };
    if t.code.trim().is_empty() {
        add("code", "mã bộ tiêu chí không được để trống".into());
    }
    if !GROUPS.contains(&t.group.as_str()) {
        add(
            "group",
            format!(
                "nhóm '{}' không hợp lệ; chọn một trong: {}",
                t.group,
                GROUPS.join(", ")
            ),
        );
    }
    if !(2000..=2100).contains(&t.year) {
        add("year", format!("năm {} không hợp lệ", t.year));
    }
    for (name, value) in [("bonus_max", t.bonus_max), ("penalty_max", t.penalty_max)] {
        if let Some(m) = points_problem(value) {
            add(name, m);
        }
    }
    check_bands(&t.bands, &mut add);
    if t.items.is_empty() {
        add("items", "bộ tiêu chí chưa có lĩnh vực nào".into());
    }
    let mut seen = HashSet::new();
    for (i, item) in t.items.iter().enumerate() {
        check_item(item, &format!("items[{i}]"), 1, &mut seen, &mut add);
    }
    out
}

fn check_bands(bands: &[Band], add: &mut impl FnMut(&str, String)) {
    for (i, pair) in bands.windows(2).enumerate() {
        if pair[1].min >= pair[0].min {
            add(
                &format!("bands[{}].min", i + 1),
                format!(
                    "các mức xếp loại phải giảm dần theo điểm tối thiểu: {} không nhỏ hơn {}",
                    pair[1].min, pair[0].min
                ),
            );
        }
    }
    for (i, band) in bands.iter().enumerate() {
        if band.min.is_negative() || band.min > Dec::from_u64(100) {
            add(
                &format!("bands[{i}].min"),
                format!("điểm tối thiểu {} phải trong khoảng 0–100", band.min),
            );
        }
    }
}

fn check_item(
    item: &Item,
    path: &str,
    depth: usize,
    seen: &mut HashSet<String>,
    add: &mut impl FnMut(&str, String),
) {
    if item.code.trim().is_empty() {
        add(
            &format!("{path}.code"),
            "mã tiêu chí không được để trống".into(),
        );
    } else if !seen.insert(item.code.clone()) {
        add(
            &format!("{path}.code"),
            format!("mã tiêu chí '{}' bị trùng", item.code),
        );
    }
    if depth > MAX_DEPTH {
        add(path, format!("cây tiêu chí sâu quá {MAX_DEPTH} cấp"));
    }
    if item.is_leaf() {
        check_leaf(item, path, add);
        return;
    }
    if item.max.is_some() {
        add(
            &format!("{path}.max"),
            "tiêu chí có tiêu chí con không ghi điểm tối đa (bằng tổng các tiêu chí con)".into(),
        );
    }
    if item.method.is_some() {
        add(
            &format!("{path}.method"),
            "phương pháp chấm chỉ ghi ở tiêu chí không có tiêu chí con".into(),
        );
    }
    for (i, child) in item.kids().iter().enumerate() {
        check_item(
            child,
            &format!("{path}.children[{i}]"),
            depth + 1,
            seen,
            add,
        );
    }
}

fn check_leaf(item: &Item, path: &str, add: &mut impl FnMut(&str, String)) {
    match item.max {
        None => add(
            &format!("{path}.max"),
            format!("tiêu chí '{}' chưa có điểm tối đa", item.code),
        ),
        Some(max) => {
            if let Some(m) = points_problem(max) {
                add(&format!("{path}.max"), m);
            }
        }
    }
    match item.method.as_deref() {
        Some(m) if METHODS.contains(&m) => {}
        Some(m) => add(
            &format!("{path}.method"),
            format!(
                "phương pháp '{m}' không hợp lệ; chọn một trong: {}",
                METHODS.join(", ")
            ),
        ),
        None => add(
            &format!("{path}.method"),
            format!("tiêu chí '{}' chưa có phương pháp chấm", item.code),
        ),
    }
}

/// Why `value` is not a number of points (non-negative, at most two decimals).
#[must_use]
pub fn points_problem(value: Dec) -> Option<String> {
    if value.is_negative() {
        return Some(format!("điểm {value} không được âm"));
    }
    if value.hundredths().is_none() {
        return Some(format!("điểm {value} có quá 2 chữ số thập phân"));
    }
    None
}
