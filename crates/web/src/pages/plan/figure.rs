//! A target's figure over its year as a hand-written SVG (no script): one point per month
//! with a value, the line broken where a month has none, and the threshold as a dashed line.
//! Accessible (`role="img"`, `<title>`, `<desc>`, axis labels, a `<title>` per point) and
//! printable. The scale helpers are the shared ones of `crate::chart`.

use std::fmt::Write as _;

use crate::chart::{Linear, band_centre, escape, ticks};

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 48.0;

/// The months of a year as the x axis writes them.
pub const MONTHS: [&str; 12] = [
    "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12",
];

/// One figure: twelve monthly values and the threshold.
#[derive(Debug, Clone)]
pub struct Figure {
    /// Prefix of the element ids (unique on the page).
    pub id: String,
    pub title: String,
    pub description: String,
    pub x_label: String,
    pub y_label: String,
    /// One value per month; `None` is a gap.
    pub values: [Option<f64>; 12],
    pub threshold: f64,
    /// e.g. `Ngưỡng > 95 %`.
    pub threshold_label: String,
    /// The least top of the value axis (100 for a share).
    pub y_max: f64,
    pub format: fn(f64) -> String,
}

impl Figure {
    fn x(i: usize) -> f64 {
        band_centre(i, MONTHS.len(), LEFT, WIDTH - RIGHT)
    }

    /// The figure as an `<svg>` element.
    #[must_use]
    pub fn render(&self) -> String {
        let top = self
            .values
            .iter()
            .flatten()
            .fold(self.y_max.max(self.threshold), |a, b| a.max(*b));
        let ticks = ticks(top, 5);
        let y = Linear {
            d0: 0.0,
            d1: ticks.last().copied().unwrap_or(1.0),
            r0: HEIGHT - BOTTOM,
            r1: TOP,
        };
        let id = escape(&self.id);
        let mut s = String::new();
        let _ = write!(
            s,
            "<svg class=\"chart plan-figure\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" \
             aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
             <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
            escape(&self.title),
            escape(&self.description)
        );
        self.axes(&mut s, &ticks, &y);
        self.threshold_line(&mut s, &y);
        self.series(&mut s, &y);
        s.push_str("</svg>");
        s
    }

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
        for (i, month) in MONTHS.iter().enumerate() {
            let _ = write!(
                s,
                "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{month}</text>",
                Self::x(i),
                HEIGHT - BOTTOM + 16.0
            );
        }
        let middle = (TOP + HEIGHT - BOTTOM) / 2.0;
        let _ = write!(
            s,
            "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\
             <text class=\"label\" x=\"12\" y=\"{middle:.1}\" text-anchor=\"middle\" \
             transform=\"rotate(-90 12 {middle:.1})\">{}</text></g>",
            (LEFT + WIDTH - RIGHT) / 2.0,
            HEIGHT - 8.0,
            escape(&self.x_label),
            escape(&self.y_label)
        );
    }

    fn threshold_line(&self, s: &mut String, y: &Linear) {
        let py = y.map(self.threshold);
        let _ = write!(
            s,
            "<g class=\"threshold\"><line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{py:.1}\" \
             y2=\"{py:.1}\" stroke-dasharray=\"6 4\"><title>{label}</title></line>\
             <text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{label}</text></g>",
            WIDTH - RIGHT,
            WIDTH - RIGHT,
            py - 5.0,
            label = escape(&self.threshold_label)
        );
    }

    fn series(&self, s: &mut String, y: &Linear) {
        let mut path = String::new();
        let mut pen_down = false;
        for (i, v) in self.values.iter().enumerate() {
            match v {
                Some(v) => {
                    let cmd = if pen_down { 'L' } else { 'M' };
                    let _ = write!(path, "{cmd}{:.1} {:.1} ", Self::x(i), y.map(*v));
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
        for (i, v) in self.values.iter().enumerate() {
            if let Some(v) = v {
                let _ = write!(
                    s,
                    "<circle class=\"point\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\">\
                     <title>{}: {}</title></circle>",
                    Self::x(i),
                    y.map(*v),
                    MONTHS[i],
                    escape(&(self.format)(*v))
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(values: [Option<f64>; 12]) -> Figure {
        Figure {
            id: "f".into(),
            title: "Tỷ lệ <đúng hạn>".into(),
            description: "Lũy kế".into(),
            x_label: "Tháng".into(),
            y_label: "%".into(),
            values,
            threshold: 95.0,
            threshold_label: "Ngưỡng > 95 %".into(),
            y_max: 100.0,
            format: |v| format!("{v}"),
        }
    }

    #[test]
    fn the_svg_has_a_title_axes_a_threshold_and_a_point_per_value() {
        let mut values = [None; 12];
        values[0] = Some(80.0);
        values[1] = Some(90.0);
        values[4] = Some(96.0);
        let svg = figure(values).render();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title id=\"f-title\">Tỷ lệ &lt;đúng hạn&gt;</title>"));
        assert!(svg.contains(">Tháng</text>") && svg.contains(">T12</text>"));
        assert!(svg.contains("stroke-dasharray") && svg.contains("Ngưỡng &gt; 95 %"));
        assert_eq!(svg.matches("<circle").count(), 3);
        let d = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(
            (d.matches('M').count(), d.matches('L').count()),
            (2, 1),
            "{d}"
        );
        assert!(svg.contains("<title>T5: 96</title>"));
        assert!(!svg.contains("<script"));
    }

    #[test]
    fn an_empty_figure_still_draws_its_frame_and_threshold() {
        let svg = figure([None; 12]).render();
        assert!(!svg.contains("<path"));
        assert!(svg.contains("stroke-dasharray"));
        assert_eq!(svg.matches("<circle").count(), 0);
    }
}
