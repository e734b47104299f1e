//! Experiments own runs and seeds: which replicates run, with which derived seeds, and in
//! which order their results come out (always replicate order). [`calibration`] runs the
//! calibration presets and checks them against evidence.md's targets; [`compare`] runs
//! variants of a scenario on common random numbers and compares them replicate by
//! replicate; [`sweep`] plans a sweep's runs and shards.

pub mod calibration;
pub mod compare;
pub mod sweep;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::engine::{self, EngineError, Observer, RunResult, Silent};
use crate::scenario::Scenario;

/// One run of a batch: a scenario and which of its replicates.
#[derive(Debug, Clone, Copy)]
pub struct RunSpec<'a> {
    /// The scenario, complete and valid.
    pub scenario: &'a Scenario,
    /// The replicate (its streams derive from the scenario's seed and this index).
    pub replicate: u32,
}

/// Why one run of a batch produced no result. The batch goes on without it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RunFailure {
    /// The engine stopped the run (a broken invariant or a mechanics error).
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// The run panicked: a bug, reported with its message instead of ending the batch.
    #[error("the run panicked: {0}")]
    Panicked(String),
}

/// Runs every spec of `runs` and hands each finished run to `done` with its index in
/// `runs`, in the order they finish, one call at a time. With at least as many runs as
/// rayon has threads, each thread takes the next waiting run and runs it alone on a
/// one-thread pool (many small runs gain nothing from splitting each one); with fewer,
/// they run one after another, each parallel inside. A run's result does not depend on
/// either, so callers that write in index order get the same files whatever the thread
/// count. Results are not kept: `done` decides what stays in memory.
pub fn run_each<F>(runs: &[RunSpec<'_>], done: F)
where
    F: FnMut(usize, Result<RunResult, RunFailure>) + Send,
{
    let done = Mutex::new(done);
    let hand_over = |index: usize, result| {
        let mut done = done.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        (*done)(index, result);
    };
    let threads = rayon::current_num_threads();
    if runs.len() < threads.max(2) {
        for (index, spec) in runs.iter().enumerate() {
            hand_over(index, run_caught(spec));
        }
        return;
    }
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let alone = rayon::ThreadPoolBuilder::new().num_threads(1).build();
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(spec) = runs.get(index) else {
                        break;
                    };
                    let result = match &alone {
                        Ok(pool) => pool.install(|| run_caught(spec)),
                        Err(_) => run_caught(spec),
                    };
                    hand_over(index, result);
                }
            });
        }
    });
}

/// One run, with a panic caught and reported as its failure.
fn run_caught(spec: &RunSpec<'_>) -> Result<RunResult, RunFailure> {
    catch_unwind(AssertUnwindSafe(|| {
        engine::run(spec.scenario, spec.replicate, &mut Silent)
    }))
    .map_err(|panic| RunFailure::Panicked(panic_message(panic.as_ref())))
    .and_then(|result| result.map_err(RunFailure::from))
}

/// The message of a caught panic, if it carried one.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        "(no message)".to_owned()
    }
}

/// Runs every replicate of `scenario` in order and returns their results in replicate order.
pub fn run_replicates(
    scenario: &Scenario,
    observer: &mut dyn Observer,
) -> Result<Vec<RunResult>, EngineError> {
    (0..scenario.simulation.replicates)
        .map(|replicate| engine::run(scenario, replicate, observer))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small(seed: u64) -> Scenario {
        let mut scenario = Scenario::default();
        scenario.population.accounts = 200;
        scenario.simulation.days = 3;
        scenario.simulation.warmup_days = 0;
        scenario.simulation.seed = seed;
        scenario.output.charts = false;
        scenario
    }

    #[test]
    fn every_run_is_handed_over_once_and_equals_a_run_on_its_own() {
        let (a, b) = (small(1), small(2));
        let runs = [
            RunSpec {
                scenario: &a,
                replicate: 0,
            },
            RunSpec {
                scenario: &b,
                replicate: 0,
            },
            RunSpec {
                scenario: &a,
                replicate: 1,
            },
        ];
        let mut got: Vec<Option<RunResult>> = vec![None; runs.len()];
        run_each(&runs, |index, result| {
            assert!(got[index].is_none());
            got[index] = Some(result.expect("a valid scenario runs"));
        });
        for (spec, result) in runs.iter().zip(&got) {
            let alone = engine::run(spec.scenario, spec.replicate, &mut Silent).unwrap();
            assert_eq!(result.as_ref(), Some(&alone));
        }
    }

    #[test]
    fn panic_messages_are_kept() {
        let caught = catch_unwind(|| panic!("boom {}", 7)).unwrap_err();
        assert_eq!(panic_message(caught.as_ref()), "boom 7");
        let caught = catch_unwind(|| panic!("plain")).unwrap_err();
        assert_eq!(panic_message(caught.as_ref()), "plain");
    }
}
