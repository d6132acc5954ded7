//! Exact figures of the QĐ 766 index: a decimal number ([`Dec`]) and a ratio of two exact
//! values ([`Ratio`]), whose percentage and points are rounded half-up to two decimals by
//! integer arithmetic (the national portal's rounding, docs/QD766.md). No published score or
//! ratio passes through binary floating point: a [`Dec`] is written in JSON as a number whose
//! text is its exact decimal digits.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An exact decimal number (a score, a maximum, a ratio, an entered count).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dec(Decimal);

impl Dec {
    pub const ZERO: Dec = Dec(Decimal::ZERO);
    pub const ONE: Dec = Dec(Decimal::ONE);

    /// A whole number.
    #[must_use]
    pub fn from_u64(n: u64) -> Self {
        Self(Decimal::from(n))
    }

    /// `mantissa × 10^-scale`, e.g. `Dec::new(433, 2)` is 4.33. A scale above 28 gives 0.
    #[must_use]
    pub fn new(mantissa: i64, scale: u32) -> Self {
        Self(Decimal::try_new(mantissa, scale).unwrap_or(Decimal::ZERO))
    }

    /// Parses decimal digits (`4.33`, `-0.5`, `20`); `None` for anything else.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Decimal::from_str_exact(text.trim()).ok().map(Self)
    }

    /// The decimal a JSON or TOML number was written as: the shortest digits that read back
    /// as `v` (what a parser keeps of `4.33` is the binary number nearest to it, whose
    /// shortest digits are `4.33` again). `None` for NaN, infinities and magnitudes beyond 28
    /// digits.
    #[must_use]
    pub fn from_f64(v: f64) -> Option<Self> {
        if !v.is_finite() {
            return None;
        }
        Self::parse(&v.to_string())
    }

    /// The binary number nearest to this decimal (for charts and spreadsheets: display only).
    #[must_use]
    pub fn to_f64(self) -> f64 {
        self.0.to_string().parse().unwrap_or(0.0)
    }

    /// Rounded half-up (away from zero) to two decimals.
    #[must_use]
    pub fn round2(self) -> Self {
        Self(
            self.0
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
        )
    }

    /// Rounded half-up and written with exactly two decimals: `4.30`, `17.35`.
    #[must_use]
    pub fn fixed2(self) -> String {
        let mut d = self.round2().0;
        d.rescale(2);
        d.to_string()
    }

    /// The value as a whole non-negative number, when it is one.
    #[must_use]
    pub fn whole(self) -> Option<u64> {
        let n = self.0.normalize();
        (n.scale() == 0)
            .then(|| u64::try_from(n.mantissa()).ok())
            .flatten()
    }

    /// This value × 100 (a fraction of 1 as a percentage), exactly, written with at least
    /// two decimals (`0.8` gives `80.00`).
    #[must_use]
    pub fn scaled_by_100(self) -> Self {
        let mut d = self.0.saturating_mul(Decimal::ONE_HUNDRED).normalize();
        if d.scale() < 2 {
            d.rescale(2);
        }
        Self(d)
    }

    #[must_use]
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    #[must_use]
    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// The value in hundredths when it has at most two decimals.
    #[must_use]
    pub fn hundredths(self) -> Option<u128> {
        let n = self.0.normalize();
        let mantissa = u128::try_from(n.mantissa()).ok()?;
        match n.scale() {
            0 => mantissa.checked_mul(100),
            1 => mantissa.checked_mul(10),
            2 => Some(mantissa),
            _ => None,
        }
    }

    /// `hundredths ÷ 100`.
    fn from_hundredths(h: u128, extra_scale: u32) -> Self {
        let m = i128::try_from(h).unwrap_or(i128::MAX);
        Self(Decimal::try_from_i128_with_scale(m, 2 + extra_scale).unwrap_or(Decimal::MAX))
    }

    /// The mantissa and scale of the value without trailing zeros.
    fn parts(self) -> (i128, u32) {
        let n = self.0.normalize();
        (n.mantissa(), n.scale())
    }
}

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Add for Dec {
    type Output = Dec;
    fn add(self, rhs: Dec) -> Dec {
        Dec(self.0.saturating_add(rhs.0))
    }
}

impl Sub for Dec {
    type Output = Dec;
    fn sub(self, rhs: Dec) -> Dec {
        Dec(self.0.saturating_sub(rhs.0))
    }
}

impl Sum for Dec {
    fn sum<I: Iterator<Item = Dec>>(iter: I) -> Dec {
        iter.fold(Dec::ZERO, Add::add)
    }
}

