//! Grouped bars: one group per category (e.g. reward quartile) along x, within it one bar
//! per series (variant) side by side in palette order, each with an optional interval
//! whisker (thin black line with caps, e.g. the 5–95% of the replicates).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{category_label, chart_builder, legend_share, style_mesh, tick_label, valid_range};
use super::{y_range, ChartText, FixedTicks, Viewport};
use crate::output::style::{self, line_color, DrawResult, Drawing};

/// Share of a group's width the bars take (the rest separates groups).
const GROUP_FILL: f64 = 0.8;
/// Share of a bar's slot the bar takes (the rest separates bars of one group).
const BAR_FILL: f64 = 0.9;
/// Most group names written under the x axis (every k-th beyond that).
const MAX_GROUP_LABELS: usize = 30;

/// One bar: its height and the interval its whisker spans (units of the y axis).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BarValue {
    /// Height of the bar (from 0); not drawn unless finite.
    pub value: f64,
    /// Bottom of the whisker.
    pub low: f64,
    /// Top of the whisker; the whisker is drawn only when low < high (both finite).
    pub high: f64,
}

/// One series: a bar in every group.
#[derive(Debug, Clone, PartialEq)]
pub struct BarSeries {
    /// Legend label (none shown when empty).
    pub label: String,
    /// One per group, in [`GroupedBars::groups`] order; `None` = no bar (missing values
    /// at the end count as `None`, extra ones are ignored).
    pub values: Vec<Option<BarValue>>,
}

/// Bars grouped by category, one series per colour.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupedBars {
    /// Title, axis descriptions (with units) and source line.
    pub text: ChartText,
    /// The group names along the x axis, left to right.
    pub groups: Vec<String>,
    /// The series, in legend order; series i takes [`style::line_color`]`(i)`.
    pub series: Vec<BarSeries>,
    /// Fixed y range; `None` = from 0 to the tallest bar or whisker.
    pub y_range: Option<(f64, f64)>,
    /// Legend entry describing the whiskers, e.g. "whiskers: 5–95% of 5 replicates";
    /// `None` = no such entry.
    pub whisker_note: Option<String>,
}

impl BarValue {
    /// The whisker's (low, high), if one is drawn.
    fn whisker(&self) -> Option<(f64, f64)> {
        (self.low.is_finite() && self.high.is_finite() && self.low < self.high)
            .then_some((self.low, self.high))
    }
}

impl GroupedBars {
    /// Every bar of every series: (group, series, value), groups in order.
    fn bars(&self) -> impl Iterator<Item = (usize, usize, BarValue)> + '_ {
        self.series.iter().enumerate().flat_map(move |(s, series)| {
            series
                .values
                .iter()
                .take(self.groups.len())
                .enumerate()
                .filter_map(move |(g, value)| value.map(|v| (g, s, v)))
                .filter(|(_, _, v)| v.value.is_finite())
        })
    }

    fn legend_lines(&self) -> usize {
        let labelled = self.series.iter().filter(|s| !s.label.is_empty()).count();
        labelled + usize::from(self.whisker_note.is_some())
    }

    /// The x extent of series `series`'s bar in group `group` (a group spans g..g+1).
    fn bar_span(&self, group: usize, series: usize) -> (f64, f64) {
        let slot = GROUP_FILL / self.series.len().max(1) as f64;
        let left = group as f64 + (1.0 - GROUP_FILL) / 2.0 + slot * series as f64;
        let gap = slot * (1.0 - BAR_FILL) / 2.0;
        (left + gap, left + slot - gap)
    }
}

