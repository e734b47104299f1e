//! The one style of every rewardsim chart, and drawing it to PNG or SVG.
//!
//! Style: the Okabe–Ito palette (distinguishable with the common colour-vision
//! deficiencies), the bundled DejaVu Sans (`assets/fonts/`, Bitstream Vera licence) at fixed
//! sizes for the title, axis descriptions, tick labels, legend and the source line at the
//! bottom (text given by the caller), 1200 × 700 pixels.
//!
//! A chart is a [`Drawing`]: one drawing code, generic over plotters' backends, rendered by
//! [`write_chart`] to a PNG (bitmap backend) or an SVG (SVG backend) chosen by the file's
//! extension ([`ChartFormat`]). The font is registered with plotters' `ab_glyph` backend, so
//! text is measured and (in PNGs) rasterised from the compiled-in bytes: no system font is
//! read at generation time. SVGs carry `<text>` elements whose `font-family` is
//! [`FAMILY`] (`DejaVu Sans, sans-serif`); the viewer renders them.
//!
//! Invariant: the same drawing gives the same bytes, in both formats (no clock, no
//! randomness, no system font lookup).

use std::io::Write;
use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;

use super::OutputError;

/// Width and height of every chart, pixels.
pub const SIZE: (u32, u32) = (1200, 700);

/// The font family every chart's text uses: the bundled DejaVu Sans is registered under
/// this name, which SVG files carry as their CSS `font-family` (DejaVu Sans where the viewer
/// has it, else its sans-serif).
pub const FAMILY: &str = "DejaVu Sans, sans-serif";

static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The bundled DejaVu Sans, TrueType bytes: what PNG text is drawn with, and what
/// report.html embeds so its SVG text is laid out in the same font.
pub fn font_bytes() -> &'static [u8] {
    FONT
}

/// Title size, pixels.
pub const TITLE_SIZE: u32 = 28;
/// Title size in a chart of several panels, pixels.
pub const PANEL_TITLE_SIZE: u32 = 24;
/// Axis description ("day", "STEEM per day") size, pixels.
pub const AXIS_DESC_SIZE: u32 = 20;
/// Tick label size, pixels.
pub const TICK_LABEL_SIZE: u32 = 16;
/// Legend text size, pixels.
pub const LEGEND_SIZE: u32 = 18;
/// Source line size, pixels.
pub const SOURCE_SIZE: u32 = 14;
/// Height of the strip at the bottom that holds the source line, pixels.
pub const SOURCE_STRIP: u32 = 26;

/// Okabe–Ito blue.
pub const BLUE: RGBColor = RGBColor(0, 114, 178);
/// Okabe–Ito orange.
pub const ORANGE: RGBColor = RGBColor(230, 159, 0);
/// Okabe–Ito bluish green.
pub const GREEN: RGBColor = RGBColor(0, 158, 115);
/// Okabe–Ito vermillion.
pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);
/// Okabe–Ito reddish purple.
pub const PURPLE: RGBColor = RGBColor(204, 121, 167);
/// Okabe–Ito sky blue.
pub const SKY_BLUE: RGBColor = RGBColor(86, 180, 233);
/// Okabe–Ito yellow (weak on white: use last).
pub const YELLOW: RGBColor = RGBColor(240, 228, 66);
/// Okabe–Ito black.
pub const BLACK_INK: RGBColor = RGBColor(0, 0, 0);
/// Grey for secondary lines, markers and the source line (not part of the palette).
pub const GREY: RGBColor = RGBColor(90, 90, 90);
/// Light grid lines.
pub const LIGHT_GRID: RGBColor = RGBColor(238, 238, 238);
/// Bold grid lines.
pub const BOLD_GRID: RGBColor = RGBColor(205, 205, 205);
/// Legend border.
pub const LEGEND_BORDER: RGBColor = RGBColor(160, 160, 160);

