//! The chart kinds a report fills with data: each is a plain data struct that implements
//! [`Drawing`], so [`style::write_chart`] draws it as PNG or SVG by the file's extension.
//!
//! - [`BandChart`]: time series, one mean line per series over a shaded 5–95% band of the
//!   replicates; one series per variant for an n-way overlay.
//! - [`GroupedBars`]: bars grouped by category (e.g. reward quartile), one bar per series
//!   (variant) side by side, with optional interval whiskers.
//! - [`HeatMap`]: two swept parameters (columns × rows) against one metric, viridis colours,
//!   every cell labelled, a colour bar on the right.
//! - [`LogHistogram`]: distributions on a logarithmic x axis (e.g. payout per post).
//! - [`LorenzChart`]: Lorenz curves with the Gini coefficient in the legend and the equality
//!   diagonal.
//!
//! All of them use the shared [`style`]: palette ([`style::line_color`]), the bundled font,
//! text sizes, grid colours and legend. Odd data never panics: non-finite points are
//! skipped, empty series draw empty axes, zero ranges are widened.
//!
//! Invariant: data in, drawing out — no I/O here except through [`style::write_chart`], and
//! the same data give the same bytes (no hash-map iteration, no clock).
//!
//! [`Drawing`]: style::Drawing

pub mod band;
pub mod bars;
pub mod heatmap;
pub mod histogram;
pub mod lorenz;

pub use band::{BandChart, BandPoint, BandSeries};
pub use bars::{BarSeries, BarValue, GroupedBars};
pub use heatmap::HeatMap;
pub use histogram::{HistogramBin, HistogramSeries, LogHistogram};
pub use lorenz::{LorenzChart, LorenzCurve};

use std::ops::Range;

use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{self, BOLD_GRID, FAMILY, LIGHT_GRID};

/// The words around a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartText {
    /// The title at the top.
    pub title: String,
    /// The x axis description, with its unit (e.g. "day").
    pub x_label: String,
    /// The y axis description, with its unit (e.g. "STEEM per day").
    pub y_label: String,
    /// The source line at the bottom (scenario, rewardsim version, seed); may be empty.
    pub source: String,
}

impl ChartText {
    /// The four texts from anything string-like.
    pub fn new(
        title: impl Into<String>,
        x_label: impl Into<String>,
        y_label: impl Into<String>,
        source: impl Into<String>,
    ) -> ChartText {
        ChartText {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            source: source.into(),
        }
    }
}

/// Height of one legend line, pixels (the legend font plus spacing).
const LEGEND_LINE: f64 = 24.0;

/// Share of the plot's height (0..0.8) a legend of `lines` entries needs at the top, so that
/// an automatic y range keeps the data below it.
pub(crate) fn legend_share(lines: usize) -> f64 {
    if lines == 0 {
        return 0.0;
    }
    let plot_height = f64::from(style::SIZE.1 - style::SOURCE_STRIP) - 130.0;
    ((LEGEND_LINE * lines as f64 + 36.0) / plot_height).clamp(0.0, 0.8)
}

/// A y range that shows `values` with some room below (unless from zero) and the top
/// `reserved` fraction (0..1) of the axis left free for the legend; never empty, always
/// finite ((0, 1) when there are no finite values or their span overflows).
pub fn y_range(values: impl Iterator<Item = f64>, from_zero: bool, reserved: f64) -> (f64, f64) {
    let (low, high) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if !low.is_finite() {
        return (0.0, 1.0);
    }
    // From zero: the axis holds 0 whichever side of it the values lie (bars hang from it).
    let (low, high) = if from_zero {
        (low.min(0.0), high.max(0.0))
    } else {
        (low, high)
    };
    let span = high - low;
    let span = if span > 0.0 {
        span
    } else {
        high.abs().max(1.0) * 0.02
    };
    let bottom = if from_zero && low >= 0.0 {
        0.0
    } else {
        low - span * 0.05
    };
    let top = bottom + (high - bottom) / (1.0 - reserved.clamp(0.0, 0.8));
    let top = top.max(high + span * 0.05);
    if bottom.is_finite() && top.is_finite() && top > bottom {
        (bottom, top)
    } else {
        (0.0, 1.0)
    }
}

/// `range` if it is a usable axis range (finite, from < to), else `None`.
pub(crate) fn valid_range(range: Option<(f64, f64)>) -> Option<(f64, f64)> {
    range.filter(|&(from, to)| {
        from.is_finite() && to.is_finite() && (to - from).is_finite() && to > from
    })
}