impl Drawing for GroupedBars {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let (y_from, y_to) = valid_range(self.y_range).unwrap_or_else(|| {
            let values = self.bars().flat_map(|(_, _, v)| {
                let (low, high) = v.whisker().unwrap_or((v.value, v.value));
                [v.value, low, high]
            });
            y_range(values, true, legend_share(self.legend_lines()))
        });
        let x_axis = FixedTicks::categories(self.groups.len(), MAX_GROUP_LABELS);
        let mut chart =
            chart_builder(root, &self.text.title).build_cartesian_2d(x_axis, y_from..y_to)?;
        let label_group = |x: &f64| category_label(&self.groups, *x);
        style_mesh(&mut chart.configure_mesh(), &self.text)
            .disable_x_mesh()
            .x_label_formatter(&label_group)
            .y_label_formatter(&|y| tick_label(*y))
            .draw()?;
        // Bars start at 0, or at the edge of the axis nearest to it.
        let view = Viewport::new((0.0, self.groups.len().max(1) as f64), (y_from, y_to));
        let base = 0.0_f64.clamp(y_from, y_to);
        for (index, series) in self.series.iter().enumerate() {
            let color = line_color(index);
            let bars = self
                .bars()
                .filter(|&(_, s, _)| s == index)
                .filter_map(|(g, s, v)| {
                    let (left, right) = self.bar_span(g, s);
                    let corners = view.clip_rectangle((left, base), (right, v.value))?;
                    Some(Rectangle::new(corners, color.filled()))
                });
            let drawn = chart.draw_series(bars)?;
            if !series.label.is_empty() {
                drawn.label(series.label.as_str()).legend(move |(x, y)| {
                    Rectangle::new([(x, y - 7), (x + 24, y + 7)], color.filled())
                });
            }
        }
        let whiskers: Vec<PathElement<(f64, f64)>> = self
            .bars()
            .filter_map(|(g, s, v)| v.whisker().map(|w| (self.bar_span(g, s), w)))
            .flat_map(|((left, right), (low, high))| {
                let centre = (left + right) / 2.0;
                let cap = (right - left) * 0.2;
                [
                    [(centre, low), (centre, high)],
                    [(centre - cap, low), (centre + cap, low)],
                    [(centre - cap, high), (centre + cap, high)],
                ]
            })
            .flat_map(|line| view.clip_polyline(&line))
            .map(|piece| PathElement::new(piece, BLACK.stroke_width(2)))
            .collect();
        let drawn = chart.draw_series(whiskers)?;
        if let Some(note) = &self.whisker_note {
            drawn.label(note.as_str()).legend(|(x, y)| {
                let ink = BLACK.stroke_width(2);
                EmptyElement::at((x, y))
                    + PathElement::new(vec![(12, -8), (12, 8)], ink)
                    + PathElement::new(vec![(7, -8), (17, -8)], ink)
                    + PathElement::new(vec![(7, 8), (17, 8)], ink)
            });
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

    fn value(value: f64, low: f64, high: f64) -> Option<BarValue> {
        Some(BarValue { value, low, high })
    }

    fn chart(groups: &[&str], series: Vec<BarSeries>) -> GroupedBars {
        GroupedBars {
            text: ChartText::new(
                "Satisfaction by reward quartile",
                "reward quartile",
                "mean satisfaction (0–1)",
                "rewardsim test",
            ),
            groups: groups.iter().map(|g| g.to_string()).collect(),
            series,
            y_range: None,
            whisker_note: Some("whiskers: 5–95% of 5 replicates".into()),
        }
    }

    fn series(label: &str, values: Vec<Option<BarValue>>) -> BarSeries {
        BarSeries {
            label: label.into(),
            values,
        }
    }

    #[test]
    fn bars_share_their_group() {
        let bars = chart(
            &["Q1", "Q2"],
            vec![series("a", vec![]), series("b", vec![])],
        );
        let (left, right) = bars.bar_span(1, 0);
        let (left2, right2) = bars.bar_span(1, 1);
        assert!((1.0..2.0).contains(&left) && right < left2 && right2 < 2.0);
        assert!((left - 1.1 - 0.4 * 0.05).abs() < 1e-12);
        assert!((right2 - 1.9 + 0.4 * 0.05).abs() < 1e-12);
    }

    #[test]
    fn renders_groups_and_whiskers() {
        let bars = chart(
            &["Q1 (lowest)", "Q2", "Q3", "Q4 (highest)"],
            vec![
                series(
                    "steem_hf21",
                    vec![
                        value(0.2, 0.15, 0.25),
                        value(0.4, 0.3, 0.5),
                        None,
                        value(0.8, 0.8, 0.8),
                    ],
                ),
                series(
                    "hive",
                    vec![
                        value(0.3, 0.2, 0.4),
                        value(0.5, 0.4, 0.6),
                        value(0.6, 0.5, 0.7),
                    ],
                ),
            ],
        );
        let svg = assert_renders(
            &bars,
            "Satisfaction by reward quartile",
            &[
                "Q1 (lowest)",
                "Q4 (highest)",
                "steem_hf21",
                "hive",
                "reward quartile",
            ],
        );
        assert!(svg.contains("whiskers: 5–95% of 5 replicates"));
        let mut fixed = bars.clone();
        fixed.y_range = Some((0.0, 1.0));
        fixed.whisker_note = None;
        assert_renders(&fixed, "Satisfaction by reward quartile", &["Q2"]);
    }

    #[test]
    fn odd_data_does_not_panic() {
        let nan = value(f64::NAN, f64::NAN, f64::NAN);
        let many_groups: Vec<String> = (0..500).map(|g| format!("g{g}")).collect();
        let many_groups: Vec<&str> = many_groups.iter().map(String::as_str).collect();
        let cases = vec![
            chart(&[], vec![]),
            chart(&[], vec![series("no groups", vec![value(1.0, 0.0, 2.0)])]),
            chart(&["only"], vec![]),
            chart(&["only"], vec![series("", vec![value(2.0, 1.0, 3.0)])]),
            chart(&["a", "b"], vec![series("nan", vec![nan, None])]),
            chart(
                &["a", "b"],
                vec![series(
                    "negative",
                    vec![value(-2.0, -3.0, -1.0), value(1.0, 3.0, 2.0)],
                )],
            ),
            chart(
                &["a"],
                vec![series("huge", vec![value(f64::MAX, f64::MIN, f64::MAX)])],
            ),
            chart(
                &["a", "b"],
                vec![series("too many values", vec![value(1.0, 0.0, 0.0); 9])],
            ),
            chart(
                &many_groups,
                (0..20)
                    .map(|s| series(&format!("s{s}"), vec![value(f64::from(s), 0.0, 30.0); 500]))
                    .collect(),
            ),
        ];
        for mut bars in cases {
            style::render_svg(&bars).unwrap();
            bars.y_range = Some((3.0, 3.0));
            style::render_svg(&bars).unwrap();
            bars.y_range = Some((0.5, 1.0));
            style::render_svg(&bars).unwrap();
        }
    }
}
