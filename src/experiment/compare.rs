//! `compare`: several variants of a scenario run on common random numbers, and the paired
//! differences of their summary metrics.
//!
//! Pairing: replicate r of every variant runs with the same root seed and replicate number,
//! so the random world (population, stake draws, daily streams) starts the same, and the
//! difference of a metric between two variants is taken replicate by replicate. The
//! variants must therefore agree on the days, the warm-up and the number of replicates
//! ([`check_pairing`]); the caller gives them one seed.
//!
//! Order: runs go to [`super::run_each`] replicate by replicate (every variant of replicate
//! 0, then of 1, …), and their outcomes are stored by (variant, replicate), so the result
//! does not depend on which run finished first or on the thread count. Each run keeps its
//! summary row and, for the overlay tables, its day, cohort and payout-bin rows ([`RunTables`];
//! account rows for replicate 0 only); its posts and the rest are dropped as it ends, so
//! memory grows with days, not with posts, and with accounts only once per variant.
//!
//! A run that fails is kept as its failure: its replicate is left out of that variant's
//! statistics and of every difference that needs it ([`table`]); the other runs go on.

pub mod stats;
pub mod table;

use std::path::{Path, PathBuf};

use super::{run_each, RunFailure, RunSpec};
use crate::engine::RunResult;
use crate::metrics::{AccountRow, CohortRow, DayRow, PayoutBinRow, PoolDayRow, RunSummaryRow};
use crate::scenario::Scenario;

/// Why the variants cannot be compared. Bad input: nothing runs, nothing is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompareError {
    /// Two variants differ in a value pairing needs (days, warm-up, replicates, seed).
    #[error(
        "{} and {}: {key} differs ({values}); replicates are \
         paired across variants, so every variant needs the same {key}: {hint}",
        baseline.display(),
        variant.display()
    )]
    Mismatch {
        /// The key, e.g. `simulation.days`.
        key: &'static str,
        /// The baseline's file.
        baseline: PathBuf,
        /// The other variant's file.
        variant: PathBuf,
        /// The two values, `<baseline's> against <variant's>`.
        values: String,
        /// How to make them agree.
        hint: &'static str,
    },
    /// Two variants end up with the same name (their scenario names and their file stems
    /// are the same), so the tables could not tell them apart.
    #[error(
        "{} and {}: both variants would be named '{name}' (same scenario name and same file \
         name); give each file its own `name = \"...\"`, or copy one under another file name",
        first.display(),
        second.display()
    )]
    DuplicateName {
        /// The name.
        name: String,
        /// The first file with it.
        first: PathBuf,
        /// The second.
        second: PathBuf,
    },
}

/// One variant: its file and its scenario (loaded with every override).
#[derive(Debug, Clone, Copy)]
pub struct Variant<'a> {
    /// The scenario file as given.
    pub path: &'a Path,
    /// The scenario, complete and valid.
    pub scenario: &'a Scenario,
}

