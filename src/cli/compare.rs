//! The `compare` command: load every variant with the shared overrides, one seed and one
//! number of replicates, check that they can be paired, run every (variant, replicate)
//! through [`crate::experiment::compare`], write the folder and print the table. As in
//! `run`, an explicit `--out` is checked before anything is loaded and the default one
//! before anything runs; files appear only after every run has ended.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::error::Error;
use super::CompareArgs;
use crate::experiment::compare::{self, table, Variant};
use crate::output::compare::{self as report, CompareOutputs, Report, VariantOutput};
use crate::output::progress::RunsBar;
use crate::output::RunDir;
use crate::scenario::{self, LoadedScenario};

/// The folder results go to without `--out`: `output/compare-<a>-vs-<b>[-vs-<c>…]`.
pub fn default_out(names: &[String]) -> PathBuf {
    Path::new("output").join(format!("compare-{}", names.join("-vs-")))
}

/// The `--set` that gives every variant `seed` (quoted above i64::MAX, as the scenario
/// format wants).
fn seed_set(seed: u64) -> String {
    match i64::try_from(seed) {
        Ok(_) => format!("simulation.seed={seed}"),
        Err(_) => format!("simulation.seed=\"{seed}\""),
    }
}

/// `rewardsim compare`.
pub fn compare(args: &CompareArgs) -> Result<(), Error> {
    let started = Instant::now();
    let explicit = match &args.out {
        Some(out) => Some(RunDir::check(out, args.force)?),
        None => None,
    };
    let mut sets = args.sets.clone();
    if let Some(replicates) = args.replicates {
        sets.push(format!("simulation.replicates={replicates}"));
    }
    let seed = match args.seed {
        Some(seed) => seed,
        None => {
            scenario::load(&args.paths[0], &sets)?
                .scenario
                .simulation
                .seed
        }
    };
    sets.push(seed_set(seed));
    let loaded: Vec<LoadedScenario> = args
        .paths
        .iter()
        .map(|path| scenario::load(path, &sets))
        .collect::<Result<_, _>>()?;
    let variants: Vec<Variant<'_>> = args
        .paths
        .iter()
        .zip(&loaded)
        .map(|(path, l)| Variant {
            path,
            scenario: &l.scenario,
        })
        .collect();
    compare::check_pairing(&variants)?;
    let names = compare::variant_names(&variants)?;
    let dir = match explicit {
        Some(dir) => dir,
        None => RunDir::check(&default_out(&names), args.force)?,
    };
    let replicates = loaded[0].scenario.simulation.replicates;
    let scenarios: Vec<_> = loaded.iter().map(|l| &l.scenario).collect();
    let bar = RunsBar::new(scenarios.len() as u64 * u64::from(replicates), !args.quiet);
    let compare::CompareRuns { outcomes, tables } =
        compare::run(&scenarios, replicates, || bar.run_finished());
    bar.finish();
    let metrics = table::compare(&outcomes);
    let wall_time = started.elapsed();
    let variant_outputs: Vec<VariantOutput<'_>> = names
        .iter()
        .zip(&args.paths)
        .zip(&loaded)
        .map(|((name, path), loaded)| VariantOutput { name, path, loaded })
        .collect();
    let outputs = CompareOutputs {
        variants: &variant_outputs,
        metrics: &metrics,
        outcomes: &outcomes,
        tables: &tables,
        seed,
        replicates,
        sets: &args.sets,
        wall_time,
    };
    let failures = report::failures(&variant_outputs, &outcomes);
    let total = outcomes.iter().map(Vec::len).sum();
    if failures.len() == total {
        return Err(Error::RunsFailed {
            failures,
            total,
            written: None,
        });
    }
    report::write(&dir, &outputs)?;
    let text = Report {
        outputs: &outputs,
        folder: dir.path(),
    }
    .to_string();
    super::simulate::print_stdout(&text)?;
    if !args.no_report {
        super::report_after(dir.path())?;
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(Error::RunsFailed {
            failures,
            total,
            written: Some(dir.path().to_path_buf()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_folder_names_every_variant() {
        let names = ["steem-hf21".to_string(), "stake-weighted".to_string()];
        assert_eq!(
            default_out(&names),
            Path::new("output").join("compare-steem-hf21-vs-stake-weighted")
        );
    }

    #[test]
    fn seed_sets_load_for_every_seed() {
        assert_eq!(seed_set(7), "simulation.seed=7");
        assert_eq!(
            seed_set(u64::MAX),
            "simulation.seed=\"18446744073709551615\""
        );
    }
}
