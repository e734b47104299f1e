//! Charts of replicate 0 as PNG (1200 × 700): `rewards.png` (where each day's new STEEM
//! went), `supply.png` (supply and the reward balance) and `inequality.png` (Gini and top
//! shares of author rewards).
//!
//! Palette, font and sizes are the shared style of [`super::style`]: text uses DejaVu Sans
//! compiled into the binary, so no system fonts are read. Invariant: the same rows give the same bytes (no clock, no randomness, no
//! system font lookup).

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::charts::y_range;
use super::style::{
    self, register_font, short_number, BLUE, BOLD_GRID, FAMILY, GREEN, GREY, LIGHT_GRID, ORANGE,
    PURPLE, VERMILLION,
};
use super::OutputError;
use crate::metrics::DayRow;

/// File name of the rewards chart.
pub const REWARDS: &str = "rewards.png";
/// File name of the supply chart.
pub const SUPPLY: &str = "supply.png";
/// File name of the inequality chart.
pub const INEQUALITY: &str = "inequality.png";

/// Width and height of every chart, pixels.
pub const SIZE: (u32, u32) = style::SIZE;

/// One line of a chart.
struct Series {
    label: &'static str,
    color: RGBColor,
    /// (day, value); non-finite values are left out.
    points: Vec<(f64, f64)>,
}

impl Series {
    fn new(
        label: &'static str,
        color: RGBColor,
        days: &[DayRow],
        value: fn(&DayRow) -> f64,
    ) -> Series {
        let points = days
            .iter()
            .map(|row| (f64::from(row.day), value(row)))
            .filter(|(_, v)| v.is_finite())
            .collect();
        Series {
            label,
            color,
            points,
        }
    }
}

/// One panel: a title, a y axis and its lines.
struct Panel<'a> {
    title: String,
    y_label: &'a str,
    series: Vec<Series>,
    /// Start the y axis at zero (flows, shares) rather than near the data (stocks).
    from_zero: bool,
    /// Fixed y range, if any (shares: 0..1).
    y_range: Option<(f64, f64)>,
}

fn milli_to_units(milli: i64) -> f64 {
    milli as f64 / 1000.0
}

/// Draws every chart of `days` (rows of one replicate, day order) into `folder`. Draws
/// nothing when there are no rows.
pub fn write_all(folder: &Path, scenario_name: &str, days: &[DayRow]) -> Result<(), OutputError> {
    if days.is_empty() {
        return Ok(());
    }
    let replicate = days[0].replicate;
    let rewards = Panel {
        title: format!("Rewards per day — {scenario_name}, replicate {replicate}"),
        y_label: "STEEM per day",
        series: vec![
            Series::new("authors (paid)", BLUE, days, |r| {
                milli_to_units(r.paid_authors_steem)
            }),
            Series::new("curators (paid)", ORANGE, days, |r| {
                milli_to_units(r.paid_curators_steem)
            }),
            Series::new("stakers (minted)", GREEN, days, |r| {
                milli_to_units(r.minted_stakers_steem)
            }),
            Series::new("DAO (minted)", PURPLE, days, |r| {
                milli_to_units(r.minted_dao_steem)
            }),
            Series::new("witnesses (minted)", VERMILLION, days, |r| {
                milli_to_units(r.minted_witnesses_steem)
            }),
        ],
        from_zero: true,
        y_range: None,
    };
    draw(&folder.join(REWARDS), &[rewards])?;
    let supply = Panel {
        title: format!("Supply — {scenario_name}, replicate {replicate}"),
        y_label: "STEEM",
        series: vec![
            Series::new("STEEM supply", BLUE, days, |r| {
                milli_to_units(r.supply_steem)
            }),
            Series::new("virtual supply (incl. SBD)", GREY, days, |r| {
                milli_to_units(r.virtual_supply_steem)
            }),
        ],
        from_zero: false,
        y_range: None,
    };
    let balance = Panel {
        title: "Reward fund balance (end of day)".to_string(),
        y_label: "STEEM",
        series: vec![Series::new("reward balance", ORANGE, days, |r| {
            milli_to_units(r.reward_balance_steem)
        })],
        from_zero: false,
        y_range: None,
    };
    draw(&folder.join(SUPPLY), &[supply, balance])?;
    let inequality = Panel {
        title: format!(
            "Inequality of author rewards (posts paid each day) — {scenario_name}, replicate {replicate}"
        ),
        y_label: "Gini coefficient / share",
        series: vec![
            Series::new("Gini", BLUE, days, |r| r.gini_author_rewards),
            Series::new("top 10% of posts' share", ORANGE, days, |r| {
                r.top10_share_author_rewards
            }),
            Series::new("top 1% of posts' share", VERMILLION, days, |r| {
                r.top1_share_author_rewards
            }),
        ],
        from_zero: true,
        y_range: Some((0.0, 1.0)),
    };
    draw(&folder.join(INEQUALITY), &[inequality])
}

