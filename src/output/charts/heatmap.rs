//! A heat map of one metric over two swept parameters: columns along x, rows along y
//! (`rows[0]` at the bottom), each cell coloured on the viridis scale (sequential,
//! readable with the common colour-vision deficiencies and in greyscale) and labelled with
//! its value; a colour bar on the right gives the scale. Empty cells are grey, hatched and
//! labelled "–".

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontTransform;

use super::{category_label, finite_span, style_mesh, three_significant, ChartText, FixedTicks};
use crate::output::style::{self, DrawResult, Drawing, FAMILY, GREY};

/// Viridis (matplotlib's default colour map) at nine evenly spaced points, dark to light.
pub const VIRIDIS: [RGBColor; 9] = [
    RGBColor(68, 1, 84),
    RGBColor(71, 44, 122),
    RGBColor(59, 81, 139),
    RGBColor(44, 113, 142),
    RGBColor(33, 144, 141),
    RGBColor(39, 173, 129),
    RGBColor(92, 200, 99),
    RGBColor(170, 220, 50),
    RGBColor(253, 231, 37),
];

/// Fill of an empty cell.
const EMPTY_FILL: RGBColor = RGBColor(225, 225, 225);
/// Hatching of an empty cell.
const EMPTY_HATCH: RGBColor = RGBColor(175, 175, 175);
/// Width of the colour bar's column on the right (bar, tick labels, metric), pixels.
const COLOUR_BAR_AREA: u32 = 190;
/// Width of the colour bar itself, pixels.
const COLOUR_BAR_WIDTH: i32 = 26;
/// Gap between the heat map and the colour bar, pixels.
const COLOUR_BAR_GAP: i32 = 24;
/// Steps the colour bar's gradient is drawn in.
const COLOUR_BAR_STEPS: i32 = 96;
/// Most row or column names written on an axis (every k-th beyond that).
const MAX_AXIS_LABELS: usize = 30;

/// One metric over a grid of two parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatMap {
    /// x_label = the column parameter, y_label = the row parameter.
    pub text: ChartText,
    /// What the colours mean (colour bar label), e.g. "posts per day (mean of 3 replicates)".
    pub metric: String,
    /// The column parameter's values, left to right.
    pub columns: Vec<String>,
    /// The row parameter's values, bottom to top.
    pub rows: Vec<String>,
    /// rows.len() × columns.len(), row-major, rows[0] drawn at the BOTTOM; None = empty cell (drawn hatched/grey, labelled "–").
    /// Missing cells at the end count as `None`, extra ones are ignored, and a
    /// non-finite value is an empty cell.
    pub cells: Vec<Option<f64>>,
}

/// The viridis colour at `t` (0 = dark purple … 1 = yellow; clamped, NaN = the middle),
/// interpolated linearly between the nine [`VIRIDIS`] anchors.
pub fn viridis(t: f64) -> RGBColor {
    let t = if t.is_nan() { 0.5 } else { t.clamp(0.0, 1.0) };
    let position = t * (VIRIDIS.len() - 1) as f64;
    let below = (position.floor() as usize).min(VIRIDIS.len() - 2);
    let fraction = position - below as f64;
    let (a, b) = (VIRIDIS[below], VIRIDIS[below + 1]);
    let mix =
        |x: u8, y: u8| (f64::from(x) + fraction * (f64::from(y) - f64::from(x))).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Black or white, whichever contrasts more with `background` (WCAG relative luminance).
pub fn text_color_on(background: RGBColor) -> RGBColor {
    let linear = |channel: u8| {
        let c = f64::from(channel) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(background.0)
        + 0.7152 * linear(background.1)
        + 0.0722 * linear(background.2);
    // Contrast with black (L + 0.05) / 0.05 beats contrast with white 1.05 / (L + 0.05)
    // above L ≈ 0.179.
    if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) {
        BLACK
    } else {
        WHITE
    }
}

impl HeatMap {
    /// The value of the cell in row `row`, column `column`, if any and finite.
    pub fn cell(&self, row: usize, column: usize) -> Option<f64> {
        let index = row.checked_mul(self.columns.len())?.checked_add(column)?;
        if column >= self.columns.len() || row >= self.rows.len() {
            return None;
        }
        self.cells
            .get(index)
            .copied()
            .flatten()
            .filter(|v| v.is_finite())
    }

    /// Every (row, column, value) of a non-empty cell, rows bottom up.
    fn filled(&self) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
        (0..self.rows.len()).flat_map(move |row| {
            (0..self.columns.len())
                .filter_map(move |column| self.cell(row, column).map(|v| (row, column, v)))
        })
    }

    /// The smallest and largest cell value, `None` when every cell is empty.
    pub fn value_span(&self) -> Option<(f64, f64)> {
        finite_span(self.filled().map(|(_, _, v)| v))
    }

    /// The colour of `value` on this map's scale (the middle colour when all cells are equal).
    pub fn color_of(&self, value: f64) -> RGBColor {
        match self.value_span() {
            Some((low, high)) if high > low => viridis((value - low) / (high - low)),
            _ => viridis(0.5),
        }
    }

    fn draw_colour_bar<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        height: i32,
    ) -> DrawResult<DB> {
        let bar = |top: i32, bottom: i32, color: RGBColor| {
            Rectangle::new([(0, top), (COLOUR_BAR_WIDTH, bottom)], color.filled())
        };
        let tick_style = TextStyle::from((FAMILY, style::TICK_LABEL_SIZE).into_font())
            .pos(Pos::new(HPos::Left, VPos::Center));
        let span = self.value_span();
        match span {
            Some((low, high)) if high > low => {
                for step in 0..COLOUR_BAR_STEPS {
                    let top = height * step / COLOUR_BAR_STEPS;
                    let bottom = height * (step + 1) / COLOUR_BAR_STEPS;
                    // Top = largest value.
                    let t = 1.0 - (f64::from(step) + 0.5) / f64::from(COLOUR_BAR_STEPS);
                    area.draw(&bar(top, bottom, viridis(t)))?;
                }
                for tick in 0..=4 {
                    let t = f64::from(tick) / 4.0;
                    let y = height - (f64::from(height) * t).round() as i32;
                    let value = low + t * (high - low);
                    area.draw(&PathElement::new(
                        vec![(COLOUR_BAR_WIDTH, y), (COLOUR_BAR_WIDTH + 5, y)],
                        BLACK.stroke_width(1),
                    ))?;
                    area.draw_text(
                        &three_significant(value),
                        &tick_style,
                        (COLOUR_BAR_WIDTH + 8, y),
                    )?;
                }
            }
            Some((value, _)) => {
                area.draw(&bar(0, height, viridis(0.5)))?;
                area.draw_text(
                    &three_significant(value),
                    &tick_style,
                    (COLOUR_BAR_WIDTH + 8, height / 2),
                )?;
            }
            None => area.draw(&bar(0, height, EMPTY_FILL))?,
        }
        area.draw(&Rectangle::new(
            [(0, 0), (COLOUR_BAR_WIDTH, height)],
            GREY.stroke_width(1),
        ))?;
        let metric_style = TextStyle::from((FAMILY, style::AXIS_DESC_SIZE).into_font())
            .transform(FontTransform::Rotate90)
            .pos(Pos::new(HPos::Center, VPos::Center));
        let x = i32::try_from(COLOUR_BAR_AREA).unwrap_or(0) - COLOUR_BAR_GAP - 20;
        area.draw_text(&self.metric, &metric_style, (x, height / 2))
    }
}

