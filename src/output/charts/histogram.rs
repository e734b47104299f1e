//! Distributions on a logarithmic x axis (e.g. payout per post, STEEM): one series is drawn
//! as translucent filled bars with an outline, several as step outlines, one palette colour
//! each, so they can be compared on one axis.
//!
//! Bins are given by the caller (edges and value, e.g. the share of posts in the bin); a bin
//! that cannot sit on a log axis (low ≤ 0, high ≤ low, non-finite) is skipped.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{chart_builder, finite_span, legend_share, style_mesh, three_significant};
use super::{tick_label, y_range, ChartText, Viewport};
use crate::output::style::{self, line_color, DrawResult, Drawing};

/// Opacity of a single series' bars.
const FILL_ALPHA: f64 = 0.45;

/// One bin: its edges on the x axis and its height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HistogramBin {
    /// Lower edge (x axis unit, > 0 for the log axis).
    pub low: f64,
    /// Upper edge (x axis unit, > low).
    pub high: f64,
    /// Height (y axis unit, e.g. share of posts).
    pub value: f64,
}

/// One distribution.
#[derive(Debug, Clone, PartialEq)]
pub struct HistogramSeries {
    /// Legend label (none shown when empty).
    pub label: String,
    /// The bins, in any order (sorted by their lower edge when drawn).
    pub bins: Vec<HistogramBin>,
}

/// Histograms on a log x axis, one series per colour.
#[derive(Debug, Clone, PartialEq)]
pub struct LogHistogram {
    /// Title, axis descriptions (with units) and source line.
    pub text: ChartText,
    /// The series, in legend order; series i takes [`style::line_color`]`(i)`.
    pub series: Vec<HistogramSeries>,
}

impl HistogramBin {
    /// True when the bin can be drawn on a log x axis.
    pub fn is_drawable(&self) -> bool {
        self.low.is_finite()
            && self.high.is_finite()
            && self.value.is_finite()
            && self.low > 0.0
            && self.high > self.low
    }
}

impl HistogramSeries {
    /// The drawable bins, lower edge ascending (stable).
    fn drawable_bins(&self) -> Vec<HistogramBin> {
        let mut bins: Vec<HistogramBin> = self
            .bins
            .iter()
            .copied()
            .filter(HistogramBin::is_drawable)
            .collect();
        bins.sort_by(|a, b| a.low.total_cmp(&b.low));
        bins
    }

    /// The outline of the bins as one path: up at each bin's lower edge, across its top,
    /// down to `base` wherever the next bin does not start at this one's upper edge (equal
    /// to a billionth, relative).
    fn step_outline(bins: &[HistogramBin], base: f64) -> Vec<(f64, f64)> {
        let mut path = Vec::with_capacity(bins.len() * 2 + 2);
        let mut previous_high: Option<f64> = None;
        for bin in bins {
            match previous_high {
                // Edges computed separately (e.g. powers of ten) may differ in the last bits.
                Some(high) if (high - bin.low).abs() <= 1e-9 * high.abs().max(bin.low.abs()) => {}
                Some(high) => {
                    path.push((high, base));
                    path.push((bin.low, base));
                }
                None => path.push((bin.low, base)),
            }
            path.push((bin.low, bin.value));
            path.push((bin.high, bin.value));
            previous_high = Some(bin.high);
        }
        if let Some(high) = previous_high {
            path.push((high, base));
        }
        path
    }
}

impl LogHistogram {
    fn legend_lines(&self) -> usize {
        self.series.iter().filter(|s| !s.label.is_empty()).count()
    }

    /// The x range on the log axis: the bins' edges with a little room, (1, 10) when no
    /// bin is drawable.
    fn x_range(bins: &[Vec<HistogramBin>]) -> (f64, f64) {
        let edges = bins.iter().flatten().flat_map(|b| [b.low, b.high]);
        match finite_span(edges) {
            Some((low, high)) if (high * 1.1).is_finite() && low / 1.1 > 0.0 => {
                (low / 1.1, high * 1.1)
            }
            _ => (1.0, 10.0),
        }
    }
}