/// The binary number nearest to the decimal, for what stores binary numbers anyway (chart
/// coordinates, spreadsheet cells): never for a figure computed further.
impl From<Dec> for f64 {
    fn from(d: Dec) -> f64 {
        d.to_f64()
    }
}

impl From<u64> for Dec {
    fn from(n: u64) -> Self {
        Self::from_u64(n)
    }
}

/// A JSON number whose text is the decimal's digits: the binary number written is the one
/// nearest to the decimal, whose shortest digits (what serde_json writes) are the decimal's.
impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.to_f64())
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Dec;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Dec, E> {
                Ok(Dec::from_u64(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Dec, E> {
                Ok(Dec(Decimal::from(v)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Dec, E> {
                Dec::from_f64(v).ok_or_else(|| E::custom(format!("{v} is not a decimal number")))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// `num ÷ den` rounded half-up to a whole number (`num`, `den` > 0).
#[must_use]
pub fn div_half_up(num: u128, den: u128) -> u128 {
    let q = num / den;
    let r = num % den;
    if r >= den - r { q + 1 } else { q }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The largest denominator a [`Ratio`] holds exactly: its products with a percentage scale
/// (10⁴) or with points in hundredths (≤ 10⁵, times a threshold ≤ 10⁴) stay within 128 bits.
const LIMIT: u128 = 10u128.pow(30);

/// `num ÷ den` of non-negative values with `den > 0`, held as two integers in lowest terms,
/// clamped to [0, 1] (a numerator above its denominator counts as the whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    num: u128,
    den: u128,
}

impl Ratio {
    /// `num ÷ den` of two counts (exact: a count is below 2⁶⁴); `None` when `den` is 0.
    #[must_use]
    pub fn of_counts(num: u64, den: u64) -> Option<Self> {
        Self::reduced(u128::from(num), u128::from(den))
    }

    /// `num ÷ den` of exact values; `None` when `den ≤ 0`. A negative numerator counts as 0.
    #[must_use]
    pub fn new(num: Dec, den: Dec) -> Option<Self> {
        if den.is_negative() || den.is_zero() {
            return None;
        }
        if num.is_negative() {
            return Self::reduced(0, 1);
        }
        let ((n, sn), (d, sd)) = (num.parts(), den.parts());
        let scale = |m: i128, by: u32| {
            10u128
                .checked_pow(by)
                .and_then(|p| u128::try_from(m).ok()?.checked_mul(p))
        };
        let common = (scale(n, sn.max(sd) - sn), scale(d, sn.max(sd) - sd));
        match common {
            (Some(n), Some(d)) => Self::reduced(n, d).filter(|r| r.den <= LIMIT),
            _ => None,
        }
        .or_else(|| {
            // Beyond 30 digits once on one scale: the quotient to 28 digits (never reached
            // by counts, whose ratios are exact).
            let q = num.0.checked_div(den.0)?.min(Decimal::ONE).normalize();
            Self::reduced(u128::try_from(q.mantissa()).ok()?, 10u128.pow(q.scale()))
        })
    }

    fn reduced(num: u128, den: u128) -> Option<Self> {
        if den == 0 {
            return None;
        }
        let num = num.min(den);
        let g = gcd(num, den).max(1);
        Some(Self {
            num: num / g,
            den: den / g,
        })
    }

    /// The percentage, rounded half-up to two decimals (`80.06` for 261/326).
    #[must_use]
    pub fn percent(self) -> Dec {
        Dec::from_hundredths(div_half_up(10_000 * self.num, self.den), 0)
    }

    /// The percentage as a fraction of 1 (`0.8006`): four decimals.
    #[must_use]
    pub fn fraction(self) -> Dec {
        Dec::from_hundredths(div_half_up(10_000 * self.num, self.den), 2)
    }

    /// `max × r`, rounded half-up to two decimals. `max` has at most two decimals and is at
    /// most 1,000 (checked by the definitions, as is a threshold ≤ 100), so the products hold in 128 bits.
    #[must_use]
    pub fn times(self, max: Dec) -> Dec {
        let m = max.hundredths().unwrap_or(0);
        Dec::from_hundredths(div_half_up(m * self.num, self.den), 0)
    }

    /// `min(max, max × r ÷ threshold)`, rounded half-up to two decimals: full points from
    /// `r = threshold` on. `threshold` (> 0) has at most two decimals.
    #[must_use]
    pub fn times_capped(self, max: Dec, threshold: Dec) -> Dec {
        let m = max.hundredths().unwrap_or(0);
        let t = threshold.hundredths().unwrap_or(100).max(1);
        let h = div_half_up(m * 100 * self.num, self.den * t).min(m);
        Dec::from_hundredths(h, 0)
    }
}