impl Drawing for HeatMap {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        // The title over the whole width, as in the other charts; the map and the colour
        // bar side by side below it.
        let body = root
            .margin(16, 16, 16, 16)
            .titled(&self.text.title, (FAMILY, style::TITLE_SIZE))?;
        let width = body.dim_in_pixel().0;
        let (map_area, bar_area) = body.split_horizontally(width.saturating_sub(COLOUR_BAR_AREA));
        let x_axis = FixedTicks::categories(self.columns.len(), MAX_AXIS_LABELS);
        let y_axis = FixedTicks::categories(self.rows.len(), MAX_AXIS_LABELS);
        let mut chart = ChartBuilder::on(&map_area)
            .x_label_area_size(56)
            .y_label_area_size(110)
            .build_cartesian_2d(x_axis, y_axis)?;
        let column_name = |x: &f64| category_label(&self.columns, *x);
        let row_name = |y: &f64| category_label(&self.rows, *y);
        style_mesh(&mut chart.configure_mesh(), &self.text)
            .disable_mesh()
            .x_label_formatter(&column_name)
            .y_label_formatter(&row_name)
            .draw()?;
        let plot = chart.plotting_area();
        let (plot_width, plot_height) = plot.dim_in_pixel();
        let cell_size = (
            f64::from(plot_width) / self.columns.len().max(1) as f64,
            f64::from(plot_height) / self.rows.len().max(1) as f64,
        );
        let cell_font = TextStyle::from((FAMILY, style::TICK_LABEL_SIZE).into_font());
        for row in 0..self.rows.len() {
            for column in 0..self.columns.len() {
                let (x, y) = (column as f64, row as f64);
                let value = self.cell(row, column);
                let fill = value.map_or(EMPTY_FILL, |v| self.color_of(v));
                plot.draw(&Rectangle::new([(x, y), (x + 1.0, y + 1.0)], fill.filled()))?;
                if value.is_none() {
                    let hatch = EMPTY_HATCH.stroke_width(1);
                    for (from, to) in [
                        ((x, y), (x + 1.0, y + 1.0)),
                        ((x + 0.5, y), (x + 1.0, y + 0.5)),
                        ((x, y + 0.5), (x + 0.5, y + 1.0)),
                    ] {
                        plot.draw(&PathElement::new(vec![from, to], hatch))?;
                    }
                }
                plot.draw(&Rectangle::new(
                    [(x, y), (x + 1.0, y + 1.0)],
                    WHITE.stroke_width(1),
                ))?;
                let label = value.map_or_else(|| "–".to_string(), three_significant);
                let (label_width, label_height) = plot.estimate_text_size(&label, &cell_font)?;
                // Only labels that fit inside their cell.
                if f64::from(label_width) + 4.0 <= cell_size.0
                    && f64::from(label_height) + 2.0 <= cell_size.1
                {
                    let ink = value.map_or(BLACK, |_| text_color_on(fill));
                    let label_style = cell_font
                        .color(&ink)
                        .pos(Pos::new(HPos::Center, VPos::Center));
                    plot.draw(&Text::new(label, (x + 0.5, y + 0.5), label_style))?;
                }
            }
        }
        // The colour bar beside the plotting area, as tall as it.
        let (plot_x, plot_y) = plot.get_pixel_range();
        let (bar_x, bar_y) = bar_area.get_pixel_range();
        let left = COLOUR_BAR_GAP.max(plot_x.end - bar_x.start + COLOUR_BAR_GAP);
        let top = (plot_y.start - bar_y.start).max(0);
        let height = plot_y.end - plot_y.start;
        let bar = bar_area.shrink(
            (left, top),
            (
                u32::try_from(bar_x.end - bar_x.start - left).unwrap_or(0),
                u32::try_from(height).unwrap_or(0),
            ),
        );
        self.draw_colour_bar(&bar, height)
    }

    fn source_line(&self) -> String {
        self.text.source.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::charts::testing::assert_renders;

    fn map(columns: usize, rows: usize, cells: Vec<Option<f64>>) -> HeatMap {
        HeatMap {
            text: ChartText::new(
                "Posts per day by curation share and curve",
                "curation share (%)",
                "content constant s",
                "rewardsim test",
            ),
            metric: "posts per day (mean of 3 replicates)".into(),
            columns: (0..columns).map(|c| format!("{}%", 25 + 25 * c)).collect(),
            rows: (0..rows).map(|r| format!("{}e12", r + 1)).collect(),
            cells,
        }
    }

    #[test]
    fn viridis_runs_from_purple_to_yellow() {
        assert_eq!(viridis(0.0), VIRIDIS[0]);
        assert_eq!(viridis(1.0), VIRIDIS[8]);
        assert_eq!(viridis(0.5), VIRIDIS[4]);
        assert_eq!(viridis(-3.0), VIRIDIS[0]);
        assert_eq!(viridis(f64::NAN), VIRIDIS[4]);
        // Halfway between the first two anchors.
        assert_eq!(viridis(0.0625), RGBColor(70, 23, 103));
    }

    #[test]
    fn labels_contrast_with_their_cell() {
        assert_eq!(text_color_on(VIRIDIS[0]), WHITE);
        assert_eq!(text_color_on(VIRIDIS[8]), BLACK);
        assert_eq!(text_color_on(VIRIDIS[2]), WHITE);
    }

    #[test]
    fn cells_are_row_major_and_scaled() {
        let heat = map(
            3,
            2,
            vec![Some(1.0), None, Some(3.0), Some(f64::NAN), Some(5.0)],
        );
        assert_eq!(heat.cell(0, 0), Some(1.0));
        assert_eq!(heat.cell(0, 1), None);
        assert_eq!(heat.cell(1, 0), None, "NaN is empty");
        assert_eq!(heat.cell(1, 1), Some(5.0));
        assert_eq!(heat.cell(1, 2), None, "missing at the end");
        assert_eq!(heat.cell(0, 3), None);
        assert_eq!(heat.value_span(), Some((1.0, 5.0)));
        assert_eq!(heat.color_of(1.0), VIRIDIS[0]);
        assert_eq!(heat.color_of(5.0), VIRIDIS[8]);
        let flat = map(2, 1, vec![Some(7.0), Some(7.0)]);
        assert_eq!(flat.color_of(7.0), VIRIDIS[4]);
    }

    #[test]
    fn renders_cells_and_colour_bar() {
        let cells = (0..12)
            .map(|i| (i != 5).then_some(f64::from(i) * 1.5))
            .collect();
        let svg = assert_renders(
            &map(4, 3, cells),
            "Posts per day by curation share and curve",
            &[
                "posts per day (mean of 3 replicates)",
                "curation share (%)",
                "50%",
                "3e12",
            ],
        );
        assert!(
            svg.contains(">\n16.5\n</text>"),
            "cell labels and the colour bar's maximum"
        );
        assert!(svg.contains("–\n</text>"), "empty cell");
    }

    #[test]
    fn odd_data_does_not_panic() {
        let cases = vec![
            map(0, 0, vec![]),
            map(3, 0, vec![Some(1.0)]),
            map(0, 3, vec![Some(1.0)]),
            map(1, 1, vec![Some(2.0)]),
            map(2, 2, vec![None; 4]),
            map(2, 2, vec![Some(f64::NAN); 4]),
            map(2, 2, vec![Some(3.0); 4]),
            map(2, 1, vec![Some(-f64::MAX), Some(f64::MAX)]),
            map(2, 2, vec![Some(1.0); 9]),
            map(
                120,
                80,
                (0..9600).map(|i| Some(f64::from(i).sqrt())).collect(),
            ),
        ];
        for heat in cases {
            style::render_svg(&heat).unwrap();
        }
    }
}
