//! The report of a result folder: `report.md` (a findings table and the charts as relative
//! image links, ready to paste into a Steemit or Hive post), `report.html` (the same as one
//! self-contained page, the charts inline as SVG) and the charts as PNG in `charts/`.
//!
//! A report is built from the folder's files alone — its `manifest.toml` says which command
//! wrote it (`run`, `compare` or `sweep`), its CSV files hold the data — so `rewardsim
//! report DIR` gives the same bytes as the report written at the end of the command.
//! [`run`], [`compare`] and [`sweep`] turn each kind of folder into a [`Report`]: findings
//! (each headline metric of [`metrics`] per variant, differences with 95% intervals) and
//! [`Figure`]s (chart data, drawn by [`crate::output::charts`]); [`markdown`] and
//! [`html`] render it.
//!
//! Invariants: the same folder gives the same bytes (no clock, no randomness, no system
//! font); the report's files appear together or not at all, and replace only earlier
//! reports (recognised by their first line) unless `force`.

pub mod compare;
pub mod data;
pub mod html;
pub mod markdown;
pub mod metrics;
pub mod run;
pub mod sweep;
pub mod table;

use std::io::Write;
use std::path::{Path, PathBuf};

use plotters::coord::Shift;
use plotters::prelude::*;

use super::charts::{BandChart, GroupedBars, HeatMap, LogHistogram, LorenzChart};
use super::style::{self, DrawResult, Drawing};
use super::OutputError;

/// The report in Markdown.
pub const MARKDOWN: &str = "report.md";
/// The report as one HTML page.
pub const HTML: &str = "report.html";
/// The folder of the report's PNG charts.
pub const CHARTS: &str = "charts";
/// What the first line of both report files carries, so a later report may replace them.
pub const MARKER: &str = "<!-- rewardsim report";

/// Any chart a report shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Time series with bands, or overlays of variants.
    Band(BandChart),
    /// Grouped bars with interval whiskers.
    Bars(GroupedBars),
    /// Two swept parameters against one metric.
    Heat(HeatMap),
    /// A distribution on a log axis.
    Histogram(LogHistogram),
    /// Lorenz curves.
    Lorenz(LorenzChart),
}

impl Drawing for Chart {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        match self {
            Chart::Band(chart) => chart.draw(root),
            Chart::Bars(chart) => chart.draw(root),
            Chart::Heat(chart) => chart.draw(root),
            Chart::Histogram(chart) => chart.draw(root),
            Chart::Lorenz(chart) => chart.draw(root),
        }
    }

    fn source_line(&self) -> String {
        match self {
            Chart::Band(chart) => chart.source_line(),
            Chart::Bars(chart) => chart.source_line(),
            Chart::Heat(chart) => chart.source_line(),
            Chart::Histogram(chart) => chart.source_line(),
            Chart::Lorenz(chart) => chart.source_line(),
        }
    }
}

/// One chart of a report with its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// File stem: the chart is `charts/<name>.png`.
    pub name: String,
    /// Heading above it.
    pub heading: String,
    /// One or two sentences under it: what it shows and how to read it.
    pub caption: String,
    /// The chart.
    pub chart: Chart,
}

impl Figure {
    /// The chart's path relative to the folder (`charts/<name>.png`).
    pub fn link(&self) -> String {
        format!("{CHARTS}/{}.png", self.name)
    }
}

/// A findings table: a header and rows of cells already formatted.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Findings {
    /// Column headings.
    pub header: Vec<String>,
    /// Rows, each as long as the header.
    pub rows: Vec<Vec<String>>,
    /// Sentences under the table (how to read it).
    pub notes: Vec<String>,
}

/// A whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The title.
    pub title: String,
    /// Paragraphs under the title: what ran.
    pub lead: Vec<String>,
    /// The findings table.
    pub findings: Findings,
    /// The charts, in reading order.
    pub figures: Vec<Figure>,
    /// The closing line: rewardsim's version and how to reproduce the folder.
    pub footer: String,
}