/// The palette in the order lines take it: the strong colours first, yellow last.
pub const PALETTE: [RGBColor; 8] = [
    BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY_BLUE, BLACK_INK, YELLOW,
];

/// The colour of the `index`-th line of a chart (wraps after [`PALETTE`]'s eight).
pub fn line_color(index: usize) -> RGBColor {
    PALETTE[index % PALETTE.len()]
}

/// Registers the bundled font once per process.
pub fn register_font() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // The bytes are a valid TrueType font compiled in; a failure is a build defect.
        if plotters::style::register_font(FAMILY, FontStyle::Normal, FONT).is_err() {
            panic!("the bundled DejaVu Sans font does not parse");
        }
    });
}

/// A chart's file format, from its file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    /// `.png`: 1200 × 700 RGB pixels.
    Png,
    /// `.svg`: 1200 × 700 SVG with `<text>` elements.
    Svg,
}

impl ChartFormat {
    /// The format `path`'s extension names (`.png` or `.svg`, any case); `None` otherwise.
    pub fn from_path(path: &Path) -> Option<ChartFormat> {
        let extension = path.extension()?.to_str()?;
        if extension.eq_ignore_ascii_case("png") {
            Some(ChartFormat::Png)
        } else if extension.eq_ignore_ascii_case("svg") {
            Some(ChartFormat::Svg)
        } else {
            None
        }
    }
}

/// What a drawing error is, as plotters reports it for backend `DB`.
pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Draws the legend of `chart`'s labelled series at `position`, in the shared style: the
/// legend font, a translucent white box with a grey border.
pub fn draw_legend<'a, DB: DrawingBackend + 'a, CT: CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
) -> DrawResult<DB> {
    chart
        .configure_series_labels()
        .position(position)
        .label_font((FAMILY, LEGEND_SIZE))
        .background_style(WHITE.mix(0.85))
        .border_style(LEGEND_BORDER)
        .margin(12)
        .draw()
}

/// A chart: drawing code that works on any plotters backend, so the PNG and the SVG come
/// from the same code.
pub trait Drawing {
    /// Draws the chart on `root` (the whole [`SIZE`] area, already filled white, the
    /// source strip at the bottom excluded).
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB>;

    /// The small source line drawn at the bottom left (what made the chart), or empty.
    fn source_line(&self) -> String;
}

/// Draws `drawing` into `path` as the format its extension names, atomically: the file is
/// drawn into a temporary file beside it and renamed into place only when complete.
/// Whether `path` may be replaced is the caller's decision.
pub fn write_chart(path: &Path, drawing: &impl Drawing) -> Result<(), OutputError> {
    let format = ChartFormat::from_path(path).ok_or_else(|| OutputError::Chart {
        path: path.to_path_buf(),
        message: "the file name must end in .png or .svg".to_string(),
    })?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let write_error = |source: std::io::Error| OutputError::Write {
        path: path.to_path_buf(),
        source,
    };
    let suffix = match format {
        ChartFormat::Png => ".png",
        ChartFormat::Svg => ".svg",
    };
    let mut temp = super::atomic::staging_file(folder, suffix).map_err(write_error)?;
    match format {
        // The bitmap encoder picks the image format from the (temporary) file's extension.
        ChartFormat::Png => render_png(temp.path(), drawing)?,
        ChartFormat::Svg => {
            let text = render_svg(drawing).map_err(|message| OutputError::Chart {
                path: path.to_path_buf(),
                message,
            })?;
            temp.write_all(text.as_bytes()).map_err(write_error)?;
        }
    }
    temp.as_file().sync_all().map_err(write_error)?;
    temp.persist(path).map_err(|e| write_error(e.error))?;
    Ok(())
}

