//! Experiments own runs and seeds: which replicates run, with which derived seeds, and in
//! which order their results come out (always replicate order). [`calibration`] runs the
//! calibration presets and checks them against evidence.md's targets.

pub mod calibration;

use crate::engine::{self, EngineError, Observer, RunResult};
use crate::scenario::Scenario;

/// Runs every replicate of `scenario` in order and returns their results in replicate order.
pub fn run_replicates(
    scenario: &Scenario,
    observer: &mut dyn Observer,
) -> Result<Vec<RunResult>, EngineError> {
    (0..scenario.simulation.replicates)
        .map(|replicate| engine::run(scenario, replicate, observer))
        .collect()
}
