//! Writing results. Each format is a module behind the [`Sink`] trait: [`tables`] (CSV),
//! [`manifest`] (TOML); [`report`] then builds report.md, report.html and the charts
//! ([`charts`], in the one [`style`]) from the folder's files; [`run_dir`] makes the whole
//! result folder appear at once or not at all, [`summary`] is the table printed at the end
//! and [`progress`] the bar shown meanwhile. [`atomic`] writes single files for the calculators; [`calibration`]
//! is the report of `calibrate` and its folder, [`compare`] the table and folder of
//! `compare`.
//!
//! Invariant: nothing is written unless everything could be: sinks write into a temporary
//! folder that is renamed into place only after the last one succeeded.

pub mod atomic;
pub mod calibration;
pub mod charts;
pub mod compare;
pub mod curves_chart;
pub mod error;
pub mod manifest;
pub mod progress;
pub mod report;
pub mod run_dir;
pub mod style;
pub mod summary;
pub mod sweep;
pub mod tables;

use std::path::Path;
use std::time::Duration;

pub use error::OutputError;
pub use run_dir::RunDir;

use crate::engine::RunResult;
use crate::scenario::LoadedScenario;

/// Everything a finished run hands to the sinks.
#[derive(Debug, Clone, Copy)]
pub struct RunOutputs<'a> {
    /// The scenario as loaded.
    pub loaded: &'a LoadedScenario,
    /// The `--set` arguments, in order.
    pub sets: &'a [String],
    /// One result per replicate, in replicate order.
    pub results: &'a [RunResult],
    /// How long loading and simulating took.
    pub wall_time: Duration,
}

/// One output format: writes its files into a (temporary) result folder.
pub trait Sink {
    /// Writes this format's files for `run` into `folder`.
    fn write(&self, folder: &Path, run: &RunOutputs<'_>) -> Result<(), OutputError>;
}

/// `timeseries.csv`, `accounts.csv`, `cohorts.csv`, `payouts.csv`, `summary.csv` and, if
/// the scenario asks, `posts.csv`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tables;

impl Sink for Tables {
    fn write(&self, folder: &Path, run: &RunOutputs<'_>) -> Result<(), OutputError> {
        let posts = run.loaded.scenario.output.posts_csv;
        tables::write_all(folder, run.results, posts)
    }
}

/// `manifest.toml`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Manifest;

impl Sink for Manifest {
    fn write(&self, folder: &Path, run: &RunOutputs<'_>) -> Result<(), OutputError> {
        manifest::write(folder, run.loaded, run.sets, run.wall_time)
    }
}

/// The sinks of a `run`, in the order they write.
pub fn sinks() -> Vec<Box<dyn Sink>> {
    vec![Box::new(Tables), Box::new(Manifest)]
}

/// Writes every sink's files for `run` into `dir`, all or nothing. The report is written
/// from them afterwards ([`report::write`]).
pub fn write_run(dir: &RunDir, run: &RunOutputs<'_>) -> Result<(), OutputError> {
    dir.write_with(|folder| sinks().iter().try_for_each(|sink| sink.write(folder, run)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;
    use std::path::PathBuf;

    fn run_of(scenario: Scenario, replicates: u32) -> (LoadedScenario, Vec<RunResult>) {
        let loaded = LoadedScenario {
            resolved_toml: format!("name = \"{}\"\n", scenario.name),
            scenario,
            sources: vec![PathBuf::from("mine.toml")],
        };
        let results = (0..replicates)
            .map(|replicate| RunResult {
                replicate,
                cohorts: vec![],
                days: (0..5)
                    .map(|d| tables::tests::day_row(replicate, d))
                    .collect(),
                accounts: vec![],
                posts: vec![],
                payouts: vec![],
                pools: vec![],
                summary: tables::tests::summary_row(replicate),
            })
            .collect();
        (loaded, results)
    }

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_every_file_and_only_timing_differs() {
        let mut scenario = Scenario::default();
        scenario.output.posts_csv = true;
        let (loaded, results) = run_of(scenario, 2);
        let root = tempfile::tempdir().unwrap();
        let mut contents = Vec::new();
        for (i, target) in ["a", "b"].iter().enumerate() {
            let target = root.path().join(target);
            let run = RunOutputs {
                loaded: &loaded,
                sets: &[],
                results: &results,
                wall_time: Duration::from_secs(i as u64 + 1),
            };
            write_run(&RunDir::check(&target, false).unwrap(), &run).unwrap();
            report::write(&target, false).unwrap();
            assert_eq!(
                names(&target),
                [
                    "accounts.csv",
                    "charts",
                    "cohorts.csv",
                    "manifest.toml",
                    "payouts.csv",
                    "posts.csv",
                    "report.html",
                    "report.md",
                    "summary.csv",
                    "timeseries.csv"
                ]
            );
            let summary = std::fs::read_to_string(target.join("summary.csv")).unwrap();
            assert_eq!(summary.lines().count(), 1 + 2);
            let timeseries = std::fs::read_to_string(target.join("timeseries.csv")).unwrap();
            assert_eq!(timeseries.lines().count(), 1 + 2 * 5);
            contents.push(
                names(&target)
                    .into_iter()
                    .filter(|n| n != "charts")
                    .map(|n| std::fs::read(target.join(n)).unwrap())
                    .collect::<Vec<_>>(),
            );
        }
        let differing: Vec<usize> = (0..contents[0].len())
            .filter(|&i| contents[0][i] != contents[1][i])
            .collect();
        assert_eq!(differing, [2], "only manifest.toml differs");
    }

    #[test]
    fn the_report_and_posts_are_optional() {
        let scenario = Scenario::default();
        let (loaded, results) = run_of(scenario, 1);
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("out");
        let run = RunOutputs {
            loaded: &loaded,
            sets: &[],
            results: &results,
            wall_time: Duration::ZERO,
        };
        write_run(&RunDir::check(&target, false).unwrap(), &run).unwrap();
        assert_eq!(
            names(&target),
            [
                "accounts.csv",
                "cohorts.csv",
                "manifest.toml",
                "payouts.csv",
                "summary.csv",
                "timeseries.csv"
            ]
        );
    }
}
