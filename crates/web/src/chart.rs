//! Hand-written server-side SVG charts (no script, no third-party code): a line chart over
//! categories (months) with a linear value axis, accessible (`role="img"`, `<title>`,
//! `<desc>`, axis labels, a `<title>` on every point) and printable. Missing values break the
//! line: a month without data is drawn as a gap, never as a zero.

use std::fmt::Write as _;

/// Drawing size in SVG user units (the CSS scales it to the page width).
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
/// Room for the value axis labels, the category labels and the axis titles.
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 48.0;

/// A linear map from a domain `[d0, d1]` to a range `[r0, r1]` (the range may be reversed,
/// as the SVG y axis is).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Linear {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Linear {
    /// The position of `v`; a degenerate domain maps everything to `r0`.
    #[must_use]
    pub fn map(&self, v: f64) -> f64 {
        let span = self.d1 - self.d0;
        if span == 0.0 || !span.is_finite() {
            return self.r0;
        }
        self.r0 + (v - self.d0) / span * (self.r1 - self.r0)
    }
}

/// The centre of category `i` of `n` over `[r0, r1]` (equal bands).
#[must_use]
#[expect(clippy::cast_precision_loss, reason = "a handful of categories")]
pub fn band_centre(i: usize, n: usize, r0: f64, r1: f64) -> f64 {
    let n = n.max(1) as f64;
    r0 + (i as f64 + 0.5) * (r1 - r0) / n
}

/// Round tick values from 0 covering `max`: a step of 1, 2, 2.5 or 5 × 10^k giving at most
/// `target` intervals. The last tick is ≥ `max`; a non-positive or non-finite `max` gives
/// `[0, 1]`.
#[must_use]
pub fn ticks(max: f64, target: usize) -> Vec<f64> {
    if !max.is_finite() || max <= 0.0 {
        return vec![0.0, 1.0];
    }
    let target = target.max(1);
    let raw = max / target as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| (max / s).ceil() <= target as f64 + 1e-9)
        .unwrap_or(10.0 * magnitude);
    let count = (max / step - 1e-9).ceil().max(1.0);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "count ≤ target, small and positive"
    )]
    let count = count as usize;
    (0..=count).map(|i| step * i as f64).collect()
}

/// One line chart over categories.
#[derive(Debug, Clone)]
pub struct LineChart {
    /// Prefix of the element ids (unique on the page).
    pub id: String,
    pub title: String,
    /// A sentence for screen readers (what the chart shows, its latest value).
    pub description: String,
    pub x_label: String,
    pub y_label: String,
    /// Category labels, left to right.
    pub labels: Vec<String>,
    /// One value per category; `None` is drawn as a gap.
    pub values: Vec<Option<f64>>,
    /// The top of the value axis before rounding (e.g. the maximum score).
    pub y_max: f64,
    /// How values and ticks are written (e.g. `71,5` or `85 %`).
    pub format: fn(f64) -> String,
}

