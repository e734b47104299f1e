//! The `run` and `check` commands: load a scenario, run its replicates, write the result
//! folder and print a summary. Order matters for safety: the output folder is checked before
//! anything runs (an explicit `--out` even before the scenario is loaded), and files appear
//! only after the whole run succeeded (see [`crate::output::run_dir`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::error::Error;
use super::{CheckArgs, RunArgs};
use crate::experiment;
use crate::output::progress::ProgressBar;
use crate::output::summary::Summary;
use crate::output::{self, RunDir, RunOutputs};
use crate::scenario;

/// The folder results go to without `--out`: `output/<scenario name>` under the working
/// folder.
pub fn default_out(scenario_name: &str) -> PathBuf {
    Path::new("output").join(scenario_name)
}

/// `rewardsim run`.
pub fn run(args: &RunArgs) -> Result<(), Error> {
    let started = Instant::now();
    let explicit = match &args.out {
        Some(out) => Some(RunDir::check(out, args.force)?),
        None => None,
    };
    let loaded = scenario::load(&args.scenario.path, &args.scenario.sets)?;
    let dir = match explicit {
        Some(dir) => dir,
        None => RunDir::check(&default_out(&loaded.scenario.name), args.force)?,
    };
    let mut progress = ProgressBar::new(&loaded.scenario, !args.quiet);
    let results = experiment::run_replicates(&loaded.scenario, &mut progress);
    progress.finish();
    let results = results.map_err(|source| Error::Engine {
        path: args.scenario.path.clone(),
        source,
    })?;
    let wall_time = started.elapsed();
    output::write_run(
        &dir,
        &RunOutputs {
            loaded: &loaded,
            sets: &args.scenario.sets,
            results: &results,
            wall_time,
        },
    )?;
    let summary = Summary::new(
        &loaded.scenario.name,
        &results,
        dir.path().to_path_buf(),
        wall_time,
    );
    print_stdout(&summary.to_string())?;
    if args.no_report {
        Ok(())
    } else {
        super::report_after(dir.path())
    }
}

/// `rewardsim check`: the resolved scenario on standard output.
pub fn check(args: &CheckArgs) -> Result<(), Error> {
    let loaded = scenario::load(&args.scenario.path, &args.scenario.sets)?;
    print_stdout(&loaded.resolved_toml)
}

/// Writes `text` to standard output and flushes it.
pub(super) fn print_stdout(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(Error::Stdout)
}
