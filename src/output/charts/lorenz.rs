//! Lorenz curves: the share of the total (stake, rewards) held by the poorest share of
//! accounts, one curve per variant with its Gini coefficient in the legend, over the dashed
//! grey diagonal of perfect equality. Both axes run 0–100%.
//!
//! [`lorenz_points`] computes a curve from integer amounts exactly (cumulative sums in
//! `i128`), thinned to a bounded number of points without visible error.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::{chart_builder, percent, style_mesh, ChartText, FixedTicks, Viewport};
use crate::output::style::{self, line_color, DrawResult, Drawing, GREY};

/// One Lorenz curve.
#[derive(Debug, Clone, PartialEq)]
pub struct LorenzCurve {
    /// Legend label; the legend reads "{label} — Gini 0.963".
    pub label: String,
    /// The Gini coefficient (0..1) shown in the legend ("n/a" when not finite).
    pub gini: f64,
    /// (share of accounts, share of the total) points, both 0..1, ascending; non-finite
    /// points are skipped.
    pub points: Vec<(f64, f64)>,
}

/// Lorenz curves on one chart.
#[derive(Debug, Clone, PartialEq)]
pub struct LorenzChart {
    /// Title, axis descriptions (e.g. "share of accounts (poorest first)", "share of the
    /// total") and source line.
    pub text: ChartText,
    /// The curves, in legend order; curve i takes [`style::line_color`]`(i)`.
    pub curves: Vec<LorenzCurve>,
}

/// The Lorenz curve of `amounts` (any order; negative amounts count as 0): points (share of
/// accounts, share of the total) from (0, 0) to (1, 1), population share ascending.
///
/// Points are exact (cumulative sums in `i128`, each point divided once, so no drift) and
/// thinned: kept are `max_points` + 1 points at evenly spaced population shares (every
/// account when there are no more than `max_points`), plus every point where it matters —
/// the last account holding nothing, and, for each multiple of 1/`max_points` of the total,
/// the accounts on both sides of where the curve crosses it. So consecutive points are at most
/// about 1/`max_points` apart in both shares, or one account apart, and the polyline
/// stays within that of the exact curve even when one account holds most of the total. At
/// most 3·`max_points` + 2 points; `max_points` 0 counts as 1. `None` when `amounts` is
/// empty or its total is 0.
pub fn lorenz_points(amounts: &[i64], max_points: usize) -> Option<Vec<(f64, f64)>> {
    let mut sorted: Vec<i64> = amounts.iter().map(|&a| a.max(0)).collect();
    sorted.sort_unstable();
    let total: i128 = sorted.iter().map(|&a| i128::from(a)).sum();
    let count = sorted.len();
    if count == 0 || total == 0 {
        return None;
    }
    let steps = max_points.max(1) as u128;
    // The account count at the `i`-th of `steps` evenly spaced population shares, rounded.
    let even = |i: u128| ((i * count as u128 + steps / 2) / steps) as usize;
    let point =
        |k: usize, cumulative: i128| (k as f64 / count as f64, cumulative as f64 / total as f64);
    let mut points = vec![(0.0, 0.0)];
    let mut last_kept = 0;
    let mut keep = |points: &mut Vec<(f64, f64)>, k: usize, cumulative: i128| {
        if k > last_kept {
            points.push(point(k, cumulative));
            last_kept = k;
        }
    };
    let (mut next_even, mut next_share) = (1_u128, 1_i128);
    let mut cumulative: i128 = 0;
    for k in 1..=count {
        let before = cumulative;
        cumulative += i128::from(sorted[k - 1]);
        if before == 0 && cumulative > 0 {
            // The last account holding nothing: where the curve leaves the x axis.
            keep(&mut points, k - 1, before);
        }
        let mut wanted = false;
        while next_even <= steps && even(next_even) <= k {
            wanted |= even(next_even) == k;
            next_even += 1;
        }
        if next_share < steps as i128 && cumulative * steps as i128 >= next_share * total {
            // Crossed one or more multiples of 1/steps of the total: both sides of the step.
            keep(&mut points, k - 1, before);
            wanted = true;
            while next_share < steps as i128 && cumulative * steps as i128 >= next_share * total {
                next_share += 1;
            }
        }
        if wanted || k == count || count as u128 <= steps {
            keep(&mut points, k, cumulative);
        }
    }
    Some(points)
}

