//! The chart of `rewardsim curves plot`: claims per rshare relative to linear against
//! rshares (log x axis), one line per curve, a dashed marker at each content constant s.
//!
//! The points come from [`crate::calculators::curve_shapes`]; this module only draws them,
//! in the shared [`super::style`]. The y axis is logarithmic when the values span more than
//! a factor of [`LOG_Y_SPAN`] (e.g. with quadratic), linear otherwise.

use plotters::coord::ranged1d::{AsRangedCoord, Ranged, ValueFormatter};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{self, line_color, DrawResult, Drawing, BOLD_GRID, FAMILY, GREY, LIGHT_GRID};

/// The title of the chart.
pub const TITLE: &str = "Reward curves: claims per rshare, relative to linear";
/// The x axis description.
pub const X_DESC: &str = "rshares r (log scale)";
/// The y axis description: what is plotted, exactly.
pub const Y_DESC: &str = "claims(r) ÷ r ÷ curve scale (linear = 1)";
/// Above this ratio of the largest to the smallest value the y axis is logarithmic.
pub const LOG_Y_SPAN: f64 = 4.0;

/// One line: its legend label and (rshares, relative claims per rshare) points.
#[derive(Debug, Clone, PartialEq)]
pub struct CurveSeries {
    /// Legend label.
    pub label: String,
    /// (rshares, value) points, rshares increasing, every value finite and > 0.
    pub points: Vec<(f64, f64)>,
}

/// The whole chart.
#[derive(Debug, Clone, PartialEq)]
pub struct CurvesChart {
    /// The lines, in legend order (colours follow the palette in this order).
    pub series: Vec<CurveSeries>,
    /// Content constants to mark with a dashed vertical line, rshares.
    pub markers: Vec<f64>,
    /// The x range, rshares (from < to, both > 0).
    pub x_range: (f64, f64),
    /// The source line at the bottom.
    pub source: String,
}

impl CurvesChart {
    /// The smallest and largest plotted value (1, 1 when there are none).
    fn value_span(&self) -> (f64, f64) {
        let (low, high) = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1))
            .filter(|v| v.is_finite() && *v > 0.0)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        if low.is_finite() {
            (low, high)
        } else {
            (1.0, 1.0)
        }
    }

    /// True when the y axis is logarithmic.
    pub fn log_y(&self) -> bool {
        let (low, high) = self.value_span();
        high / low > LOG_Y_SPAN
    }

    /// Share of the plot's height the legend needs (0..1), so the lines stay below it.
    fn legend_share(&self) -> f64 {
        let plot_height = f64::from(style::SIZE.1 - style::SOURCE_STRIP) - 130.0;
        ((24.0 * self.series.len() as f64 + 36.0) / plot_height).clamp(0.0, 0.8)
    }

    fn draw_with<DB, Y>(&self, root: &DrawingArea<DB, Shift>, y: Y, y_top: f64) -> DrawResult<DB>
    where
        DB: DrawingBackend,
        Y: AsRangedCoord<Value = f64>,
        Y::CoordDescType: Ranged<ValueType = f64> + ValueFormatter<f64>,
    {
        let (from, to) = self.x_range;
        let mut chart = ChartBuilder::on(root)
            .caption(TITLE, (FAMILY, style::TITLE_SIZE))
            .margin(16)
            .x_label_area_size(56)
            .y_label_area_size(90)
            .build_cartesian_2d((from..to).log_scale(), y)?;
        chart
            .configure_mesh()
            .x_desc(X_DESC)
            .y_desc(Y_DESC)
            .axis_desc_style((FAMILY, style::AXIS_DESC_SIZE))
            .label_style((FAMILY, style::TICK_LABEL_SIZE))
            .light_line_style(LIGHT_GRID)
            .bold_line_style(BOLD_GRID)
            .x_label_formatter(&|x| power_of_ten(*x))
            .y_label_formatter(&|y| short_value(*y))
            .draw()?;
        for &s in &self.markers {
            let (low, _) = self.value_span();
            let bottom = low.min(1.0) * 0.5;
            chart.draw_series(DashedLineSeries::new(
                [(s, bottom), (s, y_top * 2.0)],
                6,
                4,
                GREY.stroke_width(1),
            ))?;
            chart.draw_series(std::iter::once(Text::new(
                format!(" s = {} (content constant)", power_of_ten(s)),
                (s, y_top),
                (FAMILY, style::TICK_LABEL_SIZE).into_font().color(&GREY),
            )))?;
        }
        for (index, series) in self.series.iter().enumerate() {
            let color = line_color(index);
            chart
                .draw_series(LineSeries::new(
                    series.points.iter().copied(),
                    color.stroke_width(3),
                ))?
                .label(series.label.as_str())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 24, y)], color.stroke_width(3))
                });
        }
        style::draw_legend(&mut chart, SeriesLabelPosition::UpperLeft)
    }
}

impl Drawing for CurvesChart {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let (low, high) = self.value_span();
        let reserved = self.legend_share();
        if self.log_y() {
            let bottom = low / 1.15;
            // The legend's share of the axis, on the log scale.
            let top = (bottom.ln() + (high.ln() - bottom.ln()) / (1.0 - reserved)).exp();
            self.draw_with(root, (bottom..top).log_scale(), top / 1.6)
        } else {
            let bottom = (low - 0.1).max(0.0);
            let top = bottom + (high - bottom).max(0.1) / (1.0 - reserved);
            self.draw_with(root, bottom..top, top - (top - bottom) * 0.04)
        }
    }

    fn source_line(&self) -> String {
        self.source.clone()
    }
}

/// `2e12`-style labels for rshares: mantissa to two significant digits.
pub fn power_of_ten(value: f64) -> String {
    if value <= 0.0 || !value.is_finite() {
        return "0".to_string();
    }
    let text = format!("{value:.1e}");
    text.replace(".0e", "e")
}

/// Labels for the y axis: up to two decimals, trailing zeros dropped.
fn short_value(value: f64) -> String {
    if value >= 1000.0 {
        return style::short_number(value);
    }
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(values: &[f64]) -> CurvesChart {
        CurvesChart {
            series: vec![CurveSeries {
                label: "convergent_linear (steem_hf21)".into(),
                points: values
                    .iter()
                    .enumerate()
                    .map(|(i, &v)| (10f64.powi(9 + i as i32), v))
                    .collect(),
            }],
            markers: vec![2e12],
            x_range: (1e9, 1e15),
            source: "rewardsim test".into(),
        }
    }

    #[test]
    fn labels() {
        assert_eq!(power_of_ten(2e12), "2e12");
        assert_eq!(power_of_ten(1e9), "1e9");
        assert_eq!(power_of_ten(2.5e12), "2.5e12");
        assert_eq!(short_value(0.5), "0.5");
        assert_eq!(short_value(1.0), "1");
        assert_eq!(short_value(0.75), "0.75");
        assert_eq!(short_value(2500.0), "2.5k");
    }

    #[test]
    fn log_y_only_for_wide_spans() {
        assert!(!chart(&[0.5, 0.6, 0.9]).log_y());
        assert!(chart(&[1.0, 10.0, 251.0]).log_y());
        assert!(!chart(&[]).log_y());
    }

    #[test]
    fn both_axes_draw_in_both_formats() {
        for values in [&[0.5, 0.6, 0.9][..], &[1.0, 10.0, 251.0][..], &[][..]] {
            let svg = style::render_svg(&chart(values)).unwrap();
            assert!(svg.contains("convergent_linear (steem_hf21)"));
            assert!(svg.contains("s = 2e12 (content constant)"));
        }
    }
}
