//! Time series over replicates: per series a mean line over a shaded band from the 5th to
//! the 95th percentile of the replicates; several series overlay n variants (one colour
//! each, in palette order).
//!
//! [`band_point`] summarises the replicates' values at one x; [`quantile`] is Hyndman–Fan
//! type 7 (numpy's default), so the band matches what a notebook would compute.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{chart_builder, finite_span, legend_share, style_mesh, tick_label, valid_range};
use super::{x_range, y_range, ChartText, Viewport};
use crate::output::style::{self, line_color, DrawResult, Drawing, GREY};

/// Opacity of a band's fill.
const BAND_ALPHA: f64 = 0.18;

/// One x of a series: the mean and the 5–95% interval of the replicates (units of the y
/// axis; `x` in the x axis's unit, e.g. days).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandPoint {
    /// Position on the x axis.
    pub x: f64,
    /// Mean over the replicates (the line).
    pub mean: f64,
    /// Lower edge of the band (5th percentile).
    pub low: f64,
    /// Upper edge of the band (95th percentile).
    pub high: f64,
}

/// One line with its band: a variant, or one quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct BandSeries {
    /// Legend label (none shown when empty).
    pub label: String,
    /// The points, x ascending (sorted again when drawn; non-finite values are skipped).
    pub points: Vec<BandPoint>,
}

/// Mean lines over shaded bands, one per series.
#[derive(Debug, Clone, PartialEq)]
pub struct BandChart {
    /// Title, axis descriptions (with units) and source line.
    pub text: ChartText,
    /// The series, in legend order; series i takes [`style::line_color`]`(i)`.
    pub series: Vec<BandSeries>,
    /// y axis starts at 0 (flows, counts) rather than near the data.
    pub y_from_zero: bool,
    /// Fixed y range (shares: Some((0.0, 1.0))).
    pub y_range: Option<(f64, f64)>,
    /// Shown as a legend entry describing the shading, e.g. "shaded: 5–95% of 5 replicates"; None = no such entry.
    pub band_note: Option<String>,
}

/// The mean, and the 5th and 95th percentiles ([`quantile`], type 7) of the finite values
/// in `samples`, at `x`; `None` when none is finite.
pub fn band_point(x: f64, samples: &[f64]) -> Option<BandPoint> {
    let mut sorted: Vec<f64> = samples.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let count = sorted.len() as f64;
    let sum: f64 = sorted.iter().sum();
    let mean = if sum.is_finite() {
        sum / count
    } else {
        // The sum overflowed (values near f64::MAX): average the scaled values.
        sorted.iter().map(|v| v / count).sum()
    };
    Some(BandPoint {
        x,
        mean,
        low: quantile(&sorted, 0.05),
        high: quantile(&sorted, 0.95),
    })
}

/// The `q`-quantile (0..=1, clamped) of `sorted` (ascending, finite), Hyndman–Fan type 7:
/// linear interpolation between the order statistics at `(n − 1)·q`, as numpy's default.
/// NaN when `sorted` is empty.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    let Some(&last) = sorted.last() else {
        return f64::NAN;
    };
    let q = if q.is_nan() { 0.5 } else { q.clamp(0.0, 1.0) };
    let position = (sorted.len() - 1) as f64 * q;
    let below = position.floor() as usize;
    if below + 1 >= sorted.len() {
        return last;
    }
    let fraction = position - below as f64;
    sorted[below] + fraction * (sorted[below + 1] - sorted[below])
}

impl BandSeries {
    /// Points with a finite x, x ascending (stable: ties keep their order).
    fn sorted_points(&self) -> Vec<BandPoint> {
        let mut points: Vec<BandPoint> = self
            .points
            .iter()
            .copied()
            .filter(|p| p.x.is_finite())
            .collect();
        points.sort_by(|a, b| a.x.total_cmp(&b.x));
        points
    }