/// Checks that every variant agrees with the baseline (the first) on what pairing needs:
/// `simulation.days`, `simulation.warmup_days`, `simulation.replicates` and
/// `simulation.seed`. The first difference found is the error, naming both files.
pub fn check_pairing(variants: &[Variant<'_>]) -> Result<(), CompareError> {
    let Some((baseline, others)) = variants.split_first() else {
        return Ok(());
    };
    type Get = fn(&Scenario) -> String;
    let keys: [(&'static str, Get, &'static str); 4] = [
        (
            "simulation.days",
            |s| s.simulation.days.to_string(),
            "set it in the files, or for all with --set simulation.days=N",
        ),
        (
            "simulation.warmup_days",
            |s| s.simulation.warmup_days.to_string(),
            "set it in the files, or for all with --set simulation.warmup_days=N",
        ),
        (
            "simulation.replicates",
            |s| s.simulation.replicates.to_string(),
            "set it in the files, or for all with --replicates N",
        ),
        (
            "simulation.seed",
            |s| s.simulation.seed.to_string(),
            "give every variant one seed with --seed S",
        ),
    ];
    for variant in others {
        for (key, get, hint) in keys {
            let (a, b) = (get(baseline.scenario), get(variant.scenario));
            if a != b {
                return Err(CompareError::Mismatch {
                    key,
                    baseline: baseline.path.to_path_buf(),
                    variant: variant.path.to_path_buf(),
                    values: format!("{a} against {b}"),
                    hint,
                });
            }
        }
    }
    Ok(())
}

/// The variants' names, in order: each scenario's `name`, except that variants sharing a
/// name are named by their file stem instead. An error if names still repeat.
pub fn variant_names(variants: &[Variant<'_>]) -> Result<Vec<String>, CompareError> {
    let shared = |name: &str| variants.iter().filter(|v| v.scenario.name == name).count() > 1;
    let names: Vec<String> = variants
        .iter()
        .map(|v| {
            if shared(&v.scenario.name) {
                v.path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| v.scenario.name.clone())
            } else {
                v.scenario.name.clone()
            }
        })
        .collect();
    for (j, name) in names.iter().enumerate() {
        if let Some(i) = names[..j].iter().position(|n| n == name) {
            return Err(CompareError::DuplicateName {
                name: name.clone(),
                first: variants[i].path.to_path_buf(),
                second: variants[j].path.to_path_buf(),
            });
        }
    }
    Ok(names)
}

/// What a comparison keeps of one run for its statistics: its summary row, or why it
/// failed.
pub type RunOutcome = Result<RunSummaryRow, RunFailure>;

/// What a comparison keeps of one run for the overlay tables (`timeseries.csv`,
/// `cohorts.csv`, `payouts.csv`, `accounts.csv` of the compare folder): the run's rows as
/// [`RunResult`] holds them. Empty for a failed run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunTables {
    /// One row per measured day, in day order.
    pub days: Vec<DayRow>,
    /// Retention by arrival cohort and age.
    pub cohorts: Vec<CohortRow>,
    /// The payout distribution's bins, ascending.
    pub payouts: Vec<PayoutBinRow>,
    /// One row per account, in account order — replicate 0 only (empty for the others), to
    /// keep one replicate's accounts per variant in memory and in the folder.
    pub accounts: Vec<AccountRow>,
    /// The community pools' day rows (empty without `[pools]`).
    pub pools: Vec<PoolDayRow>,
}

impl RunTables {
    /// What a comparison keeps of `result`: its vectors moved out, the accounts only if it
    /// is replicate 0; the rest (posts) is dropped.
    pub fn keep(result: RunResult) -> RunTables {
        RunTables {
            accounts: if result.replicate == 0 {
                result.accounts
            } else {
                Vec::new()
            },
            days: result.days,
            cohorts: result.cohorts,
            payouts: result.payouts,
            pools: result.pools,
        }
    }
}

/// Every run of a comparison, `[variant][replicate]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompareRuns {
    /// Each run's summary row or failure.
    pub outcomes: Vec<Vec<RunOutcome>>,
    /// Each run's rows for the overlay tables (empty for a failed run).
    pub tables: Vec<Vec<RunTables>>,
}