/// The smallest and largest of the finite `values`, `None` if there is none.
pub(crate) fn finite_span(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (low, high) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    low.is_finite().then_some((low, high))
}

/// A linear x range over `span` with a little room at both ends (so the end points'
/// strokes are not cut); a single value gets a range around it, none gets (0, 1).
pub(crate) fn x_range(span: Option<(f64, f64)>) -> (f64, f64) {
    let Some((low, high)) = span else {
        return (0.0, 1.0);
    };
    let range = if high > low {
        let pad = (high - low) * 0.005;
        (low - pad, high + pad)
    } else {
        let half = (low.abs() * 0.05).max(0.5);
        (low - half, high + half)
    };
    valid_range(Some(range)).unwrap_or((0.0, 1.0))
}

/// The plotted rectangle of a chart in data units. plotters does not clip, and maps a
/// value far outside the axes to an overflowing pixel coordinate, so everything drawn in
/// data coordinates is clipped to this first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Viewport {
    x: (f64, f64),
    y: (f64, f64),
}

impl Viewport {
    /// The rectangle `x` × `y` (each from < to, finite).
    pub(crate) fn new(x: (f64, f64), y: (f64, f64)) -> Viewport {
        Viewport { x, y }
    }

    /// True when `point` is inside (edges included).
    pub(crate) fn contains(&self, (x, y): (f64, f64)) -> bool {
        (self.x.0..=self.x.1).contains(&x) && (self.y.0..=self.y.1).contains(&y)
    }

    /// `point` pulled to within a million plot sizes of the rectangle, so differences of
    /// coordinates cannot overflow; `None` if not finite.
    fn tame(&self, (x, y): (f64, f64)) -> Option<(f64, f64)> {
        let far = |(from, to): (f64, f64), v: f64| {
            let reach = (to - from) * 1e6;
            v.clamp(from - reach, to + reach)
        };
        (x.is_finite() && y.is_finite()).then(|| (far(self.x, x), far(self.y, y)))
    }

    /// The part of the segment `a`–`b` inside the rectangle (Liang–Barsky), if any.
    fn clip_segment(&self, a: (f64, f64), b: (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut enter, mut leave) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, a.0 - self.x.0),
            (dx, self.x.1 - a.0),
            (-dy, a.1 - self.y.0),
            (dy, self.y.1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return None;
                }
            } else if p < 0.0 {
                enter = enter.max(q / p);
            } else {
                leave = leave.min(q / p);
            }
        }
        if enter > leave {
            return None;
        }
        let at = |t: f64| {
            if t == 0.0 {
                a
            } else if t == 1.0 {
                b
            } else {
                (a.0 + t * dx, a.1 + t * dy)
            }
        };
        Some((at(enter), at(leave)))
    }

    /// The parts of the polyline through `points` inside the rectangle, each a polyline of
    /// at least two points; non-finite points break the line.
    pub(crate) fn clip_polyline(&self, points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
        let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut previous: Option<(f64, f64)> = None;
        let mut joined = false;
        for &point in points {
            let current = self.tame(point);
            if let (Some(a), Some(b)) = (previous, current) {
                if let Some((from, to)) = self.clip_segment(a, b) {
                    match pieces.last_mut() {
                        Some(piece) if joined && piece.last() == Some(&from) => piece.push(to),
                        _ => pieces.push(vec![from, to]),
                    }
                    // The next segment continues this piece only if this one was not cut
                    // at its end.
                    joined = to == b;
                } else {
                    joined = false;
                }
            } else {
                joined = false;
            }
            previous = current;
        }
        pieces
    }

    /// The polygon `points` clipped to the rectangle (Sutherland–Hodgman); empty when
    /// nothing of it is inside or a point is not finite.
    pub(crate) fn clip_polygon(&self, points: &[(f64, f64)]) -> Vec<(f64, f64)> {
        let Some(mut polygon) = points
            .iter()
            .map(|&p| self.tame(p))
            .collect::<Option<Vec<_>>>()
        else {
            return Vec::new();
        };
        // Each edge: the axis it bounds (0 = x, 1 = y), where, and which side is kept.
        let edges = [
            (0, self.x.0, true),
            (0, self.x.1, false),
            (1, self.y.0, true),
            (1, self.y.1, false),
        ];
        for (axis, bound, keep_above) in edges {
            let along = |p: (f64, f64)| if axis == 0 { p.0 } else { p.1 };
            let inside = |p: (f64, f64)| {
                if keep_above {
                    along(p) >= bound
                } else {
                    along(p) <= bound
                }
            };
            let cross = |a: (f64, f64), b: (f64, f64)| {
                let t = (bound - along(a)) / (along(b) - along(a));
                if axis == 0 {
                    (bound, a.1 + t * (b.1 - a.1))
                } else {
                    (a.0 + t * (b.0 - a.0), bound)
                }
            };
            let input = std::mem::take(&mut polygon);
            for (i, &current) in input.iter().enumerate() {
                let previous = input[(i + input.len() - 1) % input.len()];
                match (inside(previous), inside(current)) {
                    (true, true) => polygon.push(current),
                    (true, false) => polygon.push(cross(previous, current)),
                    (false, true) => {
                        polygon.push(cross(previous, current));
                        polygon.push(current);
                    }
                    (false, false) => {}
                }
            }
        }
        if polygon.len() < 3 {
            polygon.clear();
        }
        polygon
    }

    /// The part of the axis-aligned rectangle with corners `a` and `b` inside, as
    /// (upper-left, lower-right) in data terms ((min x, max y), (max x, min y)); `None`
    /// when nothing is inside or a corner is not finite.
    pub(crate) fn clip_rectangle(&self, a: (f64, f64), b: (f64, f64)) -> Option<[(f64, f64); 2]> {
        let (a, b) = (self.tame(a)?, self.tame(b)?);
        let left = a.0.min(b.0).max(self.x.0);
        let right = a.0.max(b.0).min(self.x.1);
        let bottom = a.1.min(b.1).max(self.y.0);
        let top = a.1.max(b.1).min(self.y.1);
        (left <= right && bottom <= top).then_some([(left, top), (right, bottom)])
    }
}