    /// The band's outline: x ascending along `high`, back along `low`; empty unless some
    /// point has high > low.
    fn band_outline(points: &[BandPoint]) -> Vec<(f64, f64)> {
        let edges: Vec<&BandPoint> = points
            .iter()
            .filter(|p| p.low.is_finite() && p.high.is_finite() && p.high >= p.low)
            .collect();
        if !edges.iter().any(|p| p.high > p.low) {
            return Vec::new();
        }
        let top = edges.iter().map(|p| (p.x, p.high));
        let bottom = edges.iter().rev().map(|p| (p.x, p.low));
        top.chain(bottom).collect()
    }
}

impl BandChart {
    /// Every finite y value drawn (means and band edges).
    fn y_values(&self) -> impl Iterator<Item = f64> + '_ {
        self.series
            .iter()
            .flat_map(|s| s.points.iter())
            .filter(|p| p.x.is_finite())
            .flat_map(|p| [p.mean, p.low, p.high])
    }

    fn legend_lines(&self) -> usize {
        let labelled = self.series.iter().filter(|s| !s.label.is_empty()).count();
        labelled + usize::from(self.band_note.is_some())
    }
}

/// Width of the legend box as a share of the plot's width (a generous estimate).
const LEGEND_WIDTH_SHARE: f64 = 0.4;

/// The corner whose legend-sized box (`LEGEND_WIDTH_SHARE` of the width, `height_share` of
/// the height) covers the fewest drawn values, so a fixed y range (shares near 1) does not
/// put the legend over the lines; upper right when several tie (an automatic range leaves
/// the top free for it).
fn quietest_corner(
    series: &[Vec<BandPoint>],
    x: (f64, f64),
    y: (f64, f64),
    height_share: f64,
) -> SeriesLabelPosition {
    let width = (x.1 - x.0) * LEGEND_WIDTH_SHARE;
    let height = (y.1 - y.0) * height_share.max(0.05);
    let corners = [
        (SeriesLabelPosition::UpperRight, true, true),
        (SeriesLabelPosition::LowerRight, true, false),
        (SeriesLabelPosition::UpperLeft, false, true),
        (SeriesLabelPosition::LowerLeft, false, false),
    ];
    let covered = |right: bool, top: bool| {
        series
            .iter()
            .flatten()
            .flat_map(|p| [(p.x, p.mean), (p.x, p.low), (p.x, p.high)])
            .filter(|&(px, py)| {
                let in_x = if right {
                    px >= x.1 - width
                } else {
                    px <= x.0 + width
                };
                let in_y = if top {
                    py >= y.1 - height
                } else {
                    py <= y.0 + height
                };
                px.is_finite() && py.is_finite() && in_x && in_y
            })
            .count()
    };
    let mut best = (SeriesLabelPosition::UpperRight, usize::MAX);
    for (position, right, top) in corners {
        let count = covered(right, top);
        if count < best.1 {
            best = (position, count);
        }
    }
    best.0
}