impl LorenzCurve {
    /// The legend text: "{label} — Gini 0.963".
    pub fn legend(&self) -> String {
        if self.gini.is_finite() {
            format!("{} — Gini {:.3}", self.label, self.gini)
        } else {
            format!("{} — Gini n/a", self.label)
        }
    }
}

impl Drawing for LorenzChart {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let ticks: Vec<f64> = (0..=10).map(|i| f64::from(i) / 10.0).collect();
        let axis = || FixedTicks::new(0.0, 1.0, ticks.clone());
        let mut chart = chart_builder(root, &self.text.title).build_cartesian_2d(axis(), axis())?;
        style_mesh(&mut chart.configure_mesh(), &self.text)
            .x_label_formatter(&|x| percent(*x))
            .y_label_formatter(&|y| percent(*y))
            .draw()?;
        chart
            .draw_series(DashedLineSeries::new(
                [(0.0, 0.0), (1.0, 1.0)],
                8,
                6,
                GREY.stroke_width(1),
            ))?
            .label("equality")
            .legend(|(x, y)| {
                DashedPathElement::new([(x, y), (x + 24, y)], 6, 4, GREY.stroke_width(2))
            });
        for (index, curve) in self.curves.iter().enumerate() {
            let color = line_color(index);
            let points: Vec<(f64, f64)> = curve
                .points
                .iter()
                .copied()
                .filter(|(x, y)| x.is_finite() && y.is_finite())
                .collect();
            let pieces = Viewport::new((0.0, 1.0), (0.0, 1.0)).clip_polyline(&points);
            chart
                .draw_series(
                    pieces
                        .into_iter()
                        .map(|piece| PathElement::new(piece, color.stroke_width(2))),
                )?
                .label(curve.legend())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 24, y)], color.stroke_width(3))
                });
        }
        // The curves sag to the lower right; the upper left is free.
        style::draw_legend(&mut chart, SeriesLabelPosition::UpperLeft)
    }

    fn source_line(&self) -> String {
        self.text.source.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::charts::testing::assert_renders;

    /// The exact Lorenz curve at population share `x` (linear between accounts).
    fn exact(sorted: &[i64], x: f64) -> f64 {
        let total: f64 = sorted.iter().map(|&a| a as f64).sum();
        let position = x * sorted.len() as f64;
        let whole = position.floor() as usize;
        let below: f64 = sorted[..whole].iter().map(|&a| a as f64).sum();
        let part = sorted
            .get(whole)
            .map_or(0.0, |&a| a as f64 * (position - whole as f64));
        (below + part) / total
    }

    /// Largest vertical distance between the polyline `points` and the exact curve,
    /// checked at many population shares.
    fn worst_error(amounts: &[i64], points: &[(f64, f64)]) -> f64 {
        let mut sorted = amounts.to_vec();
        sorted.sort_unstable();
        (0..=2000)
            .map(|i| {
                let x = f64::from(i) / 2000.0;
                let j = points.iter().position(|p| p.0 >= x).unwrap();
                let y = if j == 0 {
                    points[0].1
                } else {
                    let ((x0, y0), (x1, y1)) = (points[j - 1], points[j]);
                    y0 + (y1 - y0) * (x - x0) / (x1 - x0)
                };
                (y - exact(&sorted, x)).abs()
            })
            .fold(0.0, f64::max)
    }

    #[test]
    fn small_cases_are_exact() {
        let points = lorenz_points(&[3, 0, 1, 0], 100).unwrap();
        assert_eq!(
            points,
            [
                (0.0, 0.0),
                (0.25, 0.0),
                (0.5, 0.0),
                (0.75, 0.25),
                (1.0, 1.0)
            ]
        );
        assert_eq!(lorenz_points(&[5], 10).unwrap(), [(0.0, 0.0), (1.0, 1.0)]);
        assert_eq!(
            lorenz_points(&[2, 2], 0).unwrap(),
            [(0.0, 0.0), (1.0, 1.0)],
            "max_points 0 counts as 1"
        );
        assert_eq!(
            lorenz_points(&[-5, 5], 10).unwrap(),
            [(0.0, 0.0), (0.5, 0.0), (1.0, 1.0)]
        );
    }

    #[test]
    fn nothing_to_share_is_none() {
        assert_eq!(lorenz_points(&[], 10), None);
        assert_eq!(lorenz_points(&[0, 0, 0], 10), None);
        assert_eq!(lorenz_points(&[-3, 0], 10), None);
    }

    #[test]
    fn thinned_curves_stay_close_and_bounded() {
        // One whale and many small accounts; a smooth spread; extremes of i64.
        let mut whale: Vec<i64> = (0..100_000).map(|i| i % 7).collect();
        whale.push(10_000_000);
        let smooth: Vec<i64> = (0..50_000).map(|i| i * i).collect();
        let extremes = vec![i64::MAX; 1000];
        for amounts in [whale, smooth, extremes] {
            let points = lorenz_points(&amounts, 200).unwrap();
            assert!(points.len() <= 3 * 200 + 2, "{}", points.len());
            assert_eq!(points[0], (0.0, 0.0));
            assert_eq!(*points.last().unwrap(), (1.0, 1.0));
            assert!(points
                .windows(2)
                .all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1));
            assert!(worst_error(&amounts, &points) <= 1.0 / 200.0 + 1e-9);
        }
    }

    fn chart(curves: Vec<LorenzCurve>) -> LorenzChart {
        LorenzChart {
            text: ChartText::new(
                "Stake inequality at the end",
                "share of accounts (poorest first)",
                "share of the total",
                "rewardsim test",
            ),
            curves,
        }
    }

    #[test]
    fn renders_curves_with_gini_in_the_legend() {
        let whale = lorenz_points(&[1, 1, 1, 1, 100], 100).unwrap();
        let even = lorenz_points(&[5, 6, 7, 8], 100).unwrap();
        let lorenz = chart(vec![
            LorenzCurve {
                label: "steem_hf21".into(),
                gini: 0.96312,
                points: whale,
            },
            LorenzCurve {
                label: "hive".into(),
                gini: 0.1,
                points: even,
            },
        ]);
        assert_renders(
            &lorenz,
            "Stake inequality at the end",
            &[
                "steem_hf21 — Gini 0.963",
                "hive — Gini 0.100",
                "equality",
                "50%",
                "100%",
            ],
        );
    }

    #[test]
    fn odd_data_does_not_panic() {
        let curve = |points: Vec<(f64, f64)>| LorenzCurve {
            label: String::new(),
            gini: f64::NAN,
            points,
        };
        let big = lorenz_points(&(0..1_000_000).collect::<Vec<i64>>(), 1000).unwrap();
        let cases = vec![
            vec![],
            vec![curve(vec![])],
            vec![curve(vec![(0.5, 0.5)])],
            vec![curve(vec![
                (f64::NAN, 0.0),
                (0.0, f64::INFINITY),
                (2.0, -1.0),
            ])],
            vec![curve(big)],
        ];
        for case in cases {
            let svg = style::render_svg(&chart(case)).unwrap();
            assert!(svg.contains("equality"));
        }
        assert_eq!(curve(vec![]).legend(), " — Gini n/a");
    }
}