/// A chart builder in the shared look: the title as caption, 16 px margins, room for the
/// tick labels and axis descriptions.
pub(crate) fn chart_builder<'a, 'b, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    title: &str,
) -> ChartBuilder<'a, 'b, DB> {
    let mut builder = ChartBuilder::on(root);
    builder
        .caption(title, (FAMILY, style::TITLE_SIZE))
        .margin(16)
        .x_label_area_size(56)
        .y_label_area_size(110);
    builder
}

/// Applies the shared mesh style: axis descriptions from `text`, the font sizes, light and
/// bold grid colours, at most four light lines between bold ones.
pub(crate) fn style_mesh<'m, 'a, 'b, X, Y, DB>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    text: &ChartText,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB>
where
    X: Ranged,
    Y: Ranged,
    DB: DrawingBackend,
{
    mesh.x_desc(text.x_label.as_str())
        .y_desc(text.y_label.as_str())
        .axis_desc_style((FAMILY, style::AXIS_DESC_SIZE))
        .label_style((FAMILY, style::TICK_LABEL_SIZE))
        .max_light_lines(4)
        .light_line_style(LIGHT_GRID)
        .bold_line_style(BOLD_GRID)
}

/// A linear `f64` axis whose tick positions are given (category centres, colour-bar ends)
/// instead of chosen by plotters; labels come from the mesh's formatter.
#[derive(Clone)]
pub(crate) struct FixedTicks {
    inner: RangedCoordf64,
    ticks: Vec<f64>,
}

impl FixedTicks {
    /// The axis `from..to` with ticks at `ticks`.
    pub(crate) fn new(from: f64, to: f64, ticks: Vec<f64>) -> FixedTicks {
        FixedTicks {
            inner: (from..to).into(),
            ticks,
        }
    }

    /// The axis `0..count` (at least `0..1`) with a tick at the centre `i + 0.5` of every
    /// `step`-th category, `step` chosen so at most `max_labels` are labelled.
    pub(crate) fn categories(count: usize, max_labels: usize) -> FixedTicks {
        let step = count.div_ceil(max_labels.max(1)).max(1);
        let ticks = (0..count).step_by(step).map(|i| i as f64 + 0.5).collect();
        FixedTicks::new(0.0, count.max(1) as f64, ticks)
    }
}

impl Ranged for FixedTicks {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.inner.range()
    }
}

/// The category a tick at `centre` (`i + 0.5`) labels, or "".
pub(crate) fn category_label(names: &[String], centre: f64) -> String {
    let index = (centre - 0.5).round();
    if index >= 0.0 && index < names.len() as f64 {
        names[index as usize].clone()
    } else {
        String::new()
    }
}