/// Draws `panels` stacked vertically into one PNG at `path`.
fn draw(path: &Path, panels: &[Panel]) -> Result<(), OutputError> {
    register_font();
    let chart_error = |e: &dyn std::fmt::Display| OutputError::Chart {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let root = BitMapBackend::new(path, SIZE).into_drawing_area();
    root.fill(&WHITE).map_err(|e| chart_error(&e))?;
    let areas = root.split_evenly((panels.len(), 1));
    for (area, panel) in areas.iter().zip(panels) {
        draw_panel(area, panel, panels.len() == 1).map_err(|e| chart_error(&e))?;
    }
    root.present().map_err(|e| chart_error(&e))
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &Panel,
    alone: bool,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let all = || panel.series.iter().flat_map(|s| s.points.iter());
    let x_max = all().map(|p| p.0).fold(0.0, f64::max).max(1.0);
    // The legend is about 24 px a line plus margins; the plot is the panel less the caption
    // and the x axis.
    let plot_height = f64::from(area.dim_in_pixel().1) - 110.0;
    let legend_height = 24.0 * panel.series.len() as f64 + 36.0;
    let (y_min, y_max) = panel.y_range.unwrap_or_else(|| {
        y_range(
            all().map(|p| p.1),
            panel.from_zero,
            legend_height / plot_height.max(1.0),
        )
    });
    // A little room left and right so the end points' strokes are not cut.
    let x_pad = x_max * 0.005;
    let title_size = if alone {
        style::TITLE_SIZE
    } else {
        style::PANEL_TITLE_SIZE
    };
    let mut chart = ChartBuilder::on(area)
        .caption(&panel.title, (FAMILY, title_size))
        .margin(16)
        .x_label_area_size(if alone { 56 } else { 48 })
        .y_label_area_size(110)
        .build_cartesian_2d(-x_pad..x_max + x_pad, y_min..y_max)?;
    chart
        .configure_mesh()
        .x_desc("day")
        .y_desc(panel.y_label)
        .axis_desc_style((FAMILY, style::AXIS_DESC_SIZE))
        .label_style((FAMILY, style::TICK_LABEL_SIZE))
        .max_light_lines(4)
        .light_line_style(LIGHT_GRID)
        .bold_line_style(BOLD_GRID)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| short_number(*y))
        .draw()?;
    for series in &panel.series {
        let color = series.color;
        chart
            .draw_series(LineSeries::new(
                series.points.iter().copied(),
                color.stroke_width(2),
            ))?
            .label(series.label)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 24, y)], color.stroke_width(3))
            });
    }
    style::draw_legend(&mut chart, SeriesLabelPosition::UpperRight)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tables::tests::day_row;

    #[test]
    fn same_rows_give_the_same_bytes() {
        let days: Vec<DayRow> = (0..30).map(|d| day_row(0, d)).collect();
        let first = tempfile::tempdir().unwrap();
        let second = tempfile::tempdir().unwrap();
        write_all(first.path(), "steem-hf21", &days).unwrap();
        write_all(second.path(), "steem-hf21", &days).unwrap();
        for name in [REWARDS, SUPPLY, INEQUALITY] {
            let a = std::fs::read(first.path().join(name)).unwrap();
            let b = std::fs::read(second.path().join(name)).unwrap();
            assert!(a.starts_with(b"\x89PNG"), "{name} is a PNG");
            assert_eq!(a, b, "{name} is deterministic");
        }
    }

    #[test]
    fn one_day_and_missing_values_still_draw() {
        let mut day = day_row(0, 0);
        day.gini_author_rewards = f64::NAN;
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), "x", &[day]).unwrap();
        assert!(dir.path().join(INEQUALITY).exists());
        let empty = tempfile::tempdir().unwrap();
        write_all(empty.path(), "x", &[]).unwrap();
        assert!(!empty.path().join(REWARDS).exists());
    }
}
