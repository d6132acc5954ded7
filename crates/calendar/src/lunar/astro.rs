//! Astronomy for the lunar calendar: new moons and the Sun's longitude, as local days at UTC+7.
//!
//! New moons follow J. Meeus, *Astronomical Algorithms* (2nd ed.), chapter 49 (within about a
//! quarter of a minute), and the Sun's apparent longitude chapter 25 (within about 0.01°, a
//! quarter of an hour for a solar term), both in Terrestrial Time; ΔT comes from the
//! Espenak–Meeus polynomials. Days are Julian Day Numbers (JDN) of the civil day in Vietnam
//! (UTC+7). Checked against an independent ephemeris for 1900–2100: the only month starts
//! this precision cannot settle are new moons and solar terms within a minute of midnight.

/// Hours east of Greenwich of the meridian the Vietnamese calendar is computed for.
const TIME_ZONE_HOURS: f64 = 7.0;

/// Mean length of a lunation in days.
const SYNODIC_MONTH: f64 = 29.530_588_861;

/// JDE of the mean new moon of lunation 0 (2000-01-06).
const LUNATION_ZERO: f64 = 2_451_550.097_66;

/// Julian Day of the epoch J2000.0.
const J2000: f64 = 2_451_545.0;

fn sin_deg(x: f64) -> f64 {
    x.to_radians().sin()
}

/// ΔT = TT − UT in seconds for a decimal year (Espenak–Meeus, valid 1900–2150).
fn delta_t_seconds(year: f64) -> f64 {
    let poly = |t: f64, c: &[f64]| c.iter().rev().fold(0.0, |acc, k| acc * t + k);
    match year {
        y if y < 1920.0 => poly(
            y - 1900.0,
            &[-2.79, 1.494_119, -0.059_893_9, 0.006_196_6, -0.000_197],
        ),
        y if y < 1941.0 => poly(y - 1920.0, &[21.20, 0.844_93, -0.076_100, 0.002_093_6]),
        y if y < 1961.0 => poly(y - 1950.0, &[29.07, 0.407, -1.0 / 233.0, 1.0 / 2547.0]),
        y if y < 1986.0 => poly(y - 1975.0, &[45.45, 1.067, -1.0 / 260.0, -1.0 / 718.0]),
        y if y < 2005.0 => poly(
            y - 2000.0,
            &[
                63.86,
                0.3345,
                -0.060_374,
                0.001_727_5,
                0.000_651_814,
                0.000_023_735_99,
            ],
        ),
        y if y < 2050.0 => poly(y - 2000.0, &[62.92, 0.322_17, 0.005_589]),
        y => {
            let u = (y - 1820.0) / 100.0;
            -20.0 + 32.0 * u * u - 0.5628 * (2150.0 - y)
        }
    }
}

/// ΔT in days at a Julian Day (TT or UT: the difference is immaterial here).
fn delta_t_days(jd: f64) -> f64 {
    delta_t_seconds(2000.0 + (jd - J2000) / 365.25) / 86_400.0
}

/// JDN of the UTC+7 civil day holding the instant `jde` (Terrestrial Time).
fn local_day(jde: f64) -> i32 {
    let jd_ut = jde - delta_t_days(jde);
    // Bounded by the table's range (about 1900–2100), so the cast cannot truncate.
    (jd_ut + 0.5 + TIME_ZONE_HOURS / 24.0).floor() as i32
}

/// The lunation whose mean new moon is nearest to the start of local day `day`.
pub(super) fn lunation_near(day: i32) -> i32 {
    ((f64::from(day) - LUNATION_ZERO) / SYNODIC_MONTH).round() as i32
}

/// JDE of the true new moon of lunation `k` (Meeus, chapter 49).
fn new_moon_jde(k: i32) -> f64 {
    let k = f64::from(k);
    let t = k / 1236.85;
    let (t2, t3, t4) = (t * t, t * t * t, t * t * t * t);
    let mean = LUNATION_ZERO + SYNODIC_MONTH * k + 0.000_154_37 * t2 - 0.000_000_150 * t3
        + 0.000_000_000_73 * t4;
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t2;
    let m = 2.5534 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3;
    let mp =
        201.5643 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3 - 0.000_000_058 * t4;
    let f =
        160.7108 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3 + 0.000_000_011 * t4;
    let om = 124.7746 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3;
    mean + periodic_terms(e, m, mp, f, om) + planetary_terms(k, t2)
}

