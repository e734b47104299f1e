//! The `calibrate` command: load the calibration presets (built in, so it works from any
//! folder) with the world size and `--set` overrides, run them all in parallel, check the
//! targets of evidence.md §2 ([`crate::experiment::calibration`]) and print the report;
//! with `--out`, write its folder. As in `run`, the folder is checked before anything is
//! loaded or run. Out-of-range targets are not an error: the exit code is 0.

use std::path::PathBuf;
use std::time::Instant;

use super::error::Error;
use super::CalibrateArgs;
use crate::experiment::calibration::{self, Measures, PRESETS};
use crate::output::calibration::{self as report, CalibrationOutputs, PresetOutput, Report};
use crate::output::RunDir;
use crate::scenario::{self, LoadedScenario, ScenarioError};

/// Warm-up days of the reduced world.
pub const WARMUP_DAYS: u32 = 10;

/// Initial accounts of the reduced world of `--quick`.
const QUICK_ACCOUNTS: u32 = 3_000;
/// Measured days of the reduced world of `--quick`.
const QUICK_DAYS: u32 = 330;

/// Whether `args` ask for a reduced world rather than the presets' own.
fn reduced(args: &CalibrateArgs) -> bool {
    args.quick || args.accounts.is_some() || args.days.is_some()
}

/// `rewardsim calibrate`.
pub fn calibrate(args: &CalibrateArgs) -> Result<(), Error> {
    let started = Instant::now();
    let dir = match &args.out {
        Some(out) => Some(RunDir::check(out, args.force)?),
        None => None,
    };
    let mut loaded: Vec<(LoadedScenario, Vec<String>)> = Vec::new();
    for preset in PRESETS {
        let world = if reduced(args) {
            reduced_world(
                preset,
                args.accounts.unwrap_or(QUICK_ACCOUNTS),
                args.days.unwrap_or(QUICK_DAYS),
            )?
        } else {
            Vec::new()
        };
        let sets: Vec<String> = world.iter().chain(&args.sets).cloned().collect();
        loaded.push((scenario::load_preset(preset, &sets)?, world));
    }
    let scenarios: Vec<_> = loaded.iter().map(|(l, _)| &l.scenario).collect();
    let runs = calibration::run(&scenarios).map_err(|(k, source)| Error::Engine {
        path: PathBuf::from(format!("<builtin>/{}.toml", PRESETS[k])),
        source,
    })?;
    let measured: Vec<(&str, Measures)> = PRESETS
        .iter()
        .zip(&runs)
        .map(|(p, r)| (*p, r.measures.clone()))
        .collect();
    let outcomes = calibration::evaluate(&measured);
    let wall_time = started.elapsed();
    if let Some(dir) = &dir {
        let rows: Vec<_> = outcomes.iter().map(report::row).collect();
        let presets: Vec<PresetOutput<'_>> = loaded
            .iter()
            .zip(&runs)
            .map(|((l, _), r)| PresetOutput {
                name: &l.scenario.name,
                seed: l.scenario.simulation.seed,
                resolved_toml: &l.resolved_toml,
                summaries: &r.summaries,
            })
            .collect();
        report::write(
            dir,
            &CalibrationOutputs {
                rows: &rows,
                presets: &presets,
                world_sets: &loaded[0].1,
                sets: &args.sets,
                wall_time,
            },
        )?;
    }
    let world = describe_world(&loaded[0].0, args);
    let text = Report {
        outcomes: &outcomes,
        world: &world,
        folder: dir.as_ref().map(|d| d.path()),
        wall_time,
    }
    .to_string();
    super::simulate::print_stdout(&text)
}

/// The `--set`s that shrink `preset` to `accounts` initial accounts (arrivals scaled by
/// the same factor, so that they still replace the base exits), `days` measured days after
/// [`WARMUP_DAYS`], without charts.
fn reduced_world(preset: &str, accounts: u32, days: u32) -> Result<Vec<String>, ScenarioError> {
    let own = scenario::load_preset(preset, &[])?.scenario;
    let arrivals = own.growth.arrivals_per_day * f64::from(accounts)
        / f64::from(own.population.accounts.max(1));
    Ok(vec![
        format!("population.accounts={accounts}"),
        format!("growth.arrivals_per_day={arrivals}"),
        format!("simulation.warmup_days={WARMUP_DAYS}"),
        format!("simulation.days={days}"),
        "output.charts=false".to_string(),
    ])
}

/// One line on how the presets ran (from the first; the world is the same in all).
fn describe_world(first: &LoadedScenario, args: &CalibrateArgs) -> String {
    let s = &first.scenario;
    let mut line = format!(
        "World: {} accounts, {} days after a {}-day warm-up, {} replicate(s), seed {}{}",
        s.population.accounts,
        s.simulation.days,
        s.simulation.warmup_days,
        s.simulation.replicates,
        s.simulation.seed,
        if reduced(args) {
            " (reduced: stake-weighted shares such as C5 and C7 need the presets' own)"
        } else {
            " (the presets' own world)"
        }
    );
    if !args.sets.is_empty() {
        line.push_str(&format!("; --set {}", args.sets.join(", ")));
    }
    line
}
