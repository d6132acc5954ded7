//! A saved response of the national portal's evaluation API, read into units and metric rows:
//! `{"code":"OK","data":{"overview":UNIT,"evaluation":[UNIT…]}}`, a unit being
//! `{"departmentCode","departmentName","departmentLevel","totalScore","totalMaxScore","ratio",
//! "metrics":[{"code","name","numerator","denominator","ratio","score","maxScore"}]}`. Any
//! field but a metric's code may be null or absent. A file of another shape is refused with
//! the JSON path of its first problem (`$.data.evaluation[2].metrics[0].score`).

use serde::Serialize;
use serde_json::{Map, Value};

use super::exact::Dec;

/// A unit as the portal evaluated it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortalUnit {
    pub code: Option<String>,
    pub name: Option<String>,
    /// The portal's level, as given (a number or a text).
    pub level: Option<Value>,
    pub total_score: Option<Dec>,
    pub total_max_score: Option<Dec>,
    pub ratio: Option<Dec>,
    pub metrics: Vec<PortalMetric>,
}

/// A metric row as the portal published it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortalMetric {
    pub code: String,
    pub name: Option<String>,
    pub numerator: Option<Dec>,
    pub denominator: Option<Dec>,
    pub ratio: Option<Dec>,
    pub score: Option<Dec>,
    pub max_score: Option<Dec>,
}

/// Where a response departs from the portal's shape, and how.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ShapeError {
    /// A JSON path: `$`, `$.data.evaluation[3].metrics[1].numerator`.
    pub path: String,
    pub message: String,
}

fn refuse<T>(path: &str, message: impl Into<String>) -> Result<T, ShapeError> {
    Err(ShapeError {
        path: path.to_owned(),
        message: message.into(),
    })
}

/// What a JSON value is, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn object<'a>(v: &'a Value, path: &str) -> Result<&'a Map<String, Value>, ShapeError> {
    v.as_object().map_or_else(
        || refuse(path, format!("expected an object, found {}", kind(v))),
        Ok,
    )
}

/// A field, null when absent.
fn field<'a>(m: &'a Map<String, Value>, key: &str) -> &'a Value {
    m.get(key).unwrap_or(&Value::Null)
}

fn text(v: &Value, path: &str) -> Result<Option<String>, ShapeError> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        other => refuse(
            path,
            format!("expected a text or null, found {}", kind(other)),
        ),
    }
}

fn number(v: &Value, path: &str) -> Result<Option<Dec>, ShapeError> {
    let Value::Number(n) = v else {
        return match v {
            Value::Null => Ok(None),
            other => refuse(
                path,
                format!("expected a number or null, found {}", kind(other)),
            ),
        };
    };
    let exact = n
        .as_u64()
        .map(Dec::from_u64)
        .or_else(|| n.as_f64().and_then(Dec::from_f64));
    match exact {
        Some(d) => Ok(Some(d)),
        None => refuse(path, format!("{n} is not a decimal number")),
    }
}

fn level(v: &Value, path: &str) -> Result<Option<Value>, ShapeError> {
    match v {
        Value::Null => Ok(None),
        Value::Number(_) | Value::String(_) => Ok(Some(v.clone())),
        other => refuse(
            path,
            format!("expected a number, a text or null, found {}", kind(other)),
        ),
    }
}

fn metric(v: &Value, path: &str) -> Result<PortalMetric, ShapeError> {
    let m = object(v, path)?;
    let at = |key: &str| format!("{path}.{key}");
    let Some(code) = text(field(m, "code"), &at("code"))? else {
        return refuse(&at("code"), "a metric needs its code");
    };
    Ok(PortalMetric {
        code,
        name: text(field(m, "name"), &at("name"))?,
        numerator: number(field(m, "numerator"), &at("numerator"))?,
        denominator: number(field(m, "denominator"), &at("denominator"))?,
        ratio: number(field(m, "ratio"), &at("ratio"))?,
        score: number(field(m, "score"), &at("score"))?,
        max_score: number(field(m, "maxScore"), &at("maxScore"))?,
    })
}

fn unit(v: &Value, path: &str) -> Result<PortalUnit, ShapeError> {
    let u = object(v, path)?;
    let at = |key: &str| format!("{path}.{key}");
    let metrics = match field(u, "metrics") {
        Value::Null => Vec::new(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, m)| metric(m, &format!("{path}.metrics[{i}]")))
            .collect::<Result<_, _>>()?,
        other => {
            return refuse(
                &at("metrics"),
                format!("expected an array or null, found {}", kind(other)),
            );
        }
    };
    Ok(PortalUnit {
        code: text(field(u, "departmentCode"), &at("departmentCode"))?,
        name: text(field(u, "departmentName"), &at("departmentName"))?,
        level: level(field(u, "departmentLevel"), &at("departmentLevel"))?,
        total_score: number(field(u, "totalScore"), &at("totalScore"))?,
        total_max_score: number(field(u, "totalMaxScore"), &at("totalMaxScore"))?,
        ratio: number(field(u, "ratio"), &at("ratio"))?,
        metrics,
    })
}

/// The units of a response: the overview first, then the evaluation's, in order.
pub fn parse_evaluation(text: &str) -> Result<Vec<PortalUnit>, ShapeError> {
    let root: Value = serde_json::from_str(text).map_err(|e| ShapeError {
        path: "$".to_owned(),
        message: format!("not JSON ({e})"),
    })?;
    let top = object(&root, "$")?;
    match field(top, "code") {
        Value::String(c) if c == "OK" => {}
        other => return refuse("$.code", format!("expected \"OK\", found {other}")),
    }
    let data = object(field(top, "data"), "$.data")?;
    let mut units = Vec::new();
    let overview = field(data, "overview");
    if !overview.is_null() {
        units.push(unit(overview, "$.data.overview")?);
    }
    match field(data, "evaluation") {
        Value::Null if units.is_empty() => {
            return refuse("$.data", "neither an overview nor an evaluation");
        }
        Value::Null => {}
        Value::Array(items) => {
            for (i, u) in items.iter().enumerate() {
                units.push(unit(u, &format!("$.data.evaluation[{i}]"))?);
            }
        }
        other => {
            return refuse(
                "$.data.evaluation",
                format!("expected an array or null, found {}", kind(other)),
            );
        }
    }
    Ok(units)
}
