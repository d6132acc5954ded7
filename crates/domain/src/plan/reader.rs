//! Reading a TOML tree field by field, recording each problem with the path of its field.

use chrono::NaiveDate;
use toml::{Table, Value};

use super::PlanProblem;
use crate::text::nfc;

/// The problems found so far.
#[derive(Debug, Default)]
pub(super) struct Problems(pub Vec<PlanProblem>);

impl Problems {
    /// Records a problem at `path`.
    pub fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(PlanProblem {
            path: path.into(),
            message: message.into(),
        });
    }
}

/// A table of the file and where it is.
#[derive(Debug, Clone)]
pub(super) struct Node<'a> {
    pub path: String,
    table: &'a Table,
}

impl<'a> Node<'a> {
    /// The document's root table.
    pub fn root(table: &'a Table) -> Self {
        Self {
            path: String::new(),
            table,
        }
    }

    /// The path of the field `key` of this table.
    pub fn at(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// Records every key not in `allowed`.
    pub fn only(&self, allowed: &[&str], p: &mut Problems) {
        for key in self.table.keys().filter(|k| !allowed.contains(&k.as_str())) {
            p.push(
                self.at(key),
                format!("unknown field; expected one of {}", allowed.join(", ")),
            );
        }
    }

    /// Whether the field is present.
    pub fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    fn required<T>(
        &self,
        key: &str,
        p: &mut Problems,
        read: impl Fn(&Value) -> Result<T, String>,
    ) -> Option<T> {
        match self.table.get(key) {
            None => {
                p.push(self.at(key), "missing field");
                None
            }
            Some(v) => read(v).map_err(|m| p.push(self.at(key), m)).ok(),
        }
    }

    fn optional<T>(
        &self,
        key: &str,
        p: &mut Problems,
        read: impl Fn(&Value) -> Result<T, String>,
    ) -> Option<T> {
        let v = self.table.get(key)?;
        read(v).map_err(|m| p.push(self.at(key), m)).ok()
    }

    /// A required, non-empty text, trimmed and in NFC.
    pub fn text(&self, key: &str, p: &mut Problems) -> Option<String> {
        self.required(key, p, read_text)
    }

    /// An optional, non-empty text.
    pub fn opt_text(&self, key: &str, p: &mut Problems) -> Option<String> {
        self.optional(key, p, read_text)
    }

    /// A required text turned into a value by `parse`.
    pub fn parsed<T>(
        &self,
        key: &str,
        p: &mut Problems,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        self.required(key, p, |v| read_text(v).and_then(|s| parse(&s)))
    }

    /// An optional text turned into a value by `parse`.
    pub fn opt_parsed<T>(
        &self,
        key: &str,
        p: &mut Problems,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        self.optional(key, p, |v| read_text(v).and_then(|s| parse(&s)))
    }

    /// A required TOML date (`2023-12-31`).
    pub fn date(&self, key: &str, p: &mut Problems) -> Option<NaiveDate> {
        self.required(key, p, read_date)
    }

    /// An optional TOML date.
    pub fn opt_date(&self, key: &str, p: &mut Problems) -> Option<NaiveDate> {
        self.optional(key, p, read_date)
    }

    /// A required finite number (integer or float).
    pub fn number(&self, key: &str, p: &mut Problems) -> Option<f64> {
        self.required(key, p, read_number)
    }

    /// An optional finite number.
    pub fn opt_number(&self, key: &str, p: &mut Problems) -> Option<f64> {
        self.optional(key, p, read_number)
    }

    /// A required integer within `range`.
    pub fn int(
        &self,
        key: &str,
        p: &mut Problems,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<i64> {
        self.required(key, p, |v| match v.as_integer() {
            Some(n) if range.contains(&n) => Ok(n),
            Some(n) => Err(format!(
                "{n} is outside {}..={}",
                range.start(),
                range.end()
            )),
            None => Err(format!("expected an integer, found {}", v.type_str())),
        })
    }

    /// An optional boolean, false when absent.
    pub fn flag(&self, key: &str, p: &mut Problems) -> bool {
        self.optional(key, p, |v| {
            v.as_bool()
                .ok_or_else(|| format!("expected true or false, found {}", v.type_str()))
        })
        .unwrap_or(false)
    }

    /// An optional array of texts, each with its path; empty when absent.
    pub fn texts(&self, key: &str, p: &mut Problems) -> Vec<(String, String)> {
        let Some(items) = self.optional(key, p, |v| {
            v.as_array()
                .cloned()
                .ok_or_else(|| format!("expected an array of texts, found {}", v.type_str()))
        }) else {
            return Vec::new();
        };
        let path = self.at(key);
        items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let at = format!("{path}[{i}]");
                read_text(v)
                    .map_err(|m| p.push(&at, m))
                    .ok()
                    .map(|s| (at, s))
            })
            .collect()
    }

    /// A table; recorded as missing when `required` and absent.
    pub fn table(&self, key: &str, p: &mut Problems, required: bool) -> Option<Node<'a>> {
        let read = |v: &'a Value| {
            v.as_table()
                .ok_or_else(|| format!("expected a table, found {}", v.type_str()))
        };
        let table = match self.table.get(key) {
            None if required => {
                p.push(self.at(key), "missing field");
                return None;
            }
            None => return None,
            Some(v) => read(v).map_err(|m| p.push(self.at(key), m)).ok()?,
        };
        Some(Node {
            path: self.at(key),
            table,
        })
    }

    /// An array of tables (`[[key]]`); recorded as missing when `required` and absent.
    pub fn tables(&self, key: &str, p: &mut Problems, required: bool) -> Vec<Node<'a>> {
        let Some(value) = self.table.get(key) else {
            if required {
                p.push(self.at(key), "missing field");
            }
            return Vec::new();
        };
        let Some(items) = value.as_array() else {
            p.push(
                self.at(key),
                format!("expected an array of tables, found {}", value.type_str()),
            );
            return Vec::new();
        };
        let path = self.at(key);
        let mut nodes = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let at = format!("{path}[{i}]");
            match item.as_table() {
                Some(table) => nodes.push(Node { path: at, table }),
                None => p.push(at, format!("expected a table, found {}", item.type_str())),
            }
        }
        nodes
    }
}

fn read_text(v: &Value) -> Result<String, String> {
    let s = v
        .as_str()
        .ok_or_else(|| format!("expected a text, found {}", v.type_str()))?;
    let s = nfc(s);
    if s.is_empty() {
        Err("must not be empty".to_owned())
    } else {
        Ok(s)
    }
}

fn read_date(v: &Value) -> Result<NaiveDate, String> {
    let found = v
        .as_datetime()
        .map_or_else(|| v.type_str().to_owned(), ToString::to_string);
    let bad = || format!("expected a date such as 2023-12-31, found {found}");
    let dt = v.as_datetime().ok_or_else(bad)?;
    match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                .ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}

fn read_number(v: &Value) -> Result<f64, String> {
    let n = match v {
        Value::Integer(i) => *i as f64,
        Value::Float(f) => *f,
        other => return Err(format!("expected a number, found {}", other.type_str())),
    };
    if n.is_finite() {
        Ok(n)
    } else {
        Err("must be a finite number".to_owned())
    }
}