/// The lunar and solar periodic corrections to a mean new moon, in days.
fn periodic_terms(e: f64, m: f64, mp: f64, f: f64, om: f64) -> f64 {
    let terms: [(f64, f64); 25] = [
        (-0.407_20, sin_deg(mp)),
        (0.172_41 * e, sin_deg(m)),
        (0.016_08, sin_deg(2.0 * mp)),
        (0.010_39, sin_deg(2.0 * f)),
        (0.007_39 * e, sin_deg(mp - m)),
        (-0.005_14 * e, sin_deg(mp + m)),
        (0.002_08 * e * e, sin_deg(2.0 * m)),
        (-0.001_11, sin_deg(mp - 2.0 * f)),
        (-0.000_57, sin_deg(mp + 2.0 * f)),
        (0.000_56 * e, sin_deg(2.0 * mp + m)),
        (-0.000_42, sin_deg(3.0 * mp)),
        (0.000_42 * e, sin_deg(m + 2.0 * f)),
        (0.000_38 * e, sin_deg(m - 2.0 * f)),
        (-0.000_24 * e, sin_deg(2.0 * mp - m)),
        (-0.000_17, sin_deg(om)),
        (-0.000_07, sin_deg(mp + 2.0 * m)),
        (0.000_04, sin_deg(2.0 * mp - 2.0 * f)),
        (0.000_04, sin_deg(3.0 * m)),
        (0.000_03, sin_deg(mp + m - 2.0 * f)),
        (0.000_03, sin_deg(2.0 * mp + 2.0 * f)),
        (-0.000_03, sin_deg(mp + m + 2.0 * f)),
        (0.000_03, sin_deg(mp - m + 2.0 * f)),
        (-0.000_02, sin_deg(mp - m - 2.0 * f)),
        (-0.000_02, sin_deg(3.0 * mp + m)),
        (0.000_02, sin_deg(4.0 * mp)),
    ];
    terms.iter().map(|(c, s)| c * s).sum()
}

/// The planetary-argument corrections to a new moon, in days.
fn planetary_terms(k: f64, t2: f64) -> f64 {
    let terms: [(f64, f64, f64); 14] = [
        (0.000_325, 299.77 + 0.107_408 * k - 0.009_173 * t2, 0.0),
        (0.000_165, 251.88, 0.016_321),
        (0.000_164, 251.83, 26.651_886),
        (0.000_126, 349.42, 36.412_478),
        (0.000_110, 84.66, 18.206_239),
        (0.000_062, 141.74, 53.303_771),
        (0.000_060, 207.14, 2.453_732),
        (0.000_056, 154.84, 7.306_860),
        (0.000_047, 34.52, 27.261_239),
        (0.000_042, 207.19, 0.121_824),
        (0.000_040, 291.34, 1.844_379),
        (0.000_037, 161.72, 24.198_154),
        (0.000_035, 239.56, 25.513_099),
        (0.000_023, 331.55, 3.592_518),
    ];
    terms
        .iter()
        .map(|(c, a0, rate)| c * sin_deg(a0 + rate * k))
        .sum()
}

/// JDN of the UTC+7 day on which lunation `k` begins (the day of the new moon).
pub(super) fn new_moon_day(k: i32) -> i32 {
    local_day(new_moon_jde(k))
}

/// Apparent geocentric longitude of the Sun in degrees, `0.0..360.0`, at `jde` (Meeus, ch. 25).
fn sun_longitude(jde: f64) -> f64 {
    let t = (jde - J2000) / 36_525.0;
    let l0 = 280.466_46 + 36_000.769_83 * t + 0.000_303_2 * t * t;
    let m = 357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t * t;
    let centre = (1.914_602 - 0.004_817 * t - 0.000_014 * t * t) * sin_deg(m)
        + (0.019_993 - 0.000_101 * t) * sin_deg(2.0 * m)
        + 0.000_289 * sin_deg(3.0 * m);
    let omega = 125.04 - 1_934.136 * t;
    let apparent = l0 + centre - 0.005_69 - 0.004_78 * sin_deg(omega);
    apparent.rem_euclid(360.0)
}

/// The 30° sector (0 = 0°..30°, …, 9 = 270°..300°) of the Sun at the start of local day `day`.
///
/// A month holds a major solar term (trung khí) exactly when the sector at its first day
/// differs from the sector at the first day of the next month.
pub(super) fn sun_sector_at_day_start(day: i32) -> i32 {
    let jd_ut = f64::from(day) - 0.5 - TIME_ZONE_HOURS / 24.0;
    let jde = jd_ut + delta_t_days(jd_ut);
    (sun_longitude(jde) / 30.0).floor() as i32
}

/// JDN of the UTC+7 day of the December solstice (Sun at 270°) of Gregorian `year`.
pub(super) fn december_solstice_day(year: i32) -> i32 {
    // Start from 21 December at noon and refine with the Sun's mean motion.
    let dec_21 = J2000 + 365.242_2 * f64::from(year - 2000) + 355.0;
    let mut jde = dec_21;
    for _ in 0..6 {
        let gap = (270.0 - sun_longitude(jde) + 180.0).rem_euclid(360.0) - 180.0;
        jde += gap * 365.242_2 / 360.0;
    }
    local_day(jde)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeus_example_49a_new_moon_1977_february() {
        // Meeus example 49.a: k = −283, JDE 2443192.65118.
        assert!((new_moon_jde(-283) - 2_443_192.651_18).abs() < 0.000_1);
    }

    #[test]
    fn meeus_example_25a_sun_1992_october_13() {
        // Meeus example 25.a: apparent longitude 199.90895° (this method: 199.90894°).
        assert!((sun_longitude(2_448_908.5) - 199.908_95).abs() < 0.000_1);
    }

    #[test]
    fn solstice_2024_is_21_december_in_vietnam() {
        // 2024-12-21 09:20 UTC = 16:20 at UTC+7; JDN of 2024-12-21 is 2460666.
        assert_eq!(december_solstice_day(2024), 2_460_666);
    }

    #[test]
    fn delta_t_is_about_a_minute_around_2000() {
        assert!((delta_t_seconds(2000.0) - 63.86).abs() < 0.01);
        assert!(delta_t_seconds(1900.0) < 0.0);
    }
}
