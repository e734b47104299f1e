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
pub mod pools;
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
/// How the marker line of both report files starts (report.md's first line, report.html's
/// second after the doctype); it carries a fingerprint of the rest, so a later report
/// replaces an unedited earlier one and refuses one the user edited.
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
/// into it, all drawn in a temporary folder beside them first and moved in together. An
/// earlier, unedited report (and the charts its report.md links) is replaced; anything
/// else in their place only with `force`.
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
    if !force {
        check_replaceable(&markdown_path, &html_path, &charts_path)?;
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
    write_file(
        &staged_markdown,
        stamp("", &markdown::render(report)).as_bytes(),
    )?;
    write_file(
        &staged_html,
        stamp("<!DOCTYPE html>\n", &html::render(report, &svgs)).as_bytes(),
    )?;
    // The earlier report moves into the staging folder (deleted with it) before the new one
    // moves in; if a move fails, what moved is put back.
    let old = staging.path().join("earlier");
    std::fs::create_dir(&old).map_err(write_error(&old))?;
    let mut moves: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut result = Ok(());
    for (target, name) in [
        (&charts_path, CHARTS),
        (&markdown_path, MARKDOWN),
        (&html_path, HTML),
    ] {
        if std::fs::symlink_metadata(target).is_ok() {
            let aside = old.join(name);
            if let Err(e) = std::fs::rename(target, &aside) {
                result = Err(write_error(target)(e));
                break;
            }
            moves.push((aside, target.clone()));
        }
    }
    if result.is_ok() {
        let staged = [
            (
                staged_charts.clone(),
                &charts_path,
                !report.figures.is_empty(),
            ),
            (staged_markdown, &markdown_path, true),
            (staged_html, &html_path, true),
        ];
        for (from, to, present) in staged {
            if !present {
                continue;
            }
            if let Err(e) = std::fs::rename(&from, to) {
                result = Err(write_error(to)(e));
                break;
            }
            moves.push((to.clone(), from));
        }
    }
    if result.is_err() {
        // Undo in reverse order: the new files back into staging, the earlier ones back.
        for (from, to) in moves.iter().rev() {
            let _ = std::fs::rename(from, to);
        }
    }
    result?;
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

/// Refuses (exit 2) when replacing the report's files would lose something of the user's: a
/// report.md or report.html that rewardsim did not write or that was edited since, or a
/// charts/ folder holding anything the earlier report.md does not link.
fn check_replaceable(markdown: &Path, html: &Path, charts: &Path) -> Result<(), OutputError> {
    let refuse = |path: &Path, what: &str| OutputError::Report {
        path: path.to_path_buf(),
        message: format!(
            "{what}; it is not replaced without --force (rewardsim report DIR --force)"
        ),
    };
    let mut linked = Vec::new();
    for path in [markdown, html] {
        if std::fs::symlink_metadata(path).is_err() {
            continue;
        }
        let text = std::fs::read(path).unwrap_or_default();
        match stamped_body(&text) {
            None => return Err(refuse(path, "exists and was not written by rewardsim")),
            Some(false) => return Err(refuse(path, "was edited since rewardsim wrote it")),
            Some(true) if path == markdown => {
                linked = markdown::image_links(&String::from_utf8_lossy(&text));
            }
            Some(true) => {}
        }
    }
    if std::fs::symlink_metadata(charts).is_ok() {
        let entries = std::fs::read_dir(charts)
            .map_err(|_| refuse(charts, "exists and is not a folder of charts"))?;
        for entry in entries {
            let entry = entry.map_err(write_error(charts))?;
            let name = format!("{CHARTS}/{}", entry.file_name().to_string_lossy());
            if !linked.contains(&name) {
                return Err(refuse(
                    &entry.path(),
                    "is not a chart of the earlier report.md",
                ));
            }
        }
    }
    Ok(())
}

/// FNV-1a, 64 bits: a fingerprint of a report's text, so an edit is noticed (not a
/// cryptographic hash: it guards against accidents, not adversaries).
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `prefix`, the marker line with the fingerprint of `body`, then `body`.
fn stamp(prefix: &str, body: &str) -> String {
    format!(
        "{prefix}{MARKER} {:016x} -->\n{body}",
        fingerprint(body.as_bytes())
    )
}

/// Whether `text` is a stamped report (`Some`) and if so whether its body is unchanged.
fn stamped_body(text: &[u8]) -> Option<bool> {
    let marker = MARKER.as_bytes();
    // The marker is the first line, or the second after `<!DOCTYPE html>`.
    let start = if text.starts_with(marker) {
        0
    } else {
        let first = text.iter().position(|&b| b == b'\n')? + 1;
        if !text[first..].starts_with(marker) {
            return None;
        }
        first
    };
    let end = start + text[start..].iter().position(|&b| b == b'\n')?;
    let line = std::str::from_utf8(&text[start..end]).ok()?;
    let hex = line
        .strip_prefix(MARKER)?
        .trim()
        .strip_suffix("-->")?
        .trim();
    let recorded = u64::from_str_radix(hex, 16).ok()?;
    Some(recorded == fingerprint(&text[end + 1..]))
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let mut file = std::fs::File::create(path).map_err(write_error(path))?;
    file.write_all(bytes).map_err(write_error(path))?;
    file.sync_all().map_err(write_error(path))
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

/// `arg` as one shell word: as it is when it holds only characters no shell treats
/// specially, else in single quotes (a quote inside written `'\''`).
pub fn shell_word(arg: &str) -> String {
    let plain = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./=:,+@%".contains(c));
    if plain {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', "'\\''"))
    }
}

/// ` --set K=V` for each of the manifest's `[run] sets`, each a shell word.
pub fn set_args(manifest: &Manifest) -> String {
    manifest
        .get("run.sets")
        .and_then(toml::Value::as_array)
        .map(|sets| {
            sets.iter()
                .filter_map(toml::Value::as_str)
                .map(|set| format!(" --set {}", shell_word(set)))
                .collect()
        })
        .unwrap_or_default()
}

/// "1 replicate" / "5 replicates".
pub fn replicates_text(n: usize) -> String {
    if n == 1 {
        "1 replicate".to_string()
    } else {
        format!("{n} replicates")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_are_quoted_when_needed() {
        assert_eq!(shell_word("simulation.days=60"), "simulation.days=60");
        assert_eq!(shell_word("name=a b"), "'name=a b'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn stamps_recognise_their_own_unedited_text() {
        let markdown = stamp("", "# title\nbody\n");
        assert!(markdown.starts_with("<!-- rewardsim report "));
        assert_eq!(stamped_body(markdown.as_bytes()), Some(true));
        let edited = markdown.replace("body", "my edit");
        assert_eq!(stamped_body(edited.as_bytes()), Some(false));
        let html = stamp("<!DOCTYPE html>\n", "<html></html>\n");
        assert_eq!(stamped_body(html.as_bytes()), Some(true));
        assert_eq!(stamped_body(b"my notes\n"), None);
        assert_eq!(stamped_body(b"<!-- rewardsim report -->\nx"), None);
        assert_eq!(stamped_body(b""), None);
    }
}