/// Escapes text for SVG/XML content and attributes.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl LineChart {
    /// The value scale: 0 at the bottom of the plot, the last tick at its top.
    fn y_scale(&self, top_tick: f64) -> Linear {
        Linear {
            d0: 0.0,
            d1: top_tick,
            r0: HEIGHT - BOTTOM,
            r1: TOP,
        }
    }

    fn x(&self, i: usize) -> f64 {
        band_centre(i, self.labels.len(), LEFT, WIDTH - RIGHT)
    }

    /// The chart as an `<svg>` element.
    #[must_use]
    pub fn render(&self) -> String {
        let top_value = self
            .values
            .iter()
            .flatten()
            .fold(self.y_max, |a, b| a.max(*b));
        let ticks = ticks(top_value, 5);
        let y = self.y_scale(ticks.last().copied().unwrap_or(1.0));
        let id = escape(&self.id);
        let mut s = String::new();
        let _ = write!(
            s,
            "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" \
             aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
             <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
            escape(&self.title),
            escape(&self.description)
        );
        self.axes(&mut s, &ticks, &y);
        self.line(&mut s, &y);
        s.push_str("</svg>");
        s
    }

    /// Grid lines with value labels, category labels and the axis titles.
    fn axes(&self, s: &mut String, ticks: &[f64], y: &Linear) {
        s.push_str("<g class=\"axis\">");
        for t in ticks {
            let py = y.map(*t);
            let _ = write!(
                s,
                "<line class=\"grid\" x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{py:.1}\" y2=\"{py:.1}\"/>\
                 <text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                WIDTH - RIGHT,
                LEFT - 6.0,
                py + 4.0,
                escape(&(self.format)(*t))
            );
        }
        for (i, label) in self.labels.iter().enumerate() {
            let _ = write!(
                s,
                "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                self.x(i),
                HEIGHT - BOTTOM + 16.0,
                escape(label)
            );
        }
        let _ = write!(
            s,
            "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\
             <text class=\"label\" x=\"12\" y=\"{:.1}\" text-anchor=\"middle\" \
             transform=\"rotate(-90 12 {:.1})\">{}</text></g>",
            (LEFT + WIDTH - RIGHT) / 2.0,
            HEIGHT - 8.0,
            escape(&self.x_label),
            (TOP + HEIGHT - BOTTOM) / 2.0,
            (TOP + HEIGHT - BOTTOM) / 2.0,
            escape(&self.y_label)
        );
    }

    /// The line (broken at missing values) and one titled point per value.
    fn line(&self, s: &mut String, y: &Linear) {
        let mut path = String::new();
        let mut pen_down = false;
        for (i, v) in self.values.iter().enumerate() {
            match v {
                Some(v) => {
                    let cmd = if pen_down { 'L' } else { 'M' };
                    let _ = write!(path, "{cmd}{:.1} {:.1} ", self.x(i), y.map(*v));
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        if !path.is_empty() {
            let _ = write!(
                s,
                "<path class=\"series\" fill=\"none\" d=\"{}\"/>",
                path.trim_end()
            );
        }
        for (i, (label, v)) in self.labels.iter().zip(&self.values).enumerate() {
            if let Some(v) = v {
                let _ = write!(
                    s,
                    "<circle class=\"point\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\">\
                     <title>{}: {}</title></circle>",
                    self.x(i),
                    y.map(*v),
                    escape(label),
                    escape(&(self.format)(*v))
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(ticks(100.0, 5), [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        let unit: Vec<f64> = ticks(1.0, 5).iter().map(|t| (t * 10.0).round()).collect();
        assert_eq!(unit, [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(ticks(62.0, 5), [0.0, 20.0, 40.0, 60.0, 80.0]);
        assert_eq!(ticks(7.0, 5), [0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(ticks(0.0, 5), [0.0, 1.0]);
        assert_eq!(ticks(f64::NAN, 5), [0.0, 1.0]);
    }

    #[test]
    fn the_value_axis_points_up() {
        let y = Linear {
            d0: 0.0,
            d1: 100.0,
            r0: 192.0,
            r1: 16.0,
        };
        assert_eq!(y.map(0.0), 192.0);
        assert_eq!(y.map(100.0), 16.0);
        assert_eq!(y.map(50.0), 104.0);
        let flat = Linear { d1: 0.0, ..y };
        assert_eq!(flat.map(3.0), 192.0);
    }

    #[test]
    fn bands_split_the_range_evenly() {
        assert_eq!(band_centre(0, 4, 0.0, 400.0), 50.0);
        assert_eq!(band_centre(3, 4, 0.0, 400.0), 350.0);
        assert_eq!(band_centre(0, 0, 0.0, 400.0), 200.0);
    }

    #[test]
    fn a_missing_value_breaks_the_line_and_has_no_point() {
        let chart = LineChart {
            id: "t".into(),
            title: "Điểm <tổng>".into(),
            description: "Mô tả".into(),
            x_label: "Tháng".into(),
            y_label: "Điểm".into(),
            labels: vec!["01".into(), "02".into(), "03".into(), "04".into()],
            values: vec![Some(10.0), None, Some(20.0), Some(30.0)],
            y_max: 100.0,
            format: |v| format!("{v}"),
        };
        let svg = chart.render();
        assert!(svg.contains("<title id=\"t-title\">Điểm &lt;tổng&gt;</title>"));
        assert_eq!(svg.matches("<circle").count(), 3);
        let d = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(d.matches('M').count(), 2, "{d}");
        assert_eq!(d.matches('L').count(), 1, "{d}");
        assert!(!svg.contains("<script"));
    }

    proptest! {
        #[test]
        fn the_scale_is_monotone_and_exact_at_its_ends(
            d1 in 0.001f64..1e6, r0 in 0.0f64..1000.0, r1 in 0.0f64..1000.0,
            a in 0.0f64..1.0, b in 0.0f64..1.0,
        ) {
            let s = Linear { d0: 0.0, d1, r0, r1 };
            prop_assert!((s.map(0.0) - r0).abs() < 1e-9);
            prop_assert!((s.map(d1) - r1).abs() < 1e-6 * (1.0 + r1.abs()));
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let (p, q) = (s.map(lo * d1), s.map(hi * d1));
            if r1 >= r0 { prop_assert!(p <= q + 1e-9); } else { prop_assert!(p + 1e-9 >= q); }
            // Inside the domain stays inside the range.
            prop_assert!(p >= r0.min(r1) - 1e-6 && p <= r0.max(r1) + 1e-6);
        }

        #[test]
        fn ticks_start_at_zero_cover_the_max_with_few_equal_round_steps(
            max in 1e-6f64..1e9, target in 1usize..12,
        ) {
            let t = ticks(max, target);
            prop_assert_eq!(t[0], 0.0);
            prop_assert!(t.len() >= 2 && t.len() <= target + 1);
            let last = *t.last().unwrap();
            prop_assert!(last >= max * (1.0 - 1e-9));
            let step = t[1];
            // One step fewer would not reach the maximum: no empty band on top.
            prop_assert!(last - step < max);
            for w in t.windows(2) {
                prop_assert!(((w[1] - w[0]) - step).abs() <= step * 1e-9);
            }
            let mantissa = step / 10f64.powf(step.log10().floor());
            prop_assert!(
                [1.0, 2.0, 2.5, 5.0, 10.0].iter().any(|m| (mantissa - m).abs() < 1e-6),
                "step {} mantissa {}", step, mantissa
            );
        }
    }
}
