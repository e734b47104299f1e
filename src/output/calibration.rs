//! The calibration report of `rewardsim calibrate`: the table it prints, and the folder
//! `--out` writes — `calibration.csv` (one [`CalibrationRow`] per check),
//! `summary-<preset>.csv` (each preset's `summary.csv`), `<preset>.toml` (each preset
//! resolved, as `check` prints it) and `manifest.toml` (`[calibration]`, `[run]` with
//! `program = "rewardsim"` and `[timing]`). The folder is written all or nothing by
//! [`RunDir`], under the same rules as a run's result folder.
//!
//! Units: shares 0..=1 with three decimals, gaps in points (share × 100) with two.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use super::error::OutputError;
use super::manifest::{self, CommandRunTable, TimingTable};
use super::tables::write_csv;
use super::RunDir;
use crate::experiment::calibration::{Measure, Outcome, Verdict};
use crate::metrics::{CalibrationRow, RunSummaryRow};

/// File name of the table of checks.
pub const CALIBRATION: &str = "calibration.csv";

/// The row of `outcome` in `calibration.csv`.
pub fn row(outcome: &Outcome) -> CalibrationRow {
    let check = &outcome.check;
    CalibrationRow {
        target: check.target,
        description: check.description,
        range: check.range.to_string(),
        value: outcome.value,
        presets: check.presets().join("+"),
        in_range: outcome.verdict.name(),
        note: check.note,
    }
}

/// The report printed on standard output.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    /// Every check's outcome, in order.
    pub outcomes: &'a [Outcome],
    /// How the presets were run (world size, days, overrides), one line.
    pub world: &'a str,
    /// Where the files went, if anywhere.
    pub folder: Option<&'a Path>,
    /// Wall time of loading and running the presets.
    pub wall_time: Duration,
}

/// `value` as the table shows it: points with two decimals, shares with three.
fn shown(outcome: &Outcome) -> String {
    match outcome.value {
        None => "—".to_string(),
        Some(v) if matches!(outcome.check.measure, Measure::GapPoints(..)) => format!("{v:.2}"),
        Some(v) => format!("{v:.3}"),
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Calibration targets C1–C10 (evidence.md §2) against the presets"
        )?;
        writeln!(f, "{}", self.world)?;
        writeln!(f)?;
        let header = ["target", "check", "range", "model", "presets", "in range"];
        let cells: Vec<[String; 6]> = self
            .outcomes
            .iter()
            .map(|o| {
                let modelled = o.verdict != Verdict::NotModelled;
                [
                    o.check.target.to_string(),
                    o.check.description.to_string(),
                    if modelled {
                        o.check.range.to_string()
                    } else {
                        format!("({})", o.check.range)
                    },
                    shown(o),
                    o.check.presets().join(" + "),
                    o.verdict.name().to_string(),
                ]
            })
            .collect();
        let mut widths = header.map(|h| h.chars().count());
        for row in &cells {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |f: &mut fmt::Formatter<'_>, row: &[&str]| -> fmt::Result {
            let mut text = String::new();
            for (k, (cell, w)) in row.iter().zip(widths).enumerate() {
                let pad = w - cell.chars().count();
                // The model's values are right-aligned, the rest left.
                if k == 3 {
                    text.push_str(&" ".repeat(pad));
                    text.push_str(cell);
                } else {
                    text.push_str(cell);
                    if k + 1 < row.len() {
                        text.push_str(&" ".repeat(pad));
                    }
                }
                if k + 1 < row.len() {
                    text.push_str("  ");
                }
            }
            writeln!(f, "{}", text.trim_end())
        };
        line(f, &header)?;
        for row in &cells {
            line(f, &row.each_ref().map(String::as_str))?;
        }
        writeln!(f)?;
        let count = |v: Verdict| self.outcomes.iter().filter(|o| o.verdict == v).count();
        let measured = self.outcomes.len() - count(Verdict::NotModelled);
        writeln!(
            f,
            "{} of {measured} checks in range, {} out of range, {} without data.",
            count(Verdict::Yes),
            count(Verdict::No),
            count(Verdict::NoData)
        )?;
        for o in self.outcomes {
            if matches!(o.verdict, Verdict::NotModelled | Verdict::NoData) {
                writeln!(
                    f,
                    "  {} {}: {}",
                    o.check.target,
                    o.verdict.name(),
                    o.check.note
                )?;
            }
        }
        if let Some(folder) = self.folder {
            writeln!(f, "files: {}", folder.display())?;
        }
        writeln!(f, "wall time: {:.1} s", self.wall_time.as_secs_f64())
    }
}

/// One preset as the folder records it.
#[derive(Debug, Clone, Copy)]
pub struct PresetOutput<'a> {
    /// The preset's name.
    pub name: &'a str,
    /// Its seed.
    pub seed: u64,
    /// It resolved, as `check` prints it.
    pub resolved_toml: &'a str,
    /// Its replicates' summary rows.
    pub summaries: &'a [RunSummaryRow],
}