/// Tick labels: "0", up to three decimals below 10 000 (trailing zeros dropped), `1.5M`
/// style above, three significant digits for small magnitudes (below 0.01).
pub fn tick_label(value: f64) -> String {
    if !value.is_finite() {
        return three_significant(value);
    }
    // Tick positions are float steps: zero arrives as ±1e-17 or so.
    if value.abs() < 1e-12 {
        return "0".to_string();
    }
    let magnitude = value.abs();
    if magnitude >= 1e4 {
        style::short_number(value)
    } else if magnitude >= 0.01 {
        trim_decimals(format!("{value:.3}"))
    } else {
        three_significant(value)
    }
}

/// `value` to three significant digits: `0.0123`, `12.5`, `3`, `1.23k`, `45.7M`, `1.2e-5`;
/// "0" for zero, "NaN"/"inf" for non-finite values.
pub fn three_significant(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    if value == 0.0 {
        return "0".to_string();
    }
    let magnitude = value.abs();
    if magnitude >= 1e3 {
        let (scaled, suffix) = if magnitude >= 1e9 {
            (value / 1e9, "G")
        } else if magnitude >= 1e6 {
            (value / 1e6, "M")
        } else {
            (value / 1e3, "k")
        };
        // Rounding may carry into the next unit (999.6k): shown as 1000k, still exact.
        return format!("{}{suffix}", significant(scaled));
    }
    if magnitude >= 1e-3 {
        return significant(value);
    }
    let text = format!("{value:.2e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    format!("{}e{exponent}", trim_decimals(mantissa.to_string()))
}

/// `value` (magnitude 1e-3..1e3, or scaled) to three significant digits.
fn significant(value: f64) -> String {
    let digits = value.abs().log10().floor() as i32;
    let decimals = (2 - digits).clamp(0, 6) as usize;
    trim_decimals(format!("{value:.decimals$}"))
}

/// Drops trailing zeros after a decimal point (and the point), and a "-0" sign.
fn trim_decimals(text: String) -> String {
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    if text == "-0" {
        "0".to_string()
    } else {
        text
    }
}

/// `0.25` → `25%` (share axes).
pub fn percent(share: f64) -> String {
    trim_decimals(format!("{:.1}", share * 100.0)) + "%"
}

/// Shared checks of the chart kinds' tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::output::style::{self, Drawing};

    /// Width and height in a PNG's IHDR chunk (big-endian u32 at bytes 16..24).
    pub fn png_size(bytes: &[u8]) -> (u32, u32) {
        let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
        (word(16), word(20))
    }

    /// `chart` renders as SVG and as PNG (through `write_chart`), 1200 × 700, the same
    /// bytes twice; the SVG holds `title` and every one of `texts`. Returns the SVG.
    pub fn assert_renders(chart: &impl Drawing, title: &str, texts: &[&str]) -> String {
        let svg = style::render_svg(chart).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(200)]);
        assert!(svg.contains("width=\"1200\" height=\"700\""));
        assert!(svg.contains(title), "title {title:?} missing");
        for text in texts {
            assert!(svg.contains(text), "{text:?} missing");
        }
        assert_eq!(
            svg,
            style::render_svg(chart).unwrap(),
            "SVG is deterministic"
        );
        let dir = tempfile::tempdir().unwrap();
        let (first, second) = (dir.path().join("a.png"), dir.path().join("b.png"));
        style::write_chart(&first, chart).unwrap();
        style::write_chart(&second, chart).unwrap();
        let png = std::fs::read(&first).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(png_size(&png), (1200, 700));
        assert_eq!(png, std::fs::read(&second).unwrap(), "PNG is deterministic");
        svg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn y_ranges() {
        assert_eq!(y_range([].into_iter(), true, 0.2), (0.0, 1.0));
        let (low, high) = y_range([5.0, 5.0].into_iter(), false, 0.0);
        assert!(low < 5.0 && high > 5.0);
        // Half the axis reserved: the data fill the lower half.
        assert_eq!(y_range([10.0, 20.0].into_iter(), true, 0.5), (0.0, 40.0));
        // Negative values from zero: the axis reaches up to 0 (and above it, the legend).
        let (low, high) = y_range([-0.2, -0.1].into_iter(), true, 0.2);
        assert!(low < -0.2 && high >= 0.0, "{low}..{high}");
        assert_eq!(y_range([f64::NAN, 2.0].into_iter(), true, 0.0).0, 0.0);
        assert_eq!(
            y_range([-f64::MAX, f64::MAX].into_iter(), false, 0.0),
            (0.0, 1.0)
        );
    }

    #[test]
    fn clipping_to_the_viewport() {
        let view = Viewport::new((0.0, 1.0), (0.0, 1.0));
        assert!(view.contains((1.0, 0.0)) && !view.contains((1.1, 0.5)));
        // In, out and back in: two pieces, cut at the edge.
        assert_eq!(
            view.clip_polyline(&[(0.0, 0.5), (0.5, 0.5), (0.5, 2.0), (1.0, 0.0)]),
            [
                vec![(0.0, 0.5), (0.5, 0.5), (0.5, 1.0)],
                vec![(0.75, 1.0), (1.0, 0.0)]
            ]
        );
        assert!(view.clip_polyline(&[(2.0, 2.0), (3.0, 3.0)]).is_empty());
        assert!(view.clip_polyline(&[(0.5, 0.5)]).is_empty());
        assert_eq!(
            view.clip_polyline(&[(0.5, 0.5), (f64::NAN, 0.0), (0.5, 0.6), (0.6, 0.6)]),
            [vec![(0.5, 0.6), (0.6, 0.6)]]
        );
        let far = view.clip_polyline(&[(0.5, 0.5), (f64::MAX, 0.5)]);
        assert_eq!(far, [vec![(0.5, 0.5), (1.0, 0.5)]]);
        // A triangle poking out on three sides: what is left is [0.5, 1] × [0, 1].
        let clipped = view.clip_polygon(&[(0.5, -1.0), (2.0, 0.5), (0.5, 2.0)]);
        assert!(clipped.len() >= 4 && clipped.iter().all(|&p| view.contains(p)));
        assert!(clipped.contains(&(0.5, 0.0)) && clipped.contains(&(1.0, 1.0)));
        let inside = [(0.1, 0.1), (0.9, 0.1), (0.5, 0.9)];
        assert_eq!(
            view.clip_polygon(&inside),
            [(0.1, 0.1), (0.9, 0.1), (0.5, 0.9)]
        );
        assert!(view
            .clip_polygon(&[(2.0, 2.0), (3.0, 2.0), (3.0, 3.0)])
            .is_empty());
        assert_eq!(
            view.clip_rectangle((0.5, 0.2), (0.7, 5.0)),
            Some([(0.5, 1.0), (0.7, 0.2)])
        );
        assert_eq!(view.clip_rectangle((2.0, 0.0), (3.0, 1.0)), None);
        assert_eq!(view.clip_rectangle((0.0, f64::NAN), (1.0, 1.0)), None);
    }

    #[test]
    fn x_ranges() {
        assert_eq!(x_range(None), (0.0, 1.0));
        assert_eq!(x_range(Some((0.0, 200.0))), (-1.0, 201.0));
        assert_eq!(x_range(Some((3.0, 3.0))), (2.5, 3.5));
        assert_eq!(x_range(Some((-f64::MAX, f64::MAX))), (0.0, 1.0));
        assert_eq!(valid_range(Some((1.0, 1.0))), None);
        assert_eq!(valid_range(Some((0.0, f64::NAN))), None);
    }

    #[test]
    fn categories_label_their_centres() {
        let names = vec!["Q1".to_string(), "Q2".to_string()];
        assert_eq!(category_label(&names, 0.5), "Q1");
        assert_eq!(category_label(&names, 1.5), "Q2");
        assert_eq!(category_label(&names, 2.5), "");
        assert_eq!(FixedTicks::categories(2, 30).ticks, [0.5, 1.5]);
        assert_eq!(FixedTicks::categories(100, 30).ticks.len(), 25);
        assert_eq!(FixedTicks::categories(0, 30).range(), 0.0..1.0);
    }

    #[test]
    fn numbers() {
        assert_eq!(three_significant(0.0), "0");
        assert_eq!(three_significant(3.0), "3");
        assert_eq!(three_significant(12.54), "12.5");
        assert_eq!(three_significant(0.012345), "0.0123");
        assert_eq!(three_significant(-0.5), "-0.5");
        assert_eq!(three_significant(1234.0), "1.23k");
        assert_eq!(three_significant(45_678_000.0), "45.7M");
        assert_eq!(three_significant(2e9), "2G");
        assert_eq!(three_significant(0.000012), "1.2e-5");
        assert_eq!(three_significant(f64::NAN), "NaN");
        assert_eq!(tick_label(0.30000000000000004), "0.3");
        assert_eq!(tick_label(1500.0), "1500");
        assert_eq!(tick_label(25_000.0), "25k");
        assert_eq!(tick_label(0.005), "0.005");
        assert_eq!(tick_label(0.0005), "5e-4");
        assert_eq!(tick_label(-0.0), "0");
        assert_eq!(tick_label(-2.78e-17), "0");
        assert_eq!(percent(0.25), "25%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.125), "12.5%");
    }
}