impl Drawing for LogHistogram {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let bins: Vec<Vec<HistogramBin>> = self
            .series
            .iter()
            .map(HistogramSeries::drawable_bins)
            .collect();
        let (x_from, x_to) = Self::x_range(&bins);
        let values = bins.iter().flatten().map(|b| b.value);
        let (y_from, y_to) = y_range(values, true, legend_share(self.legend_lines()));
        let mut chart = chart_builder(root, &self.text.title)
            .build_cartesian_2d((x_from..x_to).log_scale(), y_from..y_to)?;
        style_mesh(&mut chart.configure_mesh(), &self.text)
            .x_label_formatter(&|x| three_significant(*x))
            .y_label_formatter(&|y| tick_label(*y))
            .draw()?;
        let view = Viewport::new((x_from, x_to), (y_from, y_to));
        let base = 0.0_f64.clamp(y_from, y_to);
        let single = self.series.len() == 1;
        for (index, (series, bins)) in self.series.iter().zip(&bins).enumerate() {
            let color = line_color(index);
            let drawn = if single {
                let corners: Vec<[(f64, f64); 2]> = bins
                    .iter()
                    .filter_map(|bin| view.clip_rectangle((bin.low, base), (bin.high, bin.value)))
                    .collect();
                let fill = color.mix(FILL_ALPHA).filled();
                chart.draw_series(corners.iter().map(|&c| Rectangle::new(c, fill)))?;
                let outline = color.stroke_width(1);
                chart.draw_series(corners.iter().map(|&c| Rectangle::new(c, outline)))?
            } else {
                let outline = view.clip_polyline(&HistogramSeries::step_outline(bins, base));
                chart.draw_series(
                    outline
                        .into_iter()
                        .map(|piece| PathElement::new(piece, color.stroke_width(2))),
                )?
            };
            if !series.label.is_empty() {
                if single {
                    drawn.label(series.label.as_str()).legend(move |(x, y)| {
                        Rectangle::new(
                            [(x, y - 7), (x + 24, y + 7)],
                            color.mix(FILL_ALPHA).filled(),
                        )
                    });
                } else {
                    drawn.label(series.label.as_str()).legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 24, y)], color.stroke_width(3))
                    });
                }
            }
        }
        if self.legend_lines() > 0 {
            style::draw_legend(&mut chart, SeriesLabelPosition::UpperRight)?;
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

    fn bin(low: f64, high: f64, value: f64) -> HistogramBin {
        HistogramBin { low, high, value }
    }

    fn decades(scale: f64) -> Vec<HistogramBin> {
        (-3..3)
            .map(|e| {
                bin(
                    10f64.powi(e),
                    10f64.powi(e + 1),
                    scale / f64::from(e.abs() + 1),
                )
            })
            .collect()
    }

    fn chart(series: Vec<HistogramSeries>) -> LogHistogram {
        LogHistogram {
            text: ChartText::new(
                "Payout per post",
                "payout per post (STEEM, log scale)",
                "share of posts",
                "rewardsim test",
            ),
            series,
        }
    }

    fn series(label: &str, bins: Vec<HistogramBin>) -> HistogramSeries {
        HistogramSeries {
            label: label.into(),
            bins,
        }
    }

    #[test]
    fn step_outlines_close_gaps_at_the_base() {
        let bins = [bin(1.0, 2.0, 0.5), bin(2.0, 4.0, 0.25), bin(8.0, 16.0, 0.1)];
        assert_eq!(
            HistogramSeries::step_outline(&bins, 0.0),
            [
                (1.0, 0.0),
                (1.0, 0.5),
                (2.0, 0.5),
                (2.0, 0.25),
                (4.0, 0.25),
                (4.0, 0.0),
                (8.0, 0.0),
                (8.0, 0.1),
                (16.0, 0.1),
                (16.0, 0.0)
            ]
        );
        assert!(HistogramSeries::step_outline(&[], 0.0).is_empty());
    }

    #[test]
    fn undrawable_bins_are_skipped() {
        let odd = series(
            "odd",
            vec![
                bin(0.0, 1.0, 0.5),
                bin(-1.0, 1.0, 0.5),
                bin(2.0, 2.0, 0.5),
                bin(3.0, 1.0, 0.5),
                bin(1.0, f64::INFINITY, 0.5),
                bin(1.0, 2.0, f64::NAN),
                bin(4.0, 8.0, 0.2),
                bin(1.0, 2.0, 0.1),
            ],
        );
        assert_eq!(
            odd.drawable_bins(),
            [bin(1.0, 2.0, 0.1), bin(4.0, 8.0, 0.2)]
        );
    }

    #[test]
    fn renders_one_and_several_series() {
        let one = chart(vec![series("steem_hf21", decades(0.4))]);
        assert_renders(&one, "Payout per post", &["steem_hf21", "share of posts"]);
        let several = chart(vec![
            series("steem_hf21", decades(0.4)),
            series("hive", decades(0.3)),
            series("linear", decades(0.2)),
        ]);
        assert_renders(
            &several,
            "Payout per post",
            &["steem_hf21", "hive", "linear"],
        );
    }

    #[test]
    fn odd_data_does_not_panic() {
        let many: Vec<HistogramBin> = (0..5000)
            .map(|i| {
                bin(
                    1.0 + f64::from(i),
                    2.0 + f64::from(i),
                    1.0 / (1.0 + f64::from(i)),
                )
            })
            .collect();
        let cases = vec![
            vec![],
            vec![series("empty", vec![])],
            vec![series(
                "only bad bins",
                vec![bin(0.0, 0.0, 1.0), bin(-2.0, -1.0, 1.0)],
            )],
            vec![series("", vec![bin(1.0, 2.0, 0.0)])],
            vec![series(
                "negative",
                vec![bin(1.0, 2.0, -0.5), bin(2.0, 3.0, 0.5)],
            )],
            vec![series("tiny", vec![bin(f64::MIN_POSITIVE, 1e-300, 1.0)])],
            vec![series("huge", vec![bin(1.0, f64::MAX, f64::MAX)])],
            vec![series("many", many.clone()), series("empty", vec![])],
        ];
        for case in cases {
            style::render_svg(&chart(case)).unwrap();
        }
    }
}