/// Which command wrote a result folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderKind {
    /// `rewardsim run`.
    Run,
    /// `rewardsim compare`.
    Compare,
    /// `rewardsim sweep` (or `merge`).
    Sweep,
}

/// A result folder's manifest, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    /// The folder.
    pub folder: PathBuf,
    /// Which command wrote it.
    pub kind: FolderKind,
    /// The whole document.
    pub table: toml::Table,
}

impl Manifest {
    /// Reads `folder/manifest.toml`; an error says why the folder is not one `report`
    /// reads.
    pub fn read(folder: &Path) -> Result<Manifest, OutputError> {
        let path = folder.join(super::manifest::FILE_NAME);
        let not_result = |message: String| OutputError::Report {
            path: path.clone(),
            message,
        };
        if !folder.is_dir() {
            return Err(OutputError::Report {
                path: folder.to_path_buf(),
                message:
                    "not a folder; give the folder `rewardsim run`, `compare` or `sweep` wrote"
                        .into(),
            });
        }
        let text = std::fs::read_to_string(&path).map_err(|e| {
            not_result(format!(
                "cannot read it ({e}); give the folder `rewardsim run`, `compare` or `sweep` wrote"
            ))
        })?;
        let table: toml::Table = text
            .parse()
            .map_err(|e| not_result(format!("not valid TOML: {e}")))?;
        let run = table.get("run").and_then(toml::Value::as_table);
        let field = |key: &str| run.and_then(|r| r.get(key)).and_then(toml::Value::as_str);
        if field("program") != Some("rewardsim") {
            return Err(not_result(
                "not a rewardsim manifest (no `program = \"rewardsim\"` in [run])".into(),
            ));
        }
        let kind = match (field("command"), field("kind")) {
            (Some("compare"), _) => FolderKind::Compare,
            (_, Some("sweep")) => FolderKind::Sweep,
            (None | Some("run"), None) => FolderKind::Run,
            (Some(other), _) | (None, Some(other)) => {
                return Err(not_result(format!(
                    "written by `rewardsim {other}`; report reads the folders of run, compare and sweep"
                )))
            }
        };
        Ok(Manifest {
            folder: folder.to_path_buf(),
            kind,
            table,
        })
    }

    /// The value at the dotted `key` path (`simulation.days`), if present.
    pub fn get(&self, key: &str) -> Option<&toml::Value> {
        let mut parts = key.split('.');
        let mut value = self.table.get(parts.next()?)?;
        for part in parts {
            value = value.as_table()?.get(part)?;
        }
        Some(value)
    }

    /// The CSV file `name` of the folder.
    pub fn csv(&self, name: &str) -> Result<table::CsvTable, OutputError> {
        table::CsvTable::read(&self.folder.join(name))
    }

    /// The CSV file `name` of the folder if it exists and has rows (a run too short for
    /// any cohort to be measured writes cohorts.csv empty).
    pub fn csv_with_rows(&self, name: &str) -> Result<Option<table::CsvTable>, OutputError> {
        Ok(table::CsvTable::read_if_present(&self.folder.join(name))?
            .filter(|table| !table.rows.is_empty()))
    }
}

/// Builds the report of the result folder `folder` from its files.
pub fn build(folder: &Path) -> Result<Report, OutputError> {
    let manifest = Manifest::read(folder)?;
    match manifest.kind {
        FolderKind::Run => run::build(&manifest),
        FolderKind::Compare => compare::build(&manifest),
        FolderKind::Sweep => sweep::build(&manifest),
    }
}

/// What [`write`] wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// `report.md`.
    pub markdown: PathBuf,
    /// `report.html`.
    pub html: PathBuf,
    /// The charts' PNG files.
    pub charts: Vec<PathBuf>,
}

/// Builds the report of `folder` and writes `report.md`, `report.html` and `charts/*.png`
/// into it, all drawn in a temporary folder beside them first. An earlier report's files
/// (and a `charts/` folder of only PNG and SVG files) are replaced; anything else in their
/// place only with `force`.
pub fn write(folder: &Path, force: bool) -> Result<Written, OutputError> {
    let report = build(folder)?;
    write_report(folder, &report, force)
}

fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `report` into `folder` (see [`write`]).
pub fn write_report(folder: &Path, report: &Report, force: bool) -> Result<Written, OutputError> {
    let markdown_path = folder.join(MARKDOWN);
    let html_path = folder.join(HTML);
    let charts_path = folder.join(CHARTS);
    for path in [&markdown_path, &html_path] {
        if path.exists() && !force && !is_report(path) {
            return Err(OutputError::Exists {
                path: path.clone(),
                holds: "a file that is not a rewardsim report",
            });
        }
    }
    if charts_path.exists() && !force && !holds_only_charts(&charts_path) {
        return Err(OutputError::Exists {
            path: charts_path,
            holds: "files other than charts",
        });
    }
    let staging = tempfile::Builder::new()
        .prefix(".rewardsim-report-")
        .tempdir_in(folder)
        .map_err(write_error(folder))?;
    let staged_charts = staging.path().join(CHARTS);
    let mut svgs = Vec::with_capacity(report.figures.len());
    if !report.figures.is_empty() {
        std::fs::create_dir(&staged_charts).map_err(write_error(&staged_charts))?;
    }
    for figure in &report.figures {
        let png = staged_charts.join(format!("{}.png", figure.name));
        style::render_png(&png, &figure.chart)?;
        let svg = style::render_svg(&figure.chart).map_err(|message| OutputError::Chart {
            path: charts_path.join(format!("{}.png", figure.name)),
            message,
        })?;
        svgs.push(svg);
    }
    let staged_markdown = staging.path().join(MARKDOWN);
    let staged_html = staging.path().join(HTML);
    write_file(&staged_markdown, markdown::render(report).as_bytes())?;
    write_file(&staged_html, html::render(report, &svgs).as_bytes())?;
    if charts_path.exists() {
        std::fs::remove_dir_all(&charts_path).map_err(write_error(&charts_path))?;
    }
    if !report.figures.is_empty() {
        std::fs::rename(&staged_charts, &charts_path).map_err(write_error(&charts_path))?;
    }
    std::fs::rename(&staged_markdown, &markdown_path).map_err(write_error(&markdown_path))?;
    std::fs::rename(&staged_html, &html_path).map_err(write_error(&html_path))?;
    Ok(Written {
        markdown: markdown_path,
        html: html_path,
        charts: report
            .figures
            .iter()
            .map(|f| folder.join(f.link()))
            .collect(),
    })
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let mut file = std::fs::File::create(path).map_err(write_error(path))?;
    file.write_all(bytes).map_err(write_error(path))?;
    file.sync_all().map_err(write_error(path))
}

/// Whether `path` starts like a report rewardsim wrote (within its first 200 bytes).
fn is_report(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let head = &bytes[..bytes.len().min(200)];
    String::from_utf8_lossy(head).contains(MARKER)
}

/// Whether the folder holds only `.png` and `.svg` files.
fn holds_only_charts(path: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(path) else {
        return false;
    };
    entries.into_iter().all(|entry| {
        entry.is_ok_and(|e| {
            e.file_type().is_ok_and(|t| t.is_file())
                && style::ChartFormat::from_path(&e.path()).is_some()
        })
    })
}

/// The source line of a chart: what made it.
pub fn source_line(what: &str, seed: Option<&toml::Value>, replicates: &str) -> String {
    let seed = seed.map_or_else(String::new, |s| match s {
        toml::Value::String(s) => format!(" · seed {s}"),
        other => format!(" · seed {other}"),
    });
    format!(
        "rewardsim {} · {what}{seed} · {replicates}",
        env!("CARGO_PKG_VERSION")
    )
}

/// "1 replicate" / "5 replicates".
pub fn replicates_text(n: usize) -> String {
    if n == 1 {
        "1 replicate".to_string()
    } else {
        format!("{n} replicates")
    }
}