/// Runs `replicates` replicates of every scenario of `variants` (all with their own seed,
/// which [`check_pairing`] has made one) through [`run_each`], calling `finished` after
/// each run, and returns what each run keeps, `[variant][replicate]`.
pub fn run(
    variants: &[&Scenario],
    replicates: u32,
    mut finished: impl FnMut() + Send,
) -> CompareRuns {
    let specs: Vec<RunSpec<'_>> = (0..replicates)
        .flat_map(|replicate| {
            variants.iter().map(move |&scenario| RunSpec {
                scenario,
                replicate,
            })
        })
        .collect();
    let mut outcomes: Vec<Vec<Option<RunOutcome>>> =
        vec![vec![None; replicates as usize]; variants.len()];
    let mut tables: Vec<Vec<RunTables>> =
        vec![vec![RunTables::default(); replicates as usize]; variants.len()];
    let count = variants.len().max(1);
    run_each(&specs, |index, result| {
        let (variant, replicate) = (index % count, index / count);
        // Keep the summary row and the overlay tables' rows; the posts (and the accounts of
        // replicates other than 0) are dropped here.
        outcomes[variant][replicate] = Some(result.map(|mut run| {
            let summary = std::mem::take(&mut run.summary);
            tables[variant][replicate] = RunTables::keep(run);
            summary
        }));
        finished();
    });
    let outcomes = outcomes
        .into_iter()
        .map(|runs| {
            runs.into_iter()
                .map(|outcome| {
                    outcome.unwrap_or_else(|| {
                        Err(RunFailure::Panicked("the run never reported back".into()))
                    })
                })
                .collect()
        })
        .collect();
    CompareRuns { outcomes, tables }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(name: &str) -> Scenario {
        let mut scenario = Scenario {
            name: name.to_string(),
            ..Scenario::default()
        };
        scenario.population.accounts = 150;
        scenario.simulation.days = 2;
        scenario.simulation.warmup_days = 0;
        scenario.output.charts = false;
        scenario
    }

    fn variants<'a>(items: &'a [(PathBuf, Scenario)]) -> Vec<Variant<'a>> {
        items
            .iter()
            .map(|(path, scenario)| Variant { path, scenario })
            .collect()
    }

    #[test]
    fn pairing_needs_the_same_days_warmup_replicates_and_seed() {
        let a = (PathBuf::from("a.toml"), scenario("a"));
        let mut b = (PathBuf::from("dir/b.toml"), scenario("b"));
        assert_eq!(check_pairing(&variants(&[a.clone(), b.clone()])), Ok(()));
        b.1.simulation.warmup_days = 3;
        let error = check_pairing(&variants(&[a.clone(), b.clone()])).unwrap_err();
        let text = error.to_string();
        assert!(
            text.starts_with("a.toml and dir/b.toml: simulation.warmup_days differs (0 against 3)"),
            "{text}"
        );
        b.1.simulation.warmup_days = 0;
        b.1.simulation.replicates = 4;
        let error = check_pairing(&variants(&[a.clone(), b.clone()])).unwrap_err();
        assert!(error.to_string().contains("--replicates N"), "{error}");
        b.1.simulation.replicates = a.1.simulation.replicates;
        b.1.simulation.days = 9;
        assert!(matches!(
            check_pairing(&variants(&[a, b])),
            Err(CompareError::Mismatch {
                key: "simulation.days",
                ..
            })
        ));
    }

    #[test]
    fn shared_names_fall_back_to_file_stems() {
        let items = [
            (PathBuf::from("x/base.toml"), scenario("steem")),
            (PathBuf::from("x/copy.toml"), scenario("steem")),
            (PathBuf::from("x/other.toml"), scenario("other-name")),
        ];
        assert_eq!(
            variant_names(&variants(&items)).unwrap(),
            ["base", "copy", "other-name"]
        );
        let same_file = [
            (PathBuf::from("a/base.toml"), scenario("steem")),
            (PathBuf::from("b/base.toml"), scenario("steem")),
        ];
        let error = variant_names(&variants(&same_file)).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("a/base.toml and b/base.toml: both variants would be named 'base'"),
            "{error}"
        );
    }

    #[test]
    fn outcomes_come_back_by_variant_and_replicate() {
        let (a, mut b) = (scenario("a"), scenario("b"));
        b.inflation.start_block = a.inflation.start_block + 1_000_000;
        let mut calls = 0;
        let runs = run(&[&a, &b], 2, || calls += 1);
        assert_eq!(calls, 4);
        assert_eq!(runs.outcomes.len(), 2);
        assert_eq!(runs.tables.len(), 2);
        for (variant, scenario) in [&a, &b].into_iter().enumerate() {
            for replicate in 0..2 {
                let alone =
                    crate::engine::run(scenario, replicate, &mut crate::engine::Silent).unwrap();
                let r = replicate as usize;
                assert_eq!(runs.outcomes[variant][r].as_ref().unwrap(), &alone.summary);
                let kept = &runs.tables[variant][r];
                assert_eq!(kept.days, alone.days);
                assert_eq!(kept.cohorts, alone.cohorts);
                assert_eq!(kept.payouts, alone.payouts);
                assert!(!kept.payouts.is_empty());
                // Accounts of replicate 0 only.
                assert_eq!(kept.accounts.is_empty(), replicate != 0);
                if replicate == 0 {
                    assert_eq!(kept.accounts, alone.accounts);
                }
            }
        }
    }
}
