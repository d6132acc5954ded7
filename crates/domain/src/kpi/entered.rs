//! Figures of the QĐ 766 index that cchc cannot hold, entered by hand per unit and period: the
//! rows measured `manual` (national data: publication 1.1–1.3, sync ratio 1.4, the CLGQ
//! rows …) take a numerator and a denominator; the distinct-procedure rows (3.5 B and C, 4.5a)
//! take the national catalogue's denominator, their numerator being counted. The portal
//! publishes the index by month, quarter and year, so a value is entered for one of those.

use super::exact::Dec;
use super::i766::{Definitions, ManualValue, Measure};
use super::period::Period;
use chrono::{Datelike, Months};

/// What a row takes by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A numerator and a denominator (national data).
    Fraction,
    /// The denominator alone (the numerator is counted from the dossiers).
    Denominator,
}

impl EntryKind {
    /// What a row measuring `m` takes by hand; `None` for a row counted whole.
    #[must_use]
    pub const fn of(m: Measure) -> Option<Self> {
        match m {
            Measure::Manual => Some(Self::Fraction),
            Measure::ProceduresCitizenData
            | Measure::ProceduresPaidOnline
            | Measure::ProceduresWithFee => Some(Self::Denominator),
            _ => None,
        }
    }
}

/// Why an entry was refused (each names the field at fault).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("không có chỉ số mã {0} trong bộ chỉ số QĐ 766")]
    UnknownMetric(String),
    #[error("chỉ số {0} do hệ thống tự tính, không nhập tay")]
    Counted(String),
    #[error("chỉ số {0} cần nhập cả tử số và mẫu số")]
    NumeratorMissing(String),
    #[error("tử số của chỉ số {0} do hệ thống đếm từ hồ sơ; chỉ nhập mẫu số")]
    NumeratorCounted(String),
    #[error("tử số ({numerator}) lớn hơn mẫu số ({denominator})")]
    NumeratorAbove { numerator: u64, denominator: u64 },
    #[error("kỳ {0} không phải là tháng, quý hoặc năm (kỳ Cổng Dịch vụ công quốc gia đánh giá)")]
    Period(String),
}

impl EntryError {
    /// The input field at fault.
    #[must_use]
    pub const fn field(&self) -> &'static str {
        match self {
            Self::UnknownMetric(_) | Self::Counted(_) => "metric",
            Self::NumeratorMissing(_) | Self::NumeratorCounted(_) | Self::NumeratorAbove { .. } => {
                "numerator"
            }
            Self::Period(_) => "period",
        }
    }
}

/// Whether `p` is a calendar month, quarter or year.
#[must_use]
pub fn is_published_period(p: &Period) -> bool {
    let months = |n: u32| {
        p.start
            .checked_add_months(Months::new(n))
            .and_then(|d| d.pred_opt())
            == Some(p.end)
    };
    p.start.day() == 1
        && (months(1)
            || (months(3) && p.start.month() % 3 == 1)
            || (months(12) && p.start.month() == 1))
}

/// Checks an entry of `metric` for `period` against the definitions: the value to store.
pub fn check_entry(
    defs: &Definitions,
    metric: &str,
    period: &Period,
    numerator: Option<u64>,
    denominator: u64,
) -> Result<ManualValue, EntryError> {
    let def = defs
        .indicators
        .iter()
        .find(|d| d.code == metric)
        .ok_or_else(|| EntryError::UnknownMetric(metric.to_owned()))?;
    let kind = EntryKind::of(def.measure).ok_or_else(|| EntryError::Counted(metric.to_owned()))?;
    let numerator = match (kind, numerator) {
        (EntryKind::Fraction, None) => return Err(EntryError::NumeratorMissing(metric.into())),
        (EntryKind::Denominator, Some(_)) => {
            return Err(EntryError::NumeratorCounted(metric.into()));
        }
        (_, n) => n,
    };
    if let Some(n) = numerator.filter(|n| *n > denominator) {
        return Err(EntryError::NumeratorAbove {
            numerator: n,
            denominator,
        });
    }
    if !is_published_period(period) {
        return Err(EntryError::Period(format!(
            "{}..{}",
            period.start, period.end
        )));
    }
    Ok(ManualValue {
        numerator: numerator.map(Dec::from_u64),
        denominator: Some(Dec::from_u64(denominator)),
        ratio: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::i766::{ManualValues, Tier, evaluate};
    use crate::kpi::{Counts, parse_period};

    fn defs() -> Definitions {
        Definitions::shipped()
    }

    fn p(s: &str) -> Period {
        parse_period(s).unwrap()
    }

    #[test]
    fn months_quarters_and_years_are_published_periods_and_ranges_are_not() {
        for s in ["2026-02", "2026-12", "2026-Q1", "2026-Q4", "2026"] {
            assert!(is_published_period(&p(s)), "{s}");
        }
        for s in [
            "2026-01-01..2026-03-14",
            "2026-02-01..2026-04-30",
            "2026-02-02..2026-03-01",
        ] {
            assert!(!is_published_period(&p(s)), "{s}");
        }
    }

    #[test]
    fn entries_are_checked_against_the_row_and_the_period() {
        let d = defs();
        let q = p("2026-Q1");
        assert_eq!(
            check_entry(&d, "PUBLISH_ON_TIME", &q, Some(45), 50),
            Ok(ManualValue {
                numerator: Some(Dec::from_u64(45)),
                denominator: Some(Dec::from_u64(50)),
                ratio: None,
            })
        );
        let err = |m: &str, n: Option<u64>, den: u64, period: &Period| {
            check_entry(&d, m, period, n, den).unwrap_err()
        };
        assert_eq!(
            err("PUBLISH_ON_TIME", Some(51), 50, &q).field(),
            "numerator"
        );
        assert_eq!(
            err("X.9", Some(1), 2, &q),
            EntryError::UnknownMetric("X.9".into())
        );
        assert_eq!(
            err("2.1", Some(1), 2, &q),
            EntryError::Counted("2.1".into())
        );
        assert_eq!(err("PUBLISH_ON_TIME", None, 2, &q).field(), "numerator");
        let range = p("2026-01-01..2026-03-14");
        assert_eq!(err("PUBLISH_ON_TIME", Some(1), 2, &range).field(), "period");
    }

    #[test]
    fn an_entered_fraction_is_scored_and_a_row_without_one_is_not_computable() {
        let d = defs();
        let q = p("2026-Q1");
        let mut entered = ManualValues::new();
        let v = check_entry(&d, "PUBLISH_ON_TIME", &q, Some(45), 50).unwrap();
        entered.insert("PUBLISH_ON_TIME".to_owned(), v);
        let r = evaluate(&d, "H31", q, &Counts::default(), &entered, Tier::Province);
        let row = |code: &str| r.metrics.iter().find(|m| m.code == code).unwrap().clone();
        // 1.1 is worth 6 points: 6 · 45/50 = 5.40, ratio 0.9.
        let published = row("PUBLISH_ON_TIME");
        assert_eq!(
            published.score.map(|s| s.to_string()),
            Some("5.40".to_owned())
        );
        assert!(published.computable);
        let sync = row("DOSSIER_SYNC");
        assert_eq!((sync.computable, sync.score), (false, None));
    }
}