/// Everything `--out` writes.
#[derive(Debug, Clone, Copy)]
pub struct CalibrationOutputs<'a> {
    /// The rows of `calibration.csv`.
    pub rows: &'a [CalibrationRow],
    /// The presets run, in order.
    pub presets: &'a [PresetOutput<'a>],
    /// The `--set` arguments that sized the world (before the user's).
    pub world_sets: &'a [String],
    /// The user's `--set` arguments, in order.
    pub sets: &'a [String],
    /// Wall time of loading and running.
    pub wall_time: Duration,
}

#[derive(Serialize)]
struct ManifestDocument<'a> {
    calibration: CalibrationTable<'a>,
    run: CommandRunTable<'a>,
    timing: TimingTable,
}

#[derive(Serialize)]
struct CalibrationTable<'a> {
    presets: Vec<&'a str>,
    seeds: Vec<toml::Value>,
    world_sets: &'a [String],
}

/// The manifest of a calibration: valid TOML that [`manifest::is_rewardsim_manifest`]
/// recognises; two runs of the same command differ only in `[timing]`.
pub fn compose_manifest(out: &CalibrationOutputs<'_>) -> Result<String, String> {
    let document = ManifestDocument {
        calibration: CalibrationTable {
            presets: out.presets.iter().map(|p| p.name).collect(),
            seeds: out
                .presets
                .iter()
                .map(|p| {
                    i64::try_from(p.seed)
                        .map(toml::Value::Integer)
                        .unwrap_or_else(|_| toml::Value::String(p.seed.to_string()))
                })
                .collect(),
            world_sets: out.world_sets,
        },
        run: CommandRunTable {
            program: "rewardsim",
            command: "calibrate",
            rewardsim_version: env!("CARGO_PKG_VERSION"),
            sets: out.sets,
        },
        timing: TimingTable {
            wall_time_seconds: out.wall_time.as_millis() as f64 / 1000.0,
        },
    };
    let text = toml::to_string(&document).map_err(|e| e.to_string())?;
    Ok(format!(
        "# rewardsim calibration manifest: the presets run and how ([calibration]), then [run] and [timing].\n\n{text}"
    ))
}

/// Writes the folder of a calibration into `dir`, all or nothing.
pub fn write(dir: &RunDir, out: &CalibrationOutputs<'_>) -> Result<(), OutputError> {
    dir.write_with(|folder| {
        write_csv(&folder.join(CALIBRATION), out.rows)?;
        for preset in out.presets {
            write_csv(
                &folder.join(format!("summary-{}.csv", preset.name)),
                preset.summaries,
            )?;
            let path = folder.join(format!("{}.toml", preset.name));
            std::fs::write(&path, preset.resolved_toml)
                .map_err(|source| OutputError::Write { path, source })?;
        }
        let path = folder.join(manifest::FILE_NAME);
        let document = compose_manifest(out).map_err(|message| OutputError::Manifest {
            path: path.clone(),
            message,
        })?;
        std::fs::write(&path, document).map_err(|source| OutputError::Write { path, source })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::calibration::{evaluate, Measures};

    #[test]
    fn manifest_is_recognised_and_only_timing_differs() {
        let presets = [PresetOutput {
            name: "steem-hf17",
            seed: 1,
            resolved_toml: "",
            summaries: &[],
        }];
        let sets = ["simulation.seed=2".to_string()];
        let out = |secs| CalibrationOutputs {
            rows: &[],
            presets: &presets,
            world_sets: &[],
            sets: &sets,
            wall_time: Duration::from_secs(secs),
        };
        let a = compose_manifest(&out(1)).unwrap();
        let b = compose_manifest(&out(2)).unwrap();
        assert!(manifest::is_rewardsim_manifest(a.as_bytes()), "{a}");
        assert!(a.contains("command = \"calibrate\""), "{a}");
        let cut = |s: &str| s[..s.find("[timing]").unwrap()].to_string();
        assert_eq!(cut(&a), cut(&b));
        assert_ne!(a, b);
    }

    #[test]
    fn report_lists_every_check_with_its_verdict() {
        let runs = [("steem-hf17", Measures::default())];
        let outcomes = evaluate(&runs);
        let report = Report {
            outcomes: &outcomes,
            world: "a world",
            folder: None,
            wall_time: Duration::from_millis(1500),
        }
        .to_string();
        for id in ["C1 ", "C6 ", "C9 ", "C10 "] {
            assert!(report.contains(id), "{id}: {report}");
        }
        assert!(report.contains("not modelled"), "{report}");
        assert!(report.contains("no data"), "{report}");
        let rows: Vec<CalibrationRow> = outcomes.iter().map(row).collect();
        assert_eq!(rows.len(), outcomes.len());
        assert_eq!(rows[0].presets, "steem-hf17");
        assert_eq!(rows[4].presets, "steem-hf17+steem-hf19");
    }
}