impl Drawing for BandChart {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let series: Vec<Vec<BandPoint>> =
            self.series.iter().map(BandSeries::sorted_points).collect();
        let x_span = finite_span(
            series
                .iter()
                .flatten()
                .filter(|p| p.mean.is_finite() || p.low.is_finite() || p.high.is_finite())
                .map(|p| p.x),
        );
        let (x_from, x_to) = x_range(x_span);
        let (y_from, y_to) = valid_range(self.y_range).unwrap_or_else(|| {
            y_range(
                self.y_values(),
                self.y_from_zero,
                legend_share(self.legend_lines()),
            )
        });
        let mut chart =
            chart_builder(root, &self.text.title).build_cartesian_2d(x_from..x_to, y_from..y_to)?;
        style_mesh(&mut chart.configure_mesh(), &self.text)
            .x_label_formatter(&|x| tick_label(*x))
            .y_label_formatter(&|y| tick_label(*y))
            .draw()?;
        let view = Viewport::new((x_from, x_to), (y_from, y_to));
        // Every band first, so no band covers another series' line.
        for (index, points) in series.iter().enumerate() {
            let outline = view.clip_polygon(&BandSeries::band_outline(points));
            if !outline.is_empty() {
                let fill = line_color(index).mix(BAND_ALPHA).filled();
                chart.draw_series(std::iter::once(Polygon::new(outline, fill)))?;
            }
        }
        for (index, (points, source)) in series.iter().zip(&self.series).enumerate() {
            let color = line_color(index);
            let line: Vec<(f64, f64)> = points
                .iter()
                .filter(|p| p.mean.is_finite())
                .map(|p| (p.x, p.mean))
                .collect();
            let drawn = if line.len() == 1 {
                // A single point draws no line: mark it.
                let marks = line.into_iter().filter(|&p| view.contains(p));
                chart.draw_series(marks.map(|p| Circle::new(p, 4, color.filled())))?
            } else {
                let pieces = view.clip_polyline(&line);
                chart.draw_series(
                    pieces
                        .into_iter()
                        .map(|piece| PathElement::new(piece, color.stroke_width(2))),
                )?
            };
            if !source.label.is_empty() {
                drawn.label(source.label.as_str()).legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 24, y)], color.stroke_width(3))
                });
            }
        }
        if let Some(note) = &self.band_note {
            chart
                .draw_series(std::iter::empty::<Polygon<(f64, f64)>>())?
                .label(note.as_str())
                .legend(|(x, y)| {
                    Rectangle::new([(x, y - 7), (x + 24, y + 7)], GREY.mix(0.3).filled())
                });
        }
        if self.legend_lines() > 0 {
            let corner = quietest_corner(
                &series,
                (x_from, x_to),
                (y_from, y_to),
                legend_share(self.legend_lines()),
            );
            style::draw_legend(&mut chart, corner)?;
        }
        Ok(())
    }

    fn source_line(&self) -> String {
        self.text.source.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::charts::testing::assert_renders;

    fn text() -> ChartText {
        ChartText::new("Author rewards", "day", "STEEM per day", "rewardsim test")
    }

    fn chart(series: Vec<BandSeries>) -> BandChart {
        BandChart {
            text: text(),
            series,
            y_from_zero: true,
            y_range: None,
            band_note: Some("shaded: 5–95% of 5 replicates".into()),
        }
    }

    fn series(label: &str, points: Vec<BandPoint>) -> BandSeries {
        BandSeries {
            label: label.into(),
            points,
        }
    }

    #[test]
    fn the_legend_goes_where_the_lines_are_not() {
        let flat = |y: f64| -> Vec<BandPoint> {
            (0..10)
                .map(|d| BandPoint {
                    x: f64::from(d),
                    mean: y,
                    low: y,
                    high: y,
                })
                .collect()
        };
        let corner = |y| quietest_corner(&[flat(y)], (0.0, 9.0), (0.0, 1.0), 0.2);
        // Values near the top of a fixed 0..1 axis: the legend goes to the bottom right.
        assert!(matches!(corner(0.97), SeriesLabelPosition::LowerRight));
        assert!(matches!(corner(0.03), SeriesLabelPosition::UpperRight));
        assert!(matches!(corner(0.5), SeriesLabelPosition::UpperRight));
    }

    fn ramp(offset: f64) -> Vec<BandPoint> {
        (0..30)
            .map(|d| {
                let x = f64::from(d);
                let samples = [x + offset, x * 1.1 + offset, x * 0.9 + offset, x + 2.0];
                band_point(x, &samples).unwrap()
            })
            .collect()
    }

    #[test]
    fn quantiles_are_type_7() {
        let sorted = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&sorted, 0.0), 1.0);
        assert_eq!(quantile(&sorted, 0.5), 3.0);
        assert_eq!(quantile(&sorted, 1.0), 5.0);
        assert!((quantile(&sorted, 0.05) - 1.2).abs() < 1e-12);
        assert!((quantile(&sorted, 0.95) - 4.8).abs() < 1e-12);
        assert!((quantile(&[10.0, 20.0], 0.25) - 12.5).abs() < 1e-12);
        assert_eq!(quantile(&[7.0], 0.05), 7.0);
        assert!(quantile(&[], 0.5).is_nan());
        assert_eq!(quantile(&sorted, 2.0), 5.0);
    }

    #[test]
    fn band_points_ignore_non_finite_samples() {
        let point = band_point(3.0, &[5.0, 1.0, f64::NAN, 4.0, 2.0, 3.0]).unwrap();
        assert_eq!(point.x, 3.0);
        assert_eq!(point.mean, 3.0);
        assert!((point.low - 1.2).abs() < 1e-12);
        assert!((point.high - 4.8).abs() < 1e-12);
        assert_eq!(band_point(0.0, &[]), None);
        assert_eq!(band_point(0.0, &[f64::NAN, f64::INFINITY]), None);
        let one = band_point(1.0, &[2.5]).unwrap();
        assert_eq!((one.mean, one.low, one.high), (2.5, 2.5, 2.5));
        let huge = band_point(0.0, &[f64::MAX, f64::MAX]).unwrap();
        assert_eq!(huge.mean, f64::MAX);
    }

    #[test]
    fn band_outlines_go_out_along_high_and_back_along_low() {
        let points = [
            BandPoint {
                x: 0.0,
                mean: 1.0,
                low: 0.0,
                high: 2.0,
            },
            BandPoint {
                x: 1.0,
                mean: 1.0,
                low: f64::NAN,
                high: 2.0,
            },
            BandPoint {
                x: 2.0,
                mean: 1.0,
                low: 0.5,
                high: 1.5,
            },
        ];
        assert_eq!(
            BandSeries::band_outline(&points),
            [(0.0, 2.0), (2.0, 1.5), (2.0, 0.5), (0.0, 0.0)]
        );
        let flat = [BandPoint {
            x: 0.0,
            mean: 1.0,
            low: 1.0,
            high: 1.0,
        }];
        assert!(BandSeries::band_outline(&flat).is_empty());
    }

    #[test]
    fn renders_an_overlay() {
        let chart = chart(vec![
            series("steem_hf21", ramp(0.0)),
            series("hive", ramp(5.0)),
        ]);
        let svg = assert_renders(
            &chart,
            "Author rewards",
            &["steem_hf21", "hive", "STEEM per day"],
        );
        assert!(svg.contains("shaded: 5–95% of 5 replicates"));
        assert!(svg.contains("rewardsim test"));
    }

    #[test]
    fn renders_fixed_share_range_without_note() {
        let mut chart = chart(vec![series("Gini", ramp(0.0))]);
        chart.y_range = Some((0.0, 1.0));
        chart.y_from_zero = false;
        chart.band_note = None;
        chart.text.source = String::new();
        assert_renders(&chart, "Author rewards", &["Gini"]);
    }

    #[test]
    fn odd_data_does_not_panic() {
        let nan = BandPoint {
            x: 1.0,
            mean: f64::NAN,
            low: f64::NAN,
            high: f64::NAN,
        };
        let one = BandPoint {
            x: 4.0,
            mean: 2.0,
            low: 2.0,
            high: 2.0,
        };
        let inverted = BandPoint {
            x: 5.0,
            mean: 2.0,
            low: 3.0,
            high: 1.0,
        };
        let huge = BandPoint {
            x: f64::MAX,
            mean: -f64::MAX,
            low: f64::MIN,
            high: f64::MAX,
        };
        let infinite = BandPoint {
            x: f64::INFINITY,
            mean: 1.0,
            low: 0.0,
            high: 2.0,
        };
        let many: Vec<BandPoint> = (0..20_000)
            .map(|i| {
                let x = f64::from(i);
                BandPoint {
                    x,
                    mean: x.sin(),
                    low: x.sin() - 0.5,
                    high: x.sin() + 0.5,
                }
            })
            .collect();
        let cases = vec![
            vec![],
            vec![series("empty", vec![])],
            vec![series("all NaN", vec![nan, nan])],
            vec![series("one point", vec![one])],
            vec![series("", vec![one, inverted])],
            vec![series("huge", vec![huge, one])],
            vec![series("infinite x", vec![infinite, one])],
            vec![series("many", many)],
            (0..12)
                .map(|i| series(&format!("v{i}"), ramp(f64::from(i))))
                .collect(),
        ];
        for case in cases {
            let mut chart = chart(case);
            style::render_svg(&chart).unwrap();
            chart.y_range = Some((1.0, 1.0));
            chart.y_from_zero = false;
            style::render_svg(&chart).unwrap();
        }
    }
}