/// Draws `drawing` as a PNG file at `path` (written in place: callers write into a
/// temporary file or folder).
pub fn render_png(path: &Path, drawing: &impl Drawing) -> Result<(), OutputError> {
    let root = BitMapBackend::new(path, SIZE).into_drawing_area();
    draw_framed(&root, drawing).map_err(|e| OutputError::Chart {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Draws `drawing` as SVG text.
pub fn render_svg(drawing: &impl Drawing) -> Result<String, String> {
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, SIZE).into_drawing_area();
        draw_framed(&root, drawing).map_err(|e| e.to_string())?;
    }
    Ok(text)
}

/// White background, the drawing above the source strip, the source line in the strip.
fn draw_framed<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    drawing: &impl Drawing,
) -> DrawResult<DB> {
    register_font();
    root.fill(&WHITE)?;
    let source = drawing.source_line();
    if source.is_empty() {
        drawing.draw(root)?;
    } else {
        let (body, strip) = root.split_vertically(SIZE.1 - SOURCE_STRIP);
        drawing.draw(&body)?;
        strip.draw_text(
            &source,
            &TextStyle::from((FAMILY, SOURCE_SIZE).into_font()).color(&GREY),
            (12, 4),
        )?;
    }
    root.present()
}

/// `1234567.0` → `1.23M`: axis labels short enough to read.
pub fn short_number(value: f64) -> String {
    let magnitude = value.abs();
    let (scaled, suffix) = if magnitude >= 1e9 {
        (value / 1e9, "G")
    } else if magnitude >= 1e6 {
        (value / 1e6, "M")
    } else if magnitude >= 1e3 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    let text = format!("{scaled:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let text = if text == "-0" { "0" } else { text };
    format!("{text}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Square;

    impl Drawing for Square {
        fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
            root.draw(&Rectangle::new([(10, 10), (50, 50)], BLUE.filled()))?;
            root.draw_text(
                "legend text",
                &(FAMILY, LEGEND_SIZE).into_font().into(),
                (60, 10),
            )
        }

        fn source_line(&self) -> String {
            "rewardsim test".to_string()
        }
    }

    #[test]
    fn formats_come_from_the_extension() {
        assert_eq!(
            ChartFormat::from_path(Path::new("a/b.PNG")),
            Some(ChartFormat::Png)
        );
        assert_eq!(
            ChartFormat::from_path(Path::new("b.svg")),
            Some(ChartFormat::Svg)
        );
        assert_eq!(ChartFormat::from_path(Path::new("b.jpg")), None);
        assert_eq!(ChartFormat::from_path(Path::new("png")), None);
    }

    #[test]
    fn both_formats_are_written_atomically_and_reproducibly() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.png", "a.svg"] {
            let first = dir.path().join(name);
            let second = dir.path().join(format!("b-{name}"));
            write_chart(&first, &Square).unwrap();
            write_chart(&second, &Square).unwrap();
            assert_eq!(
                std::fs::read(&first).unwrap(),
                std::fs::read(&second).unwrap()
            );
        }
        assert!(std::fs::read(dir.path().join("a.png"))
            .unwrap()
            .starts_with(b"\x89PNG"));
        let svg = std::fs::read_to_string(dir.path().join("a.svg")).unwrap();
        assert!(svg.contains("legend text") && svg.contains("rewardsim test"));
        assert!(
            svg.contains("font-family=\"DejaVu Sans, sans-serif\""),
            "{svg}"
        );
        // Only the four charts: no temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
        assert!(write_chart(&dir.path().join("a.jpg"), &Square).is_err());
    }

    #[test]
    fn palette_order() {
        assert_eq!(line_color(0), BLUE);
        assert_eq!(line_color(8), BLUE);
        assert_eq!(PALETTE.len(), 8);
    }

    #[test]
    fn axis_numbers_are_short() {
        assert_eq!(short_number(0.0), "0");
        assert_eq!(short_number(0.25), "0.25");
        assert_eq!(short_number(1_500.0), "1.5k");
        assert_eq!(short_number(412_345_678.0), "412.346M");
        assert_eq!(short_number(2e9), "2G");
    }
}
