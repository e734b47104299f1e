//! The progress bars: `run`'s [`ProgressBar`], one bar on standard error over all days
//! (warm-up included) of all replicates, and [`RunsBar`], one over whole runs for commands
//! that run many at once (`compare`). Drawn only when standard error is a terminal and
//! `--quiet` is not given. [`ProgressBar`] is an [`Observer`], so the engine knows nothing
//! about terminals.

use std::io::IsTerminal;

use indicatif::{ProgressDrawTarget, ProgressStyle};

use crate::engine::Observer;
use crate::scenario::Scenario;

/// A progress bar over `replicates × (warmup_days + days)` simulated days.
#[derive(Debug)]
pub struct ProgressBar {
    bar: indicatif::ProgressBar,
}

impl ProgressBar {
    /// A bar for `scenario`; drawn if `visible` and standard error is a terminal, otherwise
    /// hidden (updates cost next to nothing).
    pub fn new(scenario: &Scenario, visible: bool) -> ProgressBar {
        let simulation = &scenario.simulation;
        let days = u64::from(simulation.warmup_days) + u64::from(simulation.days);
        let length = days * u64::from(simulation.replicates);
        let target = if visible && std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = indicatif::ProgressBar::with_draw_target(Some(length), target);
        let template =
            "{spinner} simulating [{elapsed_precise}] {wide_bar} {pos}/{len} days, {eta} left";
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        ProgressBar { bar }
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }

    /// Days done so far over all replicates.
    pub fn position(&self) -> u64 {
        self.bar.position()
    }
}

impl Observer for ProgressBar {
    fn day_finished(&mut self, replicate: u32, done: u32, total: u32) {
        self.bar
            .set_position(u64::from(replicate) * u64::from(total) + u64::from(done));
    }
}

/// A progress bar over whole runs of a batch (`sweep`, `compare`: every replicate of
/// every variant), with the runs done and the time left; drawn under the same conditions
/// as [`ProgressBar`].
#[derive(Debug)]
pub struct RunsBar {
    bar: indicatif::ProgressBar,
}

impl RunsBar {
    /// A bar over `runs` runs; drawn if `visible` and standard error is a terminal.
    pub fn new(runs: u64, visible: bool) -> RunsBar {
        let drawn = visible && std::io::stderr().is_terminal();
        let target = if drawn {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = indicatif::ProgressBar::with_draw_target(Some(runs), target);
        let template =
            "{spinner} simulating [{elapsed_precise}] {wide_bar} {pos}/{len} runs, {eta} left";
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        if drawn {
            // Runs take seconds each: tick so the elapsed time moves between them.
            bar.enable_steady_tick(std::time::Duration::from_millis(250));
        }
        RunsBar { bar }
    }

    /// One more run has finished.
    pub fn run_finished(&self) {
        self.bar.inc(1);
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }

    /// Runs done so far.
    pub fn position(&self) -> u64 {
        self.bar.position()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_days_over_replicates() {
        let mut scenario = Scenario::default();
        scenario.simulation.days = 10;
        scenario.simulation.warmup_days = 2;
        scenario.simulation.replicates = 3;
        let mut bar = ProgressBar::new(&scenario, false);
        bar.day_finished(0, 12, 12);
        assert_eq!(bar.position(), 12);
        bar.day_finished(2, 5, 12);
        assert_eq!(bar.position(), 29);
        bar.finish();
    }

    #[test]
    fn runs_bar_counts_runs() {
        let bar = RunsBar::new(6, false);
        bar.run_finished();
        bar.run_finished();
        assert_eq!(bar.position(), 2);
        bar.finish();
    }
}
