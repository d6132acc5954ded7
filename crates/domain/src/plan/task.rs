//! Tasks and the units they are assigned to (a unit code or a group of units).

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::target::Named;
use crate::org::UnitCode;

/// A task of the plan (an item of "NHIỆM VỤ, GIẢI PHÁP" or of the appendix).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    /// Local id, e.g. `NV/2.l#2` or `PL/12`.
    pub id: String,
    /// The area code (1–6).
    pub area: u8,
    /// The label as printed.
    pub label: String,
    /// The text, verbatim.
    pub text: String,
    /// The lead (chủ trì).
    pub lead_unit: UnitRef,
    /// The co-operating units (phối hợp) the text names.
    pub cooperating: Vec<UnitRef>,
    /// The deadline: the text's, or the plan's year end when it gives none.
    pub deadline: NaiveDate,
    /// Whether the text itself gives the deadline.
    pub deadline_given: bool,
    /// The expected output (sản phẩm), when the text names one.
    pub expected_output: Option<String>,
}

impl Task {
    /// The task's timing with its completion date, for the status rules.
    pub fn timing(&self, completed_on: Option<NaiveDate>) -> TaskTiming {
        TaskTiming {
            deadline: self.deadline,
            completed_on,
        }
    }
}

/// What the status and reminder rules need to know about a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskTiming {
    /// The deadline as assigned (a day; due by the end of that day).
    pub deadline: NaiveDate,
    /// The day the task was reported complete, if it was.
    pub completed_on: Option<NaiveDate>,
}

/// A group of units that a body of section III names as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitGroup {
    /// "Các sở, ban, ngành thuộc tỉnh"
    Departments,
    /// "các đơn vị sự nghiệp công lập trực thuộc UBND tỉnh"
    PublicServiceUnits,
    /// "UBND các huyện, thị xã, thành phố"
    Districts,
    /// "UBND các xã, phường, thị trấn"
    Communes,
}

impl Named for UnitGroup {
    const WHAT: &'static str = "unit group";
    const NAMES: &'static [(&'static str, Self)] = &[
        ("departments", Self::Departments),
        ("public_service_units", Self::PublicServiceUnits),
        ("districts", Self::Districts),
        ("communes", Self::Communes),
    ];
}

/// A unit, or a group of units; written `H31.SNV` or `group:districts`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum UnitRef {
    Unit(UnitCode),
    Group(UnitGroup),
}

impl UnitRef {
    /// The prefix of a group marker.
    pub const GROUP_PREFIX: &'static str = "group:";

    /// Parses `H31.SNV` or `group:districts` (the unit is not looked up here).
    pub fn parse(s: &str) -> Result<Self, String> {
        match s.strip_prefix(Self::GROUP_PREFIX) {
            Some(group) => UnitGroup::from_name(group).map(Self::Group),
            None => UnitCode::parse(s).map(Self::Unit),
        }
    }

    /// The unit code, when it is one unit.
    pub fn unit(&self) -> Option<&UnitCode> {
        match self {
            Self::Unit(code) => Some(code),
            Self::Group(_) => None,
        }
    }
}

impl TryFrom<String> for UnitRef {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<UnitRef> for String {
    fn from(r: UnitRef) -> String {
        r.to_string()
    }
}

impl fmt::Display for UnitRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unit(code) => write!(f, "{code}"),
            Self::Group(group) => write!(f, "{}{}", Self::GROUP_PREFIX, group.name()),
        }
    }
}
